/**
 * The page bench/run.mjs opens in Chromium: how fast the IndexedDB store appends and reads back,
 * beside two baselines measured in the same page on the same entries:
 * - memory: `memoryStreamStore`, which runs the same `checkBatch` (re-hashing every entry), so the
 *   gap to it is what IndexedDB costs;
 * - floor: bare IndexedDB, the least code that keeps the same records: one readwrite transaction
 *   per batch putting each record, no checks, no head, no counter, no request-id index; so the gap
 *   to it is what the store's checks and bookkeeping cost.
 */
import { chainOf, memoryStreamStore, type StreamEntry, type StreamStore } from '@yishi/core/store';
import { deleteIndexedDbStreamStore, openIndexedDbStreamStore } from '../src/index.js';

type Durability = 'strict' | 'relaxed';

interface Row {
  variant: string;
  appendsPerSecond: number;
  entriesPerSecond: number;
  readAllMs: number;
}

const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);

async function timeStore(variant: string, s: StreamStore, es: StreamEntry[], batch: number): Promise<Row> {
  const t0 = performance.now();
  for (let i = 0; i < es.length; i += batch) {
    const entries = es.slice(i, i + batch).map((entry) => ({ entry }));
    const r = await s.append({ stream: 'c1', expectedVersion: i, entries });
    if (!r.ok) throw new Error(`${variant}: append at ${i}: ${r.code}`);
  }
  const t1 = performance.now();
  const back = await s.readStream('c1');
  const t2 = performance.now();
  if (back.length !== es.length) throw new Error(`${variant}: read ${back.length} of ${es.length}`);
  return {
    variant,
    appendsPerSecond: perSecond(es.length / batch, t1 - t0),
    entriesPerSecond: perSecond(es.length, t1 - t0),
    readAllMs: Math.round(t2 - t1),
  };
}

function request<T>(r: IDBRequest<T>) {
  return new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function timeFloor(
  variant: string,
  es: StreamEntry[],
  batch: number,
  durability: Durability,
): Promise<Row> {
  const name = `yishi-bench-floor-${durability}-${batch}`;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('entries', { keyPath: ['entry.stream', 'entry.version'] });
  };
  const db = await request(open);
  try {
    const t0 = performance.now();
    let position = 0;
    for (let i = 0; i < es.length; i += batch) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('entries', 'readwrite', { durability });
        for (const entry of es.slice(i, i + batch))
          tx.objectStore('entries').put({ entry, position: ++position });
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
    }
    const t1 = performance.now();
    const range = IDBKeyRange.bound(['c1', 1], ['c1', Number.POSITIVE_INFINITY]);
    const back = await request(db.transaction('entries').objectStore('entries').getAll(range));
    const t2 = performance.now();
    if (back.length !== es.length) throw new Error(`${variant}: read ${back.length}`);
    return {
      variant,
      appendsPerSecond: perSecond(es.length / batch, t1 - t0),
      entriesPerSecond: perSecond(es.length, t1 - t0),
      readAllMs: Math.round(t2 - t1),
    };
  } finally {
    db.close();
    await request(indexedDB.deleteDatabase(name));
  }
}

async function bench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [n, batch] of [
    [300, 1],
    [3000, 50],
  ] as const) {
    const es = chainOf('c1', null, n);
    const label = batch === 1 ? `${n} appends of 1 entry` : `${n / batch} appends of ${batch} entries`;
    rows.push(await timeStore(`memory store, ${label}`, memoryStreamStore(), es, batch));
    for (const durability of ['strict', 'relaxed'] as const) {
      rows.push(await timeFloor(`IndexedDB floor (${durability}), ${label}`, es, batch, durability));
      const name = `yishi-bench-${durability}-${batch}`;
      const s = await openIndexedDbStreamStore({ name, durability });
      try {
        rows.push(await timeStore(`IndexedDB store (${durability}), ${label}`, s, es, batch));
      } finally {
        await s.close();
        await deleteIndexedDbStreamStore({ name });
      }
    }
  }
  return rows;
}

declare global {
  interface Window {
    yishiBench?: typeof bench;
  }
}
window.yishiBench = bench;
document.body.dataset.ready = 'true';
