import { describe, expect, it } from 'vitest';
import { GENESIS } from '../log/logEntry.js';
import { streamEntryHash } from '../log/streamEntry.js';
import { writtenConsultationKind } from '../machines/index.js';
import { memoryStreamStore } from '../store/memoryStreamStore.js';
import type { AppendBatch, StreamStore } from '../store/streamStore.js';
import {
  expectedFundCount,
  type FixtureConsultation,
  fixtureConsultation,
  setUpConsultation,
} from '../testing/fixtureConsultation.js';
import { FIXTURE_PACKS } from '../testing/fixtureEngine.js';
import { withRoster } from '../testing/fixtureRoster.js';
import { openStreamEngine, type StreamEngine, type StreamResult } from './streamEngine.js';

const KINDS = withRoster([writtenConsultationKind]);

function clockAt(t: number) {
  const clock = { t, now: () => clock.t };
  return clock;
}

async function open(store: StreamStore, clock: { now(): number }, extra: object = {}) {
  return openStreamEngine({ store, kinds: KINDS, packs: FIXTURE_PACKS, clock, ...extra });
}

const ok = (r: StreamResult) => {
  if (!r.ok) throw r.error;
  return r;
};

async function setUp(engine: StreamEngine, c: FixtureConsultation, clock: { t: number }) {
  await setUpConsultation(engine, c, clock);
  clock.t = c.castAt;
}

async function fundCount(engine: StreamEngine, c: FixtureConsultation, clock: { t: number }) {
  clock.t = c.closeAt;
  await engine.tick(c.community);
  const snap = (await engine.snapshot(c.community, c.process))!;
  expect(snap.value).toBe('counted');
  const results = (
    snap.context as {
      results: {
        itemId: string;
        result: { counts: { participating: { owners: number } }; ballots?: unknown };
      }[];
    }
  ).results;
  return results;
}

/** Every stream in the store: versions 1…n, prev chained, hashes right. */
async function chainsHold(store: StreamStore) {
  for (const { stream, version } of await store.listStreams()) {
    const entries = await store.readStream(stream);
    expect(entries.length).toBe(version);
    let prev = GENESIS;
    entries.forEach(({ entry }, i) => {
      expect(entry.version).toBe(i + 1);
      expect(entry.stream).toBe(stream);
      expect(entry.prev).toBe(prev);
      expect(streamEntryHash(entry)).toBe(entry.hash);
      prev = entry.hash;
    });
  }
}

/** Counts appends and their sizes. */
function counting(store: StreamStore) {
  const batches: number[] = [];
  return {
    batches,
    store: {
      ...store,
      append(b: AppendBatch) {
        batches.push(b.entries.length);
        return store.append(b);
      },
    } satisfies StreamStore,
  };
}

describe('openStreamEngine: one chain per community', () => {
  it('runs a consultation in its community stream: versions from 1, receipts that point at the stored entries', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 30, community: '梅园居委' });
    const clock = clockAt(c.setup[0]!.at);
    const engine = await open(store, clock);
    await setUp(engine, c, clock);
    const receipts = [];
    for (const b of c.ballots) {
      clock.t += 10;
      const r = ok(
        await engine.send(c.process, b.event, { actor: b.actor, channel: b.channel, community: c.community }),
      );
      receipts.push(r.receipt);
    }
    const stored = await store.readStream('梅园居委');
    expect(stored.length).toBe(c.setup.length + c.ballots.length);
    for (const r of receipts) {
      expect(stored[r.version - 1]!.entry.hash).toBe(r.hash);
      expect(r.stream).toBe('梅园居委');
    }
    await chainsHold(store);
    const results = await fundCount(engine, c, clock);
    expect(results[0]!.result.counts.participating.owners).toBe(30);
  });

  it('keeps each community in its own stream with its own versions', async () => {
    const store = memoryStreamStore();
    const a = fixtureConsultation({ owners: 5, community: 'a' });
    const b = fixtureConsultation({ owners: 7, community: 'b' });
    const clock = clockAt(a.setup[0]!.at);
    const engine = await open(store, clock);
    await setUp(engine, a, clock);
    await setUp(engine, b, clock);
    expect((await store.listStreams()).map((s) => [s.stream, s.version])).toEqual([
      ['a', 5],
      ['b', 5],
    ]);
    // The same process id in two communities is two processes.
    expect((await engine.snapshot('a', 'wc'))!.context).not.toEqual(
      (await engine.snapshot('b', 'wc'))!.context,
    );
    await chainsHold(store);
  });

  it('refuses a send without a community, and a refused event stores nothing', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 3 });
    const clock = clockAt(c.setup[0]!.at);
    const engine = await open(store, clock);
    await setUp(engine, c, clock);
    const before = await store.head(c.community);
    const b = c.ballots[0]!;
    const r1 = await engine.send(c.process, b.event, { actor: b.actor, channel: b.channel } as never);
    expect(r1.ok || r1.error.code).toBe('INVALID_EVENT');
    const r2 = await engine.send(
      c.process,
      { ...b.event, owner: 'nobody' },
      { actor: { id: 'nobody', role: 'owner' }, channel: 'mobile', community: c.community },
    );
    expect(r2.ok).toBe(false);
    const r3 = await engine.send('no-such', b.event, {
      actor: b.actor,
      channel: b.channel,
      community: c.community,
    });
    expect(r3.ok || r3.error.code).toBe('UNKNOWN_PROCESS');
    // half a character (a lone surrogate) is not Unicode: refused, never a crash at hashing
    const half = { ...b.event, ballotId: 'b-\ud800' };
    const r4 = await engine.send(c.process, half, {
      actor: b.actor,
      channel: b.channel,
      community: c.community,
    });
    expect(r4.ok || r4.error.code).toBe('INVALID_EVENT');
    expect(r4.ok || r4.error.message).toMatch(/lone surrogate/);
    expect(await store.head(c.community)).toEqual(before);
  });
});

describe('idempotency: a retried request returns the first result', () => {
  it('returns the same entry and receipt for a retry, sequential or concurrent, and stores it once', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 4 });
    const clock = clockAt(c.setup[0]!.at);
    const engine = await open(store, clock);
    await setUp(engine, c, clock);
    const b = c.ballots[0]!;
    const ctx = { actor: b.actor, channel: b.channel, community: c.community, requestId: 'req-1' };
    const first = ok(await engine.send(c.process, b.event, ctx));
    clock.t += 1000;
    const again = ok(await engine.send(c.process, b.event, ctx));
    expect(again.duplicate).toBe(true);
    expect(again.entry).toEqual(first.entry);
    expect(again.receipt).toEqual(first.receipt);
    // concurrently, in one batch
    const b2 = c.ballots[1]!;
    const ctx2 = { actor: b2.actor, channel: b2.channel, community: c.community, requestId: 'req-2' };
    const rs = await Promise.all([1, 2, 3].map(() => engine.send(c.process, b2.event, ctx2)));
    const accepted = rs.map(ok);
    expect(accepted.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(accepted.map((r) => r.entry.hash)).size).toBe(1);
    const stored = await store.readStream(c.community);
    expect(stored.filter((s) => s.requestId === 'req-2')).toHaveLength(1);
    expect(stored.length).toBe(c.setup.length + 2);
  });

  it('holds across a restart: a new engine on the same store answers the retry', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 4 });
    const clock = clockAt(c.setup[0]!.at);
    const e1 = await open(store, clock);
    await setUp(e1, c, clock);
    const b = c.ballots[0]!;
    const ctx = { actor: b.actor, channel: b.channel, community: c.community, requestId: 'phone-7:1' };
    const first = ok(await e1.send(c.process, b.event, ctx));
    const e2 = await open(store, clock);
    const again = ok(await e2.send(c.process, b.event, ctx));
    expect(again.duplicate).toBe(true);
    expect(again.receipt).toEqual(first.receipt);
  });

  it('refuses a request id reused for another request (another process, actor or channel)', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 4 });
    const clock = clockAt(c.setup[0]!.at);
    const engine = await open(store, clock);
    await setUp(engine, c, clock);
    const [b0, b1] = c.ballots as [(typeof c.ballots)[0], (typeof c.ballots)[0]];
    ok(
      await engine.send(c.process, b0.event, {
        actor: b0.actor,
        channel: b0.channel,
        community: c.community,
        requestId: 'r',
      }),
    );
    const r = await engine.send(c.process, b1.event, {
      actor: b1.actor,
      channel: b1.channel,
      community: c.community,
      requestId: 'r',
    });
    expect(r.ok || r.error.code).toBe('DUPLICATE_REQUEST');
    // the same request id for a changed ballot is another request, not the first one again
    const changed = { ...b0.event, choices: [{ itemId: 'fund', choice: 'oppose' }] };
    const r2 = await engine.send(c.process, changed, {
      actor: b0.actor,
      channel: b0.channel,
      community: c.community,
      requestId: 'r',
    });
    expect(r2.ok || r2.error.code).toBe('DUPLICATE_REQUEST');
    expect(r2.ok || r2.error.message).toMatch(/different event/);
    // what the schema normalises (spaces around the owner) is the same event
    const spaced = { ...b0.event, owner: ` ${b0.event.owner} ` };
    const r3 = await engine.send(c.process, spaced, {
      actor: b0.actor,
      channel: b0.channel,
      community: c.community,
      requestId: 'r',
    });
    expect(r3.ok && r3.duplicate).toBe(true);
    const bad = await engine.send(c.process, b1.event, {
      actor: b1.actor,
      channel: b1.channel,
      community: c.community,
      requestId: '',
    });
    expect(bad.ok || bad.error.code).toBe('INVALID_EVENT');
  });
});

describe('group commit and optimistic concurrency', () => {
  it('appends concurrent sends to one stream in few transactions, answering each after its commit', async () => {
    const { store, batches } = counting(memoryStreamStore());
    const c = fixtureConsultation({ owners: 200 });
    const clock = clockAt(c.setup[0]!.at);
    const engine = await open(store, clock);
    await setUp(engine, c, clock);
    const setupBatches = batches.length;
    const rs = await Promise.all(
      c.ballots.map((b) =>
        engine.send(c.process, b.event, { actor: b.actor, channel: b.channel, community: c.community }),
      ),
    );
    expect(rs.every((r) => r.ok)).toBe(true);
    const ballotBatches = batches.slice(setupBatches);
    expect(ballotBatches.reduce((a, b) => a + b, 0)).toBe(c.ballots.length);
    expect(ballotBatches.length).toBeLessThan(c.ballots.length / 10);
    await chainsHold(store);
    const results = await fundCount(engine, c, clock);
    expect(results[0]!.result.counts.participating.owners).toBe(200);
  });

  it('two engines on one store: every vote stored once, the count is right, the chain holds', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 120, seed: 7 });
    const clock = clockAt(c.setup[0]!.at);
    const e1 = await open(store, clock);
    const e2 = await open(store, clock, { retries: 50 });
    await setUp(e1, c, clock);
    const rs = await Promise.all(
      c.ballots.map((b, i) =>
        (i % 2 ? e1 : e2).send(c.process, b.event, {
          actor: b.actor,
          channel: b.channel,
          community: c.community,
          requestId: `r-${i}`,
        }),
      ),
    );
    for (const r of rs) ok(r);
    // 10% retried under the same request id, on the other engine
    const retried = await Promise.all(
      c.ballots.map((b, i) =>
        i % 10 === 0
          ? (i % 2 ? e2 : e1).send(c.process, b.event, {
              actor: b.actor,
              channel: b.channel,
              community: c.community,
              requestId: `r-${i}`,
            })
          : undefined,
      ),
    );
    for (const r of retried) if (r) expect(ok(r).duplicate).toBe(true);
    const stored = await store.readStream(c.community);
    expect(stored.length).toBe(c.setup.length + c.ballots.length);
    await chainsHold(store);
    await e1.refresh(c.community);
    const results = await fundCount(e1, c, clock);
    expect(results[0]!.result.counts.participating.owners).toBe(120);
    // Under lastCounts the ballot stored last counts: the order is the stream's, not the sending order.
    const live = new Map<string, 'agree' | 'oppose' | 'abstain'>();
    for (const { entry } of stored) {
      if (entry.event.type !== 'CAST_BALLOT') continue;
      const ev = entry.event as unknown as { owner: string; choices: { itemId: string; choice: 'agree' }[] };
      live.set(ev.owner, ev.choices.find((x) => x.itemId === 'fund')!.choice);
    }
    const fund = expectedFundCount(live);
    const counts = (
      results[0]!.result as unknown as { counts: { agree: { owners: number }; oppose: { owners: number } } }
    ).counts;
    expect(counts.agree.owners).toBe(fund.agree);
    expect(counts.oppose.owners).toBe(fund.oppose);
  });

  it('two committee members act on one process at once from two engines: one wins, the other gets VERSION_CONFLICT saying why', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 5 });
    const clock = clockAt(c.setup[0]!.at);
    const e1 = await open(store, clock);
    const e2 = await open(store, clock);
    const upToNotice = c.setup.slice(0, 3);
    await setUp(e1, { ...c, setup: upToNotice }, clock);
    await e2.head(c.community); // e2 has the stream loaded, at the notice
    const issue = c.setup[3]!;
    clock.t = issue.at;
    const ctx = { actor: issue.actor, channel: 'web' as const, community: c.community };
    const [r1, r2] = await Promise.all([
      e1.send(c.process, issue.payload, ctx),
      e2.send(c.process, issue.payload, ctx),
    ]);
    const results = [r1, r2];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok)!;
    expect(lost.ok || lost.error.code).toBe('VERSION_CONFLICT');
    expect(lost.ok || lost.error.message).toMatch(/no longer applies/);
    expect((await store.readStream(c.community)).length).toBe(4);
  });

  it('a send that still applies after another writer is retried and accepted on the new state', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 5 });
    const clock = clockAt(c.setup[0]!.at);
    const e1 = await open(store, clock);
    await setUp(e1, c, clock);
    const e2 = await open(store, clock);
    await e2.head(c.community);
    const [a, b] = c.ballots as [(typeof c.ballots)[0], (typeof c.ballots)[0]];
    ok(await e1.send(c.process, a.event, { actor: a.actor, channel: a.channel, community: c.community }));
    const r = ok(
      await e2.send(c.process, b.event, { actor: b.actor, channel: b.channel, community: c.community }),
    );
    expect(r.entry.version).toBe(c.setup.length + 2);
    // with no retries left, the same race is a VERSION_CONFLICT
    const e3 = await open(store, clock, { retries: 0 });
    await e3.head(c.community);
    ok(
      await e1.send(c.process, c.ballots[2]!.event, {
        actor: c.ballots[2]!.actor,
        channel: 'mobile',
        community: c.community,
      }),
    );
    const d = c.ballots[3]!;
    const conflict = await e3.send(c.process, d.event, {
      actor: d.actor,
      channel: d.channel,
      community: c.community,
    });
    expect(conflict.ok || conflict.error.code).toBe('VERSION_CONFLICT');
    await chainsHold(store);
  });
});

describe('loading: lazily, a bounded cache, snapshots', () => {
  it('loads a stream on first use and evicts the least recently used past the cache size', async () => {
    const store = memoryStreamStore();
    const clock = clockAt(0);
    const setup = await open(store, clock);
    const cs = ['a', 'b', 'c'].map((community) => fixtureConsultation({ owners: 3, community }));
    for (const c of cs) await setUp(setup, c, clock);
    const engine = await open(store, clock, { cache: { streams: 2 } });
    expect(engine.cached()).toEqual([]);
    await engine.head('a');
    await engine.head('b');
    await engine.head('a');
    await engine.head('c');
    expect(engine.cached()).toEqual(['a', 'c']);
    // an evicted stream reloads and goes on
    const b = cs[1]!.ballots[0]!;
    ok(await engine.send('wc', b.event, { actor: b.actor, channel: b.channel, community: 'b' }));
    expect(engine.cached()).toEqual(['c', 'b']);
    await chainsHold(store);
  });

  it('a new engine rebuilds the same state; with snapshots "use" it restores the snapshot and replays the tail', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 20 });
    const clock = clockAt(c.setup[0]!.at);
    const e1 = await open(store, clock);
    await setUp(e1, c, clock);
    for (const [i, b] of c.ballots.slice(0, 10).entries()) {
      ok(
        await e1.send(c.process, b.event, {
          actor: b.actor,
          channel: b.channel,
          community: c.community,
          requestId: `q${i}`,
        }),
      );
    }
    await e1.snapshotStream(c.community);
    for (const b of c.ballots.slice(10)) {
      ok(await e1.send(c.process, b.event, { actor: b.actor, channel: b.channel, community: c.community }));
    }
    const persisted = (e: StreamEngine) =>
      e
        .snapshot(c.community, c.process)
        .then((s) => writtenConsultationKind.machine.getPersistedSnapshot(s!));
    const want = await persisted(e1);
    const full = await open(store, clock);
    expect(await persisted(full)).toEqual(want);
    const fast = await open(store, clock, { snapshots: 'use' });
    expect(await persisted(fast)).toEqual(want);
    // a request from before the snapshot is still known
    const b = c.ballots[3]!;
    const dup = ok(
      await fast.send(c.process, b.event, {
        actor: b.actor,
        channel: b.channel,
        community: c.community,
        requestId: 'q3',
      }),
    );
    expect(dup.duplicate).toBe(true);
  });

  it('refuses to open a stream whose stored entries were changed', async () => {
    const inner = memoryStreamStore();
    const c = fixtureConsultation({ owners: 5 });
    const clock = clockAt(c.setup[0]!.at);
    const e1 = await open(inner, clock);
    await setUp(e1, c, clock);
    for (const b of c.ballots)
      ok(await e1.send(c.process, b.event, { actor: b.actor, channel: b.channel, community: c.community }));
    // a store that hands out one ballot flipped, re-hashed with its own hash but not the next prev
    const tampered: StreamStore = {
      ...inner,
      async readStream(stream, from) {
        const all = await inner.readStream(stream, from);
        return all.map((s) => {
          if (s.entry.version !== c.setup.length + 2) return s;
          const event = {
            ...s.entry.event,
            choices: [
              { itemId: 'fund', choice: 'oppose' },
              { itemId: 'manager', choice: 'oppose' },
            ],
          };
          const e = { ...s.entry, event };
          return { ...s, entry: { ...e, hash: streamEntryHash(e) } };
        });
      },
    };
    const e2 = await open(tampered, clock);
    await expect(e2.head(c.community)).rejects.toMatchObject({ code: 'LOG_TAMPERED' });
  });
});
