#!/usr/bin/env node
/**
 * Accessibility check of the built Storybook: serves storybook-static on 127.0.0.1 (random free
 * port), opens every story's iframe in Debian Chromium through playwright-core, runs axe-core in
 * the page the way @storybook/addon-a11y does (body, minus Storybook's own chrome, `region` off),
 * and fails on any violation.
 *
 * Needs `storybook build` first (`pnpm build-storybook`); it builds nothing itself.
 *   CHROMIUM_PATH=/path/to/chromium node scripts/storybook-axe.mjs
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, serveStatic } from '../../../scripts/browser-kit.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..', 'storybook-static');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const CONCURRENCY = 3;

/** Opens one story's iframe and runs our own axe instance over it. */
async function checkStory(page, url, story) {
  await page.goto(`${url}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
  // Storybook renders into #storybook-root; wait for the story's own content to appear.
  await page.waitForSelector('#storybook-root > *', { timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('.sb-show-preparing-story'), null, {
    timeout: 15_000,
  });
  // Our own axe instance under its own name: the a11y addon's bundled copy may be mid-run.
  await page.addScriptTag({
    content: `(() => { const prev = window.axe; ${axeSource}\n; window.__yishiAxe = window.axe; window.axe = prev; })();`,
  });
  return page.evaluate(async () => {
    const axe = window.__yishiAxe;
    const r = await axe.run(
      {
        include: [document.body],
        exclude: [['.sb-wrapper'], ['#storybook-docs'], ['#storybook-highlights-root']],
      },
      { rules: { region: { enabled: false } } },
    );
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      })),
    };
  });
}

async function main() {
  if (!existsSync(join(root, 'index.json'))) {
    console.error(
      `storybook-axe: ${root}/index.json is missing. Build Storybook first: pnpm build-storybook`,
    );
    return 1;
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(
      `storybook-axe: no Chromium at ${executablePath}. Run \`node scripts/ensure-chromium.mjs\` from the repo root ` +
        '(or `sudo apt-get install -y chromium`), or set CHROMIUM_PATH.',
    );
    return 1;
  }
  const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
  const stories = Object.values(index.entries).filter((e) => e.type === 'story');
  if (stories.length === 0) {
    console.error('storybook-axe: the built Storybook has no stories');
    return 1;
  }

  const started = Date.now();
  const { server, url } = await serveStatic(root);
  const userDataDir = mkdtempSync(join(tmpdir(), 'yishi-sb-axe-'));
  let context;
  let failed = 0;
  try {
    context = await chromium.launchPersistentContext(userDataDir, { executablePath, args: CHROMIUM_FLAGS });
    // A few pages side by side: each story is a fresh iframe load, which dominates the run time.
    const queue = [...stories];
    const report = new Map();
    const worker = async (page) => {
      const pageErrors = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      for (let story = queue.shift(); story; story = queue.shift()) {
        pageErrors.length = 0;
        try {
          report.set(story.id, { ...(await checkStory(page, url, story)), pageErrors: [...pageErrors] });
        } catch (err) {
          const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
          report.set(story.id, { passes: 0, violations: [], pageErrors: [...pageErrors, message] });
        }
      }
    };
    const first = context.pages()[0] ?? (await context.newPage());
    const pages = [
      first,
      ...(await Promise.all(Array.from({ length: CONCURRENCY - 1 }, () => context.newPage()))),
    ];
    await Promise.all(pages.map(worker));
    for (const story of stories) {
      const { passes, violations, pageErrors } = report.get(story.id);
      if (violations.length === 0 && pageErrors.length === 0) {
        console.log(`  ✓ ${story.title} › ${story.name} (${passes} rules passed)`);
      } else {
        failed++;
        const errorNote = pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : '';
        console.log(`  ✗ ${story.title} › ${story.name}${errorNote}`);
        for (const v of violations)
          console.log(`      ${v.id} [${v.impact}] ${v.help}: ${v.targets.join(', ')}`);
      }
    }
  } finally {
    await context?.close();
    await new Promise((r) => server.close(() => r(undefined)));
    rmSync(userDataDir, { recursive: true, force: true });
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `storybook-axe: ${stories.length - failed} passed, ${failed} failed (${stories.length} stories, ${secs}s)`,
  );
  // The root `npm test` adds these to its closing count.
  writeFileSync(
    new URL('../.e2e-result.json', import.meta.url),
    JSON.stringify({ passed: stories.length - failed, failed }),
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('storybook-axe:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
