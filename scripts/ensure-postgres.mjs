#!/usr/bin/env node
/**
 * Find (or, as root on Debian, install) the PostgreSQL server binaries that @yishi/store-sql's
 * tests start a throw-away cluster with. Debian's `postgresql` package puts them in
 * /usr/lib/postgresql/<major>/bin. Never skips silently: either a bin directory or an Error.
 *
 *   import { ensurePostgres } from './ensure-postgres.mjs';
 *   const { bin, major } = await ensurePostgres({ log: console.log });
 *
 *   node scripts/ensure-postgres.mjs   # prints the bin directory
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEBIAN_POSTGRES = '/usr/lib/postgresql';

const HOW_TO_INSTALL =
  "Install Debian's PostgreSQL server with `sudo apt-get update && sudo apt-get install -y postgresql` " +
  '(its binaries land in /usr/lib/postgresql/<major>/bin), or set POSTGRES_BIN to a directory holding initdb and pg_ctl.';

/** The newest /usr/lib/postgresql/<major>/bin that has initdb and pg_ctl, or null. */
export function findPostgresBin() {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb')) && existsSync(join(fromEnv, 'pg_ctl'))) {
    return { bin: fromEnv, major: null };
  }
  if (!existsSync(DEBIAN_POSTGRES)) return null;
  const majors = readdirSync(DEBIAN_POSTGRES)
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .sort((a, b) => b - a);
  for (const major of majors) {
    const bin = join(DEBIAN_POSTGRES, String(major), 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return { bin, major };
  }
  return null;
}

/**
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<{ bin: string, major: number | null }>}
 */
export async function ensurePostgres({ log = () => {} } = {}) {
  const found = findPostgresBin();
  if (found) {
    log(`postgres: using ${found.bin}`);
    return found;
  }
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (isRoot && isDebian) {
    log('postgres: server binaries not found; installing Debian package `postgresql`');
    run('apt-get', ['update'], log);
    run('apt-get', ['install', '-y', 'postgresql'], log);
    const installed = findPostgresBin();
    if (installed) {
      log(`postgres: installed at ${installed.bin}`);
      return installed;
    }
    throw new Error(
      `apt-get install -y postgresql finished but no ${DEBIAN_POSTGRES}/<major>/bin/initdb exists. ${HOW_TO_INSTALL}`,
    );
  }
  const why = !isDebian
    ? 'this is not a Debian system'
    : 'not running as root, so it cannot be installed here';
  throw new Error(
    `PostgreSQL server binaries not found (no ${DEBIAN_POSTGRES}/*/bin/initdb; ${why}). ${HOW_TO_INSTALL}`,
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
    const { bin } = await ensurePostgres({ log: (m) => console.error(m) });
    console.log(bin);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
