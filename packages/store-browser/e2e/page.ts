/**
 * The test page the browser run (e2e/run.mjs) bundles and opens in the real Chromium. It runs the
 * shared conformance suite and the IndexedDB cases against the page's own IndexedDB, and offers
 * the steps the runner strings together across reloads, tabs and browser restarts. Every
 * database it opens is named by the runner or by `fresh()`, and deleted when a case ends.
 */
import { isYishiError } from '@yishi/core';
import { chainOf, type StreamStore, streamEntryHash, streamStoreConformance } from '@yishi/core/store';
import { indexedDbCases } from '../src/indexedDbCases.js';
import {
  deleteIndexedDbStreamStore,
  openIndexedDbStreamStore,
  openWithMigrations,
} from '../src/indexedDbStreamStore.js';
import { MIGRATIONS, type Migration } from '../src/schema.js';

const run = crypto.randomUUID().slice(0, 8);
let made = 0;
const fresh = () => `yishi-e2e-${run}-${++made}`;

const describe = (e: unknown) =>
  isYishiError(e) ? `${e.code} (${e.issues[0]?.message ?? ''}): ${e.message}` : String(e);

async function runCase(name: string): Promise<{ ok: boolean; error?: string }> {
  const names: string[] = [];
  const named = () => {
    const n = fresh();
    names.push(n);
    return n;
  };
  try {
    const conformance = streamStoreConformance.find((c) => `conformance: ${c.name}` === name);
    const own = indexedDbCases.find((c) => `indexeddb: ${c.name}` === name);
    if (conformance) await conformance.run((o) => openIndexedDbStreamStore({ name: named(), ...o }));
    else if (own) await own.run({ factory: indexedDB, fresh: named });
    else throw new Error(`no case ${name}`);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    for (const n of names) await deleteIndexedDbStreamStore({ name: n }).catch(() => {});
  }
}

/** Stores the runner keeps open across its calls, by database name. */
const open = new Map<string, StreamStore>();
async function store(name: string) {
  let s = open.get(name);
  if (s === undefined) {
    s = await openIndexedDbStreamStore({ name });
    open.set(name, s);
  }
  return s;
}

/**
 * Appends `count` entries to `stream`, one at a time, each with request id `${tag}-${i}`: reads
 * the head, appends after it, and on VERSION_CONFLICT (another tab got there first) reads the head
 * again and retries. `seed` keeps this tab's entries apart from another's.
 */
async function appendWithRetries(name: string, stream: string, count: number, tag: string, seed: number) {
  const s = await store(name);
  let conflicts = 0;
  for (let i = 0; i < count; i++) {
    for (;;) {
      const head = await s.head(stream);
      const [entry] = chainOf(stream, head, 1, seed + i);
      const r = await s.append({
        stream,
        expectedVersion: head?.version ?? 0,
        entries: [{ entry: entry!, requestId: `${tag}-${i}` }],
      });
      if (r.ok) break;
      if (r.code !== 'VERSION_CONFLICT') throw new Error(`append ${tag}-${i}: ${JSON.stringify(r)}`);
      conflicts++;
    }
  }
  return { conflicts };
}

/** The stream as stored, and whether it is one intact chain. */
async function readChain(name: string, stream: string) {
  const rows = await (await store(name)).readStream(stream);
  const problems: string[] = [];
  let prev = '0'.repeat(64);
  rows.forEach((r, i) => {
    if (r.entry.version !== i + 1) problems.push(`row ${i}: version ${r.entry.version}`);
    if (r.entry.prev !== prev) problems.push(`version ${r.entry.version}: prev does not chain`);
    if (streamEntryHash(r.entry) !== r.entry.hash) problems.push(`version ${r.entry.version}: wrong hash`);
    prev = r.entry.hash;
  });
  return {
    hashes: rows.map((r) => r.entry.hash),
    requestIds: rows.map((r) => r.requestId),
    positions: rows.map((r) => r.position),
    problems,
  };
}

/** Reads the head now; `appendAt` appends after it later (the two tabs' race, step by step). */
const heads = new Map<string, Awaited<ReturnType<StreamStore['head']>>>();
async function readHead(name: string, stream: string) {
  heads.set(`${name}/${stream}`, await (await store(name)).head(stream));
}
async function appendAt(name: string, stream: string, seed: number) {
  const head = heads.get(`${name}/${stream}`) ?? null;
  const [entry] = chainOf(stream, head, 1, seed);
  const r = await (await store(name)).append({
    stream,
    expectedVersion: head?.version ?? 0,
    entries: [{ entry: entry! }],
  });
  return r.ok ? 'ok' : r.code;
}

async function close(name: string) {
  await open.get(name)?.close();
  open.delete(name);
}

/** A connection held the way old code holds one: it ignores `versionchange`. */
let held: IDBDatabase | null = null;
function hold(name: string) {
  return new Promise<void>((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => {
      held = r.result;
      resolve();
    };
    r.onerror = () => reject(r.error);
  });
}
function release() {
  held?.close();
  held = null;
}

const nextRelease: Migration = (_db, tx) => {
  (tx.objectStore('entries') as unknown as IDBObjectStore).createIndex('at', 'entry.at');
};
/** Opens the store as the next release would (one more migration); says how that went. */
async function upgrade(name: string) {
  try {
    const s = await openWithMigrations({ name }, [...MIGRATIONS, nextRelease]);
    const n = (await s.readStream('c1')).length;
    await s.close();
    return `ok, ${n} entries`;
  } catch (e) {
    return describe(e);
  }
}

/** What a store this page holds answers now. */
async function probe(name: string) {
  try {
    const h = await open.get(name)?.head('c1');
    return `ok, version ${h?.version ?? 0}`;
  } catch (e) {
    return describe(e);
  }
}

const api = {
  cases: () => [
    ...streamStoreConformance.map((c) => `conformance: ${c.name}`),
    ...indexedDbCases.map((c) => `indexeddb: ${c.name}`),
  ],
  runCase,
  appendWithRetries,
  readChain,
  readHead,
  appendAt,
  close,
  hold,
  release,
  upgrade,
  probe,
  remove: (name: string) => deleteIndexedDbStreamStore({ name }),
};

declare global {
  interface Window {
    yishiE2E?: typeof api;
  }
}
window.yishiE2E = api;
document.body.dataset.ready = 'true';
