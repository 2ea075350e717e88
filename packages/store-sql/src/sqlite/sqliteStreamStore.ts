/**
 * The SQLite stream store (better-sqlite3), for one server or a few processes on one machine.
 *
 * Durability: WAL mode with `synchronous=FULL`, so every commit syncs the write-ahead log before
 * `append` resolves. A crash of the process, the OS or the power loses no acknowledged append
 * (on a disk that honours fsync); an append not yet acknowledged is either wholly there or wholly
 * absent after recovery, never half-written (crash.test.ts kills a writer mid-storm).
 *
 * Sharing: several processes may open one file. Appends take the write lock up front
 * (`BEGIN IMMEDIATE`) and wait up to `busyTimeoutMs` for it; readers never wait in WAL mode.
 * better-sqlite3 is synchronous, so while an append waits for another process's lock it blocks
 * this process's event loop: fine for a few writers on one machine, which is what SQLite is for.
 *
 * Positions: the entry's rowid (`INTEGER PRIMARY KEY`). SQLite lets one writer at a time into the
 * file and a rowid is taken inside that writer's transaction, so rowids become visible in
 * increasing order: a reader that has seen position n can never later find a committed entry
 * below n. `readAll` after a position therefore never skips (multiProcess.test.ts tails the log
 * while two processes write).
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
  type StreamInfo,
  type StreamSnapshot,
  type StreamStore,
  type VaultRecord,
} from '@yishi/core/store';
import Database from 'better-sqlite3';
import { pageSize, type SqlStoreOptions, storedEntry } from '../stored.js';
import { migrateSqlite } from './migrations.js';

export interface SqliteStreamStoreOptions extends SqlStoreOptions {
  /** The database file (created when missing), or `:memory:`. */
  path?: string;
  /**
   * An open better-sqlite3 database instead of `path`. The store sets its pragmas (WAL,
   * synchronous=FULL, busy_timeout) and runs the migrations; `close()` leaves it open.
   */
  database?: Database.Database;
  /** How long an append waits for another process's write lock (default 10,000 ms). */
  busyTimeoutMs?: number;
}

interface EntryRow {
  position: number;
  line: string;
  request_id: string | null;
}

const DEFAULT_BUSY_MS = 10_000;

interface Pending {
  batch: AppendBatch;
  lines: string[];
  resolve(outcome: AppendOutcome): void;
  reject(error: unknown): void;
}

export function openSqliteStreamStore(options: SqliteStreamStoreOptions): StreamStore {
  if ((options.path === undefined) === (options.database === undefined)) {
    throw new YishiError('INVALID_INPUT', 'openSqliteStreamStore: give exactly one of path and database');
  }
  const owned = options.database === undefined;
  const db = options.database ?? new Database(options.path!);
  try {
    // busy_timeout first: switching to WAL and migrating may wait for another process.
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_MS))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrateSqlite(db);
  } catch (e) {
    if (owned) db.close();
    throw e;
  }

  const q = {
    head: db.prepare('SELECT version, hash FROM yishi_streams WHERE stream = ?'),
    request: db.prepare(
      'SELECT position, line, request_id FROM yishi_entries WHERE stream = ? AND request_id = ?',
    ),
    insert: db.prepare(
      'INSERT INTO yishi_entries (stream, version, hash, request_id, line) VALUES (?, ?, ?, ?, ?)',
    ),
    setHead: db.prepare(
      `INSERT INTO yishi_streams (stream, version, hash) VALUES (?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET version = excluded.version, hash = excluded.hash`,
    ),
    vaultPut: db.prepare(
      `INSERT INTO yishi_vault (stream, commitment, salt, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream, commitment) DO UPDATE SET salt = excluded.salt, value = excluded.value`,
    ),
    readStream: db.prepare(
      'SELECT position, line, request_id FROM yishi_entries WHERE stream = ? AND version >= ? ORDER BY version',
    ),
    readAll: db.prepare(
      'SELECT position, line, request_id FROM yishi_entries WHERE position > ? ORDER BY position LIMIT ?',
    ),
    streams: db.prepare(
      'SELECT stream, version, hash FROM yishi_streams WHERE stream > ? ORDER BY stream LIMIT ?',
    ),
    streamsAll: db.prepare('SELECT stream, version, hash FROM yishi_streams ORDER BY stream LIMIT ?'),
    saveSnapshot: db.prepare(
      `INSERT INTO yishi_snapshots (stream, version, hash, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET version = excluded.version, hash = excluded.hash, data = excluded.data`,
    ),
    loadSnapshot: db.prepare('SELECT version, hash, data FROM yishi_snapshots WHERE stream = ?'),
    vault: db.prepare('SELECT commitment, salt, value FROM yishi_vault WHERE stream = ? ORDER BY commitment'),
    erase: db.prepare('DELETE FROM yishi_vault WHERE stream = ? AND commitment = ?'),
  };

  const headOf = (stream: string): StreamHead | null =>
    (q.head.get(stream) as StreamHead | undefined) ?? null;
  const stored = (r: EntryRow): StoredEntry => storedEntry(r.line, String(r.position), r.request_id);

  // Runs inside BEGIN IMMEDIATE: the head read here cannot change before COMMIT.
  const appendTx = db.transaction((batch: AppendBatch, lines: string[]): AppendOutcome => {
    const head = headOf(batch.stream);
    if (checkAgainstHead(batch, head) === 'conflict') return { ok: false, code: 'VERSION_CONFLICT', head };
    for (const item of batch.entries) {
      if (item.requestId === undefined) continue;
      const existing = q.request.get(batch.stream, item.requestId) as EntryRow | undefined;
      if (existing) {
        return {
          ok: false,
          code: 'DUPLICATE_REQUEST',
          requestId: item.requestId,
          existing: stored(existing),
        };
      }
    }
    const positions: string[] = [];
    batch.entries.forEach((item, i) => {
      const { entry } = item;
      const r = q.insert.run(batch.stream, entry.version, entry.hash, item.requestId ?? null, lines[i]!);
      positions.push(String(r.lastInsertRowid));
    });
    const last = batch.entries[batch.entries.length - 1]!.entry;
    q.setHead.run(batch.stream, last.version, last.hash);
    for (const v of batch.vault ?? []) q.vaultPut.run(batch.stream, v.commitment, v.salt, v.value);
    return { ok: true, head: { version: last.version, hash: last.hash }, positions };
  });

  // Group commit: the appends that arrive in one turn of the event loop (from many streams, many
  // callers) share one transaction and so one fsync. Each runs in its own savepoint (a nested
  // better-sqlite3 transaction): a conflict or a refusal leaves the others as they are. Every
  // caller is answered after the COMMIT, so an acknowledged append is still durable.
  const groupTx = db.transaction((jobs: readonly Pending[]) =>
    jobs.map((j): { outcome: AppendOutcome } | { error: unknown } => {
      try {
        return { outcome: appendTx(j.batch, j.lines) };
      } catch (error) {
        return { error };
      }
    }),
  );
  let queue: Pending[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const jobs = queue;
    queue = [];
    if (closed) {
      for (const j of jobs) j.reject(new YishiError('STORE_CLOSED', 'the store is closed'));
      return;
    }
    let results: ReturnType<typeof groupTx>;
    try {
      results = groupTx.immediate(jobs);
    } catch (e) {
      for (const j of jobs) j.reject(e); // SQLITE_BUSY past the timeout, a full disk: nothing stored
      return;
    }
    results.forEach((r, i) => {
      if ('outcome' in r) jobs[i]!.resolve(r.outcome);
      else jobs[i]!.reject(r.error);
    });
  };

  let closed = false;
  // Async like every store, and refused once closed.
  const later = <T>(f: () => T): Promise<T> =>
    Promise.resolve().then(() => {
      if (closed) throw new YishiError('STORE_CLOSED', 'the store is closed');
      return f();
    });

  return {
    append: (batch) =>
      later(() => checkBatch(batch, options.maxEntryBytes)).then(
        (lines) =>
          new Promise<AppendOutcome>((resolve, reject) => {
            queue.push({ batch, lines, resolve, reject });
            if (!scheduled) {
              scheduled = true;
              setImmediate(flush);
            }
          }),
      ),
    readStream: (stream, fromVersion = 1) =>
      later(() => (q.readStream.all(stream, fromVersion) as EntryRow[]).map(stored)),
    readAll: (o: ReadAllOptions = {}) =>
      later(() => {
        const after = o.after === undefined ? 0 : Number(o.after);
        if (o.after !== undefined && (!/^\d+$/.test(o.after) || !Number.isSafeInteger(after))) {
          throw new YishiError('INVALID_INPUT', `readAll: not a position of this store: ${o.after}`);
        }
        return (q.readAll.all(after, pageSize(o.limit, READ_ALL_LIMIT)) as EntryRow[]).map(stored);
      }),
    head: (stream) => later(() => headOf(stream)),
    listStreams: (o = {}) =>
      later(() => {
        const limit = o.limit === undefined ? -1 : pageSize(o.limit, -1);
        const rows = o.after === undefined ? q.streamsAll.all(limit) : q.streams.all(o.after, limit);
        return rows as StreamInfo[];
      }),
    findRequest: (stream, requestId) =>
      later(() => {
        const r = q.request.get(stream, requestId) as EntryRow | undefined;
        return r ? stored(r) : null;
      }),
    saveSnapshot: (stream, s: StreamSnapshot) =>
      later(() => {
        q.saveSnapshot.run(stream, s.version, s.hash, JSON.stringify(s.data ?? null));
      }),
    loadSnapshot: (stream) =>
      later(() => {
        const r = q.loadSnapshot.get(stream) as { version: number; hash: string; data: string } | undefined;
        return r ? { version: r.version, hash: r.hash, data: JSON.parse(r.data) as unknown } : null;
      }),
    vault: (stream) => later(() => q.vault.all(stream) as VaultRecord[]),
    erase: (stream, commitment) => later(() => q.erase.run(stream, commitment).changes > 0),
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) db.close();
    },
  };
}
