import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-result.json' }]],
    // A throw-away PostgreSQL cluster for the run (installed from Debian when missing).
    globalSetup: ['./test/postgresCluster.ts'],
    // Real databases and child processes on a busy 2-core machine: generous limits, no timings.
    testTimeout: 180_000,
    // One file at a time: PostgreSQL's readAll shows an entry only once every older write
    // transaction in the cluster has ended, so another file's writers would delay what a
    // conformance case expects to read at once (a lag the contract allows, not a skip).
    fileParallelism: false,
    hookTimeout: 180_000,
  },
});
