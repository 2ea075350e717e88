/**
 * The in-memory stream store: the default, and the reference the conformance suite is written
 * against. Durable only as long as the process; entries are kept frozen copies, so nobody holding
 * an entry it returned can change the log. Appends are atomic (checked in full before anything is
 * kept). Positions are a counter; one process has no late committers, so `readAll` never skips.
 */
import { YishiError } from '../errors/YishiError.js';
import { cloneJson, deepFreeze } from '../log/immutable.js';
import type { StreamHead } from '../log/streamEntry.js';
import { checkAgainstHead, checkBatch, compareCodePoints } from './checkBatch.js';
import {
  type AppendOutcome,
  READ_ALL_LIMIT,
  type ReadAllOptions,
  type StoredEntry,
  type StreamInfo,
  type StreamSnapshot,
  type StreamStore,
  type VaultRecord,
} from './streamStore.js';

export interface MemoryStreamStoreOptions {
  /** Largest entry, as canonical JSON in UTF-8 bytes (default `MAX_ENTRY_BYTES`). */
  maxEntryBytes?: number;
}

interface Stream {
  entries: StoredEntry[];
  requests: Map<string, StoredEntry>;
  vault: Map<string, VaultRecord>;
  snapshot: StreamSnapshot | null;
}

export function memoryStreamStore(options: MemoryStreamStoreOptions = {}): StreamStore {
  const streams = new Map<string, Stream>();
  const all: StoredEntry[] = [];
  let closed = false;

  const open = () => {
    if (closed) throw new YishiError('STORE_CLOSED', 'the store is closed');
  };
  const streamOf = (id: string, create: boolean): Stream | undefined => {
    let s = streams.get(id);
    if (s === undefined && create) {
      s = { entries: [], requests: new Map(), vault: new Map(), snapshot: null };
      streams.set(id, s);
    }
    return s;
  };
  const headOf = (s: Stream | undefined): StreamHead | null => {
    const last = s?.entries[s.entries.length - 1];
    return last ? { version: last.entry.version, hash: last.entry.hash } : null;
  };
  // Async, so a caller never depends on this store answering in the same tick as another would not.
  const later = <T>(f: () => T): Promise<T> =>
    Promise.resolve().then(() => {
      open();
      return f();
    });

  return {
    append: (batch) =>
      later((): AppendOutcome => {
        checkBatch(batch, options.maxEntryBytes);
        const s = streamOf(batch.stream, false);
        if (checkAgainstHead(batch, headOf(s)) === 'conflict') {
          return { ok: false, code: 'VERSION_CONFLICT', head: headOf(s) };
        }
        for (const item of batch.entries) {
          const existing = item.requestId === undefined ? undefined : s?.requests.get(item.requestId);
          if (existing) return { ok: false, code: 'DUPLICATE_REQUEST', requestId: item.requestId!, existing };
        }
        const target = streamOf(batch.stream, true)!;
        const positions: string[] = [];
        for (const item of batch.entries) {
          const stored: StoredEntry = deepFreeze({
            entry: cloneJson(item.entry),
            position: String(all.length + 1),
            requestId: item.requestId ?? null,
          });
          all.push(stored);
          target.entries.push(stored);
          if (stored.requestId !== null) target.requests.set(stored.requestId, stored);
          positions.push(stored.position);
        }
        for (const r of batch.vault ?? []) {
          target.vault.set(r.commitment, { commitment: r.commitment, salt: r.salt, value: r.value });
        }
        return { ok: true, head: headOf(target)!, positions };
      }),
    readStream: (stream, fromVersion = 1) =>
      later(() => (streams.get(stream)?.entries ?? []).slice(Math.max(0, fromVersion - 1))),
    readAll: (o: ReadAllOptions = {}) =>
      later(() => {
        const from = o.after === undefined ? 0 : Number(o.after);
        if (!Number.isSafeInteger(from) || from < 0) {
          throw new YishiError('INVALID_INPUT', `readAll: not a position of this store: ${o.after}`);
        }
        return all.slice(from, from + (o.limit ?? READ_ALL_LIMIT));
      }),
    head: (stream) => later(() => headOf(streams.get(stream))),
    listStreams: (o = {}) =>
      later(() => {
        const out: StreamInfo[] = [];
        for (const [stream, s] of streams) {
          const h = headOf(s);
          if (h !== null && (o.after === undefined || compareCodePoints(stream, o.after) > 0)) {
            out.push({ stream, ...h });
          }
        }
        out.sort((a, b) => compareCodePoints(a.stream, b.stream));
        return out.slice(0, o.limit ?? out.length);
      }),
    findRequest: (stream, requestId) => later(() => streams.get(stream)?.requests.get(requestId) ?? null),
    saveSnapshot: (stream, snapshot) =>
      later(() => {
        streamOf(stream, true)!.snapshot = structuredClone(snapshot);
      }),
    loadSnapshot: (stream) =>
      later(() => {
        const snap = streams.get(stream)?.snapshot;
        return snap ? structuredClone(snap) : null;
      }),
    vault: (stream) => later(() => [...(streams.get(stream)?.vault.values() ?? [])].map((r) => ({ ...r }))),
    erase: (stream, commitment) => later(() => streams.get(stream)?.vault.delete(commitment) ?? false),
    close: async () => {
      closed = true;
    },
  };
}
