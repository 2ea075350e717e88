import { defineConfig } from 'tsup';

export default defineConfig({
  // Separate entries, so a PostgreSQL deployment never loads better-sqlite3's native addon.
  entry: ['src/index.ts', 'src/sqlite.ts', 'src/postgres.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  platform: 'node',
  external: ['better-sqlite3', 'pg', '@yishi/core'],
});
