// Shared helpers for the root commands (`npm start`, `npm test`). Node builtins only: these run
// before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM = ['-y', 'pnpm@12.4.2'];

export const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  STORYBOOK_DISABLE_TELEMETRY: '1',
  DO_NOT_TRACK: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0'),
};

export function step(title) {
  const line = '─'.repeat(Math.max(0, 72 - title.length));
  console.log(`\n── ${title} ${line}`);
}

/** Run a command, streaming its output; exit the whole process on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env, ...opts });
  if (r.error) {
    console.error(`✗ could not run ${cmd}: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`✗ ${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
}

export const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Install dependencies with the pinned pnpm, through npx (no corepack, no global install). */
export function install() {
  const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
  const stamp = join(root, 'node_modules', '.modules.yaml');
  step(existsSync(stamp) ? 'install (checking)' : 'install');
  run('npx', [...PNPM, 'install', ...frozen, '--reporter=append-only']);
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
