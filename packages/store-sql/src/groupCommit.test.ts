/**
 * Group commit in the SQL stores: appends that arrive together (one event-loop turn) share one
 * transaction, yet each is judged on its own — a batch chained on another in the same group is
 * stored, a stale one gets VERSION_CONFLICT, a repeated request id DUPLICATE_REQUEST, a fork
 * LOG_TAMPERED — and only what passed is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainOf, type StreamStore } from '@yishi/core/store';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freshSchemaUrl } from '../test/pg.js';
import { verifyStore } from '../test/verify.js';
import { openPostgresStreamStore } from './postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from './sqlite/sqliteStreamStore.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function group(store: StreamStore) {
  try {
    // every stream exists first (the group path needs head rows; new streams go one by one)
    for (const s of ['a', 'b', 'c', 'd']) {
      const r = await store.append({
        stream: s,
        expectedVersion: 0,
        entries: chainOf(s, null, 1).map((entry) => ({ entry })),
      });
      expect(r.ok).toBe(true);
    }
    const head = async (s: string) => (await store.head(s))!;
    const a1 = chainOf('a', await head('a'), 1, 10);
    const a2chain = chainOf('a', a1[0]!, 1, 11);
    const stale = chainOf('b', null, 1, 20); // expects version 0: b is at 1
    const bOk = chainOf('b', await head('b'), 1, 21);
    const fork = chainOf('c', { version: 1, hash: 'f'.repeat(64) }, 1, 30);
    const dOk = chainOf('d', await head('d'), 2, 40);
    const outcomes = await Promise.allSettled([
      store.append({
        stream: 'a',
        expectedVersion: 1,
        entries: a1.map((entry) => ({ entry, requestId: 'ra' })),
      }),
      store.append({ stream: 'a', expectedVersion: 2, entries: a2chain.map((entry) => ({ entry })) }),
      store.append({ stream: 'b', expectedVersion: 0, entries: stale.map((entry) => ({ entry })) }),
      store.append({ stream: 'b', expectedVersion: 1, entries: bOk.map((entry) => ({ entry })) }),
      store.append({ stream: 'c', expectedVersion: 1, entries: fork.map((entry) => ({ entry })) }),
      store.append({
        stream: 'd',
        expectedVersion: 1,
        entries: dOk.map((entry, i) => ({ entry, requestId: `rd-${i}` })),
        vault: [{ commitment: '1'.repeat(64), salt: '2'.repeat(32), value: '王五' }],
      }),
    ]);
    const value = (i: number) =>
      (outcomes[i] as PromiseFulfilledResult<{ ok: boolean; code?: string }>).value;
    expect(value(0).ok).toBe(true);
    expect(value(1).ok).toBe(true);
    expect(value(2)).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    expect(value(3).ok).toBe(true);
    expect(outcomes[4]).toMatchObject({ status: 'rejected', reason: { code: 'LOG_TAMPERED' } });
    expect(value(5).ok).toBe(true);
    // a repeated request id in the next group
    const again = chainOf('a', await head('a'), 1, 50);
    const dupe = await store.append({
      stream: 'a',
      expectedVersion: 3,
      entries: again.map((entry) => ({ entry, requestId: 'ra' })),
    });
    expect(dupe).toMatchObject({ ok: false, code: 'DUPLICATE_REQUEST', requestId: 'ra' });
    const entries = await verifyStore(store);
    expect(entries.size).toBe(4 + 2 + 1 + 2);
    expect((await store.head('a'))!.version).toBe(3);
    expect((await store.head('c'))!.version).toBe(1);
    expect((await store.vault('d')).map((v) => v.value)).toEqual(['王五']);
    // positions of a group are distinct and readAll sees every entry once
    const all = await store.readAll({ limit: 100 });
    expect(new Set(all.map((x) => x.position)).size).toBe(all.length);
  } finally {
    await store.close();
  }
}

describe('group commit: appends that arrive together, each judged on its own', () => {
  it('SQLite', async () => {
    await group(openSqliteStreamStore({ path: join(dir, 'group.db') }));
  });
  it('PostgreSQL', async () => {
    await group(await openPostgresStreamStore({ connectionString: await freshSchemaUrl(inject('pgUrl')) }));
  });
});
