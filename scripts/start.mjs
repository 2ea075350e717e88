// `npm start`: install, build the demo and what it needs, and serve it on 127.0.0.1.
import { bin, install, run, step } from './lib.mjs';

install();
step('build the demo and its packages');
run(bin('turbo'), ['run', 'build', '--filter=@yishi/demo...', '--output-logs=errors-only']);
step('serve the demo');
const port = process.env.PORT ?? '4173';
console.log(`yishi demo → http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
run(bin('pnpm'), [
  '--filter',
  '@yishi/demo',
  'exec',
  'vite',
  'preview',
  '--host',
  '127.0.0.1',
  '--port',
  port,
  '--strictPort',
]);
