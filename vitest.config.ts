import { defineConfig } from 'vitest/config';
import { hasChromium } from './scripts/ensure-chromium.mjs';

// Without Chromium (a developer machine that is not root) the browser tests are left out and
// `npm test` runs the rest; CI always runs them, and fails if the browser is missing.
const browserTests = hasChromium() || process.env.CI ? [] : ['test/e2e/**'];

export default defineConfig({
  test: {
    // Node by default: a jsdom window costs about a second per file. A file that needs a DOM, or
    // tests what docs/testing.md runs under jsdom, starts with `// @vitest-environment jsdom`.
    environment: 'node',
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...browserTests],
    globalSetup: ['test/global-setup.ts'],
    restoreMocks: true,
  },
});
