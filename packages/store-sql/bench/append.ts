/**
 * What the SQL stores sustain on appends, each figure beside a floor measured in the same run on
 * the same database: the plainest write that commits a row of the same size.
 *
 * - PostgreSQL (a throw-away cluster, 64 pool clients, 64 async senders): floor = `INSERT` of one
 *   row per transaction (its text as long as an entry's JSON, about 370 bytes) (autocommit: one round trip, one commit), and of 32 rows per
 *   transaction for the batch figures.
 * - SQLite (a file, WAL, synchronous=FULL, 64 async senders in one process): floor = better-sqlite3
 *   single-row inserts, one transaction each, and 32 rows per transaction.
 *
 * Store figures: each sender loops read head → build entries (appendStreamEntry: a ballot,
 * about 370 bytes of canonical JSON) → append, re-reading on VERSION_CONFLICT. "hot": one stream for all 64
 * senders; "spread": 500 streams. Appends of 1 entry and batches of 32; and the hot stream fed by
 * one sender, as a group committer would (no conflicts). Throughput in entries per second over
 * BENCH_SECONDS (default 3) after a short warm-up; each floor is measured right before its figure.
 *
 *   node --import tsx bench/append.ts        (or `pnpm bench` from the root)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendStreamEntry, type StreamEntry, type StreamStore } from '@yishi/core/store';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStreamStore } from '../src/postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from '../src/sqlite/sqliteStreamStore.js';
import { startCluster } from '../test/cluster.js';
import { freshSchemaUrl } from '../test/pg.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_SECONDS = 0.5;
const SENDERS = 64;
const SPREAD = 500;
const BATCH = 32;

interface Result {
  entries: number;
  seconds: number;
  conflicts: number;
  appends: number;
}
const rate = (r: Result) => r.entries / r.seconds;

/** Runs `senders` loops until the deadline; each loop call returns entries committed. */
async function run(senders: number, loop: (sender: number, stop: () => boolean) => Promise<Result>) {
  const warmEnd = performance.now() + WARMUP_SECONDS * 1000;
  await Promise.all(Array.from({ length: senders }, (_, s) => loop(s, () => performance.now() > warmEnd)));
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  const rs = await Promise.all(
    Array.from({ length: senders }, (_, s) => loop(s, () => performance.now() > end)),
  );
  const seconds = (performance.now() - t0) / 1000;
  return rs.reduce(
    (a, r) => ({
      entries: a.entries + r.entries,
      seconds,
      conflicts: a.conflicts + r.conflicts,
      appends: a.appends + r.appends,
    }),
    { entries: 0, seconds, conflicts: 0, appends: 0 },
  );
}

let at = Date.UTC(2026, 0, 5);
// A small ballot entry (two hashes make up a third of it); the floors write rows of its size.
function entriesAfter(stream: string, head: { version: number; hash: string } | null, n: number) {
  const out: StreamEntry[] = [];
  let h = head;
  for (let i = 0; i < n; i++) {
    const e = appendStreamEntry(stream, h, {
      at: at++,
      process: 'wc-1',
      kind: 'writtenConsultation',
      actor: { id: 'owner-1', role: 'owner' },
      channel: 'web',
      event: { type: 'CAST_BALLOT', ballotId: `b-${at}`, choices: { fund: 'agree' } },
    });
    out.push(e);
    h = e;
  }
  return out;
}

/** A store sender: read head, build, append, retry on conflict. */
const storeLoop =
  (store: StreamStore, streams: number, batch: number) =>
  async (sender: number, stop: () => boolean): Promise<Result> => {
    let entries = 0;
    let conflicts = 0;
    let appends = 0;
    let k = sender;
    while (!stop()) {
      k = (k * 1103515245 + 12345) >>> 0;
      const stream = streams === 1 ? 'hot' : `s-${k % streams}`;
      for (;;) {
        const head = await store.head(stream);
        const es = entriesAfter(stream, head, batch);
        const r = await store.append({
          stream,
          expectedVersion: head?.version ?? 0,
          entries: es.map((entry) => ({ entry })),
        });
        if (r.ok) break;
        conflicts++;
      }
      appends++;
      entries += batch;
    }
    return { entries, conflicts, appends, seconds: 0 };
  };

const ROW = 'y'.repeat(JSON.stringify(entriesAfter('hot', null, 1)[0]).length);

const lines: string[] = [];
/** BENCH_ONLY=<text>: run only the figures whose name contains it. */
const only = process.env.BENCH_ONLY;
const wanted = (name: string) => only === undefined || name.includes(only);
function report(name: string, r: Result, floor: Result, floorName: string) {
  const perAppend = r.appends === 0 ? 0 : r.conflicts / r.appends;
  const line =
    `${name.padEnd(34)} ${rate(r).toFixed(0).padStart(8)} entries/s   ` +
    `floor (${floorName}) ${rate(floor).toFixed(0).padStart(8)} rows/s   ` +
    `ratio ${(rate(r) / rate(floor)).toFixed(2).padStart(5)}   ${perAppend.toFixed(1)} conflicts per append`;
  lines.push(line);
  console.log(line);
}

async function postgres(base: string) {
  const floorTable = async (rows: number, senders: number): Promise<Result> => {
    const url = await freshSchemaUrl(base);
    const pool = new pg.Pool({ connectionString: url, max: SENDERS });
    await pool.query(
      'CREATE TABLE floor (position bigserial PRIMARY KEY, stream text NOT NULL, version integer NOT NULL, line text NOT NULL)',
    );
    const sql =
      rows === 1
        ? 'INSERT INTO floor (stream, version, line) VALUES ($1, $2, $3)'
        : 'INSERT INTO floor (stream, version, line) SELECT $1, v, $3 FROM generate_series(1, $2::integer) AS v';
    const r = await run(senders, async (s, stop) => {
      let entries = 0;
      while (!stop()) {
        // Named, so the server plans it once per connection, as the store's statements are.
        await pool.query({
          name: `floor_${rows}`,
          text: sql,
          values: [`s-${s}`, rows === 1 ? entries : rows, ROW],
        });
        entries += rows;
      }
      return { entries, conflicts: 0, appends: 0, seconds: 0 };
    });
    await pool.end();
    return r;
  };
  const figure = async (name: string, streams: number, batch: number, senders = SENDERS) => {
    if (!wanted(name)) return;
    // The floor right before its figure, with as many senders, so both see the same load.
    const floor = await floorTable(batch, senders);
    const store = await openPostgresStreamStore({
      connectionString: await freshSchemaUrl(base),
      max: SENDERS,
    });
    try {
      report(name, await run(senders, storeLoop(store, streams, batch)), floor, `${batch}-row INSERT`);
    } finally {
      await store.close();
    }
  };
  console.log(`\nPostgreSQL, ${SENDERS} pool clients, ${SENDERS} senders unless said, ${SECONDS} s each`);
  await figure('postgres hot stream, 1 entry', 1, 1);
  await figure(`postgres hot stream, batches of ${BATCH}`, 1, BATCH);
  await figure(`postgres hot, 1 sender, batches of ${BATCH}`, 1, BATCH, 1);
  await figure(`postgres spread ${SPREAD} streams, 1 entry`, SPREAD, 1);
  await figure(`postgres spread ${SPREAD}, batches of ${BATCH}`, SPREAD, BATCH);
}

async function sqlite(dir: string) {
  let n = 0;
  const floorFile = async (rows: number, senders: number): Promise<Result> => {
    const db = new Database(join(dir, `floor-${++n}.db`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(
      'CREATE TABLE floor (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, version INTEGER NOT NULL, line TEXT NOT NULL)',
    );
    const insert = db.prepare('INSERT INTO floor (stream, version, line) VALUES (?, ?, ?)');
    const many = db.transaction((s: string) => {
      for (let i = 0; i < rows; i++) insert.run(s, i, ROW);
    });
    const r = await run(senders, async (s, stop) => {
      let entries = 0;
      while (!stop()) {
        // Each sender yields like a store call does, so the senders interleave the same way.
        await Promise.resolve();
        if (rows === 1) insert.run(`s-${s}`, entries, ROW);
        else many(`s-${s}`);
        entries += rows;
      }
      return { entries, conflicts: 0, appends: 0, seconds: 0 };
    });
    db.close();
    return r;
  };
  const figure = async (name: string, streams: number, batch: number, senders = SENDERS) => {
    if (!wanted(name)) return;
    const floor = await floorFile(batch, senders);
    const store = openSqliteStreamStore({ path: join(dir, `store-${++n}.db`) });
    try {
      report(name, await run(senders, storeLoop(store, streams, batch)), floor, `${batch}-row txn`);
    } finally {
      await store.close();
    }
  };
  console.log(
    `\nSQLite (file, WAL, synchronous=FULL), ${SENDERS} async senders unless said, ${SECONDS} s each`,
  );
  await figure('sqlite hot stream, 1 entry', 1, 1);
  await figure(`sqlite hot stream, batches of ${BATCH}`, 1, BATCH);
  await figure(`sqlite hot, 1 sender, batches of ${BATCH}`, 1, BATCH, 1);
  await figure(`sqlite spread ${SPREAD} streams, 1 entry`, SPREAD, 1);
  await figure(`sqlite spread ${SPREAD}, batches of ${BATCH}`, SPREAD, BATCH);
}

const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-'));
const cluster = await startCluster((m) => console.log(m));
try {
  console.log(`entries of ${ROW.length} bytes of JSON; floor rows of ${ROW.length}-byte text`);
  await sqlite(dir);
  await postgres(cluster.url);
  // Other work on the machine moves every figure; the floors beside them move with it.
  const load = loadavg().map((x) => x.toFixed(1));
  console.log(`\nsummary (load average at the end: ${load.join(', ')})\n${lines.join('\n')}`);
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
