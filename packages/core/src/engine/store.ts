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
 */
import { YishiError } from '../errors/YishiError.js';
import type { LogEntry, LogHead } from '../log/logEntry.js';
import { headOf } from '../log/logEntry.js';

/** Every process's persisted snapshot after the entry `seq` (whose hash is `hash`). */
export interface Checkpoint {
  v: 1;
  seq: number;
  hash: string;
  processes: Record<
    string,
    {
      kind: string;
      /** `machine.getPersistedSnapshot(snapshot)`. */
      snapshot: unknown;
      created: { seq: number; at: number };
      updated: { seq: number; at: number };
      entries: number;
    }
  >;
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
 * engine replays on start). Checkpoints are kept too, so the checkpoint path can be tried out.
 */
export function memoryStore(initial: readonly LogEntry[] = []): MemoryStore {
  const log: LogEntry[] = [...initial];
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
      log.push(entry);
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
