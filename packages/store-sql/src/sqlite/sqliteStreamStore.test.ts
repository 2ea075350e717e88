import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendStreamEntry, streamStoreConformance } from '@yishi/core/store';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fields } from '../../test/fixtures.js';
import { openSqliteStreamStore } from './sqliteStreamStore.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describe('openSqliteStreamStore on a file: the stream store conformance suite', () => {
  for (const c of streamStoreConformance) {
    it(c.name, () => c.run(async (o) => openSqliteStreamStore({ path: join(dir, `c${++n}.db`), ...o })));
  }
});

describe('openSqliteStreamStore in memory: the stream store conformance suite', () => {
  for (const c of streamStoreConformance) {
    it(c.name, () => c.run(async (o) => openSqliteStreamStore({ path: ':memory:', ...o })));
  }
});

describe('openSqliteStreamStore settings', () => {
  it('opens a file in WAL mode with synchronous=FULL and a busy timeout', async () => {
    const path = join(dir, 'settings.db');
    const store = openSqliteStreamStore({ path, busyTimeoutMs: 1234 });
    await store.close();
    const db = new Database(path);
    const store2 = openSqliteStreamStore({ database: db, busyTimeoutMs: 1234 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    await store2.close();
    // close() leaves a database it was given open.
    expect(db.open).toBe(true);
    db.close();
  });

  it('refuses to open with both or neither of path and database', () => {
    expect(() => openSqliteStreamStore({})).toThrow(/exactly one/);
  });
});

describe('SQLite lets one writer at a time into the file', () => {
  it('an append waits for another connection’s write transaction (so rowids commit in order)', async () => {
    const path = join(dir, 'one-writer.db');
    const store = openSqliteStreamStore({ path, busyTimeoutMs: 50 });
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const e = appendStreamEntry('c1', null, fields(0));
      // The other connection holds the write lock: the append cannot start, and says so.
      await expect(
        store.append({ stream: 'c1', expectedVersion: 0, entries: [{ entry: e }] }),
      ).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      other.exec('ROLLBACK');
      const r = await store.append({ stream: 'c1', expectedVersion: 0, entries: [{ entry: e }] });
      expect(r).toMatchObject({ ok: true, positions: ['1'] });
    } finally {
      other.close();
      await store.close();
    }
  });
});
