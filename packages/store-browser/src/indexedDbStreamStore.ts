/**
 * The browser stream store: `StreamStore` on IndexedDB, so a demo or a vendor's front end keeps
 * its log, snapshots and vault across reloads, and every tab of the origin shares them.
 *
 * Appends. `checkBatch` runs first, outside any transaction. Then ONE readwrite transaction over
 * every object store the append touches (entries, heads, the position counter, and the vault when
 * the batch carries records) reads the head, runs `checkAgainstHead`, looks up the request ids,
 * and writes. IndexedDB runs readwrite transactions whose scopes overlap one at a time, in the
 * order they were created, across every connection to the database — other tabs included. Every
 * append's scope holds `heads` and `meta`, so appends are serialised: of two appends at the same
 * version exactly one sees the old head, and the other gets VERSION_CONFLICT. The global position
 * is a counter read and written in that same transaction, so positions are handed out in commit
 * order, and a `readAll` (a readonly transaction, which waits for the readwrite ones created
 * before it) can never see position n+1 without n: it never skips an entry that commits late.
 *
 * Atomicity. Anything that goes wrong inside the transaction — a check that throws, a failed
 * write (a key already taken), a quota error — aborts it, so nothing of the batch is stored.
 *
 * Durability. Appends, snapshots and erasures use `durability: 'strict'` by default: the browser
 * resolves them only once it has flushed them to disk (the hint Chromium, Firefox and Safari take;
 * 'relaxed' trades that for speed).
 *
 * Errors. Refusals are the contract's `YishiError`s. A closed store refuses every call with
 * STORE_CLOSED, which says why (closed, another tab upgrading or deleting the database, the
 * browser dropping it). Errors of the browser itself (`QuotaExceededError`, say) pass through
 * as the `DOMException` they are.
 */
import { YishiError } from '@yishi/core';
import {
  type AppendBatch,
  type AppendOutcome,
  checkAgainstHead,
  checkBatch,
  READ_ALL_LIMIT,
  type ReadAllOptions,
  type StoredEntry,
  type StreamHead,
  type StreamStore,
} from '@yishi/core/store';
import type { IDBPTransaction, StoreNames } from 'idb';
import { type Connection, deleteDatabase, openDatabase } from './openDatabase.js';
import {
  codePointKey,
  ENTRIES,
  type EntryRecord,
  HEADS,
  META,
  MIGRATIONS,
  type Migration,
  POSITION,
  SNAPSHOTS,
  type StoreSchema,
  VAULT,
} from './schema.js';

export interface IndexedDbStreamStoreOptions {
  /** The database's name. One store per name, shared by every tab of the origin. */
  name: string;
  /** Largest entry, as canonical JSON in UTF-8 bytes (default `MAX_ENTRY_BYTES`). */
  maxEntryBytes?: number;
  /**
   * The IndexedDB to open it in; default the page's `indexedDB`. Its classes must be the global
   * ones (`idb` checks `instanceof IDBRequest`): in Node, import `fake-indexeddb/auto` and pass a
   * `new IDBFactory()` for a database of one's own.
   */
  indexedDB?: IDBFactory;
  /** 'strict' (default): writes resolve once on disk. 'relaxed': once the browser has them. */
  durability?: 'strict' | 'relaxed';
}

type Tx<Mode extends IDBTransactionMode> = IDBPTransaction<StoreSchema, StoreNames<StoreSchema>[], Mode>;

const closed = () => new YishiError('STORE_CLOSED', 'the store is closed', [{ message: 'closed' }]);

function environment(factory: IDBFactory | undefined) {
  // Read through globalThis: a bare `indexedDB` is a ReferenceError where there is none (Node).
  const g = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; IDBRequest?: unknown };
  const f = factory ?? g.indexedDB;
  if (f === undefined || g.IDBKeyRange === undefined || g.IDBRequest === undefined) {
    throw new YishiError(
      'INVALID_INPUT',
      'no IndexedDB here: open the store in a browser (in Node, import `fake-indexeddb/auto` first)',
      [{ message: 'no IndexedDB', path: 'indexedDB' }],
    );
  }
  return { factory: f, keyRange: g.IDBKeyRange };
}

function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new YishiError('INVALID_INPUT', 'the store needs a database name (a non-empty string)', [
      { message: 'invalid name', path: 'name', received: String(name) },
    ]);
  }
}

/**
 * Opens (creating or upgrading as needed) the stream store kept in IndexedDB database `name`.
 *
 *   const store = await openIndexedDbStreamStore({ name: 'yishi' });
 */
export function openIndexedDbStreamStore(options: IndexedDbStreamStoreOptions): Promise<StreamStore> {
  return openWithMigrations(options, MIGRATIONS);
}

/** Deletes the database of a store (every tab's stores of that name close themselves first). */
export async function deleteIndexedDbStreamStore(options: {
  name: string;
  indexedDB?: IDBFactory;
}): Promise<void> {
  checkName(options.name);
  await deleteDatabase(environment(options.indexedDB).factory, options.name);
}

/**
 * The store over a given list of migrations. Not public: tests open with one more migration than
 * this release has, to see an upgrade run against a database this release wrote.
 */
export async function openWithMigrations(
  options: IndexedDbStreamStoreOptions,
  migrations: readonly Migration[],
): Promise<StreamStore> {
  checkName(options.name);
  const { factory, keyRange } = environment(options.indexedDB);
  const conn = await openDatabase(factory, options.name, migrations);
  return storeOver(conn, keyRange, options);
}

const toStored = (r: EntryRecord): StoredEntry => ({
  entry: r.entry,
  position: String(r.position),
  requestId: r.requestId ?? null,
});

/** Reads a page size like the memory store does: a missing limit is the default, ≤ 0 is none. */
const pageSize = (limit: number | undefined, fallback: number) => {
  const n = limit === undefined ? fallback : Math.trunc(limit);
  return Number.isNaN(n) ? fallback : Math.max(0, n);
};

function storeOver(
  conn: Connection,
  KeyRange: typeof IDBKeyRange,
  options: IndexedDbStreamStoreOptions,
): StreamStore {
  const { db } = conn;
  const durability = options.durability ?? 'strict';

  /** A transaction, or the reason the store cannot give one. */
  function transaction<Mode extends IDBTransactionMode>(
    names: StoreNames<StoreSchema>[],
    mode: Mode,
  ): Tx<Mode> {
    const why = conn.closedBecause();
    if (why !== null) throw why;
    try {
      return db.transaction(names, mode, mode === 'readonly' ? {} : { durability }) as Tx<Mode>;
    } catch (e) {
      // The browser closed the connection before telling us (its `close` event is still queued).
      if (e instanceof Error && e.name === 'InvalidStateError') throw conn.closedBecause() ?? closed();
      throw e;
    }
  }

  /**
   * Runs `body` inside `tx` and resolves once the transaction has committed. If `body` throws, or
   * a request fails, the transaction is aborted, so none of its writes is kept.
   */
  async function inside<T, Mode extends IDBTransactionMode>(
    tx: Tx<Mode>,
    body: () => Promise<T>,
  ): Promise<T> {
    const done = tx.done;
    done.catch(() => {}); // awaited below; never left unhandled
    try {
      const out = await body();
      await done;
      return out;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already aborted by the failed request, or already committed (then `done` failed)
      }
      await done.catch(() => {});
      throw e;
    }
  }

  const read = <T>(names: StoreNames<StoreSchema>[], body: (tx: Tx<'readonly'>) => Promise<T>) =>
    Promise.resolve().then(() => {
      const tx = transaction(names, 'readonly');
      return inside(tx, () => body(tx));
    });

  return {
    async append(batch: AppendBatch): Promise<AppendOutcome> {
      if (conn.closedBecause() !== null) throw conn.closedBecause();
      checkBatch(batch, options.maxEntryBytes);
      const vault = batch.vault ?? [];
      const tx = transaction(
        vault.length > 0 ? [ENTRIES, HEADS, META, VAULT] : [ENTRIES, HEADS, META],
        'readwrite',
      );
      return inside(tx, async (): Promise<AppendOutcome> => {
        const entries = tx.objectStore(ENTRIES);
        const heads = tx.objectStore(HEADS);
        const meta = tx.objectStore(META);
        const key = codePointKey(batch.stream);
        const requestIds: string[] = [];
        for (const item of batch.entries) if (item.requestId !== undefined) requestIds.push(item.requestId);
        const [stored, last, ...found] = await Promise.all([
          heads.get(key),
          meta.get(POSITION),
          ...requestIds.map((id) => entries.index('request').get([batch.stream, id])),
        ]);
        const head: StreamHead | null = stored ? { version: stored.version, hash: stored.hash } : null;
        if (checkAgainstHead(batch, head) === 'conflict')
          return { ok: false, code: 'VERSION_CONFLICT', head };
        const dup = found.findIndex((r) => r !== undefined);
        if (dup >= 0) {
          return {
            ok: false,
            code: 'DUPLICATE_REQUEST',
            requestId: requestIds[dup]!,
            existing: toStored(found[dup]!),
          };
        }

        const writes: Promise<unknown>[] = [];
        for (const r of vault) {
          const row = { stream: batch.stream, commitment: r.commitment, salt: r.salt, value: r.value };
          writes.push(tx.objectStore(VAULT).put(row));
        }
        const tail = batch.entries[batch.entries.length - 1]!.entry;
        writes.push(heads.put({ key, stream: batch.stream, version: tail.version, hash: tail.hash }));
        let position = last ?? 0;
        const positions: string[] = [];
        for (const item of batch.entries) {
          position++;
          const record: EntryRecord = { entry: item.entry, position };
          if (item.requestId !== undefined) record.requestId = item.requestId;
          // `add`, not `put`: a version already stored is a failure that aborts the batch.
          writes.push(entries.add(record));
          positions.push(String(position));
        }
        writes.push(meta.put(position, POSITION));
        try {
          await Promise.all(writes);
        } catch (e) {
          if (e instanceof Error && e.name === 'ConstraintError') throw tampered(batch, head);
          throw e;
        }
        return { ok: true, head: { version: tail.version, hash: tail.hash }, positions };
      });
    },

    readStream: (stream, fromVersion = 1) =>
      read([ENTRIES], async (tx) => {
        // As the memory store slices: a fractional version counts from the one below it.
        const from = Number.isNaN(fromVersion) ? 1 : Math.max(1, Math.trunc(fromVersion - 1) + 1);
        const range = KeyRange.bound([stream, from], [stream, Number.POSITIVE_INFINITY]);
        return (await tx.objectStore(ENTRIES).getAll(range)).map(toStored);
      }),

    readAll: (o: ReadAllOptions = {}) =>
      read([ENTRIES], async (tx) => {
        const after = o.after === undefined ? 0 : positionOf(o.after);
        const limit = pageSize(o.limit, READ_ALL_LIMIT);
        if (limit === 0) return []; // IndexedDB reads a count of 0 as "no limit"
        const range = KeyRange.lowerBound(after, true);
        return (await tx.objectStore(ENTRIES).index('position').getAll(range, limit)).map(toStored);
      }),

    head: (stream) =>
      read([HEADS], async (tx) => {
        const r = await tx.objectStore(HEADS).get(codePointKey(stream));
        return r ? { version: r.version, hash: r.hash } : null;
      }),

    listStreams: (o = {}) =>
      read([HEADS], async (tx) => {
        const limit = pageSize(o.limit, Number.POSITIVE_INFINITY);
        if (limit === 0) return [];
        const range = o.after === undefined ? null : KeyRange.lowerBound(codePointKey(o.after), true);
        const rows = await tx.objectStore(HEADS).getAll(range, Number.isFinite(limit) ? limit : undefined);
        return rows.map((r) => ({ stream: r.stream, version: r.version, hash: r.hash }));
      }),

    findRequest: (stream, requestId) =>
      read([ENTRIES], async (tx) => {
        const r = await tx.objectStore(ENTRIES).index('request').get([stream, requestId]);
        return r ? toStored(r) : null;
      }),

    saveSnapshot: (stream, snapshot) =>
      Promise.resolve().then(() => {
        const tx = transaction([SNAPSHOTS], 'readwrite');
        return inside(tx, async () => {
          await tx.objectStore(SNAPSHOTS).put(snapshot, stream);
        });
      }),

    loadSnapshot: (stream) =>
      read([SNAPSHOTS], async (tx) => (await tx.objectStore(SNAPSHOTS).get(stream)) ?? null),

    vault: (stream) =>
      read([VAULT], async (tx) => {
        // [stream] sorts before every [stream, string] key, and [stream, []] after them.
        const range = KeyRange.bound([stream], [stream, []]);
        return (await tx.objectStore(VAULT).getAll(range)).map((r) => ({
          commitment: r.commitment,
          salt: r.salt,
          value: r.value,
        }));
      }),

    erase: (stream, commitment) =>
      Promise.resolve().then(() => {
        const tx = transaction([VAULT], 'readwrite');
        return inside(tx, async () => {
          const store = tx.objectStore(VAULT);
          const found = (await store.count([stream, commitment])) > 0;
          if (found) await store.delete([stream, commitment]);
          return found;
        });
      }),

    async close() {
      conn.close(closed());
    },
  };
}

function positionOf(after: string): number {
  const n = /^\d{1,16}$/.test(after) ? Number(after) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new YishiError('INVALID_INPUT', `readAll: not a position of this store: ${after}`, [
      {
        message: 'invalid position',
        path: 'after',
        received: String(after),
        expected: 'a position from a StoredEntry',
      },
    ]);
  }
  return n;
}

/** A version the heads say is free is taken: the database was changed behind this library's back. */
function tampered(batch: AppendBatch, head: StreamHead | null) {
  return new YishiError(
    'LOG_TAMPERED',
    `append refused, nothing stored: stream "${batch.stream}" already holds an entry at one of versions ` +
      `${batch.expectedVersion + 1}–${batch.expectedVersion + batch.entries.length}, though its head is at version ` +
      `${head?.version ?? 0}: the database was changed outside this store`,
    [{ message: 'entries beyond the head', path: 'stream', received: batch.stream }],
  );
}
