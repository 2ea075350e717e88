/**
 * What each project event adds to the record: pure functions from the context and the (stamped)
 * event to the changed part of the context. Every record is appended, never overwritten; each
 * carries the day (`on`) and the actor who made it (`by`).
 */
import { assertEvent } from 'xstate';
import { fen } from './funding.js';
import { rankNeeds } from './needsRanking.js';
import { approvedFen, livePlan, rankingInput } from './projectRules.js';
import type { FormationStep, ProjectContext, ProjectEvent } from './projectSchemas.js';

type C = ProjectContext;
type E = ProjectEvent;

/** The record a recording event adds (needs, findings, plans, sources, implementation, evaluation). */
export function recordOf(c: C, e: E): Partial<C> {
  const by = { on: e.on, by: e.actor };
  switch (e.type) {
    case 'RECORD_NEED': {
      const need = {
        id: e.needId,
        seq: c.needs.length,
        channel: e.channel,
        forum: e.forum ?? null,
        text: e.text,
        ...by,
        mergedInto: null,
      };
      return { needs: [...c.needs, need] };
    }
    case 'MERGE_NEEDS':
      return {
        needs: c.needs.map((n) => (e.needIds.includes(n.id) ? { ...n, mergedInto: e.into } : n)),
        merges: [...c.merges, { into: e.into, needIds: e.needIds, reason: e.reason, ...by }],
      };
    case 'RANK_NEEDS':
      return { ranking: { ...rankNeeds(rankingInput(c, e)), ...by } };
    case 'PUBLISH_NEEDS_LIST':
      return { needsList: { needIds: (c.ranking?.rows ?? []).slice(0, e.top).map((r) => r.needId), ...by } };
    case 'RECORD_RESIDENT_CONSULTATION': {
      const { consultationId: id, conductedOn, via, summary } = e;
      const consultation = { id, conductedOn, commissionedBy: e.commissionedBy ?? null, via, summary, ...by };
      return { consultations: [...c.consultations, consultation] };
    }
    case 'RECORD_FINDING':
      return { findings: [...c.findings, { id: e.findingId, kind: e.kind, text: e.text, ...by }] };
    case 'RECORD_ANALYSIS':
      return { analysis: { needsAnalysis: e.needsAnalysis, resourceAnalysis: e.resourceAnalysis, ...by } };
    case 'PROPOSE_PLAN': {
      const { planId: id, title, summary, addressesNeeds, touchesOwnersRights } = e;
      const plan = { id, title, summary, addressesNeeds, touchesOwnersRights, rejected: false, ...by };
      return { plans: [...c.plans, { ...plan, estimatedBudgetFen: fen(e.estimatedBudgetFen) }] };
    }
    case 'PUBLICISE_RESULT':
      return {
        steps: c.steps.map((s) => {
          if (s.id !== e.stepId) return s;
          const channels = [...new Set([...(s.publicity?.channels ?? []), ...e.channels])];
          const noticeProcessIds = [
            ...(s.publicity?.noticeProcessIds ?? []),
            ...(e.noticeProcessId ? [e.noticeProcessId] : []),
          ];
          return { ...s, publicity: { channels, noticeProcessIds, on: s.publicity?.on ?? e.on } };
        }),
      };
    case 'SET_BUDGET':
      return { budget: { amountFen: fen(e.amountFen), reason: e.reason, ...by } };
    case 'ADD_FUNDING_SOURCE': {
      const s = {
        id: e.sourceId,
        kind: e.kind,
        provider: e.provider ?? null,
        approval: null,
        withdrawal: null,
        ...by,
      };
      return { sources: [...c.sources, { ...s, amountFen: fen(e.amountFen) }] };
    }
    case 'APPROVE_FUNDING_SOURCE': {
      const { body, reference, decidedOn } = e;
      const approval = {
        body,
        reference,
        decidedOn,
        meetingProcessId: e.meetingProcessId ?? null,
        planId: c.adoptedPlanId,
        ...by,
      };
      return { sources: c.sources.map((s) => (s.id === e.sourceId ? { ...s, approval } : s)) };
    }
    case 'WITHDRAW_FUNDING_SOURCE': {
      const withdrawal = { on: e.on, reason: e.reason };
      return { sources: c.sources.map((s) => (s.id === e.sourceId ? { ...s, withdrawal } : s)) };
    }
    case 'CONFIRM_FUNDING':
      return {
        fundingConfirmed: { approvedFen: approvedFen(c), budgetFen: c.budget?.amountFen ?? '0', ...by },
      };
    case 'RECORD_BUDGET_REAPPROVAL': {
      const { reapprovalId: id, body, meetingProcessId, decidedOn, reason } = e;
      const totalFen = fen(e.totalFen);
      const reapproval = {
        id,
        body,
        meetingProcessId,
        totalFen,
        decidedOn,
        reason,
        planId: c.adoptedPlanId,
        ...by,
      };
      // The funding must now cover the re-approved total.
      const raise =
        c.budget === null || BigInt(totalFen) > BigInt(c.budget.amountFen)
          ? {
              budget: {
                amountFen: totalFen,
                reason: `re-approved by the ${body} (${meetingProcessId})`,
                ...by,
              },
            }
          : {};
      return { budgetReapprovals: [...c.budgetReapprovals, reapproval], ...raise };
    }
    case 'RECORD_PROCUREMENT': {
      const { method, reference, supplier } = e;
      return {
        procurements: [
          ...c.procurements,
          { method, reference, supplier, amountFen: fen(e.amountFen), ...by },
        ],
      };
    }
    case 'RECORD_CONTRACT': {
      const contract = {
        id: e.contractId,
        supplier: e.supplier,
        amountFen: fen(e.amountFen),
        signedOn: e.signedOn,
        procurementReference: e.procurementReference ?? null,
        ...by,
      };
      return { contracts: [...c.contracts, contract] };
    }
    case 'FORM_WORKING_GROUP':
      return { workingGroup: { members: e.members, ...by } };
    case 'RECORD_MILESTONE': {
      const milestone = { id: e.milestoneId, title: e.title, status: e.status, note: e.note ?? null, ...by };
      return { milestones: [...c.milestones, milestone] };
    }
    case 'RECORD_NOTE':
      return { notes: [...c.notes, { kind: e.kind, text: e.text, ...by }] };
    case 'RECORD_ACCEPTANCE_REVIEW': {
      const { outcome, reviewers, reference } = e;
      const review = { outcome, reviewers, signers: e.signers ?? [], reference, ...by };
      return { acceptanceReviews: [...c.acceptanceReviews, review] };
    }
    case 'COMPLETE_IMPLEMENTATION':
      return { completion: by };
    case 'ARRANGE_OPERATIONS':
      return { operations: { arrangement: e.arrangement, description: e.description, ...by } };
    case 'PUBLICISE_COMPLETION': {
      const prev = c.completionPublicity;
      const noticeProcessIds = [
        ...(prev?.noticeProcessIds ?? []),
        ...(e.noticeProcessId ? [e.noticeProcessId] : []),
      ];
      const channels = [...new Set([...(prev?.channels ?? []), ...e.channels])];
      return { completionPublicity: { channels, noticeProcessIds, on: prev?.on ?? e.on } };
    }
    case 'RECORD_EVALUATION_MEETING': {
      const { meetingProcessId, heldOn, summary } = e;
      return { evaluationMeetings: [...c.evaluationMeetings, { meetingProcessId, heldOn, summary, ...by }] };
    }
    case 'RECORD_SATISFACTION_SURVEY': {
      const { conductedBy, respondents, satisfied, neutral, dissatisfied } = e;
      const survey = {
        conductedBy,
        respondents,
        satisfied,
        neutral,
        dissatisfied,
        reference: e.reference ?? null,
        ...by,
      };
      return { surveys: [...c.surveys, survey] };
    }
    case 'RECORD_AUDIT': {
      const { auditor, reference, findings } = e;
      return {
        audits: [
          ...c.audits,
          { auditor, reference, findings, noticeProcessId: e.noticeProcessId ?? null, ...by },
        ],
      };
    }
    case 'AGREE_OPERATING_RULES':
      return { operatingRules: { rules: e.rules, meetingProcessId: e.meetingProcessId ?? null, ...by } };
    default:
      return {};
  }
}

/** A formation step or an adoption vote, appended to the current round. */
export function stepOf(c: C, e: E): Partial<C> {
  const base = { round: c.round, on: e.on, by: e.actor, publicity: null };
  let step: FormationStep;
  if (e.type === 'RECORD_FORMATION_STEP') {
    const { stepId: id, body, planIds, outcome, heldOn } = e;
    step = {
      ...base,
      id,
      kind: 'step',
      body,
      planIds,
      outcome,
      heldOn,
      meetingProcessId: e.meetingProcessId ?? null,
      summary: e.summary ?? null,
    };
  } else {
    assertEvent(e, 'RECORD_ADOPTION');
    const { adoptionId: id, body, outcome, heldOn, meetingProcessId } = e;
    step = {
      ...base,
      id,
      kind: 'adoption',
      body,
      planIds: [e.planId],
      outcome,
      heldOn,
      meetingProcessId,
      summary: null,
    };
  }
  return { steps: [...c.steps, step] };
}

/** An adoption that passed: the plan is adopted and its estimate becomes the budget. */
export function adoptionOf(c: C, e: E): Partial<C> {
  assertEvent(e, 'RECORD_ADOPTION');
  const plan = livePlan(c, e.planId)!;
  const budget = {
    amountFen: plan.estimatedBudgetFen,
    reason: `estimate of plan ${plan.id}`,
    on: e.on,
    by: e.actor,
  };
  return { adoptedPlanId: plan.id, budget };
}

/** An adoption that failed: the plan is rejected and the project goes back to the planner. */
export function rejectionOf(c: C, e: E): Partial<C> {
  assertEvent(e, 'RECORD_ADOPTION');
  const sendBack = {
    from: 'projectFormation' as const,
    to: 'plannerDiagnosis' as const,
    reason: `adoption vote ${e.adoptionId} by the ${e.body} (${e.meetingProcessId}): ${e.outcome}`,
    on: e.on,
    by: e.actor,
  };
  return {
    plans: c.plans.map((p) => (p.id === e.planId ? { ...p, rejected: true } : p)),
    sendBacks: [...c.sendBacks, sendBack],
  };
}
