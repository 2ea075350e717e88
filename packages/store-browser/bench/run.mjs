#!/usr/bin/env node
/**
 * `pnpm bench` for the browser store: bundles bench/page.ts, serves it on 127.0.0.1 and runs it in
 * Debian's Chromium (CHROMIUM_PATH) on a fresh profile; prints appends and entries per second and
 * the time to read the stream back, for the store and, from the same run, the memory store and
 * bare IndexedDB (see bench/page.ts). Closes the browser and the server, removes its directories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, serveStatic } from '../../../scripts/browser-kit.mjs';
import { bundlePage, chromiumPath } from '../e2e/site.mjs';

async function main() {
  const executablePath = chromiumPath('store-browser bench');
  if (executablePath === null) return 1;
  const site = await bundlePage(fileURLToPath(new URL('page.ts', import.meta.url)), 'yishi: store bench');
  const userDataDir = mkdtempSync(join(tmpdir(), 'yishi-store-browser-bench-'));
  let server;
  let context;
  try {
    const served = await serveStatic(site.dir);
    server = served.server;
    const { url } = served;
    context = await chromium.launchPersistentContext(userDataDir, { executablePath, args: CHROMIUM_FLAGS });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });
    const rows = await page.evaluate(() => window.yishiBench());
    console.log(`Chromium ${context.browser()?.version() ?? ''}`.trim());
    const w = Math.max(...rows.map((r) => r.variant.length));
    console.log(`${'variant'.padEnd(w)}  appends/s  entries/s  read back (ms)`);
    for (const r of rows) {
      console.log(
        `${r.variant.padEnd(w)}  ${String(r.appendsPerSecond).padStart(9)}  ${String(r.entriesPerSecond).padStart(9)}  ${String(r.readAllMs).padStart(14)}`,
      );
    }
    return 0;
  } finally {
    await context?.close().catch(() => {});
    if (server) await new Promise((r) => server.close(() => r(undefined)));
    rmSync(userDataDir, { recursive: true, force: true });
    site.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('store-browser bench:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
