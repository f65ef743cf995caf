import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
    // Both cores: the default leaves one idle on the 2-core machines CI runs on (254 s → 160 s).
    maxWorkers: 2,
  },
});
