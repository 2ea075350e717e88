/**
 * Where the engine keeps its log. The log is the only truth: every snapshot can be rebuilt from it
 * (`replay`), so a store needs no schema for processes, only an append-only list of entries.
 *
 * A store may be synchronous (in memory, SQLite through better-sqlite3) or asynchronous
 * (PostgreSQL): `append` returns `void` or a promise, and the engine's `send` and `create` then
 * return a result or a promise of one, typed from the store you pass. The engine never sends the
 * next entry before the previous `append` settled, so a store sees entries strictly in seq order.
 *
 * Contract for implementers (a SQL store is a table `(seq PRIMARY KEY, hash, line)`):
 * - `append(entry)`: store it durably; reject (throw or reject the promise) if `entry.seq` is not
 *   `head().seq + 1` or `entry.prev` is not `head().hash` — another writer got there first.
 * - `entries(fromSeq)`: the entries with `seq >= fromSeq` (default 1), in seq order.
 * - `head()`: synchronous, so the engine can chain without a round trip; an asynchronous store
 *   reads it once when it is opened and keeps it current on append.
 * - `saveSnapshot` / `loadSnapshot` (optional): a checkpoint of every process's persisted
 *   snapshot at some seq, so opening a long log replays only what came after it.
 *
 * A checkpoint is a cache, not evidence: it carries `checkpointHash` (over its head and
 * snapshots), checked on open together with each kind's `persisted` schema, which catches a
 * checkpoint changed by hand or corrupted — but anyone can recompute that hash. An auditor
 * replays the log (`replay(log, kinds)`, check 'full') and compares; an engine can be told to
 * ignore checkpoints, or to verify one against a full replay (`EngineOptions.checkpoints`).
 */
import { YishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { cloneJson, deepFreeze } from '../log/immutable.js';
import type { LogEntry, LogHead } from '../log/logEntry.js';
import { headOf } from '../log/logEntry.js';
import { sha256Hex } from '../log/sha256.js';

/** Every process's persisted snapshot after the entry `seq` (whose hash is `hash`). */
export interface Checkpoint {
  v: 1;
  seq: number;
  hash: string;
  /** `checkpointHash(checkpoint)`: binds the snapshots to the log head; checked on open. */
  checkpointHash: string;
  processes: Record<
    string,
    {
      kind: string;
      /** The community the process belongs to (its CREATE entry's). */
      community: string;
      /** `machine.getPersistedSnapshot(snapshot)`. */
      snapshot: unknown;
      created: { seq: number; at: number };
      updated: { seq: number; at: number };
      entries: number;
    }
  >;
}

/**
 * The hash a checkpoint carries: SHA-256 of the canonical JSON of
 * `{ v, head: { seq, hash }, processes }`.
 */
export function checkpointHash(cp: Pick<Checkpoint, 'v' | 'seq' | 'hash' | 'processes'>): string {
  return sha256Hex(canonicalJson({ v: cp.v, head: { seq: cp.seq, hash: cp.hash }, processes: cp.processes }));
}

export interface EventStore {
  append(entry: LogEntry): void | Promise<void>;
  entries(fromSeq?: number): Iterable<LogEntry> | AsyncIterable<LogEntry>;
  head(): LogHead | null;
  saveSnapshot?(checkpoint: Checkpoint): void | Promise<void>;
  loadSnapshot?(): Checkpoint | null | Promise<Checkpoint | null>;
}

/** A store whose every method answers at once: the engine's results are then plain values. */
export interface SyncEventStore extends EventStore {
  append(entry: LogEntry): void;
  entries(fromSeq?: number): Iterable<LogEntry>;
  saveSnapshot?(checkpoint: Checkpoint): void;
  loadSnapshot?(): Checkpoint | null;
}

export interface MemoryStore extends SyncEventStore {
  entries(fromSeq?: number): readonly LogEntry[];
  saveSnapshot(checkpoint: Checkpoint): void;
  loadSnapshot(): Checkpoint | null;
}

/**
 * The default store: entries in an array, optionally seeded with an existing log (which the
 * engine replays on start). Checkpoints are kept too (as copies), so the checkpoint path can be
 * tried out. Entries are frozen.
 */
export function memoryStore(initial: readonly LogEntry[] = []): MemoryStore {
  // Entries are kept frozen (the initial ones copied first), so nobody holding an entry the store
  // returned — or one it was given — can change the log.
  const log: LogEntry[] = initial.map((e) => deepFreeze(cloneJson(e)));
  let checkpoint: Checkpoint | null = null;
  return {
    append(entry) {
      const head = log.length ? headOf(log[log.length - 1]!) : null;
      const seq = head === null ? 1 : head.seq + 1;
      if (entry.seq !== seq || (head !== null && entry.prev !== head.hash)) {
        throw new YishiError(
          'LOG_TAMPERED',
          `memory store: entry seq ${entry.seq} does not follow the head (seq ${head?.seq ?? 0})`,
        );
      }
      // The engine's entries come frozen: only another caller's need freezing here.
      log.push(Object.isFrozen(entry) ? entry : deepFreeze(entry));
    },
    entries(fromSeq = 1) {
      // seq n is at index n - 1 in a store that only ever accepted chained entries.
      return fromSeq <= 1 ? log.slice() : log.slice(fromSeq - 1);
    },
    head() {
      return log.length ? headOf(log[log.length - 1]!) : null;
    },
    saveSnapshot(c) {
      checkpoint = structuredClone(c);
    },
    loadSnapshot() {
      return checkpoint === null ? null : structuredClone(checkpoint);
    },
  };
}
