// `npm start`: install, build the demo and what it needs, and serve it on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bin, env, install, root, run, step } from './lib.mjs';

install();
step('build the demo and its packages');
run(bin('turbo'), ['run', 'build', '--filter=@yishi/demo...', '--output-logs=errors-only']);
step('serve the demo');
const port = process.env.PORT ?? '4173';
console.log(`yishi demo → http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
// vite runs directly (not through `pnpm exec`, which reports a stopped child as a failure). Ctrl+C
// reaches vite and this process alike: this process waits for vite to stop, then exits quietly.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
const vite = spawnSync(
  join(root, 'apps', 'demo', 'node_modules', '.bin', 'vite'),
  ['preview', '--host', '127.0.0.1', '--port', port, '--strictPort'],
  { stdio: 'inherit', cwd: join(root, 'apps', 'demo'), env },
);
const stopped =
  vite.signal === 'SIGINT' || vite.signal === 'SIGTERM' || vite.status === 130 || vite.status === 0;
if (vite.error) {
  console.error(`✗ could not start vite: ${vite.error.message}`);
  process.exit(1);
}
if (stopped) {
  console.log('\nyishi demo stopped.');
  process.exit(0);
}
console.error(`✗ vite preview exited with ${vite.status ?? vite.signal}`);
process.exit(vite.status ?? 1);
