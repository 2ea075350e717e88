import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  // react, react-dom and @yishi/core are peer/dependencies and stay external; list the JSX runtime too.
  external: ['react', 'react-dom', 'react/jsx-runtime', '@yishi/core'],
});
