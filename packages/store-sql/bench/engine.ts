/**
 * The stream engine on the SQL stores (issue 10's targets), each figure beside a floor measured in
 * the same run on the same database:
 *
 * - **hot stream**: one 2,000-owner written consultation; 64 concurrent senders cast its 2,500
 *   ballots (every owner, then a quarter again) through `engine.send`, each answered only once its
 *   append is durable. Floor: the plainest durable write of a row of the same size, one per
 *   transaction, at the same concurrency (PostgreSQL: `INSERT` through `pg`, 64 pool clients;
 *   SQLite: better-sqlite3 in WAL mode, synchronous=FULL). Targets: at least the floor's rate
 *   (group commit beating one commit per vote) and at least 1,000 votes/s.
 * - **spread**: 500 communities voting at once (a 20-owner consultation each, 12,500 ballots), 64
 *   senders. Target: at least 60% of the floor.
 * - **open to first event** for a stream of 10,000 entries: cold (a new engine: read, verify and
 *   replay the stream, then the event), warm (the stream loaded: the event alone) and from a
 *   snapshot (`snapshots: 'use'`), beside the floor of reading the stream's rows alone.
 *
 *   node --import tsx bench/engine.ts       (part of `pnpm bench`; BENCH_ONLY=sqlite|postgres)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStreamEngine, type StreamEngine, type StreamResult } from '@yishi/core/engine';
import type { StreamStore } from '@yishi/core/store';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStreamStore } from '../src/postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from '../src/sqlite/sqliteStreamStore.js';
import { startCluster } from '../test/cluster.js';
import {
  FIXTURE_PACKS,
  type FixtureConsultation,
  fixtureConsultation,
  KINDS,
  setUpConsultation,
} from '../test/engineFixtures.js';
import { freshSchemaUrl } from '../test/pg.js';

const SENDERS = 64;
const HOT_OWNERS = 2000;
const SPREAD = 500;
const SPREAD_OWNERS = 20;
const OPEN_OWNERS = 8000; // 5 set-up entries + 8,000 ballots + 2,000 recasts ≈ 10,000 entries
const only = process.env.BENCH_ONLY;
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};

const ok = (r: StreamResult) => {
  if (!r.ok) throw r.error;
  return r;
};

function engineOn(store: StreamStore, at: () => number, extra: object = {}) {
  return openStreamEngine({
    store,
    kinds: KINDS,
    packs: FIXTURE_PACKS,
    clock: { now: at },
    cache: { streams: SPREAD + 10 },
    ...extra,
  });
}

/** `senders` loops taking sends from one queue; returns votes per second. */
async function castAll(engine: StreamEngine, sends: { c: FixtureConsultation; i: number }[]) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (;;) {
        const k = next++;
        if (k >= sends.length) return;
        const { c, i } = sends[k]!;
        const b = c.ballots[i]!;
        ok(
          await engine.send(c.process, b.event, {
            actor: b.actor,
            channel: b.channel,
            community: c.community,
            requestId: `r-${i}`,
          }),
        );
      }
    }),
  );
  return sends.length / ((performance.now() - t0) / 1000);
}

/** A clock on the voting day that moves with real time, as a server's does. */
function votingClock(c: FixtureConsultation) {
  const clock = { t: c.setup[0]!.at, now: () => clock.t };
  return {
    clock,
    vote() {
      const start = Date.now();
      clock.now = () => Math.max(clock.t, c.castAt + (Date.now() - start));
    },
  };
}

async function hot(store: StreamStore, floor: number, db: string) {
  const c = fixtureConsultation({ owners: HOT_OWNERS, seed: 1, community: 'hot' });
  const { clock, vote } = votingClock(c);
  const engine = await engineOn(store, () => clock.now());
  await setUpConsultation(engine, c, clock);
  vote();
  const rate = await castAll(
    engine,
    c.ballots.map((_, i) => ({ c, i })),
  );
  await engine.close();
  const verdict = rate >= floor && rate >= 1000 ? 'PASS' : 'MISS';
  say(
    `${db} hot stream (${c.ballots.length} votes, ${SENDERS} senders): ${rate.toFixed(0)} votes/s, ` +
      `floor ${floor.toFixed(0)} rows/s, ratio ${(rate / floor).toFixed(2)} ` +
      `(target ≥ 1.00 and ≥ 1,000 votes/s: ${verdict})`,
  );
}

async function spread(store: StreamStore, floor: number, db: string) {
  const cs = Array.from({ length: SPREAD }, (_, k) =>
    fixtureConsultation({ owners: SPREAD_OWNERS, seed: k + 1, community: `c-${k}` }),
  );
  const { clock, vote } = votingClock(cs[0]!);
  const engine = await engineOn(store, () => clock.now());
  for (const c of cs) await setUpConsultation(engine, c, clock);
  vote();
  // Round robin over the communities, as an evening's votes come from everywhere at once.
  const sends: { c: FixtureConsultation; i: number }[] = [];
  for (let i = 0; i < cs[0]!.ballots.length; i++) for (const c of cs) sends.push({ c, i });
  const rate = await castAll(engine, sends);
  await engine.close();
  const ratio = rate / floor;
  say(
    `${db} spread (${SPREAD} communities, ${sends.length} votes, ${SENDERS} senders): ${rate.toFixed(0)} votes/s, ` +
      `floor ${floor.toFixed(0)} rows/s, ratio ${ratio.toFixed(2)} (target ≥ 0.60: ${ratio >= 0.6 ? 'PASS' : 'MISS'})`,
  );
}

async function openLatency(open: () => Promise<StreamStore>, db: string) {
  const c = fixtureConsultation({ owners: OPEN_OWNERS, seed: 5, community: 'big' });
  const { clock, vote } = votingClock(c);
  const store = await open();
  const writer = await engineOn(store, () => clock.now());
  await setUpConsultation(writer, c, clock);
  vote();
  // all but the last ballot: the first event after opening is that one
  await castAll(
    writer,
    c.ballots.slice(0, -1).map((_, i) => ({ c, i })),
  );
  await writer.snapshotStream('big');
  await writer.close();
  const entries = (await store.readStream('big')).length;
  const last = c.ballots.length - 1;
  const send = (e: StreamEngine, i: number) => {
    const b = c.ballots[i]!;
    return e.send(c.process, b.event, {
      actor: b.actor,
      channel: b.channel,
      community: 'big',
      requestId: `r-${i}`,
    });
  };
  const ms = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  const floor = await ms(() => store.readStream('big'));
  // cold: a new engine, the stream read, verified and replayed, then the event (a retry: nothing new)
  const cold = await ms(async () => ok(await send(await engineOn(store, () => clock.now()), 0)));
  const engine = await engineOn(store, () => clock.now());
  await engine.head('big');
  const warm = await ms(async () => ok(await send(engine, last)));
  const fast = await ms(async () =>
    ok(await send(await engineOn(store, () => clock.now(), { snapshots: 'use' }), 1)),
  );
  say(
    `${db} open to first event, ${entries} entries: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(1)} ms, ` +
      `from a snapshot ${fast.toFixed(0)} ms; floor (reading the stream's rows) ${floor.toFixed(0)} ms`,
  );
  await store.close();
}

async function pgFloor(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: SENDERS });
  await pool.query(
    'CREATE TABLE floor (position bigserial PRIMARY KEY, stream text, version integer, line text)',
  );
  const row = 'y'.repeat(1200);
  const n = 5000;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next++ < n) {
        await pool.query({
          name: 'floor',
          text: 'INSERT INTO floor (stream, version, line) VALUES ($1, $2, $3)',
          values: ['hot', next, row],
        });
      }
    }),
  );
  const rate = n / ((performance.now() - t0) / 1000);
  await pool.end();
  return rate;
}

async function sqliteFloor(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE floor (position INTEGER PRIMARY KEY, stream TEXT, version INTEGER, line TEXT)');
  const insert = db.prepare('INSERT INTO floor (stream, version, line) VALUES (?, ?, ?)');
  const row = 'y'.repeat(1200);
  const n = 5000;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next++ < n) {
        await Promise.resolve(); // each sender yields as a store call does
        insert.run('hot', next, row);
      }
    }),
  );
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

const dir = mkdtempSync(join(tmpdir(), 'yishi-engine-bench-'));
const cluster = only === 'sqlite' ? null : await startCluster((m) => console.log(m));
try {
  console.log(
    'the stream engine on SQL stores: ballots of about 1,200 bytes of canonical JSON; floors write rows of that size',
  );
  if (only !== 'postgres') {
    let n = 0;
    const file = () => join(dir, `e-${++n}.db`);
    await hot(openSqliteStreamStore({ path: file() }), await sqliteFloor(file()), 'sqlite');
    await spread(openSqliteStreamStore({ path: file() }), await sqliteFloor(file()), 'sqlite');
    const path = file();
    await openLatency(async () => openSqliteStreamStore({ path }), 'sqlite');
  }
  if (cluster) {
    const base = cluster.url;
    const store = async () =>
      openPostgresStreamStore({ connectionString: await freshSchemaUrl(base), max: SENDERS });
    await hot(await store(), await pgFloor(await freshSchemaUrl(base)), 'postgres');
    await spread(await store(), await pgFloor(await freshSchemaUrl(base)), 'postgres');
    const url = await freshSchemaUrl(base);
    await openLatency(() => openPostgresStreamStore({ connectionString: url }), 'postgres');
  }
  const load = loadavg().map((x) => x.toFixed(1));
  console.log(`\nsummary (load average at the end: ${load.join(', ')})\n${lines.join('\n')}`);
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
