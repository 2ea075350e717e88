import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    reporters: ['default', ['json', { outputFile: '.vitest-result.json' }]],
    // Generous limits: the suite must stay green on a 2-core machine that is busy with other work.
    // Heavy tests (model paths, property tests) set their own, larger limits; none measures time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
