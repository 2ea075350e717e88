/**
 * Ballot intake at scale, without timings: what a ballot costs is counted in the objects and
 * property slots it creates, which must not grow with the ballots already in; and owners keyed
 * like Object.prototype's members vote and count like anyone else.
 */
import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../../calendar/plainDate.js';
import { createEngine } from '../../engine/createEngine.js';
import { replay } from '../../engine/replay.js';
import { memoryStore } from '../../engine/store.js';
import { canonicalJson } from '../../log/canonicalJson.js';
import { deepFreeze } from '../../log/immutable.js';
import { FIXTURE_PACKS, fixtureRules } from '../../testing/fixtureEngine.js';
import { rostered, withRoster } from '../../testing/fixtureRoster.js';
import { ballotEntries, liveBallots } from './ballotLedger.js';
import type { ConsultationContext, PersistedConsultationContext } from './consultationSchemas.js';
import { writtenConsultationKind as kind } from './writtenConsultation.kind.js';

const HOUR = 3_600_000;
/** The consultation and the roster its committee is checked against. */
const KINDS = withRoster([kind]);
const COMMITTEE = { actor: { id: 'oc-1', role: 'ownersCommittee' }, channel: 'web' } as const;
const SYSTEM = { actor: { id: 'system', role: 'system' }, channel: 'system' } as const;
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const ITEMS = [{ id: 'fund', title: '使用维修资金更换水泵', matter: 'useMaintenanceFund' }] as const;
const asOwner = (id: string) => ({ actor: { id, role: 'owner' }, channel: 'mobile' }) as const;

function collecting(owners: readonly string[], repeatBallot: 'firstCounts' | 'lastCounts' = 'firstCounts') {
  const clock = { t: chinaMidnight('2025-04-01') + 9 * HOUR, now: () => clock.t };
  const store = memoryStore();
  const engine = rostered(createEngine({ kinds: KINDS, clock, store, packs: FIXTURE_PACKS }));
  const registry = {
    estate: '幸福小区',
    developer: 'developer',
    units: owners.map((owner, i) => ({
      id: `1-${i + 1}`,
      building: '1',
      area: `${60 + (i % 7)}.00`,
      owner,
      status: 'delivered' as const,
    })),
  };
  const rules = fixtureRules({ 'ownersAssembly.repeatBallot': repeatBallot });
  const input = { id: 'wc', title: '书面表决', items: ITEMS, rules, registry, hasOwnersCommittee: true };
  const must = (r: { ok: boolean; error?: unknown }) => {
    if (!r.ok) throw r.error;
  };
  must(engine.create('writtenConsultation', 'wc', input, COMMITTEE));
  must(
    engine.send(
      'wc',
      { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [BOARD] },
      COMMITTEE,
    ),
  );
  must(engine.send('wc', { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, COMMITTEE));
  clock.t = chinaMidnight('2025-04-20') + 9 * HOUR;
  return { engine, clock, store };
}

const cast = (owner: string, choice = 'agree', ballotId = `${owner}-web`) => ({
  type: 'CAST_BALLOT',
  ballotId,
  owner,
  channel: 'online',
  choices: [{ itemId: 'fund', choice }],
});

/** Every plain object and array reachable from `x`. */
function* parts(x: unknown, seen = new Set<object>()): Generator<object> {
  if (typeof x !== 'object' || x === null || seen.has(x)) return;
  const proto = Object.getPrototypeOf(x);
  if (!Array.isArray(x) && proto !== Object.prototype && proto !== null) return;
  seen.add(x);
  yield x;
  for (const v of Object.values(x)) yield* parts(v, seen);
}

/** Objects in `next` not in `prev`, and the property slots they hold (what the event wrote). */
function written(prev: unknown, next: unknown) {
  const old = new Set(parts(prev));
  let objects = 0;
  let slots = 0;
  for (const p of parts(next)) {
    if (old.has(p)) continue;
    objects++;
    slots += Object.keys(p).length;
  }
  return { objects, slots };
}

const ctx = (engine: ReturnType<typeof collecting>['engine']) =>
  engine.process('wc')!.getSnapshot().context as ConsultationContext;

describe('intake does not copy the ledger', () => {
  it('a ballot writes the same bounded number of objects and slots, the 10th as the 400th', () => {
    const owners = Array.from({ length: 400 }, (_, i) => `o${i}`);
    const { engine } = collecting(owners);
    const cost: { objects: number; slots: number }[] = [];
    for (const o of owners) {
      const before = ctx(engine);
      const r = engine.send('wc', cast(o), asOwner(o));
      if (!r.ok) throw r.error;
      const after = r.snapshot.context as ConsultationContext;
      cost.push(written(before, after));
      // the previous snapshot is intact: its ledger is not the new one and did not grow
      expect(after.entries).not.toBe(before.entries);
      expect(ballotEntries(before)).toHaveLength(ballotEntries(after).length - 1);
      // and everything it held is still shared
      expect(after.voters).toBe(before.voters);
      expect(after.registry).toBe(before.registry);
    }
    const max = (xs: typeof cost) => Math.max(...xs.map((c) => c.slots));
    // A new context (its ~22 keys), the entry, a list tail of ≤ 32, two trie paths of ≤ 7 levels
    // with ≤ 32 kids each: a few hundred slots at most, however many ballots are in. Copying the
    // ledger or the live record would write one slot per ballot already in (≥ 400 at the end).
    // (A copy writes ≥ 2 × 399 slots for the last ballot.)
    expect(max(cost)).toBeLessThan(400);
    expect(Math.max(...cost.map((c) => c.objects))).toBeLessThan(40);
    expect(ballotEntries(ctx(engine))).toHaveLength(400);
  }, 60_000);

  it('freezing a snapshot asks Object.isFrozen nothing about the large records it shares', () => {
    const owners = Array.from({ length: 100 }, (_, i) => `o${i}`);
    const { engine } = collecting(owners);
    const voters = ctx(engine).voters;
    const units = ctx(engine).registry.units;
    const original = Object.isFrozen;
    const asked: unknown[] = [];
    Object.isFrozen = (o: unknown) => {
      asked.push(o);
      return original(o);
    };
    try {
      for (const o of owners.slice(0, 20)) expect(engine.send('wc', cast(o), asOwner(o)).ok).toBe(true);
    } finally {
      Object.isFrozen = original;
    }
    expect(asked).not.toContain(voters);
    expect(asked).not.toContain(units);
  });

  it('a large frozen record is checked once, then remembered', () => {
    const big: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) big[`k${i}`] = i;
    deepFreeze({ big });
    const original = Object.isFrozen;
    const asked: unknown[] = [];
    Object.isFrozen = (o: unknown) => {
      asked.push(o);
      return original(o);
    };
    try {
      deepFreeze({ big, other: {} });
      deepFreeze([big]);
    } finally {
      Object.isFrozen = original;
    }
    expect(asked).not.toContain(big);
    expect(Object.isFrozen(big)).toBe(true);
  });
});

describe('owners keyed like Object.prototype members', () => {
  const odd = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  const owners = [...odd, 'o1', 'o2'];

  it('vote, are refused a double vote, and count like anyone else (live, replayed, restored)', () => {
    const { engine, clock, store } = collecting(owners);
    for (const o of owners) {
      const r = engine.send('wc', cast(o, o === 'o2' ? 'oppose' : 'agree'), asOwner(o));
      if (!r.ok) throw r.error;
    }
    for (const o of odd) {
      const again = engine.send('wc', cast(o, 'oppose', `${o}-again`), asOwner(o));
      expect(again.ok).toBe(false);
      if (!again.ok) {
        expect(again.error.code).toBe('DOUBLE_VOTE');
        expect(again.error.message).toContain('(online, ledger entry');
      }
      // the same ballot id twice is refused too
      expect(engine.send('wc', cast(o), asOwner(o)).ok).toBe(false);
    }
    const c = ctx(engine);
    const live = liveBallots(c);
    expect(Object.keys(live).sort()).toEqual([...owners].sort());
    expect(Object.getPrototypeOf(live)).toBe(Object.prototype);
    expect(Object.hasOwn(c.voters, '__proto__')).toBe(true);
    const persisted = engine.process('wc')!.getPersistedSnapshot() as {
      context: PersistedConsultationContext;
    };
    const stored = JSON.parse(JSON.stringify(persisted.context)) as PersistedConsultationContext;
    expect(Object.getOwnPropertyDescriptor(stored.live, '__proto__')?.value).toMatchObject({
      channel: 'online',
    });
    expect(Object.getOwnPropertyDescriptor(stored.voters, '__proto__')?.value).toBe(1);

    // a checkpoint restored into a new engine still knows them as voters
    engine.checkpoint();
    const reopened = createEngine({ kinds: KINDS, clock, store, checkpoints: 'use', packs: FIXTURE_PACKS });
    const withdraw = reopened.send(
      'wc',
      { type: 'WITHDRAW_BALLOT', owner: '__proto__' },
      asOwner('__proto__'),
    );
    if (!withdraw.ok) throw withdraw.error;
    const recast = reopened.send('wc', cast('__proto__', 'abstain', 'p-2'), asOwner('__proto__'));
    if (!recast.ok) throw recast.error;

    clock.t = chinaMidnight('2025-05-01') + HOUR;
    const closed = reopened.send('wc', { type: 'TICK' }, SYSTEM);
    if (!closed.ok) throw closed.error;
    type Counts = Record<'total' | 'participating' | 'agree' | 'oppose' | 'abstain', { owners: number }>;
    const result = (closed.snapshot.context as ConsultationContext).results[0]!.result as { counts: Counts };
    expect(closed.snapshot.value).toBe('counted');
    expect(result.counts.total.owners).toBe(owners.length);
    expect(result.counts.participating.owners).toBe(owners.length);
    expect(result.counts.agree.owners).toBe(odd.length - 1 + 1); // o1 and the odd ones but __proto__
    expect(result.counts.oppose.owners).toBe(1);
    expect(result.counts.abstain.owners).toBe(1);

    // the log replays to the same bytes as the reopened engine
    const rp = replay(store.entries(), KINDS, { packs: FIXTURE_PACKS });
    if (!rp.ok) throw rp.error;
    expect(canonicalJson(rp.processes.find((p) => p.id === 'wc')!.persisted)).toBe(
      canonicalJson(reopened.process('wc')!.getPersistedSnapshot()),
    );
  });
});

describe('the stored form', () => {
  it('a variant made with provide() still stores the plain ledger and restores it indexed', () => {
    const { engine } = collecting(['o1', 'o2']);
    expect(engine.send('wc', cast('o1'), asOwner('o1')).ok).toBe(true);
    const variant = kind.machine.provide({});
    const snapshot = engine.process('wc')!.getSnapshot();
    const stored = variant.getPersistedSnapshot(snapshot as never) as unknown as {
      context: PersistedConsultationContext;
    };
    expect(Array.isArray(stored.context.entries)).toBe(true);
    expect(Object.keys(stored.context.live)).toEqual(['o1']);
    const back = variant.resolveState({ value: 'collecting', context: stored.context } as never);
    expect(ballotEntries(back.context as ConsultationContext)).toEqual(stored.context.entries);
    expect(canonicalJson(variant.getPersistedSnapshot(back))).toBe(canonicalJson(stored));
  });
});
