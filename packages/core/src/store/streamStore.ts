/**
 * The store contract for a log split into streams (issue 10): one hash chain per community, an
 * expected version on every append (optimistic concurrency), request ids kept with the entries
 * (idempotency across restarts), a global position for subscribers, per-stream snapshots, and a
 * vault of personal values kept beside the chain.
 *
 * Every store — in memory (`memoryStreamStore`), SQLite and PostgreSQL (`@yishi/store-sql`),
 * IndexedDB (`@yishi/store-browser`) — implements this interface and passes the same conformance
 * suite (`streamStoreConformance`, `@yishi/core/store`). Every method returns a promise, so an
 * engine is written once for all of them.
 *
 * What a store checks on `append` (the same code for every store: `checkBatch`), before anything
 * is written, in one transaction:
 * - the batch is well formed: each entry a `StreamEntry` of this stream whose `hash` is right, whose
 *   versions follow `expectedVersion` with no gap, and whose `prev` chains (INVALID_ENTRY);
 * - each entry's canonical JSON is at most `maxEntryBytes` (ENTRY_TOO_LARGE);
 * - request ids are unique within the batch (INVALID_ENTRY);
 * - then, against what is stored: the stream's version is `expectedVersion`, else nothing is
 *   written and the outcome is `{ ok: false, code: 'VERSION_CONFLICT', head }`; the first entry's
 *   `prev` is the stored head's hash, else LOG_TAMPERED (a fork, not a race); and no request id of
 *   the batch is already stored in this stream, else `{ ok: false, code: 'DUPLICATE_REQUEST' }`.
 * Either the whole batch is stored (entries, request ids and vault records) or none of it. An
 * append is acknowledged (its promise resolves) only once it is durable, as the store documents.
 */
import type { StreamEntry, StreamHead } from '../log/streamEntry.js';

/** A personal value kept beside the chain: the entry holds only `commitment`. */
export interface VaultRecord {
  /** Lower-case hex SHA-256 commitment that appears in entries in place of the value. */
  commitment: string;
  /** Hex salt (at least 128 bits). */
  salt: string;
  /** The value, as a string (an id, a name, a free text). */
  value: string;
}

export interface StoredEntry {
  entry: StreamEntry;
  /**
   * The store's global position: opaque, assigned by the store, not hashed. Compare positions only
   * by passing one back to `readAll({ after })`; within one store, `readAll` returns entries in
   * position order.
   */
  position: string;
  /** The request id the entry was appended with, or null. */
  requestId: string | null;
}

export interface AppendItem {
  entry: StreamEntry;
  /** The caller's request id (1–128 characters), unique within the stream. */
  requestId?: string;
}

export interface AppendBatch {
  stream: string;
  /** The stream's version before this batch: 0 for a stream that has no entry yet. */
  expectedVersion: number;
  entries: readonly AppendItem[];
  /** Personal values the batch's entries commit to, stored in the same transaction. */
  vault?: readonly VaultRecord[];
}

export type AppendOutcome =
  | { ok: true; head: StreamHead; positions: readonly string[] }
  | { ok: false; code: 'VERSION_CONFLICT'; head: StreamHead | null }
  | { ok: false; code: 'DUPLICATE_REQUEST'; requestId: string; existing: StoredEntry };

export interface StreamInfo extends StreamHead {
  stream: string;
}

/** A stream's snapshot: a cache of state at `version`, never evidence (see engine docs). */
export interface StreamSnapshot {
  version: number;
  hash: string;
  data: unknown;
}

export interface ReadAllOptions {
  /** Start after this position (from a `StoredEntry`); omitted: from the beginning. */
  after?: string;
  /** At most this many entries (default 1,000). */
  limit?: number;
}

export interface StreamStore {
  /** Appends a batch to one stream, atomically; see the header for the checks. */
  append(batch: AppendBatch): Promise<AppendOutcome>;
  /** The stream's entries with `fromVersion <= version` (default 1), in version order. */
  readStream(stream: string, fromVersion?: number): Promise<StoredEntry[]>;
  /**
   * Entries of every stream in global position order, after `after`. Never skips an entry that
   * commits late: a position is returned only when no entry still uncommitted can come before it.
   */
  readAll(options?: ReadAllOptions): Promise<StoredEntry[]>;
  /** The stream's head, or null when it has no entry. */
  head(stream: string): Promise<StreamHead | null>;
  /** Every stream's head, sorted by stream id, after `after` (default all), at most `limit`. */
  listStreams(options?: { after?: string; limit?: number }): Promise<StreamInfo[]>;
  /** The entry appended with this request id in this stream, or null. */
  findRequest(stream: string, requestId: string): Promise<StoredEntry | null>;
  saveSnapshot(stream: string, snapshot: StreamSnapshot): Promise<void>;
  loadSnapshot(stream: string): Promise<StreamSnapshot | null>;
  /** The stream's vault records (personal values beside the chain). */
  vault(stream: string): Promise<VaultRecord[]>;
  /** Erases one vault record (the value and its salt); true if there was one. */
  erase(stream: string, commitment: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The default of `maxEntryBytes`: a creation's input may carry a register (engine limit 16 MB). */
export const MAX_ENTRY_BYTES = 17 * 1024 * 1024;
/** The longest request id. */
export const REQUEST_ID_MAX = 128;
/** The default page size of `readAll`. */
export const READ_ALL_LIMIT = 1000;
