/**
 * Refusals leave the database exactly as it was: not only no entry (the conformance suite checks
 * that through the store), but no head row, request id or vault record in any table, including
 * the head row PostgreSQL inserts for a new stream before it checks the version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendStreamEntry, type StreamStore } from '@yishi/core/store';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { fields } from '../test/fixtures.js';
import { freshSchemaUrl } from '../test/pg.js';
import { openPostgresStreamStore } from './postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from './sqlite/sqliteStreamStore.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES = ['yishi_entries', 'yishi_streams', 'yishi_snapshots', 'yishi_vault'];
const rec = (c: string) => ({ commitment: c.repeat(64), salt: '5'.repeat(32), value: '王五' });

async function refuseEverything(store: StreamStore) {
  const a = appendStreamEntry('c1', null, fields(0));
  const b = appendStreamEntry('c1', a, fields(1));
  const vault = [rec('1')];
  const refusals: Array<[string, () => Promise<unknown>, string]> = [
    [
      'a new stream at version 3',
      () => store.append({ stream: 'c1', expectedVersion: 2, entries: [{ entry: b }] }),
      'INVALID_ENTRY',
    ],
    [
      'a batch skipping a version',
      () => store.append({ stream: 'c1', expectedVersion: 0, entries: [{ entry: b }] }),
      'INVALID_ENTRY',
    ],
    [
      'a malformed entry',
      () =>
        store.append({ stream: 'c1', expectedVersion: 0, entries: [{ entry: { ...a, kind: '' } }], vault }),
      'INVALID_ENTRY',
    ],
    [
      'not an entry at all',
      () => store.append({ stream: 'c1', expectedVersion: 0, entries: [{ entry: 'x' as never }] }),
      'INVALID_ENTRY',
    ],
    [
      'an oversized entry',
      () =>
        store.append({
          stream: 'c1',
          expectedVersion: 0,
          entries: [{ entry: appendStreamEntry('c1', null, fields(0, { text: 'x'.repeat(5000) })) }],
          vault,
        }),
      'ENTRY_TOO_LARGE',
    ],
    [
      'a fork of an empty stream',
      () =>
        store.append({
          stream: 'c1',
          expectedVersion: 0,
          entries: [{ entry: { ...a, prev: 'a'.repeat(64) } }],
        }),
      'INVALID_ENTRY',
    ],
  ];
  for (const [what, f, code] of refusals) {
    await expect(f(), what).rejects.toMatchObject({ code });
  }
  // Checked against the (absent) head inside the transaction: a conflict, nothing kept.
  const stale = appendStreamEntry('c1', { version: 4, hash: 'b'.repeat(64) }, fields(5));
  const r = await store.append({ stream: 'c1', expectedVersion: 4, entries: [{ entry: stale }], vault });
  expect(r).toEqual({ ok: false, code: 'VERSION_CONFLICT', head: null });
}

async function refuseAgainstAStream(store: StreamStore) {
  const a = appendStreamEntry('c2', null, fields(0));
  expect(
    (await store.append({ stream: 'c2', expectedVersion: 0, entries: [{ entry: a, requestId: 'r1' }] })).ok,
  ).toBe(true);
  const b = appendStreamEntry('c2', a, fields(1));
  const dup = await store.append({
    stream: 'c2',
    expectedVersion: 1,
    entries: [{ entry: b, requestId: 'r1' }],
    vault: [rec('2')],
  });
  expect(dup).toMatchObject({ ok: false, code: 'DUPLICATE_REQUEST', requestId: 'r1' });
  const fork = appendStreamEntry('c2', { version: 1, hash: 'c'.repeat(64) }, fields(2));
  await expect(
    store.append({ stream: 'c2', expectedVersion: 1, entries: [{ entry: fork }], vault: [rec('3')] }),
  ).rejects.toMatchObject({ code: 'LOG_TAMPERED' });
}

describe('refused appends store nothing, in any table', () => {
  it('SQLite', async () => {
    const path = join(dir, 'bad.db');
    const store = openSqliteStreamStore({ path, maxEntryBytes: 4096 });
    try {
      await refuseEverything(store);
      const db = new Database(path, { readonly: true });
      for (const t of TABLES) expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
      await refuseAgainstAStream(store);
      expect(db.prepare('SELECT count(*) AS n FROM yishi_entries').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM yishi_vault').get()).toEqual({ n: 0 });
      db.close();
      // A request id with a control character is refused by every store (checkBatch), though
      // SQLite text could hold U+0000 and PostgreSQL's cannot.
      const e = appendStreamEntry('c3', null, fields(0));
      await expect(
        store.append({ stream: 'c3', expectedVersion: 0, entries: [{ entry: e, requestId: 'r\u0000x' }] }),
      ).rejects.toMatchObject({ code: 'INVALID_ENTRY' });
      expect(await store.head('c3')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('PostgreSQL', async () => {
    const url = await freshSchemaUrl(inject('pgUrl'));
    const store = await openPostgresStreamStore({ connectionString: url, maxEntryBytes: 4096 });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const count = async (t: string) =>
      (await c.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n as number;
    try {
      await refuseEverything(store);
      for (const t of TABLES) expect(await count(t), t).toBe(0);
      await refuseAgainstAStream(store);
      expect(await count('yishi_entries')).toBe(1);
      expect(await count('yishi_vault')).toBe(0);
      // PostgreSQL text cannot hold U+0000: refused as a batch, before the transaction.
      const e = appendStreamEntry('c3', null, fields(0));
      await expect(
        store.append({ stream: 'c3', expectedVersion: 0, entries: [{ entry: e, requestId: 'r\u0000x' }] }),
      ).rejects.toMatchObject({ code: 'INVALID_ENTRY' });
      await expect(
        store.append({
          stream: 'c3',
          expectedVersion: 0,
          entries: [{ entry: e }],
          vault: [{ ...rec('4'), value: '\u0000' }],
        }),
      ).rejects.toMatchObject({ code: 'INVALID_ENTRY' });
      expect(await count('yishi_entries')).toBe(1);
      // Quotes and backslashes in request ids and values are data, not SQL.
      const odd = "r'); DROP TABLE yishi_entries; --\\";
      const ok = await store.append({
        stream: 'c3',
        expectedVersion: 0,
        entries: [{ entry: e, requestId: odd }],
        vault: [{ ...rec('5'), value: "王五's \\ 'x'" }],
      });
      expect(ok.ok).toBe(true);
      expect((await store.findRequest('c3', odd))?.entry).toEqual(e);
      expect((await store.vault('c3')).map((v) => v.value)).toEqual(["王五's \\ 'x'"]);
    } finally {
      await c.end();
      await store.close();
    }
  });
});
