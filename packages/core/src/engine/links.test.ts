// Processes are bound to each other (issue 9): each test is the attack, refused live and in replay.
import { describe, expect, it } from 'vitest';
import type { Role, SubmissionChannel } from '../actor/actor.js';
import { addDays, chinaMidnight } from '../calendar/plainDate.js';
import type { YishiError } from '../errors/YishiError.js';
import { PROCESS_KINDS } from '../machines/index.js';
import { FIXTURE_PACKS, fixtureRules, fixtureUnits } from '../testing/fixtureEngine.js';
import { rostered } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import type { CreateContext } from './decide.js';
import { replay } from './replay.js';

type Ctx = CreateContext & { actor: { id: string; role: Role }; channel: SubmissionChannel };
const as = (id: string, role: Role): Ctx => ({ actor: { id, role }, channel: 'web' });
const STAFF = as('staff-1', 'residentsCommitteeStaff');
const COMMITTEE = as('oc-1', 'ownersCommittee');
const SECRETARY = as('sec-1', 'partySecretary');
const PLANNER = as('planner-1', 'planner');
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const P = 'p-1';

/**
 * One engine: an owners' assembly m-1 (2025-03-20; everyone votes `choice`), a project whose plan
 * touches owners' rights, its party-council step publicised by notice n-s1 (7 days from 03-21).
 */
function scenario(choice: 'agree' | 'oppose' = 'agree', meetingCommunity?: string, subjectProject = P) {
  const clock = { t: chinaMidnight('2025-03-01') + 9 * 3_600_000, now: () => clock.t };
  const engine = rostered(createEngine({ kinds: PROCESS_KINDS, clock, packs: FIXTURE_PACKS }));
  if (meetingCommunity) rostered(engine, meetingCommunity);
  let today = '2025-03-01';
  const on = (date: string) => {
    while (today < date) {
      today = addDays(today, 1);
      clock.t = chinaMidnight(today) + 5 * 60_000;
      engine.tick();
    }
    clock.t = Math.max(clock.t + 60_000, chinaMidnight(date) + 10 * 3_600_000);
  };
  const must = (r: { ok: boolean; error?: YishiError }) => {
    if (!r.ok) throw r.error;
  };
  const send = (id: string, who: Ctx, type: string, fields: Record<string, unknown> = {}) =>
    engine.send(id, { type, ...fields }, who);
  const ok = (id: string, who: Ctx, type: string, fields: Record<string, unknown> = {}) =>
    must(send(id, who, type, fields));
  const notice = (id: string) => {
    must(
      engine.create(
        'publicNotice',
        id,
        { id, kind: 'publicity', title: `公示 ${id}`, period: { days: 7, unit: 'natural' } },
        STAFF,
      ),
    );
    ok(id, STAFF, 'POST', { channels: [BOARD] });
  };

  on('2025-03-03');
  must(
    engine.create(
      'meeting',
      'm-1',
      {
        id: 'm-1',
        title: '业主大会：小广场改造',
        body: 'ownersAssembly',
        rules: fixtureRules(),
        register: { kind: 'units', registry: fixtureUnits },
        hasOwnersCommittee: true,
      },
      meetingCommunity ? { ...COMMITTEE, community: meetingCommunity } : COMMITTEE,
    ),
  );
  must(
    engine.create(
      'participatoryPlanningProject',
      P,
      {
        id: P,
        title: '小广场微更新',
        community: 'residents',
        projectType: 'selfGovernance',
        hasOwnersCommittee: true,
        partyCouncilFirst: true,
      },
      STAFF,
    ),
  );
  ok('m-1', COMMITTEE, 'CONVENE', {
    meetingDate: '2025-03-20',
    place: '社区活动室',
    agenda: [
      {
        id: 'i1',
        title: '小广场改造',
        decision: true,
        matter: 'changeCommonUse',
        subject: { project: subjectProject, planId: 'plan-a' },
      },
    ],
  });
  ok(P, STAFF, 'RECORD_NEED', { needId: 'n1', channel: 'visit', text: '缺少座椅' });
  on('2025-03-05');
  ok('m-1', COMMITTEE, 'GIVE_NOTICE', { channels: [BOARD] });
  ok(P, STAFF, 'RANK_NEEDS', {
    method: 'dotVotes',
    dotsPerVoter: 3,
    dotVotes: [{ voter: 'r1', needId: 'n1', dots: 2 }],
  });
  ok(P, STAFF, 'PUBLISH_NEEDS_LIST', { top: 1 });
  on('2025-03-10');
  ok(P, PLANNER, 'RECORD_FINDING', { findingId: 'f1', kind: 'siteVisit', text: '无座椅' });
  ok(P, PLANNER, 'RECORD_ANALYSIS', { needsAnalysis: '休憩', resourceAnalysis: '自治金' });
  ok(P, PLANNER, 'PROPOSE_PLAN', {
    planId: 'plan-a',
    title: '座椅与照明',
    summary: '座椅6处',
    addressesNeeds: ['n1'],
    estimatedBudgetFen: '5000000',
    touchesOwnersRights: true,
  });
  ok(P, PLANNER, 'SUBMIT_DIAGNOSIS');
  on('2025-03-20');
  ok('m-1', COMMITTEE, 'OPEN_SIGN_IN');
  ok('m-1', COMMITTEE, 'SIGN_IN', {
    attendees: ['o1', 'o2', 'o3', 'o4', 'o5'].map((person) => ({ person, via: 'inPerson' })),
  });
  ok('m-1', COMMITTEE, 'CLOSE_SIGN_IN');
  ok('m-1', COMMITTEE, 'END_DELIBERATION');
  for (const voter of ['o1', 'o2', 'o3', 'o4', 'o5'])
    ok('m-1', COMMITTEE, 'CAST_VOTE', { itemId: 'i1', voter, choice });
  ok('m-1', COMMITTEE, 'CLOSE_VOTE');
  ok(P, SECRETARY, 'RECORD_FORMATION_STEP', {
    stepId: 's1',
    body: 'partyMembersCouncil',
    planIds: ['plan-a'],
    outcome: 'recommended',
    heldOn: '2025-03-20',
  });
  on('2025-03-21');
  ok('m-1', COMMITTEE, 'POST_RESULT', { channels: [BOARD] });
  notice('n-s1');
  ok(P, STAFF, 'PUBLICISE_RESULT', {
    stepId: 's1',
    channels: ['online', 'offline'],
    noticeProcessId: 'n-s1',
  });
  return { engine, on, send, notice };
}

const adoption = (over: Record<string, unknown> = {}) => ({
  adoptionId: 'a1',
  planId: 'plan-a',
  body: 'ownersAssembly',
  outcome: 'passed',
  heldOn: '2025-04-01',
  meetingProcessId: 'm-1',
  ...over,
});

/** Refused with `code`, nothing logged, and the accepted log still replays. */
function refused(s: ReturnType<typeof scenario>, r: { ok: boolean; error?: YishiError }, code: string) {
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe(code);
  const log = s.engine.log();
  expect(log.some((e) => e.event.type === 'RECORD_ADOPTION')).toBe(false);
  expect(replay(log, PROCESS_KINDS, { packs: FIXTURE_PACKS }).ok).toBe(true);
  return r.error!;
}

describe('a project cites processes that exist, of the right kind, with the result it claims', () => {
  it('the happy path: an adoption citing the assembly that passed, after the step’s 公示 ran', () => {
    const s = scenario();
    s.on('2025-04-01');
    const r = s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption());
    expect(r.ok).toBe(true);
    expect(replay(s.engine.log(), PROCESS_KINDS, { packs: FIXTURE_PACKS }).ok).toBe(true);
  });

  it('an adoption citing a process that does not exist, or one of another community', () => {
    const s = scenario();
    s.on('2025-04-01');
    refused(
      s,
      s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption({ meetingProcessId: 'm-nowhere' })),
      'LINK_NOT_FOUND',
    );
    const other = scenario('agree', 'another-estate');
    other.on('2025-04-01');
    refused(other, other.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption()), 'LINK_NOT_FOUND');
  });

  it('an adoption citing a notice, or a meeting of another body', () => {
    const s = scenario();
    s.on('2025-04-01');
    refused(
      s,
      s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption({ meetingProcessId: 'n-s1' })),
      'LINK_WRONG_KIND',
    );
    // claimed as the residents' meeting's adoption: m-1 is the owners' assembly
    const e = refused(
      s,
      s.send(P, STAFF, 'RECORD_ADOPTION', adoption({ body: 'residentsMeeting' })),
      'LINK_WRONG_KIND',
    );
    expect(e.issues[0]).toMatchObject({
      received: 'meeting/ownersAssembly',
      expected: 'meeting/residentsMeeting',
    });
  });

  it('an adoption "passed" citing an assembly where everyone opposed', () => {
    const s = scenario('oppose');
    s.on('2025-04-01');
    const e = refused(s, s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption()), 'LINK_NOT_PASSED');
    expect(e.issues[0]).toMatchObject({ field: 'meetingProcessId', received: 'rejected' });
  });

  it('an adoption citing an assembly that decided about another project, or another plan', () => {
    const s = scenario('agree', undefined, 'p-elsewhere');
    s.on('2025-04-01');
    const e = refused(s, s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption()), 'LINK_MISMATCH');
    expect(e.message).toContain('p-1');
    const t = scenario();
    t.on('2025-04-01');
    refused(t, t.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption({ planId: 'plan-b' })), 'LINK_MISMATCH');
  });

  it('an adoption dated before the assembly met', () => {
    const s = scenario();
    s.on('2025-04-01');
    refused(
      s,
      s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption({ heldOn: '2025-03-19' })),
      'LINK_OUT_OF_ORDER',
    );
  });

  it('an adoption the day after the step’s publicity was posted: the 公示 has not run', () => {
    const s = scenario();
    s.on('2025-03-22');
    const e = refused(
      s,
      s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption({ heldOn: '2025-03-22' })),
      'LINK_NOT_PASSED',
    );
    expect(e.message).toContain('n-s1');
    s.on('2025-03-29');
    expect(s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption({ heldOn: '2025-03-29' })).ok).toBe(true);
  });

  it('publicity is a notice, not a claim', () => {
    const s = scenario();
    s.on('2025-03-29');
    expect(s.send(P, COMMITTEE, 'RECORD_ADOPTION', adoption({ heldOn: '2025-03-29' })).ok).toBe(true);
    const e = s.send(P, STAFF, 'PUBLICISE_RESULT', { stepId: 'a1', channels: ['online', 'offline'] });
    expect(e.ok).toBe(false);
    expect(e.ok || e.error.code).toBe('LINK_REQUIRED');
    // a notice still in draft is not a publicity
    expect(
      s.engine.create(
        'publicNotice',
        'n-draft',
        { id: 'n-draft', kind: 'publicity', title: '未张贴', period: { days: 7, unit: 'natural' } },
        STAFF,
      ).ok,
    ).toBe(true);
    const draft = s.send(P, STAFF, 'PUBLICISE_RESULT', {
      stepId: 'a1',
      channels: ['online', 'offline'],
      noticeProcessId: 'n-draft',
    });
    expect(draft.ok || draft.error.code).toBe('LINK_NOT_PASSED');
    const before = s.engine.log().length;
    s.notice('n-a1');
    expect(
      s.send(P, STAFF, 'PUBLICISE_RESULT', {
        stepId: 'a1',
        channels: ['online', 'offline'],
        noticeProcessId: 'n-a1',
      }).ok,
    ).toBe(true);
    expect(s.engine.log().length).toBe(before + 3);
  });
});

describe('a government project’s consultation of residents cites a real process', () => {
  it('absent, or of another kind than it says', () => {
    const s = scenario();
    const consult = (via: Record<string, unknown>) =>
      s.send(P, STAFF, 'RECORD_RESIDENT_CONSULTATION', {
        consultationId: 'c1',
        conductedOn: '2025-03-21',
        via,
        summary: '征询居民意见',
      });
    const absent = consult({ kind: 'process', processKind: 'meeting', processId: 'm-none' });
    expect(absent.ok || absent.error.code).toBe('LINK_NOT_FOUND');
    const wrong = consult({ kind: 'process', processKind: 'writtenConsultation', processId: 'm-1' });
    expect(wrong.ok || wrong.error.code).toBe('LINK_WRONG_KIND');
    expect(consult({ kind: 'process', processKind: 'meeting', processId: 'm-1' }).ok).toBe(true);
  });
});
