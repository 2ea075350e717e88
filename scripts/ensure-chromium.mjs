#!/usr/bin/env node
/**
 * Find (or, as root on Debian, install) the Chromium that browser tests drive through playwright-core.
 * No test tool may download its own browser here (see TOOLCHAIN.md), so the browser comes from
 * `CHROMIUM_PATH` or Debian's `chromium` package. Never skips silently: either a path or an Error.
 *
 *   import { ensureChromium } from './ensure-chromium.mjs';
 *   const executablePath = await ensureChromium({ log: console.log });
 *
 *   node scripts/ensure-chromium.mjs   # prints the path
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const HOW_TO_INSTALL =
  "Install Debian's Chromium with `sudo apt-get update && sudo apt-get install -y chromium` " +
  '(it lands at /usr/bin/chromium), or set CHROMIUM_PATH to an existing Chromium/Chrome executable.';

/**
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<string>} the Chromium executable path
 */
export async function ensureChromium({ log = () => {} } = {}) {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) {
      log(`chromium: using CHROMIUM_PATH=${fromEnv}`);
      return fromEnv;
    }
    log(`chromium: CHROMIUM_PATH=${fromEnv} does not exist; looking for ${DEBIAN_CHROMIUM}`);
  }
  if (existsSync(DEBIAN_CHROMIUM)) {
    log(`chromium: using ${DEBIAN_CHROMIUM}`);
    return DEBIAN_CHROMIUM;
  }

  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (isRoot && isDebian) {
    log(
      'chromium: not found; installing Debian package `chromium` (apt-get update && apt-get install -y chromium)',
    );
    run('apt-get', ['update'], log);
    run('apt-get', ['install', '-y', 'chromium', 'fonts-wqy-microhei'], log);
    if (existsSync(DEBIAN_CHROMIUM)) {
      log(`chromium: installed at ${DEBIAN_CHROMIUM}`);
      return DEBIAN_CHROMIUM;
    }
    throw new Error(
      `apt-get install -y chromium finished but ${DEBIAN_CHROMIUM} is missing. ${HOW_TO_INSTALL}`,
    );
  }

  const why = !isDebian
    ? 'this is not a Debian system'
    : 'not running as root, so it cannot be installed here';
  throw new Error(
    `Chromium not found (${fromEnv ? `CHROMIUM_PATH=${fromEnv} missing, ` : ''}no ${DEBIAN_CHROMIUM}; ${why}). ${HOW_TO_INSTALL}`,
  );
}

/** Runs a command with inherited stdio; throws if it fails. */
function run(cmd, args, log) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (res.error)
    throw new Error(`${cmd} ${args.join(' ')} could not start: ${res.error.message}. ${HOW_TO_INSTALL}`);
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}. ${HOW_TO_INSTALL}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const path = await ensureChromium({ log: (m) => console.error(m) });
    console.log(path);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
