import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    restoreMocks: true,
  },
});
