// Before any test file: the bundle, server and browser tests load dist/, so build it when stale.
import { buildIfStale } from '../scripts/build-if-stale.mjs';

export default function setup(): void {
  buildIfStale();
}
