/**
 * Model-based tests of the six-stage project: every shortest path (@xstate/graph), with each
 * stage's records offered in a fixed order (so the graph stays small), a failed and a passed
 * adoption, every send-back to every earlier stage (one per path), and abandonment. The project
 * is a government one, so its residents' consultation (offered in each stage before the decision)
 * must come before the adoption; the budget may be re-approved in funding or in implementation. Each path is
 * replayed through the engine's checks (schemas and role permissions) and a JSON-restored
 * snapshot, with the invariants of the process at every step.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays } from '../../calendar/plainDate.js';
import { planner, propertyManager, secretary, staff, system } from '../../testing/fixtureEngine.js';
import {
  checkRestore,
  definedTransitions,
  describeTransition,
  label,
  type Model,
  replay,
  shortestPaths,
  transitionsTaken,
} from '../modelPaths.testkit.js';
import { projectKind as kind } from './project.kind.js';
import type { ProjectMachine } from './project.machine.js';
import { SUBDISTRICT } from './project.testkit.js';
import { adoptedCeiling, approvedFen, committedFen, fullyPublicised } from './projectRules.js';
import { PROJECT_STAGES, type ProjectInput } from './projectSchemas.js';

type S = SnapshotFrom<ProjectMachine>;
const D0 = '2025-03-01';

const input: ProjectInput = {
  id: 'p',
  title: '小广场微更新',
  community: 'residents',
  projectType: 'government',
  hasOwnersCommittee: true,
  partyCouncilFirst: true,
};

type Ev = { type: string; on: string; actor: Actor };

/** The residents' consultation of a government project, offered until one is recorded. */
function consultation(s: S, ev: (name: string, e: Record<string, unknown>, actor?: Actor) => Ev): Ev[] {
  const c = s.context;
  if (c.consultations.length > 0) return [];
  const via = { kind: 'recorded', method: 'questionnaire', participants: 40 };
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
    meetingProcessId: 'm-ra',
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
              meetingProcessId: 'm-rm',
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
          meetingProcessId: 'm-rc',
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
          ev('COMPLETION', { type: 'PUBLICISE_COMPLETION', channels: ['online', 'offline'] }),
        ],
        [
          c.evaluationMeetings.length > 0,
          ev('EVAL_MEETING', {
            type: 'RECORD_EVALUATION_MEETING',
            meetingProcessId: 'm-e',
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
          ev('AUDIT', { type: 'RECORD_AUDIT', auditor: 'a', reference: 'r', findings: '无' }),
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
    label({ type: 'TICK', on: today, actor: system }, 'TICK'),
    label({ type: 'TICK', on: addDays(today, 1), actor: system }, 'TICK+1'),
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

const ORDER = [...PROJECT_STAGES, 'closed', 'abandoned'];

function check(s: S): void {
  const c = s.context;
  expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  const at = ORDER.indexOf(String(s.value));
  if (at >= PROJECT_STAGES.indexOf('funding') && s.value !== 'abandoned')
    expect(c.adoptedPlanId).not.toBeNull();
  if (at >= PROJECT_STAGES.indexOf('implementation') && s.value !== 'abandoned') {
    expect(c.fundingConfirmed).not.toBeNull();
    expect(BigInt(c.fundingConfirmed!.approvedFen) >= BigInt(c.fundingConfirmed!.budgetFen)).toBe(true);
  }
  if (s.value === 'closed') {
    expect(c.audits.length).toBeGreaterThan(0);
    expect(c.evaluationMeetings.length).toBeGreaterThan(0);
    expect(c.operatingRules).not.toBeNull();
    expect(s.output).toEqual({ id: 'p', outcome: 'closed', adoptedPlanId: c.adoptedPlanId });
  }
  for (const b of c.sendBacks)
    expect(PROJECT_STAGES.indexOf(b.to)).toBeLessThan(PROJECT_STAGES.indexOf(b.from));
  for (let r = 1; r <= c.round; r++) {
    const first = c.steps.find((x) => x.round === r && x.kind === 'step');
    if (first) expect(first.body).toBe('partyMembersCouncil');
  }
  expect(BigInt(approvedFen(c)) >= 0n).toBe(true);
  // Records add up: what is committed stays within the adopted ceiling and the approved money.
  const committed = committedFen(c.procurements, c.contracts);
  if (committed > 0n) {
    expect(committed <= BigInt(adoptedCeiling(c) ?? '0')).toBe(true);
    expect(committed <= BigInt(approvedFen(c))).toBe(true);
  }
  // A government project is decided only after its residents were consulted.
  for (const a of c.steps.filter((x) => x.kind === 'adoption'))
    expect(c.consultations.some((x) => x.conductedOn <= a.heldOn)).toBe(true);
  // Dates never go backwards, and no record is dated after the day it was made.
  const adopted = c.steps.find((x) => x.kind === 'adoption' && x.outcome === 'passed');
  for (const k of c.contracts) {
    expect(k.signedOn <= k.on).toBe(true);
    if (adopted) expect(k.signedOn >= adopted.heldOn).toBe(true);
  }
  for (const m of c.evaluationMeetings) {
    expect(m.heldOn <= m.on).toBe(true);
    expect(m.heldOn >= c.completion!.on).toBe(true);
  }
  for (const x of [...c.steps, ...c.consultations.map((y) => ({ heldOn: y.conductedOn, on: y.on }))])
    expect(x.heldOn <= x.on).toBe(true);
}

const model: Model<ProjectMachine> = {
  name: 'project',
  kind,
  input,
  events: eventsFor,
  serialize,
  check,
  // Explore no further than where an explicit SEND_BACK lands; coming back after a send-back is
  // explored along the failed-adoption path (round 2 of formation, a new plan).
  stopWhen: (s) => s.context.sendBacks.some((b) => b.reason === '退回'),
};
const paths = shortestPaths(model);

describe('project: every shortest path', () => {
  it('reaches every stage, closed and abandoned', () => {
    expect([...new Set(paths.map((p) => String(p.state.value)))].sort()).toEqual([...ORDER].sort());
  });

  it('replays each path through the engine’s checks, keeping the invariants; snapshots restore from JSON', {
    timeout: 600_000,
  }, () => {
    for (const path of paths) {
      const steps = replay(model, path);
      const last = steps.at(-1);
      if (last) checkRestore(model, last.after);
    }
  });

  it('from the reachable states, every transition the machine defines is taken', { timeout: 600_000 }, () => {
    const taken = new Set<unknown>();
    for (const path of paths) {
      const steps = replay(model, path);
      const s = steps.at(-1)?.after ?? path.state;
      for (const { before, event } of steps)
        for (const t of transitionsTaken(kind.machine, before, event)) taken.add(t);
      for (const e of model.events(s))
        if (s.can(e as never)) for (const t of transitionsTaken(kind.machine, s, e)) taken.add(t);
    }
    const missing = [...definedTransitions(kind.machine)]
      .filter((t) => !taken.has(t))
      .map(describeTransition);
    expect(missing).toEqual([]);
  });
});
