/**
 * Two OS processes append to the same streams of one database (a SQLite file in WAL mode, and
 * PostgreSQL), with optimistic retries, while this process tails readAll. Afterwards: every
 * stream verifies, every acknowledged append is there exactly once, and the tail saw every entry
 * once, in the order a full read gives (no position skipped by a late commit). The two processes
 * also open the fresh database at the same moment, so both race through the migrations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEntry, StreamStore } from '@yishi/core/store';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freshSchemaUrl } from '../test/pg.js';
import { type Ack, startAppender } from '../test/spawn.js';
import { verifyStore } from '../test/verify.js';
import { openPostgresStreamStore } from './postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from './sqlite/sqliteStreamStore.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STREAMS = ['居委-1', '居委-2', '村-3'];
const OPTIONS = { streams: STREAMS, senders: 4, appends: 25, batch: 3 };

async function race(kind: 'sqlite' | 'postgres', target: string, open: () => Promise<StreamStore>) {
  const a = startAppender(kind, target, { ...OPTIONS, worker: 'a' });
  const b = startAppender(kind, target, { ...OPTIONS, worker: 'b' });
  let finished = false;
  const ended = Promise.all([a.done, b.done]).finally(() => {
    finished = true;
  });

  // Tail the log while they write. The store may not exist until a child has migrated it. Once
  // the writers are done, keep reading until the tail holds every acknowledged entry: PostgreSQL
  // shows an entry only when every older write transaction in the cluster has ended.
  const tail: StoredEntry[] = [];
  let store: StreamStore | null = null;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const last = finished;
    try {
      store ??= await open();
    } catch {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    for (;;) {
      const after = tail[tail.length - 1]?.position;
      const page = await store.readAll(after === undefined ? { limit: 50 } : { after, limit: 50 });
      tail.push(...page);
      if (page.length < 50) break;
    }
    if (last && (tail.length >= a.acks.length + b.acks.length || Date.now() > deadline)) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const [ra, rb] = await ended;
  expect(ra.code, ra.stderr).toBe(0);
  expect(rb.code, rb.stderr).toBe(0);
  const s = store!;
  try {
    const entries = await verifyStore(s);
    const acks: Ack[] = [...a.acks, ...b.acks];
    expect(acks.length).toBeGreaterThanOrEqual(2 * OPTIONS.senders * OPTIONS.appends);
    // Every acknowledged append is stored, once: each (stream, version) was acknowledged to one
    // writer only, and nothing is stored that nobody was told about.
    const keys = new Set(acks.map((x) => `${x.stream}/${x.version}`));
    expect(keys.size).toBe(acks.length);
    expect(entries.size).toBe(acks.length);
    for (const x of acks) expect(entries.get(`${x.stream}/${x.version}`)?.hash).toBe(x.hash);
    const full: StoredEntry[] = [];
    for (;;) {
      const page = await s.readAll({ ...(full.length ? { after: full[full.length - 1]!.position } : {}) });
      if (page.length === 0) break;
      full.push(...page);
    }
    expect(full.length).toBe(acks.length);
    // What the tail saw while the writers ran: every entry, once, in the final order.
    expect(tail.map((x) => x.position)).toEqual(full.map((x) => x.position));
    return { acks, conflicts: `${ra.stderr.trim()}; ${rb.stderr.trim()}` };
  } finally {
    await s.close();
  }
}

describe('two processes appending to the same streams', () => {
  it('SQLite (one WAL file): chains verify, every acknowledged append stored once, the tail skips nothing', async () => {
    const path = join(dir, 'shared.db');
    const { acks } = await race('sqlite', path, async () => {
      // Opening the file here too would race the children's migrations; wait until they ran.
      const probe = new Database(path, { readonly: true, fileMustExist: true });
      try {
        probe.prepare('SELECT 1 FROM yishi_entries LIMIT 1').get();
      } finally {
        probe.close();
      }
      return openSqliteStreamStore({ path });
    });
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version FROM yishi_migrations').all()).toEqual([{ version: 1 }]);
    db.close();
    expect(acks.length).toBeGreaterThan(0);
  });

  it('PostgreSQL: chains verify, every acknowledged append stored once, the tail skips nothing', async () => {
    const url = await freshSchemaUrl(inject('pgUrl'));
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    try {
      await race('postgres', url, async () => {
        await probe.query('SELECT 1 FROM yishi_entries LIMIT 1');
        return openPostgresStreamStore({ connectionString: url });
      });
      const m = await probe.query('SELECT version FROM yishi_migrations');
      expect(m.rows).toEqual([{ version: 1 }]);
    } finally {
      await probe.end();
    }
  });
});
