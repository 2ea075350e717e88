import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'calendar/index': 'src/calendar/index.ts',
    'calendar/provisional': 'src/calendar/provisional.ts',
    'calendar/file': 'src/calendar/file.ts',
    'notice/index': 'src/notice/index.ts',
    'engine/index': 'src/engine/index.ts',
    'store/index': 'src/store/index.ts',
    'proof/index': 'src/proof/index.ts',
    'machines/index': 'src/machines/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
});
