/**
 * What the IndexedDB store promises beyond the shared contract: it keeps what it stored when
 * closed and opened again, connections (tabs) race safely, a failure inside an append's
 * transaction keeps nothing of it, schema upgrades run and are refused clearly when another tab
 * stands in the way. Harness-free like `streamStoreConformance`, so the same cases run under
 * vitest with fake-indexeddb and in a page of the real Chromium (e2e/). Not public.
 */
import { isYishiError } from '@yishi/core';
import {
  type AppendBatch,
  type AppendOutcome,
  chainOf,
  type StreamEntry,
  type StreamStore,
} from '@yishi/core/store';
import { type IDBPDatabase, wrap } from 'idb';
import {
  deleteIndexedDbStreamStore,
  openIndexedDbStreamStore,
  openWithMigrations,
} from './indexedDbStreamStore.js';
import { ENTRIES, HEADS, MIGRATIONS, type Migration, type StoreDb, VAULT } from './schema.js';

export interface IndexedDbEnv {
  /** The IndexedDB the case opens its databases in. */
  factory: IDBFactory;
  /** A database name no other case uses. */
  fresh(): string;
}

export interface IndexedDbCase {
  name: string;
  run(env: IndexedDbEnv): Promise<void>;
}

class CaseFailure extends Error {
  override readonly name = 'CaseFailure';
}

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new CaseFailure(message);
}

const json = (x: unknown) => JSON.stringify(x);
const same = (a: unknown, b: unknown, what: string) =>
  check(json(a) === json(b), `${what}: expected ${json(b)}, got ${json(a)}`);

/** The STORE_CLOSED (or other) error `p` rejects with; fails if it resolves. */
async function refusal(p: Promise<unknown>, code: string, what: string) {
  try {
    await p;
  } catch (e) {
    check(isYishiError(e) && e.code === code, `${what}: expected ${code}, got ${String(e)}`);
    return e;
  }
  throw new CaseFailure(`${what}: expected ${code}, but it succeeded`);
}

/** A plain connection, as another tab's code (or an old release) would hold one. */
function rawOpen(factory: IDBFactory, name: string, version?: number): Promise<IDBPDatabase> {
  return wrap(
    version === undefined ? factory.open(name) : factory.open(name, version),
  ) as Promise<IDBPDatabase>;
}

const batchOf = (
  stream: string,
  expectedVersion: number,
  entries: StreamEntry[],
  ids?: string[],
): AppendBatch => ({
  stream,
  expectedVersion,
  entries: entries.map((entry, i) => (ids?.[i] === undefined ? { entry } : { entry, requestId: ids[i]! })),
});

async function ok(store: StreamStore, batch: AppendBatch) {
  const r = await store.append(batch);
  check(r.ok, `append to ${batch.stream} at ${batch.expectedVersion}: got ${json(r)}`);
  return r as Extract<AppendOutcome, { ok: true }>;
}

const rec = (c: string, value: string) => ({ commitment: c.repeat(64), salt: '5'.repeat(32), value });

/** The next release's migration, for the upgrade cases: an index over what is already stored. */
const nextRelease: Migration = (_db, tx) => {
  (tx.objectStore(ENTRIES) as unknown as IDBObjectStore).createIndex('at', 'entry.at');
};
const NEXT = [...MIGRATIONS, nextRelease];

export const indexedDbCases: readonly IndexedDbCase[] = [
  {
    name: 'what was stored is there when the store is opened again',
    async run({ factory, fresh }) {
      const name = fresh();
      const a = await openIndexedDbStreamStore({ name, indexedDB: factory });
      const es = chainOf('梅园', null, 3);
      const r = await ok(a, {
        ...batchOf('梅园', 0, es, ['r-1', undefined as never, 'r-3']),
        vault: [rec('1', '王五')],
      });
      await a.saveSnapshot('梅园', { version: 3, hash: es[2]!.hash, data: { n: 3 } });
      await a.close();
      const b = await openIndexedDbStreamStore({ name, indexedDB: factory });
      try {
        same(
          (await b.readStream('梅园')).map((x) => [x.entry, x.position, x.requestId]),
          es.map((e, i) => [e, r.positions[i], ['r-1', null, 'r-3'][i]]),
          'entries',
        );
        same(await b.head('梅园'), { version: 3, hash: es[2]!.hash }, 'head');
        same((await b.findRequest('梅园', 'r-3'))?.entry, es[2], 'request id');
        same(await b.vault('梅园'), [rec('1', '王五')], 'vault');
        same(await b.loadSnapshot('梅园'), { version: 3, hash: es[2]!.hash, data: { n: 3 } }, 'snapshot');
        // The counter was kept too: positions go on after the ones handed out before.
        const next = await ok(b, batchOf('梅园', 3, chainOf('梅园', es[2]!, 1, 3)));
        same(next.positions, ['4'], 'the next position');
      } finally {
        await b.close();
      }
    },
  },
  {
    name: 'two connections (two tabs) appending at the same version: one is stored, the other is a VERSION_CONFLICT',
    async run({ factory, fresh }) {
      const name = fresh();
      const a = await openIndexedDbStreamStore({ name, indexedDB: factory });
      const b = await openIndexedDbStreamStore({ name, indexedDB: factory });
      try {
        let head = chainOf('c1', null, 1)[0]!;
        await ok(a, batchOf('c1', 0, [head]));
        for (let round = 0; round < 10; round++) {
          const [x] = chainOf('c1', head, 1, 100 + round);
          const [y] = chainOf('c1', head, 1, 200 + round);
          const [ra, rb] = await Promise.all([
            a.append(batchOf('c1', head.version, [x!])),
            b.append(batchOf('c1', head.version, [y!])),
          ]);
          check(ra.ok !== rb.ok, `round ${round}: exactly one wins, got ${json([ra, rb])}`);
          const [won, lost] = ra.ok ? [x!, rb] : [y!, ra];
          check(!lost.ok && lost.code === 'VERSION_CONFLICT', `round ${round}: the other: ${json(lost)}`);
          if (!lost.ok && lost.code === 'VERSION_CONFLICT') {
            same(lost.head, { version: won.version, hash: won.hash }, `round ${round}: the conflict's head`);
          }
          head = won;
        }
        const fromA = await a.readStream('c1');
        same(fromA.length, 11, 'entries');
        same(await b.readStream('c1'), fromA, 'both connections read the same');
        same(
          (await a.readAll()).map((x) => x.position),
          fromA.map((_, i) => String(i + 1)),
          'positions follow commits with no gap',
        );
      } finally {
        await a.close();
        await b.close();
      }
    },
  },
  {
    name: 'a failure inside the append transaction aborts it: nothing of the batch is stored',
    async run({ factory, fresh }) {
      const name = fresh();
      const s = await openIndexedDbStreamStore({ name, indexedDB: factory });
      try {
        const es = chainOf('c1', null, 3);
        await ok(s, batchOf('c1', 0, es));
        // Another program deletes the head and the first entry behind the store's back, so the
        // heads say the stream is empty while versions 2 and 3 are still stored.
        const raw = await rawOpen(factory, name);
        const tx = raw.transaction([ENTRIES, HEADS], 'readwrite');
        await Promise.all([
          tx.objectStore(ENTRIES).delete(['c1', 1]),
          tx.objectStore(HEADS).clear(),
          tx.done,
        ]);
        raw.close();
        // The batch passes every check; its vault record, head and first entry are written, and
        // only its second entry fails (version 2 is taken), inside the same transaction.
        const fresh2 = chainOf('c1', null, 2, 50);
        const e = await refusal(
          s.append({ ...batchOf('c1', 0, fresh2, ['x-1', 'x-2']), vault: [rec('9', '张三')] }),
          'LOG_TAMPERED',
          'the taken version',
        );
        check(String(e).includes('changed outside'), `the message says why: ${String(e)}`);
        same(await s.head('c1'), null, 'the head was not written');
        same(await s.vault('c1'), [], 'the vault record was not written');
        same(await s.findRequest('c1', 'x-1'), null, 'the first entry was not written');
        same(
          (await s.readStream('c1')).map((x) => x.entry.hash),
          [es[1]!.hash, es[2]!.hash],
          'what was there is untouched',
        );
        const next = await ok(s, batchOf('c2', 0, chainOf('c2', null, 1)));
        same(next.positions, ['4'], 'the position counter was not advanced');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'a new release runs the migrations the database lacks and keeps every entry',
    async run({ factory, fresh }) {
      const name = fresh();
      const old = await openIndexedDbStreamStore({ name, indexedDB: factory });
      const es = chainOf('c1', null, 4);
      await ok(old, { ...batchOf('c1', 0, es), vault: [rec('1', '王五')] });
      await old.close();
      const next = await openWithMigrations({ name, indexedDB: factory }, NEXT);
      try {
        same(
          (await next.readStream('c1')).map((x) => x.entry),
          es,
          'entries after the upgrade',
        );
        same(await next.vault('c1'), [rec('1', '王五')], 'vault after the upgrade');
        await ok(next, batchOf('c1', 4, chainOf('c1', es[3]!, 1, 4)));
      } finally {
        await next.close();
      }
      const raw = await rawOpen(factory, name);
      try {
        same(raw.version, MIGRATIONS.length + 1, 'the database version');
        same(await raw.countFromIndex(ENTRIES, 'at'), 5, 'the new index covers the entries stored before it');
      } finally {
        raw.close();
      }
      const e = await refusal(
        openIndexedDbStreamStore({ name, indexedDB: factory }),
        'STORE_CLOSED',
        'the older release, after the upgrade',
      );
      same(isYishiError(e) && e.issues[0]?.message, 'newer schema', 'why');
    },
  },
  {
    name: 'a failed migration leaves the database as it was',
    async run({ factory, fresh }) {
      const name = fresh();
      const old = await openIndexedDbStreamStore({ name, indexedDB: factory });
      await ok(old, batchOf('c1', 0, chainOf('c1', null, 2)));
      await old.close();
      const broken: Migration = (db, tx) => {
        (tx.objectStore(VAULT) as unknown as IDBObjectStore).createIndex('value', 'value');
        (db as unknown as StoreDb).createObjectStore(ENTRIES); // exists: throws ConstraintError
      };
      try {
        await openWithMigrations({ name, indexedDB: factory }, [...MIGRATIONS, broken]);
        throw new CaseFailure('the broken migration was accepted');
      } catch (e) {
        check(e instanceof Error && e.name === 'ConstraintError', `the migration's own error: ${String(e)}`);
      }
      const again = await openIndexedDbStreamStore({ name, indexedDB: factory });
      try {
        same((await again.readStream('c1')).length, 2, 'entries');
      } finally {
        await again.close();
      }
      const raw = await rawOpen(factory, name);
      try {
        same(raw.version, MIGRATIONS.length, 'the database version');
        same(raw.transaction(VAULT).store.indexNames.contains('value'), false, 'the half-done index');
      } finally {
        raw.close();
      }
    },
  },
  {
    name: 'a store closes itself when another tab upgrades the database, and says why',
    async run({ factory, fresh }) {
      const name = fresh();
      const old = await openIndexedDbStreamStore({ name, indexedDB: factory });
      await ok(old, batchOf('c1', 0, chainOf('c1', null, 1)));
      const next = await openWithMigrations({ name, indexedDB: factory }, NEXT);
      try {
        const e = await refusal(old.head('c1'), 'STORE_CLOSED', 'the old store');
        same(isYishiError(e) && e.issues[0]?.message, 'upgraded elsewhere', 'why');
        check(String(e).includes('reload'), `it says what to do: ${String(e)}`);
        await refusal(old.append(batchOf('c1', 1, chainOf('c1', null, 1))), 'STORE_CLOSED', 'an append');
        same((await next.readStream('c1')).length, 1, 'the new store reads the entry');
      } finally {
        await old.close();
        await next.close();
      }
    },
  },
  {
    name: 'opening is refused as blocked while another tab holds the old schema and does not let go',
    async run({ factory, fresh }) {
      const name = fresh();
      const first = await openIndexedDbStreamStore({ name, indexedDB: factory });
      await first.close();
      const holder = await rawOpen(factory, name, MIGRATIONS.length); // no versionchange handler
      let released = false;
      try {
        const e = await refusal(
          openWithMigrations({ name, indexedDB: factory }, NEXT),
          'STORE_CLOSED',
          'the upgrade while another connection holds on',
        );
        same(isYishiError(e) && e.issues[0]?.message, 'blocked', 'why');
        check(String(e).includes('another tab'), `it says what stands in the way: ${String(e)}`);
        holder.close();
        released = true;
        const next = await openWithMigrations({ name, indexedDB: factory }, NEXT);
        same(await next.head('c1'), null, 'opens once the other lets go');
        await next.close();
      } finally {
        if (!released) holder.close();
      }
    },
  },
  {
    name: 'a closed store refuses every call with STORE_CLOSED',
    async run({ factory, fresh }) {
      const s = await openIndexedDbStreamStore({ name: fresh(), indexedDB: factory });
      await s.close();
      await s.close();
      const es = chainOf('c1', null, 1);
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['append', () => s.append(batchOf('c1', 0, es))],
        ['readStream', () => s.readStream('c1')],
        ['readAll', () => s.readAll()],
        ['head', () => s.head('c1')],
        ['listStreams', () => s.listStreams()],
        ['findRequest', () => s.findRequest('c1', 'r')],
        ['saveSnapshot', () => s.saveSnapshot('c1', { version: 1, hash: es[0]!.hash, data: null })],
        ['loadSnapshot', () => s.loadSnapshot('c1')],
        ['vault', () => s.vault('c1')],
        ['erase', () => s.erase('c1', '1'.repeat(64))],
      ];
      for (const [what, call] of calls) await refusal(call(), 'STORE_CLOSED', what);
    },
  },
  {
    name: 'deleting the database closes the stores open on it and leaves an empty one',
    async run({ factory, fresh }) {
      const name = fresh();
      const s = await openIndexedDbStreamStore({ name, indexedDB: factory });
      await ok(s, batchOf('c1', 0, chainOf('c1', null, 1)));
      await deleteIndexedDbStreamStore({ name, indexedDB: factory });
      const e = await refusal(s.head('c1'), 'STORE_CLOSED', 'the store open on it');
      same(isYishiError(e) && e.issues[0]?.message, 'deleted elsewhere', 'why');
      const again = await openIndexedDbStreamStore({ name, indexedDB: factory });
      try {
        same(await again.listStreams(), [], 'streams');
        same(await again.readAll(), [], 'entries');
      } finally {
        await again.close();
      }
    },
  },
  {
    name: 'readAll refuses a position this store did not hand out',
    async run({ factory, fresh }) {
      const s = await openIndexedDbStreamStore({ name: fresh(), indexedDB: factory });
      try {
        for (const after of ['x', '-1', '1.5', '', '99999999999999999']) {
          await refusal(s.readAll({ after }), 'INVALID_INPUT', `after ${json(after)}`);
        }
        same(await s.readAll({ after: '0' }), [], 'after 0');
      } finally {
        await s.close();
      }
    },
  },
];
