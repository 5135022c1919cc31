import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The spec conformance test converts and checks thousands of modules.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
