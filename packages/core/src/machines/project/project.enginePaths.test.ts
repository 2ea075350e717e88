/**
 * The project's shortest paths (the six stages, a failed and a passed adoption, every send-back,
 * abandonment; a government project, so residents are consulted before the adoption) run through
 * a live engine with the fixture roster, and with every process a record cites made in the same
 * engine and driven to the state the record needs: the formation bodies' meetings and the
 * adoptions (passed, rejected), a residents' meeting deciding the funding, hearings for the
 * consultation and the evaluation, and a completed 公示 notice for each publicity. Before each
 * citing step the refusals of engine/links.ts are tried and must be refused, changing nothing:
 * the cited process missing (LINK_NOT_FOUND), of another kind (LINK_WRONG_KIND), without the
 * result or stage claimed (LINK_NOT_PASSED), decided after the record's date
 * (LINK_OUT_OF_ORDER), or not named (LINK_REQUIRED). Each path's log replays to the same
 * persisted snapshots (testing/enginePaths.testkit.ts).
 *
 * A notice is cited for having been posted, dated by the day it was posted; in a live engine that
 * is never after the citing record (the clock does not go back), so LINK_OUT_OF_ORDER cannot arise
 * for a notice and is tried only for the meetings.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays } from '../../calendar/plainDate.js';
import type { YishiErrorCode } from '../../errors/YishiError.js';
import type { MemberRegistry } from '../../registry/people.js';
import {
  type Driver,
  type EngineModel,
  enginePaths,
  label,
  type PathEvent,
  type Refusal,
  runPaths,
} from '../../testing/enginePaths.testkit.js';
import {
  fixturePartyCouncil,
  fixtureResidents,
  fixtureRules,
  planner,
  propertyManager,
  secretary,
  staff,
  system,
} from '../../testing/fixtureEngine.js';
import { meetingKind } from '../meeting/meeting.kind.js';
import type { MeetingMachine } from '../meeting/meeting.machine.js';
import { projectKind as kind } from './project.kind.js';
import type { ProjectMachine } from './project.machine.js';
import { SUBDISTRICT } from './project.testkit.js';
import { fullyPublicised } from './projectRules.js';
import { PROJECT_STAGES, type ProjectInput } from './projectSchemas.js';

type S = SnapshotFrom<ProjectMachine>;
/** The cited processes are made from SETUP_ON; the project starts on D0. */
const SETUP_ON = '2025-01-06';
const D0 = '2025-04-01';
const P = 'p';

const input: ProjectInput = {
  id: P,
  title: '小广场微更新',
  community: 'residents',
  projectType: 'government',
  hasOwnersCommittee: true,
  partyCouncilFirst: true,
};

type Ev = PathEvent;

/** The residents' consultation of a government project, offered until one is recorded. */
function consultation(s: S, ev: (name: string, e: Record<string, unknown>, actor?: Actor) => Ev): Ev[] {
  const c = s.context;
  if (c.consultations.length > 0) return [];
  // a hearing held in the same engine (engine/links.ts: a consultation of residents cites its process)
  const via = { kind: 'process', processKind: 'meeting', processId: 'm-hearing' };
  const e = {
    type: 'RECORD_RESIDENT_CONSULTATION',
    consultationId: 'c1',
    conductedOn: c.today ?? D0,
    via,
    summary: '支持',
  };
  return [ev('CONSULT', e)];
}

/** The adopted budget re-approved to ¥80,000.01 (what the sources come to), once. */
function reapproval(s: S, ev: (name: string, e: Record<string, unknown>, actor?: Actor) => Ev): Ev[] {
  const c = s.context;
  if (c.budgetReapprovals.length > 0) return [];
  const e = {
    type: 'RECORD_BUDGET_REAPPROVAL',
    reapprovalId: 'ra1',
    body: 'residentsMeeting',
    meetingProcessId: 'm-fund',
    totalFen: '8000001',
    decidedOn: c.today,
    reason: '追加',
  };
  return [ev('REAPPROVE', e)];
}

function stageEvents(s: S, ev: (name: string, e: Record<string, unknown>, actor?: Actor) => Ev): Ev[] {
  const stage = String(s.value);
  // Offered where each stage before the decision begins (it may be recorded in any of them).
  const c = s.context;
  const begins: Record<string, boolean> = {
    needsSurvey: c.needs.length === 0,
    plannerDiagnosis: c.findings.length === 0,
    projectFormation: !c.steps.some((x) => x.round === c.round && x.kind === 'step'),
  };
  const consult = begins[stage] ? consultation(s, ev) : [];
  return [...consult, ...ownRecords(s, ev)];
}

function ownRecords(s: S, ev: (name: string, e: Record<string, unknown>, actor?: Actor) => Ev): Ev[] {
  const c = s.context;
  const round = c.steps.filter((x) => x.round === c.round);
  const steps = round.filter((x) => x.kind === 'step');
  const livePlan = c.plans.find((p) => !p.rejected);
  switch (String(s.value)) {
    case 'needsSurvey': {
      // In a fixed order: three needs, a merge, the ranking, the published list.
      const next = ['n1', 'n2', 'n3'].find((id) => !c.needs.some((n) => n.id === id));
      if (next)
        return [
          ev(`RECORD_NEED ${next}`, {
            type: 'RECORD_NEED',
            needId: next,
            channel: 'visit',
            text: `需求${next}`,
          }),
        ];
      if (c.merges.length === 0)
        return [ev('MERGE', { type: 'MERGE_NEEDS', into: 'n1', needIds: ['n3'], reason: '重复' })];
      if (c.ranking === null) {
        const votes = c.needs.map((n, i) => ({ voter: `r${i}`, needId: n.id, dots: 1 }));
        return [ev('RANK', { type: 'RANK_NEEDS', method: 'dotVotes', dotVotes: votes })];
      }
      return [ev('PUBLISH', { type: 'PUBLISH_NEEDS_LIST', top: 2 })];
    }
    case 'plannerDiagnosis': {
      const rejected = c.steps.find(
        (x) => x.kind === 'adoption' && x.outcome !== 'passed' && !fullyPublicised(x),
      );
      const publiciseRejection = rejected
        ? [
            ev('PUBLICISE rejection', {
              type: 'PUBLICISE_RESULT',
              stepId: rejected.id,
              channels: ['online', 'offline'],
              noticeProcessId: `n-${rejected.id}`,
            }),
          ]
        : [];
      return [...publiciseRejection, ...diagnosisEvents(c, livePlan, ev)];
    }
    case 'projectFormation': {
      const out: Ev[] = [];
      const stepOf = (body: string, who: Actor) =>
        ev(
          `STEP ${body}`,
          {
            type: 'RECORD_FORMATION_STEP',
            stepId: `r${c.round}-${body}`,
            body,
            planIds: [livePlan!.id],
            outcome: 'recommended',
            heldOn: c.today,
            meetingProcessId: `m-${body}`,
          },
          who,
        );
      if (steps.length === 0) out.push(stepOf('partyMembersCouncil', secretary));
      else if (steps.length === 1) out.push(stepOf('residentRepresentativesMeeting', staff));
      const unpublicised = steps.find((x) => !fullyPublicised(x));
      if (unpublicised) {
        out.push(
          ev('PUBLICISE', {
            type: 'PUBLICISE_RESULT',
            stepId: unpublicised.id,
            channels: ['online', 'offline'],
            noticeProcessId: `n-${unpublicised.id}`,
          }),
        );
      } else if (steps.length > 0) {
        // One failed adoption per path (a rejected plan is replaced by a new one).
        for (const outcome of c.plans.some((p) => p.rejected) ? ['passed'] : ['passed', 'rejected']) {
          out.push(
            ev(`ADOPT ${outcome}`, {
              type: 'RECORD_ADOPTION',
              adoptionId: `r${c.round}-adoption`,
              planId: livePlan!.id,
              body: 'residentsMeeting',
              outcome,
              heldOn: c.today,
              meetingProcessId: outcome === 'passed' ? 'm-adopt' : 'm-reject',
            }),
          );
        }
      }
      return out;
    }
    case 'funding': {
      // In a fixed order; the residents' contribution may be withdrawn and replaced.
      const adoption = [...c.steps].reverse().find((x) => x.kind === 'adoption' && x.outcome === 'passed');
      if (adoption && !fullyPublicised(adoption))
        return [
          ev('PUBLICISE adoption', {
            type: 'PUBLICISE_RESULT',
            stepId: adoption.id,
            channels: ['online', 'offline'],
            noticeProcessId: `n-${adoption.id}`,
          }),
        ];
      const confirm = ev('CONFIRM', { type: 'CONFIRM_FUNDING' });
      if (c.budget?.reason !== '核定')
        return [ev('SET_BUDGET', { type: 'SET_BUDGET', amountFen: 8_000_000, reason: '核定' }), confirm];
      const sg = c.sources.find((x) => x.id === 'sg');
      if (!sg)
        return [
          ev('ADD sg', {
            type: 'ADD_FUNDING_SOURCE',
            sourceId: 'sg',
            kind: 'selfGovernanceFund',
            amountFen: 5_000_000,
          }),
          confirm,
        ];
      if (!sg.approval) {
        const approve = {
          type: 'APPROVE_FUNDING_SOURCE',
          sourceId: 'sg',
          body: 'subdistrict',
          reference: '批复',
          decidedOn: c.today,
        };
        return [ev('APPROVE sg', approve, SUBDISTRICT), confirm];
      }
      const rc = [...c.sources]
        .reverse()
        .find((x) => x.kind === 'residentContributions' && x.withdrawal === null);
      const withdrawn = c.sources.some((x) => x.withdrawal !== null);
      if (!rc) {
        const id = withdrawn ? 'rc2' : 'rc';
        return [
          ev(`ADD ${id}`, {
            type: 'ADD_FUNDING_SOURCE',
            sourceId: id,
            kind: 'residentContributions',
            amountFen: '3000001',
          }),
          confirm,
        ];
      }
      if (!rc.approval) {
        const approve = {
          type: 'APPROVE_FUNDING_SOURCE',
          sourceId: rc.id,
          body: 'residentsMeeting',
          reference: '决定',
          decidedOn: c.today,
          meetingProcessId: 'm-fund',
        };
        const withdraw = { type: 'WITHDRAW_FUNDING_SOURCE', sourceId: rc.id, reason: '撤回' };
        return [ev('APPROVE rc', approve), ...(withdrawn ? [] : [ev('WITHDRAW rc', withdraw)]), confirm];
      }
      return [confirm, ...reapproval(s, ev)];
    }
    case 'implementation': {
      const records: [boolean, Ev][] = [
        [
          c.procurements.length > 0,
          ev('PROCUREMENT', {
            type: 'RECORD_PROCUREMENT',
            method: 'inquiry',
            reference: 'q',
            supplier: 's',
            amountFen: 1,
          }),
        ],
        [
          c.contracts.length > 0,
          ev('CONTRACT', {
            type: 'RECORD_CONTRACT',
            contractId: 'k1',
            supplier: 's',
            amountFen: 1,
            signedOn: c.today,
            procurementReference: 'q',
          }),
        ],
        [
          c.workingGroup !== null,
          ev('WORKING_GROUP', { type: 'FORM_WORKING_GROUP', members: [{ id: 'r1', role: 'resident' }] }),
        ],
        [
          c.milestones.length > 0,
          ev('MILESTONE', { type: 'RECORD_MILESTONE', milestoneId: 'm1', title: '开工', status: 'started' }),
        ],
        [c.notes.length > 0, ev('NOTE', { type: 'RECORD_NOTE', kind: 'supervision', text: '巡查' }, planner)],
        [
          c.acceptanceReviews.length > 0,
          ev('ACCEPTANCE', {
            type: 'RECORD_ACCEPTANCE_REVIEW',
            outcome: 'passed',
            reviewers: [{ id: 'e', role: 'expert' }],
            reference: 'v',
          }),
        ],
        [
          c.operations !== null,
          ev(
            'OPERATIONS',
            { type: 'ARRANGE_OPERATIONS', arrangement: 'propertyManager', description: '维护' },
            propertyManager,
          ),
        ],
      ];
      const next = records.find(([done]) => !done);
      const reapprove = c.procurements.length === 0 ? reapproval(s, ev) : [];
      return [...(next ? [next[1]] : []), ...reapprove, ev('COMPLETE', { type: 'COMPLETE_IMPLEMENTATION' })];
    }
    case 'evaluation': {
      const records: [boolean, Ev][] = [
        [
          c.completionPublicity !== null,
          ev('COMPLETION', {
            type: 'PUBLICISE_COMPLETION',
            channels: ['online', 'offline'],
            noticeProcessId: 'n-completion',
          }),
        ],
        [
          c.evaluationMeetings.length > 0,
          ev('EVAL_MEETING', {
            type: 'RECORD_EVALUATION_MEETING',
            meetingProcessId: 'm-eval',
            heldOn: c.today,
            summary: '好',
          }),
        ],
        [
          c.surveys.length > 0,
          ev('SURVEY', {
            type: 'RECORD_SATISFACTION_SURVEY',
            conductedBy: 'residentsCommittee',
            respondents: 3,
            satisfied: 2,
            neutral: 1,
            dissatisfied: 0,
          }),
        ],
        [
          c.audits.length > 0,
          ev('AUDIT', {
            type: 'RECORD_AUDIT',
            auditor: 'a',
            reference: 'r',
            findings: '无',
            noticeProcessId: 'n-audit',
          }),
        ],
        [
          c.operatingRules !== null,
          ev('RULES', { type: 'AGREE_OPERATING_RULES', rules: [{ title: '公约', text: '安静' }] }),
        ],
      ];
      const next = records.find(([done]) => !done);
      return [...(next ? [next[1]] : []), ev('CLOSE', { type: 'CLOSE_PROJECT' })];
    }
    default:
      return [];
  }
}

function diagnosisEvents(
  c: S['context'],
  livePlan: S['context']['plans'][number] | undefined,
  ev: (name: string, e: Record<string, unknown>, actor?: Actor) => Ev,
): Ev[] {
  if (c.findings.length === 0)
    return [
      ev('FINDING', { type: 'RECORD_FINDING', findingId: 'f1', kind: 'siteVisit', text: '现场' }, planner),
    ];
  if (!c.analysis)
    return [
      ev('ANALYSIS', { type: 'RECORD_ANALYSIS', needsAnalysis: '需求', resourceAnalysis: '资源' }, planner),
    ];
  if (!livePlan) {
    const plan = {
      type: 'PROPOSE_PLAN',
      planId: `plan-${c.plans.length + 1}`,
      title: '方案',
      summary: '座椅照明',
      addressesNeeds: [c.needsList!.needIds[0]!],
      estimatedBudgetFen: '8000000',
      touchesOwnersRights: false,
    };
    return [ev('PLAN', plan, planner)];
  }
  return [ev('SUBMIT', { type: 'SUBMIT_DIAGNOSIS' }, planner)];
}

const ADVANCE: Record<string, string> = {
  needsSurvey: 'PUBLISH_NEEDS_LIST',
  plannerDiagnosis: 'SUBMIT_DIAGNOSIS',
  projectFormation: 'RECORD_ADOPTION',
  funding: 'CONFIRM_FUNDING',
  implementation: 'COMPLETE_IMPLEMENTATION',
  evaluation: 'CLOSE_PROJECT',
};

function eventsFor(s: S): Ev[] {
  if (s.status !== 'active') return [];
  const c = s.context;
  const today = c.today ?? D0;
  const ev = (name: string, e: Record<string, unknown>, actor: Actor = staff) =>
    label({ ...e, on: today, actor } as Ev, name);
  const stage = String(s.value);
  const own = stageEvents(s, ev);
  // One send-back per path, offered once the stage's own records are complete (its advancing event
  // is accepted), keeps the graph small; the failed adoption is a send-back too.
  const complete = own.some((e) => e.type === ADVANCE[stage] && s.can(e as never));
  const back =
    c.sendBacks.length === 0 && complete
      ? PROJECT_STAGES.slice(0, PROJECT_STAGES.indexOf(stage as never))
      : [];
  return [
    ...own,
    ...back.map((to) => ev(`SEND_BACK ${to}`, { type: 'SEND_BACK', to, reason: '退回' }, secretary)),
    ev('ABANDON', { type: 'ABANDON', reason: '终止' }),
    label({ type: 'TICK', on: today, actor: system } as Ev, 'TICK'),
    label({ type: 'TICK', on: addDays(today, 1), actor: system } as Ev, 'TICK+1'),
  ];
}

function serialize(s: S): string {
  const c = s.context;
  // Where a project ended is one abstract state each (the path to it is what matters).
  if (s.status === 'done') return JSON.stringify([s.value]);
  const round = c.steps.filter((x) => x.round === c.round);
  return JSON.stringify([
    s.value,
    c.needs.map((n) => n.mergedInto ?? '.').join(''),
    c.ranking !== null,
    c.needsList !== null,
    c.consultations.length > 0,
    [c.findings.length, c.analysis !== null, c.plans.map((p) => p.rejected)],
    Math.min(c.round, 2),
    round.map((x) => `${x.kind}:${x.outcome}:${fullyPublicised(x)}`),
    c.adoptedPlanId,
    c.budget?.reason ?? null,
    c.sources.map((x) => `${x.id}:${x.approval !== null}:${x.withdrawal !== null}`),
    c.fundingConfirmed !== null,
    c.budgetReapprovals.length > 0,
    [c.procurements, c.contracts, c.milestones, c.notes, c.acceptanceReviews].map((a) => a.length > 0),
    [c.workingGroup, c.operations, c.completionPublicity, c.operatingRules].map((x) => x !== null),
    [c.evaluationMeetings, c.surveys, c.audits].map((a) => a.length > 0),
    c.sendBacks.length,
  ]);
}

// ── the processes the project cites, made in the same engine before it ──────────────────────────
const BOARD = { channel: 'board', location: '社区公告栏', photoId: 'img-1' } as const;
const RESIDENT_REPRESENTATIVES: MemberRegistry = {
  body: 'residentRepresentatives',
  members: [{ id: 'rr1' }, { id: 'rr2' }, { id: 'rr3' }],
};

interface Meeting {
  body: string;
  convener: Actor;
  register: unknown;
  people: string[];
  agenda: { id: string; title: string; decision: boolean; subject?: { project: string; planId?: string } }[];
  /** How everyone votes on each decision. */
  choice?: 'agree' | 'oppose';
  /** How far it goes: convened only, its result in 公示, or closed (the 公示 has run). */
  to: 'convened' | 'publicity' | 'closed';
}

const plans = (ids: string[]) =>
  ids.map((planId) => ({
    id: planId,
    title: `方案 ${planId}`,
    decision: true,
    subject: { project: P, planId },
  }));
const PLANS = plans(['plan-1', 'plan-2']);
const FUND = [{ id: 'fund', title: '居民出资与预算', decision: true, subject: { project: P } }];
const HEARD = [{ id: 'h', title: '方案听证', decision: false }];
const PMC = {
  body: 'partyMembersCouncil',
  convener: secretary,
  register: { kind: 'members', registry: fixturePartyCouncil },
  people: ['p1', 'p2', 'p3'],
  agenda: PLANS,
};
const RRM = {
  body: 'residentRepresentativesMeeting',
  convener: staff,
  register: { kind: 'members', registry: RESIDENT_REPRESENTATIVES },
  people: ['rr1', 'rr2', 'rr3'],
  agenda: PLANS,
};
const RM = {
  body: 'residentsMeeting',
  convener: staff,
  register: { kind: 'residents', registry: fixtureResidents },
  people: ['r1', 'r2', 'r3', 'r4'],
};
const HEARING = {
  body: 'hearing',
  convener: staff,
  register: { kind: 'none' },
  people: ['x1'],
  agenda: HEARD,
};

const MEETINGS: Record<string, Meeting> = {
  'm-partyMembersCouncil': { ...PMC, choice: 'agree', to: 'closed' },
  'm-residentRepresentativesMeeting': { ...RRM, choice: 'agree', to: 'closed' },
  'm-adopt': { ...RM, agenda: PLANS, choice: 'agree', to: 'closed' },
  'm-reject': { ...RM, agenda: PLANS, choice: 'oppose', to: 'closed' },
  'm-fund': { ...RM, agenda: FUND, choice: 'agree', to: 'closed' },
  'm-hearing': { ...HEARING, to: 'closed' },
  'm-eval': { ...HEARING, to: 'closed' },
  // cited only to be refused: not held yet, or its result still in 公示
  'm-open-partyMembersCouncil': { ...PMC, to: 'convened' },
  'm-open-residentRepresentativesMeeting': { ...RRM, to: 'convened' },
  'm-open-hearing': { ...HEARING, to: 'convened' },
  'm-fund-publicity': { ...RM, agenda: FUND, choice: 'agree', to: 'publicity' },
};
/** The cited meetings meet on the same day: a record dated the day before is out of order. */
const MEETING_DATE = addDays(SETUP_ON, 2);

/** A 公示 per publicity a path can make (formation steps and adoptions of two rounds, the completion, the audit). */
const NOTICES = [
  ...[1, 2].flatMap((r) =>
    ['partyMembersCouncil', 'residentRepresentativesMeeting', 'adoption'].map((k) => `n-r${r}-${k}`),
  ),
  'n-completion',
  'n-audit',
];

/** One step of a cited meeting from the state it is in, or null when it has gone as far as it should. */
function nextMeetingStep(m: Meeting, snap: SnapshotFrom<MeetingMachine>): Record<string, unknown> | null {
  const c = snap.context;
  const state = String(snap.value);
  switch (state) {
    case 'notice':
      return { type: 'GIVE_NOTICE', channels: [BOARD] };
    case 'scheduled':
      return m.to === 'convened' ? null : { type: 'OPEN_SIGN_IN' };
    case 'signIn':
      return c.attendance.length < m.people.length
        ? { type: 'SIGN_IN', attendees: m.people.map((person) => ({ person, via: 'inPerson' })) }
        : { type: 'CLOSE_SIGN_IN' };
    case 'deliberation':
      return { type: 'END_DELIBERATION' };
    case 'vote': {
      for (const item of m.agenda.filter((i) => i.decision))
        for (const voter of m.people)
          if (!c.votes.some((v) => v.voter === voter && v.itemId === item.id))
            return { type: 'CAST_VOTE', itemId: item.id, voter, choice: m.choice };
      return { type: 'CLOSE_VOTE' };
    }
    case 'result':
      return { type: 'POST_RESULT', channels: [BOARD] };
    default:
      return null;
  }
}

const snapshotOf = (d: Driver, id: string) => d.engine.process(id, meetingKind)!.getSnapshot();

function setup(d: Driver) {
  d.at(SETUP_ON);
  for (const [id, m] of Object.entries(MEETINGS)) {
    const meeting = {
      id,
      title: id,
      body: m.body,
      rules: fixtureRules(),
      register: m.register,
      hasOwnersCommittee: true,
    };
    d.create('meeting', id, meeting, m.convener);
    d.send(
      id,
      { type: 'CONVENE', meetingDate: MEETING_DATE, place: '社区活动室', agenda: m.agenda },
      m.convener,
    );
  }
  d.at(MEETING_DATE);
  for (const [id, m] of Object.entries(MEETINGS)) {
    for (let e = nextMeetingStep(m, snapshotOf(d, id)); e; e = nextMeetingStep(m, snapshotOf(d, id)))
      d.send(id, e as { type: string }, m.convener);
    const state = String(d.engine.process(id)!.getSnapshot().value);
    expect(`${id} ${state}`).toBe(`${id} ${m.to === 'convened' ? 'scheduled' : 'publicity'}`);
  }
  // the notices, each 7 days (the fixture's publicity.meetingResultDays), posted the day after
  d.at(addDays(MEETING_DATE, 1));
  const notice = (id: string) => ({
    id,
    kind: 'publicity',
    title: `公示 ${id}`,
    period: { days: 7, unit: 'natural' },
  });
  for (const id of [...NOTICES, 'n-draft', 'n-withdrawn']) {
    d.create('publicNotice', id, notice(id), staff);
    if (id !== 'n-draft') d.send(id, { type: 'POST', channels: [BOARD] }, staff);
  }
  d.send('n-withdrawn', { type: 'WITHDRAW', reason: '张贴有误' }, staff);
  // every 公示 runs its course, but the one cited while still in 公示
  d.at('2025-02-10');
  for (const [id, m] of Object.entries(MEETINGS)) if (m.to === 'closed') d.send(id, { type: 'TICK' }, system);
  for (const id of NOTICES) d.send(id, { type: 'TICK' }, system);
  for (const id of NOTICES) expect(String(d.engine.process(id)!.getSnapshot().value)).toBe('completed');
  for (const [id, m] of Object.entries(MEETINGS))
    if (m.to === 'closed')
      expect(`${id} ${String(d.engine.process(id)!.getSnapshot().value)}`).toBe(`${id} closed`);
}

// ── the refusals tried before each citing step ───────────────────────────────────────────────────
/** Where each citing event names the process, and the date the cited decision may not be after. */
const CITES: Record<string, { field: 'meetingProcessId' | 'noticeProcessId' | 'via'; date?: string }> = {
  RECORD_FORMATION_STEP: { field: 'meetingProcessId', date: 'heldOn' },
  RECORD_ADOPTION: { field: 'meetingProcessId', date: 'heldOn' },
  APPROVE_FUNDING_SOURCE: { field: 'meetingProcessId', date: 'decidedOn' },
  RECORD_BUDGET_REAPPROVAL: { field: 'meetingProcessId', date: 'decidedOn' },
  RECORD_EVALUATION_MEETING: { field: 'meetingProcessId', date: 'heldOn' },
  RECORD_RESIDENT_CONSULTATION: { field: 'via', date: 'conductedOn' },
  PUBLICISE_RESULT: { field: 'noticeProcessId' },
  PUBLICISE_COMPLETION: { field: 'noticeProcessId' },
  RECORD_AUDIT: { field: 'noticeProcessId' },
};

/** A process of the right kind and body that has not reached what the record relies on. */
function notPassed(e: PathEvent): string[] {
  switch (e.type) {
    case 'RECORD_FORMATION_STEP':
      return [`m-open-${String(e.body)}`];
    case 'RECORD_ADOPTION':
      // the other result than the one claimed
      return [e.outcome === 'passed' ? 'm-reject' : 'm-adopt'];
    case 'APPROVE_FUNDING_SOURCE':
    case 'RECORD_BUDGET_REAPPROVAL':
      return ['m-fund-publicity'];
    case 'RECORD_EVALUATION_MEETING':
    case 'RECORD_RESIDENT_CONSULTATION':
      return ['m-open-hearing'];
    default:
      return ['n-draft', 'n-withdrawn'];
  }
}

function refusals(_s: S, e: PathEvent): Refusal[] {
  const cite = CITES[e.type];
  if (!cite) return [];
  if (e.type === 'APPROVE_FUNDING_SOURCE' && e.body === 'subdistrict') return []; // its own 批复, no process
  const cited = cite.field === 'via' ? (e.via as { processId: string }).processId : String(e[cite.field]);
  const citing = (id: string): PathEvent =>
    cite.field === 'via'
      ? { ...e, via: { ...(e.via as object), processId: id } }
      : { ...e, [cite.field]: id };
  const meeting = cite.field !== 'noticeProcessId';
  const out: Refusal[] = [
    {
      name: `${e.type}: LINK_NOT_FOUND`,
      event: citing(meeting ? 'm-nowhere' : 'n-nowhere'),
      code: 'LINK_NOT_FOUND',
    },
    {
      name: `${e.type}: LINK_WRONG_KIND`,
      event: citing(meeting ? 'n-completion' : 'm-eval'),
      code: 'LINK_WRONG_KIND',
    },
    ...notPassed(e).map((id) => ({
      name: `${e.type}: LINK_NOT_PASSED`,
      event: citing(id),
      code: 'LINK_NOT_PASSED' as YishiErrorCode,
    })),
  ];
  if (cite.date) {
    expect(cited.startsWith('m-')).toBe(true);
    out.push({
      name: `${e.type}: LINK_OUT_OF_ORDER`,
      event: { ...e, [cite.date]: addDays(MEETING_DATE, -1) },
      code: 'LINK_OUT_OF_ORDER',
    });
  }
  // publicity is a notice, and an approval by a meeting its decision: both must be named
  if (!meeting || e.type === 'APPROVE_FUNDING_SOURCE') {
    const { [cite.field]: _named, ...unnamed } = e;
    if (e.type !== 'RECORD_AUDIT')
      out.push({ name: `${e.type}: LINK_REQUIRED`, event: unnamed as PathEvent, code: 'LINK_REQUIRED' });
  }
  return out;
}

const model: EngineModel<ProjectMachine> = {
  name: 'project',
  kind,
  id: P,
  input,
  creator: staff,
  createdOn: D0,
  events: eventsFor,
  serialize,
  setup,
  refusals,
  // as in project.paths.test.ts: no further than where an explicit SEND_BACK lands
  stopWhen: (s) => s.context.sendBacks.some((b) => b.reason === '退回'),
};

const ORDER = [...PROJECT_STAGES, 'closed', 'abandoned'];

describe('project: every shortest path through the engine, citing real processes', () => {
  const paths = enginePaths(model);

  it('reaches every stage, closed and abandoned', () => {
    expect([...new Set(paths.map((p) => String(p.state.value)))].sort()).toEqual([...ORDER].sort());
  });

  it('runs each path with the roster checking every sender, each citation checked and its refusals refused, and replays its log byte for byte', {
    timeout: 600_000,
  }, () => {
    const run = runPaths(model, paths);
    expect(run.paths).toBe(paths.length);
    const refused = new Set(run.refused.map((r) => r.name));
    const sent = new Set(run.sent.map((e) => e.type));
    // every citing event was sent, citing a real process, and each of its refusals was tried
    for (const type of Object.keys(CITES)) {
      expect(sent).toContain(type);
      const codes = ['LINK_NOT_FOUND', 'LINK_WRONG_KIND', 'LINK_NOT_PASSED'];
      if (CITES[type]!.date) codes.push('LINK_OUT_OF_ORDER');
      for (const code of codes) expect(refused).toContain(`${type}: ${code}`);
    }
    for (const type of ['PUBLICISE_RESULT', 'PUBLICISE_COMPLETION', 'APPROVE_FUNDING_SOURCE'])
      expect(refused).toContain(`${type}: LINK_REQUIRED`);
    expect(refused).toContain('impostor');
    expect(refused).toContain('term ended');
  });
});
