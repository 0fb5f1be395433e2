// Before any test file: the bundle, server and browser tests load dist/, so build it when stale.
import { buildIfStale } from '../scripts/build-if-stale.mjs';

// A failed build does not stop the suite: the tests of src/ still run and say what they see,
// and the bundle tests fail on their own (CI builds before it tests, so it stops there first).
export default function setup(): void {
  try {
    buildIfStale();
  } catch (error) {
    console.error(`\nThe bundles could not be built; tests of dist/ will see stale files: ${(error as Error).message}\n`);
  }
}
