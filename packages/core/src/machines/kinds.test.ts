import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Role } from '../actor/actor.js';
import { committee, ownerActor, play, refusal, staff, system } from '../testing/fixtureEngine.js';
import { PROCESS_KINDS } from './index.js';
import { MEETING_REFUSALS } from './meeting/meeting.kind.js';
import { startProcess } from './processKind.js';
import { PROJECT_REFUSALS } from './project/project.kind.js';
import { publicNoticeKind } from './publicNotice/publicNotice.kind.js';
import { ROSTER_REFUSALS } from './roster/roster.kind.js';
import { CONSULTATION_REFUSALS } from './writtenConsultation/writtenConsultation.kind.js';

const eventTypes = (schema: z.ZodType) =>
  (schema as unknown as z.ZodDiscriminatedUnion<z.ZodObject[]>).options
    .map((o) => String(o.shape.type.value))
    .sort();

/** Guards that only route between transitions (never the reason an event is refused). */
const ROUTING: Record<string, string[]> = {
  meeting: ['noticeRequired', 'quorumMet', 'hasDecisionItems', 'publicityElapsed'],
  writtenConsultation: ['windowOpen', 'windowClosed', 'batchesClosed', 'publicityElapsed'],
  participatoryPlanningProject: ['adoptionPassed', 'sendBackTo'],
  roster: [],
};
const REFUSALS: Record<string, Readonly<Record<string, unknown>>> = {
  meeting: MEETING_REFUSALS,
  writtenConsultation: CONSULTATION_REFUSALS,
  participatoryPlanningProject: PROJECT_REFUSALS,
  roster: ROSTER_REFUSALS,
};

describe.each(PROCESS_KINDS.map((k) => [k.kind, k] as const))('process kind %s', (_name, kind) => {
  it('gives every event type a permission, only to known roles; observers send nothing; only system ticks', () => {
    expect(Object.keys(kind.permissions).sort()).toEqual(eventTypes(kind.events));
    for (const [type, roles] of Object.entries(kind.permissions)) {
      for (const r of roles) expect(Role.options).toContain(r);
      expect(roles).not.toContain('observer');
      if (type === 'TICK') expect(roles).toEqual(['system']);
      else expect(roles).not.toContain('system');
    }
    expect(kind.creators.length).toBeGreaterThan(0);
  });

  it('validates events without the engine stamp (on, actor)', () => {
    // The roster has no periods: the clock never ticks it (a day's TICK per community would be noise).
    expect(kind.events.safeParse({ type: 'TICK' }).success).toBe(kind.kind !== 'roster');
    expect(kind.events.safeParse({ type: 'NOPE' }).success).toBe(false);
  });
});

describe.each(PROCESS_KINDS.filter((k) => k.kind in ROUTING).map((k) => [k.kind, k] as const))(
  'refusals of %s',
  (name, kind) => {
    it('has a refusal reason for every guard that is not a routing guard, and none for a guard that does not exist', () => {
      const guards = Object.keys(kind.machine.implementations.guards);
      const reasons = REFUSALS[name]!;
      const routing = ROUTING[name]!;
      expect(guards.filter((g) => !(g in reasons) && !routing.includes(g))).toEqual([]);
      expect(Object.keys(reasons).filter((r) => !guards.includes(r))).toEqual([]);
    });
  },
);

describe('publicNoticeKind', () => {
  const input = {
    id: 'n-1',
    kind: 'publicity',
    title: '方案公示',
    period: { days: 7, unit: 'natural' },
  } as const;
  const board = { channel: 'board', location: '公告栏', photoId: 'img' } as const;

  it('runs the notice machine with the engine stamping on; owners object; the result completes on TICK', () => {
    let s = startProcess(publicNoticeKind, input);
    s = play(
      publicNoticeKind,
      s,
      [{ type: 'POST', channels: [board] }, '2025-03-03', staff],
      [{ type: 'OBJECT', objectionId: 'o1', text: '位置不妥' }, '2025-03-05', ownerActor('o1')],
      [
        { type: 'ANSWER_OBJECTION', objectionId: 'o1', decision: 'dismissed', reason: '已核实' },
        '2025-03-06',
        committee,
      ],
      [{ type: 'TICK' }, '2025-03-11', system],
    );
    expect(s.value).toBe('completed');
  });

  it('refuses with EVENT_NOT_ALLOWED, and a resident may not post', () => {
    const s = startProcess(publicNoticeKind, input);
    expect(
      refusal(publicNoticeKind, s, [
        { type: 'OBJECT', objectionId: 'o', text: 'x' },
        '2025-03-03',
        ownerActor('o1'),
      ]).code,
    ).toBe('EVENT_NOT_ALLOWED');
    expect(
      refusal(publicNoticeKind, s, [
        { type: 'POST', channels: [board] },
        '2025-03-03',
        { id: 'r', role: 'resident' },
      ]).code,
    ).toBe('FORBIDDEN_ROLE');
  });
});
