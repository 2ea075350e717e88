// `npm test`: the whole suite from a fresh clone — install, lint, typecheck, unit tests, build,
// bundle-size limits, Storybook build, and browser end-to-end tests in Debian's Chromium.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bin, env, install, readJson, root, run, step } from './lib.mjs';

const started = Date.now();
install();

step('lint (biome)');
run(bin('biome'), ['ci', '.']);

step('typecheck, unit tests, build, size limits, storybook (turbo)');
run(bin('turbo'), [
  'run',
  'typecheck',
  'test',
  'build',
  'size',
  'build-storybook',
  '--concurrency=2',
  '--output-logs=new-only',
]);

// The calendar must give the same answers whatever the host's time zone (Asia/Shanghai dates).
step('core again under TZ=America/Los_Angeles');
run(bin('pnpm'), ['--filter', '@yishi/core', 'exec', 'vitest', 'run', '--reporter=dot'], {
  env: { ...env, TZ: 'America/Los_Angeles' },
});

step('browser: Chromium');
const { ensureChromium } = await import('./ensure-chromium.mjs');
const chromium = await ensureChromium({ log: (m) => console.log(m) });
env.CHROMIUM_PATH = chromium;
console.log(`using ${chromium}`);

step('browser end-to-end tests and accessibility (turbo)');
run(bin('turbo'), ['run', 'e2e', '--concurrency=1', '--output-logs=full'], {
  env: { ...env, CHROMIUM_PATH: chromium },
});

// Sum the results every package wrote (vitest's JSON report, and the browser runs'
// .e2e-result.json), so one closing line says how many tests ran.
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const dir of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, dir))) {
    const unit = join(root, dir, name, '.vitest-result.json');
    if (existsSync(unit)) {
      const r = readJson(unit);
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      skipped += r.numPendingTests + (r.numTodoTests ?? 0);
      rows.push(
        `${`${dir}/${name}`.padEnd(24)} unit     ${r.numPassedTests} passed, ${r.numFailedTests} failed`,
      );
    }
    const e2e = join(root, dir, name, '.e2e-result.json');
    if (existsSync(e2e)) {
      const r = readJson(e2e);
      passed += r.passed;
      failed += r.failed;
      rows.push(`${`${dir}/${name}`.padEnd(24)} browser  ${r.passed} passed, ${r.failed} failed`);
    }
  }
}
step('summary');
console.log(rows.join('\n'));
console.log(`took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) process.exit(1);
