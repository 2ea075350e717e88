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

step('browser: Chromium');
const { ensureChromium } = await import('./ensure-chromium.mjs');
const chromium = await ensureChromium({ log: (m) => console.log(m) });
env.CHROMIUM_PATH = chromium;
console.log(`using ${chromium}`);

step('browser end-to-end tests and accessibility (turbo)');
run(bin('turbo'), ['run', 'e2e', '--concurrency=1', '--output-logs=full'], {
  env: { ...env, CHROMIUM_PATH: chromium },
});

// Sum the vitest results every package wrote, so one line says how many tests ran.
let passed = 0;
let failed = 0;
let skipped = 0;
const perPackage = [];
for (const dir of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, dir))) {
    const file = join(root, dir, name, '.vitest-result.json');
    if (!existsSync(file)) continue;
    const r = readJson(file);
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    perPackage.push(`${dir}/${name}: ${r.numPassedTests}`);
  }
}
step('summary');
console.log(perPackage.join('\n'));
console.log(
  `unit tests: ${passed + failed + skipped} in ${perPackage.length} packages; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) process.exit(1);
