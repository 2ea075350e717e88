/**
 * What both SQL stores share: turning a stored row back into a `StoredEntry`, and the options.
 * An entry is kept as its canonical JSON text (the line `checkBatch` returns, the bytes its hash
 * is over), so what is read back is the evidence itself, not a re-serialisation of columns.
 */
import type { StoredEntry, StreamEntry } from '@yishi/core/store';

export interface SqlStoreOptions {
  /** Largest entry, as canonical JSON in UTF-8 bytes (default `MAX_ENTRY_BYTES`). */
  maxEntryBytes?: number;
}

export function storedEntry(line: string, position: string, requestId: string | null): StoredEntry {
  return { entry: JSON.parse(line) as StreamEntry, position, requestId };
}

/** `readAll`'s limit: a whole number ≥ 0 (0 reads nothing). */
export function pageSize(limit: number | undefined, fallback: number): number {
  const n = limit ?? fallback;
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}
