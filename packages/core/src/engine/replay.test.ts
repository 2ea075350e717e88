import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { chinaMidnight } from '../calendar/plainDate.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { parseJsonl, toJsonl } from '../log/jsonl.js';
import { appendEntry, entryHash, headOf, type LogEntry } from '../log/logEntry.js';
import type { ProcessKind } from '../machines/processKind.js';
import { rostered } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import type { Engine } from './engineTypes.js';
import { replay } from './replay.js';
import { BOARD, NOTICE_KINDS, noticeInput, OWNER, STAFF } from './testing/noticeKind.js';

const HOUR = 3_600_000;
const SYSTEM = { actor: { id: 'system', role: 'system' }, channel: 'system' } as const;

/** What the live engine would persist, per process, as canonical JSON. */
const live = (engine: Engine) =>
  Object.fromEntries(engine.processes().map((p) => [p.id, canonicalJson(p.getPersistedSnapshot())]));
const rebuilt = (r: ReturnType<typeof replay>) =>
  r.ok ? Object.fromEntries(r.processes.map((p) => [p.id, canonicalJson(p.persisted)])) : r.error;

/** The official pure path, xstate's own `initialTransition` / `transition`, over the log. */
function viaXstate(log: readonly LogEntry[], kinds: readonly ProcessKind[]) {
  const snaps = new Map<string, AnyMachineSnapshot>();
  const machineOf = (name: string) => kinds.find((k) => k.kind === name)!.machine;
  for (const e of log) {
    const machine = machineOf(e.kind);
    if (e.event.type === 'CREATE') snaps.set(e.process, initialTransition(machine, e.event.input)[0]);
    else snaps.set(e.process, transition(machine, snaps.get(e.process)!, e.event)[0]);
  }
  const kindOf = new Map(log.map((e) => [e.process, e.kind]));
  return Object.fromEntries(
    [...snaps].map(([id, s]) => [id, canonicalJson(machineOf(kindOf.get(id)!).getPersistedSnapshot(s))]),
  );
}

// ── random notice histories ──────────────────────────────────────────────────────────────────

type Command =
  | { wait: number; to: number; what: 'tick' | 'post' | 'channel' | 'withdraw' }
  | { wait: number; to: number; what: 'object'; objection: number }
  | { wait: number; to: number; what: 'answer'; objection: number; upheld: boolean }
  | { wait: number; to: number; what: 'junk'; event: unknown };

const command: fc.Arbitrary<Command> = fc
  .tuple(fc.integer({ min: 0, max: 4 * 24 }), fc.nat({ max: 2 }))
  .chain(([hours, to]) => {
    const base = { wait: hours * HOUR, to };
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant({ ...base, what: 'tick' as const }) },
      { weight: 2, arbitrary: fc.constant({ ...base, what: 'post' as const }) },
      { weight: 1, arbitrary: fc.constant({ ...base, what: 'channel' as const }) },
      { weight: 1, arbitrary: fc.constant({ ...base, what: 'withdraw' as const }) },
      {
        weight: 3,
        arbitrary: fc.nat({ max: 3 }).map((objection) => ({ ...base, what: 'object' as const, objection })),
      },
      {
        weight: 3,
        arbitrary: fc
          .record({ objection: fc.nat({ max: 3 }), upheld: fc.boolean() })
          .map((a) => ({ ...base, what: 'answer' as const, ...a })),
      },
      { weight: 1, arbitrary: fc.anything().map((event) => ({ ...base, what: 'junk' as const, event })) },
    );
  });

const POLICIES = [
  {},
  { onUpheldObjection: 'extend', extensionDays: 5 },
  { onUpheldObjection: 'withdraw', period: { days: 10, unit: 'working' } },
];

/** Runs commands against a fresh engine with three notices; refusals are part of the history. */
function run(commands: readonly Command[]) {
  const clock = { t: chinaMidnight('2024-09-13') + 9 * HOUR, now: () => clock.t };
  const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock }));
  for (const [i, p] of POLICIES.entries())
    engine.create('publicNotice', `n-${i}`, noticeInput(`n-${i}`, p), STAFF);
  let refused = 0;
  for (const c of commands) {
    clock.t += c.wait;
    const id = `n-${c.to}`;
    const send = (event: unknown, ctx: typeof STAFF | typeof OWNER | typeof SYSTEM) => {
      if (!engine.send(id, event, ctx).ok) refused++;
    };
    if (c.what === 'tick') send({ type: 'TICK' }, SYSTEM);
    if (c.what === 'post') send({ type: 'POST', channels: [BOARD] }, STAFF);
    if (c.what === 'channel')
      send({ type: 'ADD_CHANNEL', channel: { channel: 'online', platform: '社区云', postId: 'p' } }, STAFF);
    if (c.what === 'withdraw') send({ type: 'WITHDRAW', reason: '方案调整' }, STAFF);
    if (c.what === 'object') send({ type: 'OBJECT', objectionId: `o${c.objection}`, text: '异议' }, OWNER);
    if (c.what === 'answer') {
      const decision = c.upheld ? 'upheld' : 'dismissed';
      send({ type: 'ANSWER_OBJECTION', objectionId: `o${c.objection}`, decision, reason: '答复' }, STAFF);
    }
    if (c.what === 'junk') send(c.event, OWNER);
  }
  return { engine, refused };
}

describe('replay', () => {
  it('rebuilds byte-identical persisted snapshots for random notice histories', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const { engine } = run(commands);
        const log = engine.log();
        const expected = live(engine);
        expect(rebuilt(replay(log, NOTICE_KINDS))).toEqual(expected);
        expect(rebuilt(replay(log, NOTICE_KINDS, { check: 'chain' }))).toEqual(expected);
        // from the published file, and along xstate's own transition()
        const fromFile = parseJsonl(toJsonl(log));
        expect(rebuilt(replay(fromFile, NOTICE_KINDS))).toEqual(expected);
        expect(viaXstate(fromFile, NOTICE_KINDS)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('exercises real histories (not only refusals)', () => {
    const sample = fc.sample(fc.array(command, { minLength: 40, maxLength: 60 }), { numRuns: 20, seed: 42 });
    const accepted = sample.map((c) => run(c).engine.log().length - POLICIES.length - 1);
    expect(Math.max(...accepted)).toBeGreaterThan(15);
    const states = new Set(
      sample.flatMap((c) =>
        run(c)
          .engine.processes()
          .filter((p) => p.kind === 'publicNotice')
          .map((p) => String(p.getSnapshot().value)),
      ),
    );
    expect(states).toEqual(new Set(['draft', 'posted', 'running', 'completed', 'withdrawn']));
  });

  it('reports the first tampered entry as LOG_TAMPERED and rebuilds nothing', () => {
    const { engine } = run([]);
    const log = engine.log().map((e, i) => (i === 1 ? { ...e, at: e.at + 1 } : e));
    const r = replay(log, NOTICE_KINDS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.index, r.tampered?.reason]).toEqual(['LOG_TAMPERED', 1, 'hash']);
  });
});

describe('replay refuses a consistent chain the engine could not have written', () => {
  /** A log rebuilt with a forger's changes and valid hashes throughout. */
  function forge(log: readonly LogEntry[], change: (e: LogEntry, i: number) => LogEntry | null): LogEntry[] {
    const out: LogEntry[] = [];
    log.forEach((e, i) => {
      const c = change(e, i);
      if (c === null) return;
      const { hash: _h, prev: _p, seq: _s, v: _v, ...fields } = c;
      out.push(appendEntry(out.length ? headOf(out[out.length - 1]!) : null, fields));
    });
    return out;
  }
  const base = () => {
    const clock = { t: chinaMidnight('2024-09-20') + 9 * HOUR, now: () => clock.t };
    const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock }));
    engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
    engine.send('n-1', { type: 'POST', channels: [BOARD] }, STAFF);
    clock.t += 24 * HOUR;
    engine.send('n-1', { type: 'OBJECT', objectionId: 'o1', text: '异议' }, OWNER);
    return engine.log();
  };

  type Change = (e: LogEntry, i: number) => LogEntry | null;
  const at =
    (index: number, f: (e: LogEntry) => LogEntry | null): Change =>
    (e, i) =>
      i === index ? f(e) : e;
  const observer = { id: 'x', role: 'observer' } as const;
  // Entry 0 is the roster's CREATE, 1 the notice's, 2 its POST, 3 the objection.
  const cases: [string, string, number, Change][] = [
    [
      'a role not allowed to send the event',
      'FORBIDDEN_ROLE',
      3,
      at(3, (e) => ({ ...e, actor: observer, event: { ...e.event, actor: observer } })),
    ],
    [
      'an actor in the event not matching the entry',
      'INVALID_EVENT',
      3,
      at(3, (e) => ({ ...e, event: { ...e.event, actor: { id: 'y', role: 'owner' } } })),
    ],
    [
      'a date not matching the entry time',
      'INVALID_EVENT',
      3,
      at(3, (e) => ({ ...e, event: { ...e.event, on: '2024-09-20' } })),
    ],
    [
      'an event the schema refuses',
      'INVALID_EVENT',
      3,
      at(3, (e) => ({ ...e, event: { ...e.event, text: '' } })),
    ],
    ['an event before its process exists', 'UNKNOWN_PROCESS', 1, at(1, () => null)],
    ['a kind nobody registered', 'UNKNOWN_KIND', 1, at(1, (e) => ({ ...e, kind: 'referendum' }))],
    [
      'a second CREATE',
      'PROCESS_EXISTS',
      2,
      at(2, (e) => ({ ...e, event: { type: 'CREATE', input: noticeInput('n-1') } })),
    ],
    [
      'an event the machine refuses',
      'EVENT_NOT_ALLOWED',
      2,
      at(2, (e) => ({
        ...e,
        event: { type: 'WITHDRAW', reason: '撤回', on: e.event.on, actor: e.event.actor },
      })),
    ],
  ];

  it.each(cases)('%s → %s', (_what, code, index, change) => {
    const forged = forge(base(), change);
    for (const e of forged) expect(e.hash).toBe(entryHash(e));
    const r = replay(forged, NOTICE_KINDS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.index]).toEqual([code, index]);
    expect(r.error.message).toMatch(new RegExp(`^entry seq ${index + 1} \\(n-1\\): `));
  });

  it("check: 'chain' trusts the events (a forged role goes through)", () => {
    const forged = forge(base(), (e, i) => (i === 3 ? { ...e, actor: { id: 'x', role: 'observer' } } : e));
    expect(replay(forged, NOTICE_KINDS, { check: 'chain' }).ok).toBe(true);
  });
});
