import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    reporters: ['default', ['json', { outputFile: '.vitest-result.json' }]],
    // Generous limits: the suite must stay green on a 2-core machine that is busy with other work.
    // Heavy tests (model paths, property tests) set their own, larger limits; none measures time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
