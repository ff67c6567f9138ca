import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Typed linting creates a TypeScript program per fixture project; give it room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The leak detector's tests need a GC they can trigger.
    execArgv: ['--expose-gc'],
  },
});
