import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  committee,
  observer,
  planner,
  play,
  refusal,
  type Scripted,
  secretary,
  staff,
  system,
} from '../../testing/fixtureEngine.js';
import { restoreProcess, startProcess } from '../processKind.js';
import { projectKind as kind } from './project.kind.js';
import {
  adopt,
  at,
  diagnosis,
  EXPERT,
  ev,
  evaluation,
  formation,
  funding,
  implementation,
  input,
  plan,
  publicise,
  SUBDISTRICT,
  start,
  step,
  survey,
  through,
} from './project.testkit.js';

describe('the six stages, end to end', () => {
  it('runs from the needs survey to closed, recording every step', () => {
    let s = through(survey);
    expect(s.value).toBe('plannerDiagnosis');
    expect(s.context.ranking?.rows.map((r) => [r.needId, r.score])).toEqual([
      ['n1', 3],
      ['n2', 2],
    ]);
    expect(s.context.needsList?.needIds).toEqual(['n1', 'n2']);
    s = play(kind, s, ...diagnosis());
    expect(s.value).toBe('projectFormation');
    expect(s.context.round).toBe(1);
    s = play(kind, s, ...formation, adopt());
    expect(s.value).toBe('funding');
    expect(s.context.budget?.amountFen).toBe('8000000');
    s = play(kind, s, ...funding, at(ev('CONFIRM_FUNDING'), '2025-04-10'));
    expect(s.value).toBe('implementation');
    expect(s.context.fundingConfirmed).toMatchObject({ approvedFen: '8000000', budgetFen: '8000000' });
    s = play(kind, s, ...implementation, at(ev('COMPLETE_IMPLEMENTATION'), '2025-05-22'));
    expect(s.value).toBe('evaluation');
    s = play(kind, s, ...evaluation, at(ev('CLOSE_PROJECT'), '2025-06-15'));
    expect(s.value).toBe('closed');
    expect(s.output).toEqual({ id: 'p-1', outcome: 'closed', adoptedPlanId: 'plan-a' });
    expect(JSON.parse(JSON.stringify(s.context))).toEqual(s.context);
  });
});

describe('refusals', () => {
  it('wrong stage: an event the current stage does not take is refused and names the stages that do', () => {
    const e = refusal(kind, start, at(ev('CONFIRM_FUNDING'), '2025-03-01'));
    expect(e.code).toBe('EVENT_NOT_ALLOWED');
    expect(e.message).toContain('only funding');
    expect(
      refusal(
        kind,
        start,
        at(ev('RECORD_NEED', { needId: 'x', channel: 'visit', text: 't' }), '2025-03-01', observer),
      ).code,
    ).toBe('FORBIDDEN_ROLE');
  });

  it('the party members’ council must come first where required; each body is recorded by its own role', () => {
    const s = through(survey, diagnosis());
    expect(refusal(kind, s, step('s1', 'residentRepresentativesMeeting')).message).toContain('先知晓');
    expect(refusal(kind, s, step('s1', 'partyMembersCouncil', staff)).message).toContain('partySecretary');
    const free = play(
      kind,
      startProcess(kind, input({ partyCouncilFirst: false })),
      ...survey,
      ...diagnosis(),
    );
    expect(play(kind, free, step('s1', 'hearing')).context.steps).toHaveLength(1);
    expect(refusal(kind, s, step('s1', 'villagerRepresentativesMeeting', staff)).message).toContain(
      'does not meet',
    );
  });

  it('adoption waits for every result to be publicised online and offline, by the body the plan’s nature requires', () => {
    const s = play(kind, through(survey, diagnosis()), step('s1', 'partyMembersCouncil', secretary));
    expect(refusal(kind, s, adopt()).message).toContain('publicise every result');
    const p = play(kind, s, publicise('s1'));
    expect(refusal(kind, p, adopt('passed', 'plan-a', 'ownersAssembly', committee)).message).toContain(
      'adopted by the residentsMeeting',
    );
  });

  it('plans touching owners’ rights go to the owners’ representatives and the owners’ assembly', () => {
    const s = play(
      kind,
      through(survey, diagnosis('plan-o', true)),
      step('s1', 'partyMembersCouncil', secretary, 'recommended', ['plan-o']),
    );
    const reps = play(
      kind,
      s,
      step('s2', 'ownerRepresentativesMeeting', committee, 'recommended', ['plan-o'], '2025-03-22'),
      publicise('s1', '2025-03-23'),
      publicise('s2', '2025-03-23'),
    );
    expect(refusal(kind, reps, adopt('passed', 'plan-o', 'ownersAssembly', staff)).message).toContain(
      'ownersCommittee',
    );
    expect(play(kind, reps, adopt('passed', 'plan-o', 'ownersAssembly', committee)).value).toBe('funding');
  });

  it('a failed adoption vote sends the project back to the planner, with the reason; the plan cannot come back as is', () => {
    let s = play(kind, through(survey, diagnosis(), formation), adopt('rejected'));
    expect(s.value).toBe('plannerDiagnosis');
    expect(s.context.sendBacks.at(-1)).toMatchObject({ from: 'projectFormation', to: 'plannerDiagnosis' });
    expect(s.context.sendBacks.at(-1)?.reason).toContain('rejected');
    expect(refusal(kind, s, at(ev('SUBMIT_DIAGNOSIS'), '2025-04-02', planner)).message).toContain(
      'rejected plans',
    );
    s = play(kind, s, plan('plan-b', false, '2025-04-02'), at(ev('SUBMIT_DIAGNOSIS'), '2025-04-02', planner));
    expect(s.context.round).toBe(2);
    // Round 2 starts over: the party council first again.
    expect(
      refusal(kind, s, step('s3', 'hearing', staff, 'recommended', ['plan-b'], '2025-04-03')).message,
    ).toContain('先知晓');
  });

  it('BUDGET_NOT_COVERED until approved sources cover the budget', () => {
    let s = play(kind, through(survey, diagnosis(), formation), adopt(), ...funding.slice(0, 4));
    const e = refusal(kind, s, at(ev('CONFIRM_FUNDING'), '2025-04-10'));
    expect(e.code).toBe('BUDGET_NOT_COVERED');
    expect(e.message).toContain('¥50,000.00 of the ¥80,000.00 budget; ¥30,000.00 more');
    // Residents' contributions need a residents' meeting decision, linked.
    expect(
      refusal(
        kind,
        s,
        at(
          ev('APPROVE_FUNDING_SOURCE', {
            sourceId: 'rc',
            body: 'subdistrict',
            reference: 'x',
            decidedOn: '2025-04-08',
          }),
          '2025-04-08',
          staff,
        ),
      ).message,
    ).toContain('residentsMeeting');
    expect(
      refusal(
        kind,
        s,
        at(
          ev('APPROVE_FUNDING_SOURCE', {
            sourceId: 'rc',
            body: 'residentsMeeting',
            reference: 'x',
            decidedOn: '2025-04-08',
          }),
          '2025-04-08',
        ),
      ).message,
    ).toContain('meetingProcessId');
    s = play(kind, s, funding[4]!, at(ev('CONFIRM_FUNDING'), '2025-04-10'));
    expect(s.value).toBe('implementation');
  });

  it('the budget may be raised but not set below the adopted plan’s estimate', () => {
    const s = play(kind, through(survey, diagnosis(), formation), adopt(), ...funding);
    const low = refusal(kind, s, at(ev('SET_BUDGET', { amountFen: '1', reason: '降低' }), '2025-04-09'));
    expect(low.code).toBe('EVENT_NOT_ALLOWED');
    expect(low.message).toContain("below the adopted plan plan-a's estimate of ¥80,000.00");
    const raised = play(
      kind,
      s,
      at(ev('SET_BUDGET', { amountFen: '9000000', reason: '含不可预见费' }), '2025-04-09'),
    );
    expect(raised.context.budget?.amountFen).toBe('9000000');
    expect(refusal(kind, raised, at(ev('CONFIRM_FUNDING'), '2025-04-10')).code).toBe('BUDGET_NOT_COVERED');
  });

  it('approvals belong to the adopted plan: after a send-back and a new adoption they must be given again', () => {
    let s = play(
      kind,
      through(survey, diagnosis(), formation),
      adopt(),
      ...funding,
      at(ev('SEND_BACK', { to: 'plannerDiagnosis', reason: '方案调整' }), '2025-04-09'),
      plan('plan-b', false, '2025-04-10'),
      at(ev('SUBMIT_DIAGNOSIS'), '2025-04-10', planner),
      step('s3', 'partyMembersCouncil', secretary, 'recommended', ['plan-b'], '2025-04-11'),
      publicise('s3', '2025-04-11'),
      step('s4', 'residentRepresentativesMeeting', staff, 'recommended', ['plan-b'], '2025-04-12'),
      publicise('s4', '2025-04-12'),
      at(
        ev('RECORD_ADOPTION', {
          adoptionId: 'adopt-2',
          planId: 'plan-b',
          body: 'residentsMeeting',
          outcome: 'passed',
          heldOn: '2025-04-13',
          meetingProcessId: 'm-rm2',
        }),
        '2025-04-13',
      ),
      publicise('adopt-2', '2025-04-14'),
    );
    expect(s.value).toBe('funding');
    expect(s.context.adoptedPlanId).toBe('plan-b');
    expect(s.context.sources.map((x) => x.approval?.planId)).toEqual(['plan-a', 'plan-a']);
    const stale = refusal(kind, s, at(ev('CONFIRM_FUNDING'), '2025-04-15'));
    expect(stale.code).toBe('BUDGET_NOT_COVERED');
    expect(stale.message).toContain('cover ¥0.00 of the ¥80,000.00 budget');
    // The same sources, approved again for plan-b, count.
    s = play(
      kind,
      s,
      at(ev('APPROVE_FUNDING_SOURCE', { ...funding[2]![0], decidedOn: '2025-04-15' }), '2025-04-15'),
      at(ev('APPROVE_FUNDING_SOURCE', { ...funding[4]![0], decidedOn: '2025-04-15' }), '2025-04-15'),
    );
    expect(s.context.sources.map((x) => x.approval?.planId)).toEqual(['plan-b', 'plan-b']);
    expect(
      refusal(
        kind,
        s,
        at(ev('APPROVE_FUNDING_SOURCE', { ...funding[2]![0], decidedOn: '2025-04-15' }), '2025-04-15'),
      ).message,
    ).toContain('already approved for the adopted plan');
    s = play(kind, s, at(ev('CONFIRM_FUNDING'), '2025-04-16'));
    expect(s.value).toBe('implementation');
  });

  it('the maintenance fund needs an owners’ decision recorded by the owners’ committee', () => {
    const s = play(
      kind,
      through(survey, diagnosis(), formation),
      adopt(),
      at(
        ev('ADD_FUNDING_SOURCE', { sourceId: 'mf', kind: 'maintenanceFund', amountFen: 8_000_000 }),
        '2025-04-03',
        committee,
      ),
    );
    const approve = ev('APPROVE_FUNDING_SOURCE', {
      sourceId: 'mf',
      body: 'ownersAssembly',
      reference: '业主大会决定',
      decidedOn: '2025-04-05',
      meetingProcessId: 'wc-1',
    });
    expect(refusal(kind, s, at(approve, '2025-04-05', staff)).message).toContain('ownersCommittee');
    expect(play(kind, s, at(approve, '2025-04-05', committee)).context.sources[0]?.approval?.body).toBe(
      'ownersAssembly',
    );
  });

  it('SEND_BACK goes to an earlier stage only, with the reason kept', () => {
    const s = through(survey, diagnosis(), formation);
    const back = play(
      kind,
      s,
      at(ev('SEND_BACK', { to: 'needsSurvey', reason: '需求有变' }), '2025-03-25', secretary),
    );
    expect(back.value).toBe('needsSurvey');
    expect(back.context.sendBacks).toEqual([
      { from: 'projectFormation', to: 'needsSurvey', reason: '需求有变', on: '2025-03-25', by: secretary },
    ]);
    expect(back.context.steps).toHaveLength(2); // nothing is lost
    const later = refusal(kind, s, at(ev('SEND_BACK', { to: 'funding', reason: 'x' }), '2025-03-25'));
    expect(later.message).toContain('only to needsSurvey, plannerDiagnosis');
    expect(
      refusal(kind, start, at(ev('SEND_BACK', { to: 'needsSurvey', reason: 'x' }), '2025-03-25')).message,
    ).toContain('does not take SEND_BACK');
  });

  it('implementation and evaluation close only when each required record is in', () => {
    const impl = play(
      kind,
      through(survey, diagnosis(), formation),
      adopt(),
      ...funding,
      at(ev('CONFIRM_FUNDING'), '2025-04-10'),
    );
    expect(refusal(kind, impl, at(ev('COMPLETE_IMPLEMENTATION'), '2025-05-22')).message).toContain(
      'procurement',
    );
    const failed = play(
      kind,
      impl,
      ...implementation.slice(0, 5),
      at(
        ev('RECORD_ACCEPTANCE_REVIEW', { outcome: 'failed', reviewers: [EXPERT], reference: '验收单-00' }),
        '2025-05-19',
      ),
      implementation[6]!,
    );
    expect(refusal(kind, failed, at(ev('COMPLETE_IMPLEMENTATION'), '2025-05-22')).message).toContain(
      'acceptance review',
    );
    const ev6 = play(kind, impl, ...implementation, at(ev('COMPLETE_IMPLEMENTATION'), '2025-05-22'));
    expect(refusal(kind, ev6, at(ev('CLOSE_PROJECT'), '2025-06-15')).message).toContain(
      'publicise the completed project',
    );
    expect(
      refusal(
        kind,
        ev6,
        at(
          ev('RECORD_SATISFACTION_SURVEY', {
            conductedBy: 'residentsCommittee',
            respondents: 10,
            satisfied: 5,
            neutral: 1,
            dissatisfied: 1,
          }),
          '2025-06-05',
        ),
      ).message,
    ).toContain('must equal respondents');
  });

  it('abandons from any stage; dates never go backwards', () => {
    const s = play(kind, start, at(ev('ABANDON', { reason: '场地拆迁' }), '2025-03-01'));
    expect(s.value).toBe('abandoned');
    expect(s.output).toEqual({ id: 'p-1', outcome: 'abandoned', adoptedPlanId: null });
    const t = play(kind, start, at(ev('TICK'), '2025-03-10', system));
    expect(refusal(kind, t, survey[0]!).message).toContain('backwards');
  });
});

describe('a government project consults residents before the decision (seed §三.1)', () => {
  const gov = startProcess(kind, input({ projectType: 'government' }));
  const consultation = (conductedOn: string, on = conductedOn, via: Record<string, unknown> = {}) =>
    at(
      ev('RECORD_RESIDENT_CONSULTATION', {
        consultationId: `c-${conductedOn}`,
        conductedOn,
        commissionedBy: '区绿化市容局',
        via: { kind: 'recorded', method: 'questionnaire', participants: 120, ...via },
        summary: '多数居民支持增设座椅',
      }),
      on,
    );
  const ready = (...before: Scripted[]) =>
    play(kind, gov, ...survey, ...before, ...diagnosis(), ...formation);

  it('refuses the adoption of a government project no consultation preceded (RESIDENTS_NOT_CONSULTED)', () => {
    const s = ready();
    const e = refusal(kind, s, adopt());
    expect(e.code).toBe('RESIDENTS_NOT_CONSULTED');
    expect(e.message).toContain('§三.1');
    expect(e.message).toContain('在作出决策前');
    expect(s.context.steps.filter((x) => x.kind === 'adoption')).toEqual([]);
    // A self-governance project is adopted without one.
    expect(play(kind, through(survey, diagnosis(), formation), adopt()).value).toBe('funding');
  });

  it('accepts it once the consultation is recorded, conducted on or before the day of the decision', () => {
    const s = ready(consultation('2025-03-06'));
    expect(s.context.consultations[0]).toMatchObject({
      id: 'c-2025-03-06',
      commissionedBy: '区绿化市容局',
      via: { kind: 'recorded', method: 'questionnaire', participants: 120 },
    });
    expect(play(kind, s, adopt()).value).toBe('funding');
    // Recorded later (in formation), but conducted before the vote: one day before, and the day itself.
    const late = (conductedOn: string) => play(kind, ready(), consultation(conductedOn, '2025-03-24'));
    expect(play(kind, late('2025-03-24'), adopt()).value).toBe('funding');
    const onTheDay = play(kind, ready(), consultation('2025-04-01', '2025-04-01'));
    expect(play(kind, onTheDay, adopt()).value).toBe('funding');
  });

  it('a consultation conducted after the vote does not count; nor one dated after the day it is recorded', () => {
    const s = ready();
    const vote = at(
      ev('RECORD_ADOPTION', {
        adoptionId: 'adopt-1',
        planId: 'plan-a',
        body: 'residentsMeeting',
        outcome: 'passed',
        heldOn: '2025-03-30',
        meetingProcessId: 'm-rm',
      }),
      '2025-04-01',
    );
    const after = play(kind, s, consultation('2025-03-31', '2025-04-01'));
    expect(refusal(kind, after, vote).code).toBe('RESIDENTS_NOT_CONSULTED');
    const atDay = play(kind, s, consultation('2025-03-30', '2025-04-01'));
    expect(play(kind, atDay, vote).value).toBe('funding');
    const future = refusal(kind, s, consultation('2025-03-25', '2025-03-24'));
    expect(future.code).toBe('DATE_OUT_OF_ORDER');
    expect(future.message).toContain('conductedOn 2025-03-25 is after 2025-03-24');
  });

  it('may cite a meeting or written-consultation process; a recorded one needs its method and participants', () => {
    const linked = at(
      ev('RECORD_RESIDENT_CONSULTATION', {
        consultationId: 'c1',
        conductedOn: '2025-03-06',
        via: { kind: 'process', processKind: 'writtenConsultation', processId: 'wc-9' },
        summary: '征询结果',
      }),
      '2025-03-06',
    );
    const s = play(kind, gov, ...survey, linked);
    expect(s.context.consultations[0]?.via).toEqual({
      kind: 'process',
      processKind: 'writtenConsultation',
      processId: 'wc-9',
    });
    expect(s.context.consultations[0]?.commissionedBy).toBeNull();
    expect(refusal(kind, s, linked).message).toContain('already recorded');
    const t = play(kind, gov, ...survey);
    expect(refusal(kind, t, consultation('2025-03-07', '2025-03-07', { participants: 0 })).code).toBe(
      'INVALID_EVENT',
    );
    expect(refusal(kind, t, consultation('2025-03-07', '2025-03-07', { method: undefined })).code).toBe(
      'INVALID_EVENT',
    );
    expect(
      refusal(
        kind,
        t,
        at(
          ev('RECORD_RESIDENT_CONSULTATION', {
            consultationId: 'c',
            conductedOn: '2025-03-07',
            summary: 'x',
            via: { kind: 'process', processKind: 'meeting' },
          }),
          '2025-03-07',
        ),
      ).code,
    ).toBe('INVALID_EVENT');
    expect(refusal(kind, t, at(consultation('2025-03-07')[0], '2025-03-07', planner)).code).toBe(
      'FORBIDDEN_ROLE',
    );
  });
});

describe('persistence', () => {
  it('restores through JSON and takes the same next events', () => {
    const s = through(survey, diagnosis(), formation);
    const actor = createActor(kind.machine, { snapshot: s }).start();
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const back = restoreProcess(kind, stored);
    expect(play(kind, back, adopt()).context).toEqual(play(kind, s, adopt()).context);
  });
});

describe('the sub-district’s 自治金 (issue 9)', () => {
  it('is approved and recorded by the sub-district office, not by the residents’ committee staff', () => {
    const s = through(survey, diagnosis(), formation, [adopt()], funding.slice(0, 2));
    const approve = ev('APPROVE_FUNDING_SOURCE', {
      sourceId: 'sg',
      body: 'subdistrict',
      reference: '街道自治金〔2025〕3号',
      decidedOn: '2025-04-05',
    });
    expect(refusal(kind, s, at(approve, '2025-04-05', staff)).message).toContain('subdistrictStaff');
    expect(play(kind, s, at(approve, '2025-04-05', SUBDISTRICT)).context.sources[0]?.approval).toMatchObject({
      body: 'subdistrict',
    });
  });
});
