import { defineConfig } from 'tsup';

/**
 * zod's `z` namespace re-exports every locale it ships (about 360 KB of the bundle, a third of
 * what a start must parse). yishi writes its own messages and never reads `z.locales`; zod itself
 * imports the English one directly, so the binary keeps only that.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build: { onLoad: (o: { filter: RegExp }, f: () => { contents: string; loader: 'js' }) => void }) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

export default defineConfig([
  // The library (`import { main } from '@yishi/cli'`): its dependencies stay packages.
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
  },
  // The `yishi` binary: one CommonJS bundle with its dependencies (zod, xstate, immer, the yishi
  // packages), so a start does not resolve and compile a few hundred small modules (about 70 ms of
  // a 100,000-unit tally); CommonJS so that bin/yishi.mjs can compile it with the V8 code cache
  // that scripts/code-cache.mjs writes after the build (see there). The heavy, rarely used readers
  // stay outside: exceljs (.xlsx), lunar-typescript (--provisional) and the SQL stores (export) are
  // required from node_modules only when a command needs them.
  {
    entry: { yishi: 'src/bin.ts' },
    outDir: 'dist-bin',
    format: ['cjs'],
    splitting: false,
    dts: false,
    sourcemap: false,
    clean: true,
    target: 'node20',
    platform: 'node',
    noExternal: [/.*/],
    esbuildPlugins: [zodWithoutLocales],
    esbuildOptions(options) {
      options.external = ['exceljs', 'lunar-typescript', '@yishi/store-sql', 'better-sqlite3', 'pg'];
      // import() becomes require(): V8 code compiled from a cache (Node 20) loses the dynamic
      // import callback, and exceljs and @yishi/core/machines both have CommonJS builds
      options.supported = { ...options.supported, 'dynamic-import': false };
      // less text for V8 to parse at each start; identifiers kept, so a stack trace still reads
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
  },
]);
