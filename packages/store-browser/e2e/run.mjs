#!/usr/bin/env node
/**
 * The browser store in the real Chromium (Debian's, through playwright-core): bundles e2e/page.ts
 * with esbuild into a temporary directory, serves it on 127.0.0.1 at a free port, and checks
 * - every case of the shared conformance suite and of the IndexedDB cases, in the page's own
 *   IndexedDB;
 * - that a reload keeps every entry, request id and position;
 * - two tabs of the origin: racing at the same version (exactly one stored each time), and
 *   appending to one stream with retries (every append stored once, one intact chain);
 * - another tab's old connection blocking an upgrade (a clear refusal), and a store closing
 *   itself when another tab upgrades;
 * - that a browser restarted on the same profile still has what was appended.
 * Writes .e2e-result.json for `npm test`'s count. Always closes the browser and the server and
 * removes its temporary directories.
 *
 *   CHROMIUM_PATH=/path/to/chromium node e2e/run.mjs
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, serveStatic } from '../../../scripts/browser-kit.mjs';
import { bundlePage, chromiumPath } from './site.mjs';

function assert(cond, message) {
  if (!cond) throw new Error(message);
}
const json = (x) => JSON.stringify(x);

async function openPage(context, url, errors) {
  const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${url}/`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });
  return page;
}

/** Calls `window.yishiE2E[fn](...args)` in `page`. */
const call = (page, fn, ...args) => page.evaluate(([f, a]) => window.yishiE2E[f](...a), [fn, args]);

async function main() {
  const executablePath = chromiumPath('store-browser e2e');
  if (executablePath === null) return 1;
  const started = Date.now();
  const results = [];
  const check = async (name, fn) => {
    const t0 = Date.now();
    try {
      const note = await fn();
      results.push({ name, ok: true });
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)${note ? `: ${note}` : ''}`);
    } catch (err) {
      results.push({ name, ok: false });
      console.log(
        `  ✗ ${name}\n      ${err instanceof Error ? err.message.split('\n').join('\n      ') : err}`,
      );
    }
  };

  const site = await bundlePage(
    fileURLToPath(new URL('page.ts', import.meta.url)),
    'yishi: the IndexedDB store',
  );
  const userDataDir = mkdtempSync(join(tmpdir(), 'yishi-store-browser-e2e-'));
  let server;
  let context;
  try {
    const served = await serveStatic(site.dir);
    server = served.server;
    const { url } = served;
    const launch = () =>
      chromium.launchPersistentContext(userDataDir, { executablePath, args: CHROMIUM_FLAGS });
    const errors = [];
    context = await launch();
    const page = await openPage(context, url, errors);

    // 1. Every case, in the page's own IndexedDB.
    const cases = await call(page, 'cases');
    assert(cases.length > 20, `only ${cases.length} cases in the page`);
    for (const name of cases) {
      await check(name, async () => {
        const r = await call(page, 'runCase', name);
        assert(r.ok, r.error);
      });
    }

    // 2. A reload.
    const kept = 'yishi-e2e-reload';
    let before;
    await check('a reload keeps every entry, request id and position', async () => {
      await call(page, 'appendWithRetries', kept, '梅园', 20, 'reload', 0);
      before = await call(page, 'readChain', kept, '梅园');
      await call(page, 'close', kept);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });
      const after = await call(page, 'readChain', kept, '梅园');
      assert(before.hashes.length === 20 && before.problems.length === 0, `before: ${json(before)}`);
      assert(json(after) === json(before), `after the reload: ${json(after)}\nbefore: ${json(before)}`);
      await call(page, 'close', kept);
    });

    // 3. Two tabs.
    const tabs = [page, await openPage(context, url, errors)];
    await check(
      'two tabs appending at the same version: one is stored each time, the other is a VERSION_CONFLICT',
      async () => {
        const name = 'yishi-e2e-race';
        for (let round = 0; round < 20; round++) {
          await Promise.all(tabs.map((t) => call(t, 'readHead', name, 'c1')));
          const rs = await Promise.all(tabs.map((t, i) => call(t, 'appendAt', name, 'c1', 1000 * i + round)));
          assert(json([...rs].sort()) === json(['VERSION_CONFLICT', 'ok']), `round ${round}: ${json(rs)}`);
        }
        const chain = await call(tabs[1], 'readChain', name, 'c1');
        assert(chain.hashes.length === 20 && chain.problems.length === 0, json(chain));
        await Promise.all(tabs.map((t) => call(t, 'close', name)));
      },
    );
    await check(
      'two tabs appending to one stream with retries: every append stored once, one intact chain',
      async () => {
        const name = 'yishi-e2e-tabs';
        const n = 60;
        const runs = await Promise.all(
          tabs.map((t, i) => call(t, 'appendWithRetries', name, 'c1', n, `tab${i}`, 100_000 * i)),
        );
        const chain = await call(tabs[0], 'readChain', name, 'c1');
        assert(chain.problems.length === 0, chain.problems.join('; '));
        const expected = tabs.flatMap((_, t) => Array.from({ length: n }, (_, i) => `tab${t}-${i}`)).sort();
        assert(
          json([...chain.requestIds].sort()) === json(expected),
          `request ids: ${json(chain.requestIds)}`,
        );
        const positions = chain.positions.map(Number);
        assert(
          positions.every((p, i) => i === 0 || p > positions[i - 1]),
          `positions not increasing: ${json(chain.positions)}`,
        );
        await Promise.all(tabs.map((t) => call(t, 'close', name)));
        return `${chain.hashes.length} entries, ${runs[0].conflicts + runs[1].conflicts} conflicts retried`;
      },
    );
    await check(
      "another tab's old connection blocks an upgrade, which is refused with a clear error",
      async () => {
        const name = 'yishi-e2e-blocked';
        await call(tabs[0], 'appendWithRetries', name, 'c1', 1, 'x', 0);
        await call(tabs[0], 'close', name);
        await call(tabs[0], 'hold', name);
        const refused = await call(tabs[1], 'upgrade', name);
        assert(refused.startsWith('STORE_CLOSED (blocked): '), `while held: ${refused}`);
        assert(refused.includes('another tab'), `the message: ${refused}`);
        await call(tabs[0], 'release');
        const upgraded = await call(tabs[1], 'upgrade', name);
        assert(upgraded === 'ok, 1 entries', `once released: ${upgraded}`);
      },
    );
    await check('a store open in one tab closes itself when another tab upgrades, and says why', async () => {
      const name = 'yishi-e2e-upgraded';
      await call(tabs[0], 'appendWithRetries', name, 'c1', 2, 'x', 0);
      assert((await call(tabs[0], 'probe', name)) === 'ok, version 2', 'the store works before');
      const upgraded = await call(tabs[1], 'upgrade', name);
      assert(upgraded === 'ok, 2 entries', `the upgrade: ${upgraded}`);
      const after = await call(tabs[0], 'probe', name);
      assert(after.startsWith('STORE_CLOSED (upgraded elsewhere): '), `the old tab's store: ${after}`);
      await call(tabs[0], 'close', name);
    });
    await check('no page error', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });

    // 4. A restart on the same profile.
    await check('a browser restarted on the same profile still has them', async () => {
      await context.close();
      context = await launch();
      const again = await openPage(context, url, errors);
      const after = await call(again, 'readChain', kept, '梅园');
      assert(json(after) === json(before), `after the restart: ${json(after)}`);
      await call(again, 'close', kept);
    });
  } finally {
    await context?.close().catch(() => {});
    if (server) await new Promise((r) => server.close(() => r(undefined)));
    rmSync(userDataDir, { recursive: true, force: true });
    site.remove();
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(
    `store-browser e2e: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
  // The root `npm test` adds these to its closing count.
  writeFileSync(new URL('../.e2e-result.json', import.meta.url), JSON.stringify({ passed, failed }));
  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('store-browser e2e:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
