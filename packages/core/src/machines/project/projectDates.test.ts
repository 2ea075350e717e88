/**
 * Dates within a project never go backwards: each test is an attack the machine accepted before
 * (a record dated before the steps it follows, or after the day it is recorded).
 */
import { describe, expect, it } from 'vitest';
import { play, refusal, secretary, staff } from '../../testing/fixtureEngine.js';
import { projectKind as kind } from './project.kind.js';
import {
  adopt,
  at,
  diagnosis,
  ev,
  formation,
  funding,
  implementation,
  publicise,
  step,
  survey,
  through,
} from './project.testkit.js';

const evaluationMeeting = (heldOn: string, on = '2025-06-01') =>
  at(ev('RECORD_EVALUATION_MEETING', { meetingProcessId: 'm-eval', heldOn, summary: '居民满意' }), on);

/** Completed on 2025-05-22. */
const completed = () =>
  play(
    kind,
    through(survey, diagnosis(), formation),
    adopt(),
    ...funding,
    at(ev('CONFIRM_FUNDING'), '2025-04-10'),
    ...implementation,
    at(ev('COMPLETE_IMPLEMENTATION'), '2025-05-22'),
  );

describe('dates never go backwards', () => {
  it('refuses an evaluation meeting dated 2020-01-01 after a 2025 completion (DATE_OUT_OF_ORDER), naming the field, the value and the earliest date', () => {
    const s = completed();
    const e = refusal(kind, s, evaluationMeeting('2020-01-01'));
    expect(e.code).toBe('DATE_OUT_OF_ORDER');
    expect(e.message).toContain('heldOn 2020-01-01 is before 2025-05-22, the earliest allowed');
    expect(e.message).toContain('implementation was completed on 2025-05-22');
    expect(s.context.evaluationMeetings).toEqual([]);
    expect(s.context.completion).toEqual({ on: '2025-05-22', by: staff });
  });

  it('the completion day itself is in order: a day before is refused, the day and after are accepted', () => {
    const s = completed();
    expect(refusal(kind, s, evaluationMeeting('2025-05-21')).code).toBe('DATE_OUT_OF_ORDER');
    expect(play(kind, s, evaluationMeeting('2025-05-22')).context.evaluationMeetings).toHaveLength(1);
    expect(play(kind, s, evaluationMeeting('2025-05-23')).context.evaluationMeetings).toHaveLength(1);
  });

  it('refuses a record of something that has not happened yet: a date after the day it is recorded', () => {
    const s = completed();
    const e = refusal(kind, s, evaluationMeeting('2025-06-02', '2025-06-01'));
    expect(e.code).toBe('DATE_OUT_OF_ORDER');
    expect(e.message).toContain('heldOn 2025-06-02 is after 2025-06-01');
    expect(
      play(kind, s, evaluationMeeting('2025-06-01', '2025-06-01')).context.evaluationMeetings,
    ).toHaveLength(1);
    // So are the other dated records.
    const f = through(survey, diagnosis());
    const future = at(
      ev('RECORD_FORMATION_STEP', {
        stepId: 's1',
        body: 'partyMembersCouncil',
        planIds: ['plan-a'],
        outcome: 'recommended',
        heldOn: '2025-03-21',
      }),
      '2025-03-20',
      secretary,
    );
    expect(refusal(kind, f, future).code).toBe('DATE_OUT_OF_ORDER');
  });

  it('a formation step may not be held before the plan it discusses was proposed, nor before an earlier step on it', () => {
    const s = through(survey, diagnosis()); // plan-a proposed 2025-03-12
    const before = step('s1', 'partyMembersCouncil', secretary, 'recommended', ['plan-a'], '2025-03-11');
    const e = refusal(kind, s, at(before[0], '2025-03-20', secretary));
    expect(e.code).toBe('DATE_OUT_OF_ORDER');
    expect(e.message).toContain('plan plan-a was proposed on 2025-03-12');
    const s1 = play(
      kind,
      s,
      step('s1', 'partyMembersCouncil', secretary, 'recommended', ['plan-a'], '2025-03-20'),
    );
    const s2 = step('s2', 'residentRepresentativesMeeting', staff, 'recommended', ['plan-a'], '2025-03-19');
    expect(refusal(kind, s1, at(s2[0], '2025-03-22')).message).toContain(
      'step s1 on the same plan was held on 2025-03-20',
    );
  });

  it('an adoption may not be held before the results it relies on were publicised', () => {
    const s = through(survey, diagnosis(), formation); // s2 publicised 2025-03-23
    const early = at(
      ev('RECORD_ADOPTION', {
        adoptionId: 'adopt-1',
        planId: 'plan-a',
        body: 'residentsMeeting',
        outcome: 'passed',
        heldOn: '2025-03-22',
        meetingProcessId: 'm-rm',
      }),
      '2025-04-01',
    );
    const e = refusal(kind, s, early);
    expect(e.code).toBe('DATE_OUT_OF_ORDER');
    expect(e.message).toContain('the result of step s2 was publicised on 2025-03-23');
  });

  it('a funding approval may not be decided before the plan was adopted; a contract not signed before its funding was approved', () => {
    const s = play(
      kind,
      through(survey, diagnosis(), formation),
      adopt(),
      publicise('adopt-1', '2025-04-02'),
    );
    const add = at(
      ev('ADD_FUNDING_SOURCE', { sourceId: 'sg', kind: 'selfGovernanceFund', amountFen: 8_000_000 }),
      '2025-04-03',
    );
    const approve = (decidedOn: string) =>
      at(
        ev('APPROVE_FUNDING_SOURCE', { sourceId: 'sg', body: 'subdistrict', reference: '批复', decidedOn }),
        '2025-04-05',
      );
    const a = play(kind, s, add);
    const e = refusal(kind, a, approve('2025-03-31'));
    expect(e.code).toBe('DATE_OUT_OF_ORDER');
    expect(e.message).toContain('plan plan-a was adopted (adopt-1) on 2025-04-01');
    const i = play(kind, a, approve('2025-04-02'), at(ev('CONFIRM_FUNDING'), '2025-04-10'));
    const k = (signedOn: string) =>
      at(ev('RECORD_CONTRACT', { contractId: 'k1', supplier: 's', amountFen: 1, signedOn }), '2025-04-16');
    expect(refusal(kind, i, k('2025-04-01')).message).toContain(
      'funding source sg was approved on 2025-04-02',
    );
    expect(play(kind, i, k('2025-04-02')).context.contracts).toHaveLength(1);
  });
});
