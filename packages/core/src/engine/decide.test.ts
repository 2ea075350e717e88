/**
 * Steps 4 and 5 evaluate guards once (the transition is computed and `can` is read from the
 * transitions it selected). These tests hold `decideEvent` to the two-pass algorithm it replaced —
 * `snapshot.can(event)`, then `transition` — on every kind of transition `can` treats specially,
 * and on random notice histories: the same acceptances, the same next snapshots, the same
 * refusals with the same explanations, and each guard run once per accepted event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyActorScope, type AnyMachineSnapshot, assign, createActor, setup } from 'xstate';
import { z } from 'zod';
import { chinaDateAt, chinaMidnight } from '../calendar/plainDate.js';
import { isYishiError, YishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import type { LoggedEvent } from '../log/logEntry.js';
import type { ProcessKind } from '../machines/processKind.js';
import { fixtureWorld } from '../testing/fixtureRoster.js';
import { type Decision, decideCreate, decideEvent, explainRefusal, type SendContext } from './decide.js';
import { BOARD, noticeInput, noticeKind, OWNER, STAFF } from './testing/noticeKind.js';

const DAY = 86_400_000;
const SYSTEM: SendContext = { actor: { id: 'system', role: 'system' }, channel: 'system' };

/** The algorithm `decideEvent` replaced for steps 4 and 5, on the event it stamped. */
function twoPass(
  kind: ProcessKind,
  id: string,
  snapshot: AnyMachineSnapshot,
  scope: AnyActorScope,
  stamped: LoggedEvent,
): Decision {
  if (snapshot.status !== 'active' || !snapshot.can(stamped)) {
    return { ok: false, error: explainRefusal(kind, id, snapshot, stamped) };
  }
  let next: AnyMachineSnapshot;
  try {
    next = kind.machine.transition(snapshot, stamped, scope) as AnyMachineSnapshot;
  } catch (e) {
    if (isYishiError(e)) return { ok: false, error: e };
    throw e;
  }
  if (next.status === 'error') {
    const e = next.error;
    if (isYishiError(e)) return { ok: false, error: e };
    return {
      ok: false,
      error: new YishiError(
        'EVENT_NOT_ALLOWED',
        `${kind.kind} ${id}: ${stamped.type}: the machine failed: ${e instanceof Error ? e.message : String(e)}`,
      ),
    };
  }
  if (next === snapshot) return { ok: false, error: explainRefusal(kind, id, snapshot, stamped) };
  return { ok: true, event: stamped, next };
}

/** The event the machine sees, as `decideEvent` stamps it. */
const stamp = (kind: ProcessKind, event: unknown, ctx: SendContext, at: number): LoggedEvent =>
  JSON.parse(
    canonicalJson({
      ...(kind.events.parse(event) as object),
      on: chinaDateAt(at),
      actor: { id: ctx.actor.id, role: ctx.actor.role },
    }),
  ) as LoggedEvent;

const summary = (kind: ProcessKind, d: Decision) =>
  d.ok
    ? {
        ok: true,
        event: canonicalJson(d.event),
        next: canonicalJson(kind.machine.getPersistedSnapshot(d.next)),
      }
    : { ok: false, code: d.error.code, message: d.error.message, issues: canonicalJson(d.error.issues) };

// ── a machine with every transition `can` treats specially ──────────────────────────────────

let guardRuns = 0;
const TYPES = [
  'GO',
  'NOOP',
  'EMPTY',
  'BUMP',
  'SAME',
  'BOOM',
  'GUARD_BOOM',
  'SNEAK',
  'BACK',
  'PLAIN_BOOM',
] as const;
const Ev = z.strictObject({ type: z.enum(TYPES), n: z.int().min(-3).max(3) });
type E = { type: string; n: number; on: string };

const oddMachine = setup({
  types: { context: {} as { count: number; last: number }, events: {} as E },
  guards: {
    positive: ({ event }) => {
      guardRuns++;
      return event.n > 0;
    },
    explodes: ({ event }) => {
      if (event.n > 0) throw new YishiError('EVENT_NOT_ALLOWED', 'the guard exploded');
      return false;
    },
  },
  actions: { nothing: () => {} },
}).createMachine({
  id: 'odd',
  initial: 'a',
  context: { count: 0, last: 0 },
  states: {
    a: {
      // an eventless transition whose guard reads the event: `can` says no to SNEAK all the same
      always: { guard: ({ event }) => event.type === 'SNEAK', target: 'b' },
      on: {
        GO: { guard: 'positive', target: 'b', actions: assign({ last: ({ event }) => event.n }) },
        // selected, but with neither target nor actions: `can` says no
        NOOP: { guard: 'positive' },
        EMPTY: {},
        BUMP: { guard: 'positive', actions: assign({ count: ({ context }) => context.count + 1 }) },
        // allowed by `can`, but changes nothing: refused as "nothing changed"
        SAME: { guard: 'positive', actions: 'nothing' },
        BOOM: {
          actions: assign(({ event }) => {
            if (event.n > 0) throw new YishiError('INVALID_EVENT', 'the action exploded');
            return {};
          }),
        },
        GUARD_BOOM: { guard: 'explodes', target: 'b' },
        PLAIN_BOOM: {
          actions: assign(({ event }) => {
            if (event.n > 2) throw new Error('a plain failure');
            return { last: event.n };
          }),
        },
      },
    },
    b: { on: { BACK: 'a', GO: { guard: 'positive', target: 'done' } } },
    done: { type: 'final' },
  },
});

const oddKind: ProcessKind = {
  kind: 'odd',
  title: { 'zh-CN': '测试', en: 'Test' },
  machine: oddMachine,
  input: z.strictObject({}),
  events: Ev,
  permissions: Object.fromEntries(TYPES.map((t) => [t, ['residentsCommitteeStaff'] as const])),
  creators: ['residentsCommitteeStaff'],
};

/** Both algorithms side by side over `events`; the snapshot follows `decideEvent`. */
function compare(
  kind: ProcessKind,
  snapshot: AnyMachineSnapshot,
  scope: AnyActorScope,
  events: unknown[],
  ctxOf: (e: unknown) => SendContext,
) {
  let at = chinaMidnight('2024-09-20') + 10 * 3_600_000;
  let accepted = 0;
  for (const event of events) {
    at += DAY;
    const ctx = ctxOf(event);
    const mine = (() => {
      try {
        return summary(kind, decideEvent(kind, 'p-1', snapshot, scope, event, ctx, at, undefined, WHERE));
      } catch (e) {
        return { threw: String(e) };
      }
    })();
    let theirs: unknown;
    if (kind.events.safeParse(event).success) {
      try {
        theirs = summary(kind, twoPass(kind, 'p-1', snapshot, scope, stamp(kind, event, ctx, at)));
      } catch (e) {
        theirs = { threw: String(e) };
      }
      expect(mine, JSON.stringify(event)).toEqual(theirs);
    }
    const d = (() => {
      try {
        return decideEvent(kind, 'p-1', snapshot, scope, event, ctx, at, undefined, WHERE);
      } catch {
        return undefined;
      }
    })();
    if (d?.ok) {
      snapshot = d.next;
      accepted++;
    }
  }
  return accepted;
}

const STAFF_CTX: SendContext = STAFF;
/** Where steps are decided: a world whose roster lists the staff (a claimed role is not believed). */
const WORLD = fixtureWorld();
const WHERE = { world: WORLD, community: 'default' };
const ENV = { world: WORLD, at: chinaMidnight('2024-09-20') };

describe('decideEvent: guards evaluated once, the answers of can() then transition()', () => {
  const oddEvent = fc.record({
    type: fc.constantFrom(
      'GO',
      'NOOP',
      'EMPTY',
      'BUMP',
      'SAME',
      'BOOM',
      'GUARD_BOOM',
      'SNEAK',
      'BACK',
      'PLAIN_BOOM',
    ),
    n: fc.integer({ min: -1, max: 3 }),
  });

  it('on targetless, empty, unchanged, failing and eventless transitions (property)', () => {
    fc.assert(
      fc.property(fc.array(oddEvent, { maxLength: 30 }), (events) => {
        const created = decideCreate(oddKind, 'p-1', {}, STAFF_CTX, ENV);
        if (!created.ok) throw created.error;
        compare(oddKind, created.snapshot, created.scope, events, () => STAFF_CTX);
      }),
      { numRuns: 300 },
    );
  });

  it('each case refuses or accepts as can() says', () => {
    const created = decideCreate(oddKind, 'p-1', {}, STAFF_CTX, ENV);
    if (!created.ok) throw created.error;
    const at = chinaMidnight('2024-09-20');
    const d = (type: string, n = 1) =>
      decideEvent(
        oddKind,
        'p-1',
        created.snapshot,
        created.scope,
        { type, n },
        STAFF_CTX,
        at,
        undefined,
        WHERE,
      );
    expect(d('GO').ok).toBe(true);
    expect(d('BUMP').ok).toBe(true);
    expect(d('GO', 0).ok).toBe(false);
    for (const type of ['NOOP', 'EMPTY', 'SAME', 'SNEAK', 'BACK']) {
      const r = d(type);
      expect(r.ok, type).toBe(false);
      if (!r.ok) expect(r.error.code, type).toBe('EVENT_NOT_ALLOWED');
    }
    const boom = d('BOOM');
    expect(boom.ok ? '' : boom.error.message).toBe('the action exploded');
    // a guard that throws throws, as from can()
    expect(() => d('GUARD_BOOM')).toThrow('the guard exploded');
    expect(d('GUARD_BOOM', 0).ok).toBe(false);
  });

  it('runs a guard once per decision', () => {
    const created = decideCreate(oddKind, 'p-1', {}, STAFF_CTX, ENV);
    if (!created.ok) throw created.error;
    const at = chinaMidnight('2024-09-20');
    guardRuns = 0;
    const r = decideEvent(
      oddKind,
      'p-1',
      created.snapshot,
      created.scope,
      { type: 'BUMP', n: 1 },
      STAFF_CTX,
      at,
      undefined,
      WHERE,
    );
    expect(r.ok).toBe(true);
    expect(guardRuns).toBe(1);
    // and with a scope it did not make, it asks can() (twice, as before), with the same answer
    const self = createActor(oddMachine);
    const foreign: AnyActorScope = { ...created.scope, self, system: self.system };
    guardRuns = 0;
    const f = decideEvent(
      oddKind,
      'p-1',
      created.snapshot,
      foreign,
      { type: 'BUMP', n: 1 },
      STAFF_CTX,
      at,
      undefined,
      WHERE,
    );
    expect(summary(oddKind, f)).toEqual(summary(oddKind, r));
    expect(guardRuns).toBe(2);
  });

  it('on random public-notice histories, refusals and their explanations included (property)', () => {
    const notice = fc.oneof(
      fc.constant({ type: 'TICK' }),
      fc.constant({ type: 'POST', channels: [BOARD] }),
      fc.nat({ max: 3 }).map((i) => ({ type: 'OBJECT', objectionId: `o${i}`, text: '面积有误' })),
      fc
        .record({ i: fc.nat({ max: 3 }), decision: fc.constantFrom('upheld', 'dismissed') })
        .map(({ i, decision }) => ({
          type: 'ANSWER_OBJECTION',
          objectionId: `o${i}`,
          decision,
          reason: '经核实',
        })),
      fc.constant({ type: 'WITHDRAW', reason: '方案调整' }),
      fc.constant({ type: 'ADD_CHANNEL', channel: { channel: 'online', platform: '社区云', postId: 'p1' } }),
    );
    const policies = fc.constantFrom(
      {},
      { onUpheldObjection: 'extend', extensionDays: 5 },
      { onUpheldObjection: 'restart' },
      { onUpheldObjection: 'withdraw' },
    );
    let accepted = 0;
    fc.assert(
      fc.property(policies, fc.array(notice, { maxLength: 40 }), (policy, events) => {
        const created = decideCreate(noticeKind, 'p-1', noticeInput('p-1', policy), STAFF_CTX, ENV);
        if (!created.ok) throw created.error;
        accepted += compare(noticeKind, created.snapshot, created.scope, events, (e) => {
          const type = (e as { type: string }).type;
          return type === 'TICK' ? SYSTEM : type === 'OBJECT' ? OWNER : STAFF_CTX;
        });
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
