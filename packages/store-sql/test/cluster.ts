/**
 * A throw-away PostgreSQL cluster in a temp folder, on 127.0.0.1 and a free port, for the tests
 * and the benchmark. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` user (via runuser) in a folder it owns. It is stopped by its own data directory
 * (`pg_ctl -D … stop`), never by process name, and the folder is removed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  /** postgres://yishi@127.0.0.1:<port>/postgres */
  url: string;
  dataDir: string;
  stop(): void;
}

interface EnsurePostgres {
  ensurePostgres(o: { log: (m: string) => void }): Promise<{ bin: string }>;
}

const script = new URL('../../../scripts/ensure-postgres.mjs', import.meta.url).href;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function uidOf(user: string): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) {
    throw new Error(`no "${user}" user to run PostgreSQL as (installing Debian's postgresql creates it)`);
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export async function startCluster(log: (m: string) => void = () => {}): Promise<Cluster> {
  const { ensurePostgres } = (await import(script)) as EnsurePostgres;
  const { bin } = await ensurePostgres({ log });
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'yishi-pg-'));
  const dataDir = join(dir, 'data');
  if (root) {
    const { uid, gid } = uidOf('postgres');
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const pgRun = (cmd: string, args: string[]) => {
    const [file, argv] = root
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const r = spawnSync(file as string, argv as string[], { encoding: 'utf8' });
    if (r.status !== 0) {
      let serverLog = '';
      try {
        serverLog = readFileSync(join(dir, 'log'), 'utf8');
      } catch {}
      throw new Error(
        `${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}\n${serverLog}`,
      );
    }
  };
  // UTF8 with the C locale: the stores need UTF8, and C orders text by code point.
  pgRun('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'yishi', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  pgRun('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c max_connections=300`,
    'start',
  ]);
  log(`postgres: throw-away cluster on 127.0.0.1:${port}`);
  let stopped = false;
  return {
    url: `postgres://yishi@127.0.0.1:${port}/postgres`,
    dataDir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgRun('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
