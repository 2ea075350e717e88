/**
 * The rules of a participatory-planning project that its guards and refusal reasons share: which
 * need a merged need counts for, who records each body's step, which body adopts a plan, whether
 * a plan was recommended, whether approved money covers the budget. Pure functions of the context.
 */
import { assertEvent } from 'xstate';
import type { Role } from '../../actor/actor.js';
import { fen, sumFen } from './funding.js';
import type { Candidate } from './needsRanking.js';
import type { AdoptionBody, FormationBody, ProjectContext, ProjectEvent } from './projectSchemas.js';

type C = ProjectContext;
type E = ProjectEvent;

/** The need a recorded need counts for (following merges), or undefined. */
export function canonicalNeed(c: C, needId: string): string | undefined {
  let n = c.needs.find((x) => x.id === needId);
  for (let hops = 0; n?.mergedInto && hops < c.needs.length; hops++) {
    const into = n.mergedInto;
    n = c.needs.find((x) => x.id === into);
  }
  return n?.id;
}
export const candidates = (c: C): Candidate[] =>
  c.needs.filter((n) => n.mergedInto === null).map((n) => ({ id: n.id, seq: n.seq }));

export function rankingInput(c: C, e: E) {
  assertEvent(e, 'RANK_NEEDS');
  return {
    method: e.method,
    candidates: candidates(c),
    canonical: (id: string) => canonicalNeed(c, id),
    dotVotes: e.dotVotes,
    rankings: e.rankings,
    dotsPerVoter: e.dotsPerVoter,
  };
}

export function mergeProblem(c: C, e: E): string | null {
  if (e.type !== 'MERGE_NEEDS') return 'not a merge';
  const into = c.needs.find((n) => n.id === e.into);
  if (!into || into.mergedInto !== null) return `${e.into} is not a need on the list`;
  for (const id of e.needIds) {
    const n = c.needs.find((x) => x.id === id);
    if (!n) return `no need ${id}`;
    if (id === e.into) return 'a need cannot be merged into itself';
    if (n.mergedInto !== null) return `${id} was already merged into ${n.mergedInto}`;
  }
  return null;
}

export const ids = (c: C) => new Set([...c.steps.map((s) => s.id)]);
export const idOf = (e: E) =>
  e.type === 'RECORD_FORMATION_STEP' ? e.stepId : e.type === 'RECORD_ADOPTION' ? e.adoptionId : '';
export const currentSteps = (c: C) => c.steps.filter((s) => s.round === c.round);
export const formationSteps = (c: C) => currentSteps(c).filter((s) => s.kind === 'step');
export const planIdsOf = (e: E) =>
  e.type === 'RECORD_FORMATION_STEP' ? e.planIds : e.type === 'RECORD_ADOPTION' ? [e.planId] : [];
export const livePlan = (c: C, id: string) => c.plans.find((p) => p.id === id && !p.rejected);
/** Publicised both online and offline (seed §三.3: 线上线下及时公示). */
export const fullyPublicised = (s: { publicity: { channels: readonly string[] } | null }) =>
  ['online', 'offline'].every((ch) => s.publicity?.channels.includes(ch));

/** Which body adopts a plan: owners for owners' rights (民法典 第278条), else the residents'/villagers' meeting. */
export function adoptionBodyFor(c: C, planId: string): AdoptionBody {
  if (livePlan(c, planId)?.touchesOwnersRights) return 'ownersAssembly';
  return c.community === 'villagers' ? 'villagersMeeting' : 'residentsMeeting';
}

/** The plan a decision of the adopting body is about: the one voted on, or (a budget re-approval) the adopted one. */
export const decidedPlan = (c: C, e: E): string | null =>
  e.type === 'RECORD_ADOPTION' ? e.planId : e.type === 'RECORD_BUDGET_REAPPROVAL' ? c.adoptedPlanId : null;

/** The roles that record a formation step of `body`. */
export function stepRecorders(c: C, body: FormationBody): readonly Role[] {
  if (body === 'partyMembersCouncil') return ['partySecretary'];
  if (body === 'ownerRepresentativesMeeting')
    return c.hasOwnersCommittee ? ['ownersCommittee'] : ['residentsCommitteeStaff'];
  return ['residentsCommitteeStaff'];
}
export function adoptionRecorders(c: C, body: AdoptionBody): readonly Role[] {
  return body === 'ownersAssembly' && c.hasOwnersCommittee
    ? ['ownersCommittee']
    : ['residentsCommitteeStaff'];
}

export const VILLAGE_BODIES: readonly FormationBody[] = [
  'villagersGroupMeeting',
  'villagerRepresentativesMeeting',
];
export const RESIDENT_BODIES: readonly FormationBody[] = [
  'buildingGroupMeeting',
  'residentRepresentativesMeeting',
];

/** A plan was last considered by a step that recommended it (each outcome a recommendation to the next). */
export function planRecommended(c: C, planId: string): boolean {
  const last = formationSteps(c)
    .filter((s) => s.planIds.includes(planId) && s.outcome !== 'recorded')
    .at(-1);
  return last !== undefined && (last.outcome === 'recommended' || last.outcome === 'amended');
}

/** An approval counts only for the plan adopted when it was given (a new adoption needs new approvals). */
export const approvalCurrent = (c: C, s: C['sources'][number]) =>
  s.approval !== null && s.approval.planId !== null && s.approval.planId === c.adoptedPlanId;
export const approvedFen = (c: C) =>
  sumFen(c.sources.filter((s) => approvalCurrent(c, s) && s.withdrawal === null).map((s) => s.amountFen));
/** The adopted plan's estimate: the least the budget may be set to. */
export const adoptedEstimate = (c: C) =>
  c.plans.find((p) => p.id === c.adoptedPlanId)?.estimatedBudgetFen ?? null;
export const budgetNotBelowEstimate = (c: C, e: E) => {
  const min = adoptedCeiling(c);
  return e.type === 'SET_BUDGET' && min !== null && BigInt(e.amountFen) >= BigInt(min);
};

/** The re-approvals that count: decided for the plan adopted now (a new adoption starts over). */
export const currentReapprovals = (c: C) =>
  c.budgetReapprovals.filter((r) => r.planId !== null && r.planId === c.adoptedPlanId);
/**
 * What procurements and contracts may add up to: the adopted plan's estimate, or the total its
 * adopting body last re-approved (RECORD_BUDGET_REAPPROVAL; each raises it). Raising the budget
 * with SET_BUDGET does not raise it: that only asks more of the funding.
 */
export const adoptedCeiling = (c: C): string | null =>
  currentReapprovals(c).at(-1)?.totalFen ?? adoptedEstimate(c);

type Procurement = { reference: string; amountFen: string };
type Contract = { procurementReference: string | null; amountFen: string };
/**
 * The money committed: each procurement counts once, at its award or at the contracts signed
 * under it if they come to more; a contract that cites no procurement counts on its own. So a
 * contract awarded under a procurement is never counted on top of it.
 */
export function committedFen(procurements: readonly Procurement[], contracts: readonly Contract[]): bigint {
  let total = 0n;
  for (const p of procurements) {
    const under = contracts
      .filter((k) => k.procurementReference === p.reference)
      .reduce((s, k) => s + BigInt(k.amountFen), 0n);
    total += under > BigInt(p.amountFen) ? under : BigInt(p.amountFen);
  }
  for (const k of contracts) if (k.procurementReference === null) total += BigInt(k.amountFen);
  return total;
}
/** The money committed once `e` (a procurement or a contract) is recorded. */
export function committedAfter(c: C, e: E): bigint {
  const procurements: Procurement[] = [...c.procurements];
  const contracts: Contract[] = [...c.contracts];
  if (e.type === 'RECORD_PROCUREMENT')
    procurements.push({ reference: e.reference, amountFen: fen(e.amountFen) });
  if (e.type === 'RECORD_CONTRACT')
    contracts.push({ procurementReference: e.procurementReference ?? null, amountFen: fen(e.amountFen) });
  return committedFen(procurements, contracts);
}
export const withinAdoptedBudget = (c: C, e: E) => {
  const ceiling = adoptedCeiling(c);
  return ceiling !== null && committedAfter(c, e) <= BigInt(ceiling);
};
export const fundsCoverSpending = (c: C, e: E) => committedAfter(c, e) <= BigInt(approvedFen(c));
export const budgetCovered = (c: C) =>
  c.budget !== null && BigInt(approvedFen(c)) >= BigInt(c.budget.amountFen);

export const source = (c: C, e: E) =>
  'sourceId' in e ? c.sources.find((s) => s.id === e.sourceId) : undefined;
export const adoption = (c: C) =>
  [...c.steps]
    .reverse()
    .find((s) => s.kind === 'adoption' && s.outcome === 'passed' && s.planIds[0] === c.adoptedPlanId);
