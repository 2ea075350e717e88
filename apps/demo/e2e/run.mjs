#!/usr/bin/env node
/**
 * Browser end-to-end check of the built demo (apps/demo/dist; run `vite build` first, this builds
 * nothing). Serves dist on 127.0.0.1 at a free port, drives Debian Chromium through playwright-core
 * and checks: the page renders; keyboard-only ballot changes move the gauge and the outcome; the
 * parameter disclosure opens from the keyboard; switching to English works; axe finds no violation
 * in either language. Saves e2e/screenshot.png. Always closes the browser and the server.
 *
 *   CHROMIUM_PATH=/path/to/chromium node e2e/run.mjs
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, serveStatic } from '../../../scripts/browser-kit.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = resolve(here, '..', 'dist');
const screenshotPath = join(here, 'screenshot.png');

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Axe over the whole page; returns readable violations. */
async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  assert(results.passes.length > 0, 'axe checked nothing');
  return results.violations.map(
    (v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const outcome = (page) => page.locator('[data-yishi="tally-explanation"]').getAttribute('data-outcome');
const quorumGap = (page) =>
  page.locator('[data-yishi="quorum-gauge"][data-kind="quorum"] [data-part="gap"]').textContent();

async function main() {
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(
      `e2e: ${dist}/index.html is missing. Build the demo first: pnpm --filter @yishi/demo build`,
    );
    return 1;
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(
      `e2e: no Chromium at ${executablePath}. Run \`node scripts/ensure-chromium.mjs\` from the repo root ` +
        '(or `sudo apt-get install -y chromium`), or set CHROMIUM_PATH.',
    );
    return 1;
  }

  const started = Date.now();
  const results = [];
  const { server, url } = await serveStatic(dist);
  const userDataDir = mkdtempSync(join(tmpdir(), 'yishi-demo-e2e-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1440, height: 1000 },
      locale: 'zh-CN',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    const check = async (name, fn) => {
      const t0 = Date.now();
      try {
        await fn();
        results.push({ name, ok: true });
        console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
      } catch (err) {
        results.push({ name, ok: false });
        console.log(
          `  ✗ ${name}\n      ${err instanceof Error ? err.message.split('\n').join('\n      ') : err}`,
        );
      }
    };

    await page.goto(`${url}/`);

    await check('renders the page in zh-CN with its heading and a live tally', async () => {
      const h1 = page.getByRole('heading', { level: 1 });
      await h1.waitFor({ timeout: 10_000 });
      assert(
        (await h1.textContent())?.includes('业主大会表决演示'),
        `unexpected h1 "${await h1.textContent()}"`,
      );
      assert((await page.locator('html').getAttribute('lang')) === 'zh-CN', 'html lang is not zh-CN');
      assert(
        (await page.getByRole('meter').count()) === 4,
        'expected 4 meters (quorum and approval, area and headcount)',
      );
      assert(
        (await outcome(page)) === 'noQuorum',
        `sample should open without a quorum, got ${await outcome(page)}`,
      );
      const gap = await quorumGap(page);
      assert(/^还需 \d+ 名业主、[\d.]+ m² 参与表决。$/.test(gap ?? ''), `unexpected gap sentence "${gap}"`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });

    await check('axe: no violations (zh-CN)', async () => {
      const v = await axeViolations(page);
      assert(v.length === 0, v.join('\n'));
    });

    await check(
      'keyboard only: Tab to the ballots, arrow keys set four owners to agree → passes',
      async () => {
        const gapBefore = await quorumGap(page);
        const first = page.locator('table.ballots tbody tr[data-choice="none"] select').first();
        const firstOwner = await first.getAttribute('data-owner');
        // Tab from the top of the page until the first owner who has not voted has focus.
        await page.locator('body').focus();
        let reached = false;
        for (let i = 0; i < 80 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate(
            (o) => document.activeElement?.getAttribute('data-owner') === o,
            firstOwner,
          );
        }
        assert(reached, `Tab never reached the ballot of ${firstOwner}`);
        for (let n = 0; n < 4; n++) {
          const owner = await page.evaluate(() => document.activeElement?.getAttribute('data-owner'));
          await page.keyboard.press('ArrowDown'); // 未表决 → 同意
          const row = page.locator(`table.ballots tr:has(select[data-owner="${owner}"])`);
          assert(
            (await row.getAttribute('data-choice')) === 'agree',
            `ArrowDown did not set ${owner} to agree`,
          );
          if (n === 0) {
            const gapAfter = await quorumGap(page);
            assert(gapAfter !== gapBefore, 'the gauge did not move after one ballot changed');
          }
          if (n < 3) await page.keyboard.press('Tab');
        }
        assert((await outcome(page)) === 'passed', `expected passed, got ${await outcome(page)}`);
        const gauge = page.locator('[data-yishi="quorum-gauge"][data-kind="quorum"]');
        assert((await gauge.getAttribute('data-met')) === 'true', 'quorum gauge not marked met');
        assert(
          (await quorumGap(page)) === '已达到法定参与要求。',
          `unexpected gap "${await quorumGap(page)}"`,
        );
        const meters = page.locator('[data-yishi="quorum-gauge"][data-kind="quorum"] [role="meter"]');
        const text = await meters.first().getAttribute('aria-valuetext');
        assert(
          /^参与面积 [\d.]+%，法定 2\/3 以上，已达到$/.test(text ?? ''),
          `unexpected aria-valuetext "${text}"`,
        );
      },
    );

    await check('keyboard only: Enter opens the parameter list', async () => {
      const summary = page.locator(
        '[data-yishi="tally-explanation"] details[data-part="parameters"] > summary',
      );
      await summary.focus();
      await page.keyboard.press('Enter');
      const open = await page.locator('details[data-part="parameters"]').evaluate((d) => d.open);
      assert(open, 'details did not open on Enter');
      assert(
        (await page.locator('details[data-part="parameters"] tbody tr').count()) > 0,
        'no parameters listed',
      );
    });

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath, fullPage: true });

    await check('switches to English from the keyboard', async () => {
      const toggle = page.getByRole('button', { name: 'Switch to English' });
      await toggle.focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('heading', { level: 1, name: /Owners' assembly vote demo/ })
        .waitFor({ timeout: 5_000 });
      assert((await page.locator('html').getAttribute('lang')) === 'en', 'html lang is not en');
      const outcomeText = await page
        .locator('[data-yishi="tally-explanation"] [data-part="outcome"]')
        .textContent();
      assert(outcomeText === 'passed', `unexpected English outcome "${outcomeText}"`);
      assert(
        (await quorumGap(page)) === 'The quorum is met.',
        `unexpected English gap "${await quorumGap(page)}"`,
      );
      assert(
        (await page.locator('[data-yishi="tally-explanation"]').getAttribute('lang')) === 'en',
        'component lang not en',
      );
    });

    await check('axe: no violations (en)', async () => {
      const v = await axeViolations(page);
      assert(v.length === 0, v.join('\n'));
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });
  } finally {
    await context?.close().catch(() => {});
    await new Promise((r) => server.close(() => r(undefined)));
    rmSync(userDataDir, { recursive: true, force: true });
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`  screenshot: ${screenshotPath}`);
  console.log(`e2e: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  // The root `npm test` adds these to its closing count.
  writeFileSync(new URL('../.e2e-result.json', import.meta.url), JSON.stringify({ passed, failed }));
  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('e2e:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
