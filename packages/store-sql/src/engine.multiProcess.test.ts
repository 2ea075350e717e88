/**
 * The stream engine on two OS processes sharing one database (a SQLite file in WAL mode, and
 * PostgreSQL): 64 concurrent senders (32 on each node) cast the ballots of a 2,000-owner written
 * consultation, a tenth of them sent twice under the same request id. Afterwards every ballot is
 * stored exactly once, every acknowledgement names the stored entry, the chain verifies, a
 * restarted engine answers retried request ids with their first result, and the count is the one
 * the stored ballots give. Then a node is SIGKILLed in the middle of a vote storm: every
 * acknowledged vote is there, nothing is half-written, and retries return their first result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStreamEngine, type StreamEngine, type StreamResult } from '@yishi/core/engine';
import type { StoredEntry, StreamStore } from '@yishi/core/store';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  expectedFundCount,
  FIXTURE_PACKS,
  type FixtureConsultation,
  fixtureConsultation,
  KINDS,
  setUpConsultation,
} from '../test/engineFixtures.js';
import { freshSchemaUrl } from '../test/pg.js';
import { startVoter, type VoteAck } from '../test/spawnVoter.js';
import { verifyStore } from '../test/verify.js';
import { openPostgresStreamStore } from './postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from './sqlite/sqliteStreamStore.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-engine-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OWNERS = 2000;
const SEED = 11;

const ok = (r: StreamResult) => {
  if (!r.ok) throw r.error;
  return r;
};

async function engineAt(store: StreamStore, at: () => number) {
  return openStreamEngine({ store, kinds: KINDS, packs: FIXTURE_PACKS, clock: { now: at } });
}

/** The roster, the consultation, its notice and ballots issued, open for voting. */
async function setUp(store: StreamStore, c: FixtureConsultation) {
  const clock = { t: c.setup[0]!.at };
  const engine = await engineAt(store, () => clock.t);
  await setUpConsultation(engine, c, clock);
  await engine.close();
}

/** Every stored ballot by its request id, in stream order. */
async function ballots(store: StreamStore, c: FixtureConsultation) {
  const stored = await store.readStream(c.community);
  return stored.filter(
    (s): s is StoredEntry & { requestId: string } => s.requestId?.startsWith('r-') === true,
  );
}

/** What the count must be: under lastCounts the ballot stored last counts. */
function expectedFrom(stored: readonly { requestId: string }[], c: FixtureConsultation) {
  const live = new Map<string, 'agree' | 'oppose' | 'abstain'>();
  for (const s of stored) {
    const b = c.ballots[Number(s.requestId.slice(2))]!;
    live.set(b.owner, (b.event.choices[0] as { choice: 'agree' | 'oppose' | 'abstain' }).choice);
  }
  return expectedFundCount(live);
}

async function countOf(engine: StreamEngine, c: FixtureConsultation) {
  await engine.tick(c.community);
  const snap = (await engine.snapshot(c.community, c.process))!;
  expect(snap.value).toBe('counted');
  const fund = (snap.context as { results: { result: { counts: Record<string, { owners: number }> } }[] })
    .results[0]!.result.counts;
  return {
    agree: fund.agree!.owners,
    oppose: fund.oppose!.owners,
    abstain: fund.abstain!.owners,
    participating: fund.participating!.owners,
  };
}

function checkAcks(acks: readonly VoteAck[], byRequest: Map<number, StoredEntry>) {
  for (const a of acks) {
    const s = byRequest.get(a.i);
    expect(s, `ballot ${a.i} acknowledged but not stored`).toBeDefined();
    expect(s!.entry.version).toBe(a.version);
    expect(s!.entry.hash).toBe(a.hash);
  }
}

async function storm(kind: 'sqlite' | 'postgres', target: string, open: () => Promise<StreamStore>) {
  const c = fixtureConsultation({ owners: OWNERS, seed: SEED });
  const setupStore = await open();
  await setUp(setupStore, c);
  await setupStore.close();

  const options = { owners: OWNERS, seed: SEED, parts: 2, senders: 32, retryEvery: 10, start: Date.now() };
  const nodes = [0, 1].map((part) => startVoter(kind, target, { ...options, part }));
  const ends = await Promise.all(nodes.map((n) => n.done));
  for (const e of ends) expect(e.code, e.stderr).toBe(0);
  const acks = nodes.flatMap((n) => n.acks);

  const store = await open();
  try {
    await verifyStore(store);
    const stored = await ballots(store, c);
    // every ballot stored exactly once, under its own request id
    expect(stored.length).toBe(c.ballots.length);
    const byRequest = new Map(stored.map((s) => [Number(s.requestId.slice(2)), s as StoredEntry]));
    expect(byRequest.size).toBe(c.ballots.length);
    // every acknowledgement, first or retried, names the stored entry; retries say so
    expect(acks.filter((a) => !a.duplicate).length).toBe(c.ballots.length);
    expect(acks.filter((a) => a.duplicate).length).toBe(Math.ceil(c.ballots.length / 10));
    checkAcks(acks, byRequest);

    // a restarted node answers a retry with the first result
    let t = c.castAt + 3_600_000;
    const engine = await engineAt(store, () => t);
    for (let i = 0; i < c.ballots.length; i += 97) {
      const b = c.ballots[i]!;
      const r = ok(
        await engine.send(c.process, b.event, {
          actor: b.actor,
          channel: b.channel,
          community: c.community,
          requestId: `r-${i}`,
        }),
      );
      expect(r.duplicate).toBe(true);
      expect(r.entry.version).toBe(byRequest.get(i)!.entry.version);
    }
    // the count is the stored ballots'
    t = c.closeAt;
    const counted = await countOf(engine, c);
    const expected = expectedFrom(stored, c);
    expect(counted).toEqual({ ...expected, participating: OWNERS });
    await engine.close();
  } finally {
    await store.close();
  }
}

async function crash(kind: 'sqlite' | 'postgres', target: string, open: () => Promise<StreamStore>) {
  const c = fixtureConsultation({ owners: OWNERS, seed: SEED + 1 });
  const setupStore = await open();
  await setUp(setupStore, c);
  await setupStore.close();
  const node = startVoter(kind, target, {
    owners: OWNERS,
    seed: SEED + 1,
    parts: 1,
    part: 0,
    senders: 32,
    retryEvery: 10,
    start: Date.now(),
  });
  const deadline = Date.now() + 120_000;
  while (node.acks.length < 300 && node.child.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2));
  }
  node.child.kill('SIGKILL');
  const end = await node.done;
  expect(end.signal, end.stderr).toBe('SIGKILL');
  const acks = node.acks.slice();
  expect(acks.length).toBeGreaterThanOrEqual(300);

  const store = await open();
  try {
    await verifyStore(store);
    const stored = await ballots(store, c);
    const byRequest = new Map(stored.map((s) => [Number(s.requestId.slice(2)), s as StoredEntry]));
    expect(byRequest.size).toBe(stored.length); // none stored twice
    checkAcks(acks, byRequest);
    // Retry every ballot, as phones would: the acknowledged and the stored-but-unacknowledged
    // return their first result, the rest are cast now.
    let t = c.castAt + 3_600_000;
    const engine = await engineAt(store, () => t);
    const rs = await Promise.all(
      c.ballots.map((b, i) =>
        engine.send(c.process, b.event, {
          actor: b.actor,
          channel: b.channel,
          community: c.community,
          requestId: `r-${i}`,
        }),
      ),
    );
    rs.forEach((r, i) => {
      const a = ok(r);
      if (byRequest.has(i)) {
        expect(a.duplicate).toBe(true);
        expect(a.entry.hash).toBe(byRequest.get(i)!.entry.hash);
      } else {
        expect(a.duplicate).toBeUndefined();
      }
    });
    const all = await ballots(store, c);
    expect(all.length).toBe(c.ballots.length);
    t = c.closeAt;
    expect(await countOf(engine, c)).toEqual({ ...expectedFrom(all, c), participating: OWNERS });
    await engine.close();
  } finally {
    await store.close();
  }
}

describe('the stream engine on two processes sharing one database', () => {
  it('SQLite (WAL): 64 senders, 2,000 owners, a tenth retried — each vote once, the count right, the chain whole', async () => {
    const path = join(dir, 'storm.db');
    await storm('sqlite', path, async () => openSqliteStreamStore({ path, busyTimeoutMs: 60_000 }));
  });

  it('PostgreSQL: 64 senders, 2,000 owners, a tenth retried — each vote once, the count right, the chain whole', async () => {
    const url = await freshSchemaUrl(inject('pgUrl'));
    await storm('postgres', url, () => openPostgresStreamStore({ connectionString: url }));
  });

  it('SQLite: a node SIGKILLed mid-storm loses no acknowledged vote, half-writes nothing, and retries return their first result', async () => {
    const path = join(dir, 'crash.db');
    await crash('sqlite', path, async () => openSqliteStreamStore({ path, busyTimeoutMs: 60_000 }));
  });

  it('PostgreSQL: a node SIGKILLed mid-storm loses no acknowledged vote, half-writes nothing, and retries return their first result', async () => {
    const url = await freshSchemaUrl(inject('pgUrl'));
    await crash('postgres', url, () => openPostgresStreamStore({ connectionString: url }));
  });
});
