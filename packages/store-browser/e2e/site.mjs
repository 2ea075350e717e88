// What the browser runs of this package share (e2e/run.mjs, bench/run.mjs): the Chromium to drive,
// and a page bundled with esbuild from one TypeScript entry into a temporary directory to serve.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Debian's Chromium (or CHROMIUM_PATH); null, after saying how to get one, when there is none. */
export function chromiumPath(tag) {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  console.error(
    `${tag}: no Chromium at ${path}. Run \`node scripts/ensure-chromium.mjs\` from the repo root ` +
      '(or `sudo apt-get install -y chromium`), or set CHROMIUM_PATH.',
  );
  return null;
}

/** Bundles `entry` as page.js beside an index.html that loads it; `remove()` deletes the directory. */
export async function bundlePage(entry, title) {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-store-browser-site-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
        `<title>${title}</title></head>\n<body><script type="module" src="./page.js"></script></body></html>\n`,
    );
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: join(dir, 'page.js'),
      sourcemap: 'inline',
      logLevel: 'warning',
      // @yishi/core's chunks are imported for their exports only; its `sideEffects: false` is right.
      logOverride: { 'ignored-bare-import': 'silent' },
    });
  } catch (e) {
    remove();
    throw e;
  }
  return { dir, remove };
}
