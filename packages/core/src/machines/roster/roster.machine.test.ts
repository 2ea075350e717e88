import { describe, expect, it } from 'vitest';
import type { Actor } from '../../actor/actor.js';
import { committee, play, refusal, staff } from '../../testing/fixtureEngine.js';
import { fixtureRosterInput, subdistrict } from '../../testing/fixtureRoster.js';
import { startProcess } from '../processKind.js';
import { rosterKind as kind } from './roster.kind.js';
import { holdsOn, rolesOn, rosterId } from './rosterIndex.js';

const start = () => startProcess(kind, fixtureRosterInput('c1'));
const appoint = (personId: string, role: string, over: Record<string, unknown> = {}) => ({
  type: 'APPOINT',
  appointmentId: `x-${personId}-${role}`,
  personId,
  role,
  from: '2025-03-01',
  basis: '文件',
  ...over,
});

describe('roster input', () => {
  it('records its root and the people it starts with', () => {
    const s = start();
    expect(s.context.root).toEqual({
      by: { id: 'sd-1', role: 'subdistrictStaff' },
      basis: '街道备案 (fixture)',
    });
    expect(s.context.community).toBe('c1');
    expect(rolesOn(s.context, 'staff-1', '2025-03-01')).toEqual(['residentsCommitteeStaff']);
    expect(rosterId('c1')).toBe('roster:c1');
  });

  it('refuses a roster nobody could change, a term without an end, a duplicate id, a span that ends before it starts', () => {
    const base = fixtureRosterInput('c1');
    const bad = (over: unknown) => () => startProcess(kind, { ...base, ...(over as object) });
    expect(bad({ appointments: base.appointments.filter((a) => a.role !== 'subdistrictStaff') })).toThrow(
      /at least one subdistrictStaff/,
    );
    const term = {
      appointmentId: 't',
      personId: 'c9',
      role: 'ownersCommittee',
      from: '2025-01-01',
      basis: '选举',
    };
    expect(bad({ appointments: [...base.appointments, term] })).toThrow(/term has an end date/);
    expect(bad({ appointments: [...base.appointments, base.appointments[0]] })).toThrow(/listed twice/);
    const back = { ...term, role: 'volunteer', until: '2024-12-31' };
    expect(bad({ appointments: [...base.appointments, back] })).toThrow(
      /ends \(2024-12-31\) before it starts/,
    );
    expect(bad({ root: { by: { id: 'staff-1', role: 'residentsCommitteeStaff' }, basis: 'x' } })).toThrow(
      /root/,
    );
  });
});

describe('roster events', () => {
  it('appoints, ends, and answers on every date', () => {
    const s = play(
      kind,
      start(),
      [appoint('v-1', 'volunteer', { until: '2025-06-30' }), '2025-03-01', staff],
      [
        { type: 'END_APPOINTMENT', appointmentId: 'x-v-1-volunteer', until: '2025-04-30', basis: '退出' },
        '2025-03-02',
        staff,
      ],
    );
    const a = s.context.appointments.at(-1)!;
    expect(a).toMatchObject({
      until: '2025-04-30',
      by: staff,
      on: '2025-03-01',
      ended: { on: '2025-03-02' },
    });
    expect(
      ['2025-02-28', '2025-03-01', '2025-04-30', '2025-05-01'].map((d) =>
        holdsOn(s.context, 'v-1', 'volunteer', d),
      ),
    ).toEqual([false, true, true, false]);
  });

  it('an end is never extended, never before the day before the start, and never twice', () => {
    const s = play(kind, start(), [
      appoint('v-1', 'volunteer', { until: '2025-06-30' }),
      '2025-03-01',
      staff,
    ]);
    const end = (until: string) => ({
      type: 'END_APPOINTMENT',
      appointmentId: 'x-v-1-volunteer',
      until,
      basis: '退出',
    });
    expect(refusal(kind, s, [end('2025-07-01'), '2025-03-02', staff]).message).toContain('never extended');
    expect(refusal(kind, s, [end('2025-02-27'), '2025-03-02', staff]).message).toContain(
      'day before it started',
    );
    const cancelled = play(kind, s, [end('2025-02-28'), '2025-03-02', staff]);
    expect(holdsOn(cancelled.context, 'v-1', 'volunteer', '2025-03-01')).toBe(false);
    expect(refusal(kind, cancelled, [end('2025-02-28'), '2025-03-02', staff]).message).toContain(
      'already ended',
    );
    expect(
      refusal(kind, s, [{ ...end('2025-04-01'), appointmentId: 'nope' }, '2025-03-02', staff]).message,
    ).toContain('no appointment nope');
  });

  it('follows the table of who may change what', () => {
    const s = start();
    const r = (e: Record<string, unknown>, who: Actor) => refusal(kind, s, [e as never, '2025-03-01', who]);
    expect(r(appoint('p2', 'partySecretary'), staff).message).toContain('appointed by subdistrictStaff');
    expect(r(appoint('pl', 'planner'), staff).message).toContain('appointed by subdistrictStaff');
    expect(r(appoint('sd-1', 'volunteer'), subdistrict).message).toContain('residentsCommitteeStaff');
    expect(r(appoint('staff-1', 'volunteer'), staff).message).toContain('may not appoint themselves');
    expect(r(appoint('c9', 'ownersCommittee'), subdistrict).message).toContain('RECORD_ELECTION');
    expect(r(appoint('sd-1', 'socialWorker', { appointmentId: 'a1' }), staff).message).toContain(
      'already on the roster',
    );
    expect(r(appoint('d1', 'department'), committee).message).toContain(
      'residentsCommitteeStaff or subdistrictStaff',
    );
    expect(r(appoint('v', 'volunteer'), { id: 'x', role: 'volunteer' }).code).toBe('FORBIDDEN_ROLE');
    for (const [role, who] of [
      ['residentsCommitteeStaff', subdistrict],
      ['partySecretary', subdistrict],
      ['planner', subdistrict],
      ['subdistrictStaff', subdistrict],
      ['propertyManager', committee],
      ['socialOrganisation', staff],
      ['socialWorker', subdistrict],
      ['volunteer', staff],
      ['department', staff],
    ] as const)
      expect(() => play(kind, s, [appoint('p-new', role), '2025-03-01', who])).not.toThrow();
  });

  it('enters an owners’ committee from its election record: an election replaces the last term, a by-election adds', () => {
    const election = (id: string, kind_: string, termFrom: string, members: string[]) => ({
      type: 'RECORD_ELECTION',
      electionId: id,
      kind: kind_,
      termFrom,
      termUntil: '2030-03-31',
      members,
      basis: '选举结果公告',
    });
    let s = play(kind, start(), [
      election('e1', 'election', '2025-04-01', ['c1', 'c2', 'c3']),
      '2025-03-20',
      staff,
    ]);
    expect(holdsOn(s.context, 'oc-1', 'ownersCommittee', '2025-03-31')).toBe(true);
    expect(holdsOn(s.context, 'oc-1', 'ownersCommittee', '2025-04-01')).toBe(false);
    expect(holdsOn(s.context, 'c1', 'ownersCommittee', '2025-03-31')).toBe(false);
    expect(holdsOn(s.context, 'c1', 'ownersCommittee', '2030-03-31')).toBe(true);
    expect(holdsOn(s.context, 'c1', 'ownersCommittee', '2030-04-01')).toBe(false);
    s = play(kind, s, [election('e2', 'byElection', '2026-01-01', ['c4']), '2025-12-01', staff]);
    expect(holdsOn(s.context, 'c1', 'ownersCommittee', '2026-01-01')).toBe(true);
    expect(holdsOn(s.context, 'c4', 'ownersCommittee', '2026-01-01')).toBe(true);
    expect(s.context.elections.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(
      refusal(kind, s, [election('e3', 'election', '2025-06-01', ['c5']), '2025-12-02', staff]).message,
    ).toContain('entered in order');
    expect(
      refusal(kind, s, [election('e1', 'election', '2027-01-01', ['c5']), '2025-12-02', staff]).message,
    ).toContain('already recorded');
    expect(
      refusal(kind, s, [election('e4', 'election', '2027-01-01', ['staff-1']), '2025-12-02', staff]).message,
    ).toContain('may not enter themselves');
    expect(
      refusal(kind, s, [election('e4', 'election', '2027-01-01', ['c5']), '2025-12-02', committee]).code,
    ).toBe('FORBIDDEN_ROLE');
  });

  it('closing ends every appointment; nothing is taken after', () => {
    const s = play(kind, start(), [
      { type: 'CLOSE_ROSTER', until: '2025-06-30', basis: '撤并决定' },
      '2025-03-01',
      subdistrict,
    ]);
    expect(s.value).toBe('closed');
    expect(rolesOn(s.context, 'staff-1', '2025-06-30')).toEqual(['residentsCommitteeStaff']);
    expect(rolesOn(s.context, 'staff-1', '2025-07-01')).toEqual([]);
    expect(refusal(kind, s, [appoint('v', 'volunteer'), '2025-03-02', staff]).code).toBe('EVENT_NOT_ALLOWED');
    expect(
      refusal(kind, start(), [
        { type: 'CLOSE_ROSTER', until: '2025-02-28', basis: 'x' },
        '2025-03-01',
        subdistrict,
      ]).message,
    ).toContain('from today');
  });

  it('dates never go backwards', () => {
    const s = play(kind, start(), [appoint('v-1', 'volunteer'), '2025-03-05', staff]);
    expect(refusal(kind, s, [appoint('v-2', 'volunteer'), '2025-03-04', staff]).message).toContain(
      'backwards',
    );
  });
});
