/**
 * The IndexedDB schema of the browser stream store, and how it moves from one version to the
 * next. The database's version number is the number of migrations applied: `MIGRATIONS[i]` takes
 * a database from version `i` to `i + 1`, so a page that finds version 0 (nothing) runs them all
 * and a page that finds an older release's database runs only the ones it lacks. A migration may
 * only issue requests on the upgrade transaction it is given (awaiting anything else would let
 * that transaction commit half done); the whole upgrade is one transaction, so a failed migration
 * leaves the database at its old version.
 *
 * Object stores (version 1):
 * - `entries`: key `[stream, version]` (read from the entry itself), value `{ entry, position,
 *   requestId? }`; index `position` (unique: the global order `readAll` pages through) and index
 *   `request` on `[stream, requestId]` (unique: a request id is stored once per stream; entries
 *   without one are not in the index).
 * - `heads`: one record per stream `{ key, stream, version, hash }`, keyed by the stream id's code
 *   points so that the key order is code-point order (IndexedDB compares strings by UTF-16 code
 *   unit, which puts `𠀀` before `ａ`; every other store lists streams by code point).
 * - `meta`: `position` → the last global position handed out (a counter kept in the append's own
 *   transaction).
 * - `snapshots`: stream id → `StreamSnapshot`.
 * - `vault`: key `[stream, commitment]`, value `{ stream, commitment, salt, value }`.
 */
import type { StreamEntry, StreamSnapshot } from '@yishi/core/store';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

export interface EntryRecord {
  entry: StreamEntry;
  position: number;
  /** Absent, not null: IndexedDB leaves a record out of an index whose key path it lacks. */
  requestId?: string;
}

export interface HeadRecord {
  key: number[];
  stream: string;
  version: number;
  hash: string;
}

export interface VaultRow {
  stream: string;
  commitment: string;
  salt: string;
  value: string;
}

export interface StoreSchema extends DBSchema {
  entries: {
    key: [string, number];
    value: EntryRecord;
    indexes: { position: number; request: [string, string] };
  };
  heads: { key: number[]; value: HeadRecord };
  meta: { key: string; value: number };
  snapshots: { key: string; value: StreamSnapshot };
  vault: { key: [string, string]; value: VaultRow };
}

export type StoreDb = IDBPDatabase<StoreSchema>;
export type UpgradeTransaction = IDBPTransaction<StoreSchema, StoreNames<StoreSchema>[], 'versionchange'>;

/** One step of the schema: synchronous, requests on `tx` only. */
export type Migration = (db: StoreDb, tx: UpgradeTransaction) => void;

export const ENTRIES = 'entries';
export const HEADS = 'heads';
export const META = 'meta';
export const SNAPSHOTS = 'snapshots';
export const VAULT = 'vault';
/** The `meta` key of the position counter. */
export const POSITION = 'position';

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the first schema.
  (db) => {
    const entries = db.createObjectStore(ENTRIES, { keyPath: ['entry.stream', 'entry.version'] });
    entries.createIndex('position', 'position', { unique: true });
    entries.createIndex('request', ['entry.stream', 'requestId'], { unique: true });
    db.createObjectStore(HEADS, { keyPath: 'key' });
    db.createObjectStore(META);
    db.createObjectStore(SNAPSHOTS);
    db.createObjectStore(VAULT, { keyPath: ['stream', 'commitment'] });
  },
];

/** The schema version this release writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The object stores a database must have for this release to use it. */
export const STORE_NAMES = [ENTRIES, HEADS, META, SNAPSHOTS, VAULT] as const;

/**
 * A stream id as an IndexedDB key that sorts by code point: an array of numbers compares element
 * by element, and a shorter prefix first, exactly as `compareCodePoints` orders the strings.
 */
export function codePointKey(stream: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < stream.length; i++) {
    const c = stream.codePointAt(i)!;
    out.push(c);
    if (c > 0xffff) i++;
  }
  return out;
}
