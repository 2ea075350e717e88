/**
 * The participatory-planning project as a `ProcessKind`: who may send what (roles per event), and
 * why an event is refused. Role permissions are coarse; guards narrow them where the body decides
 * who acts (the party secretary records the party members' council; the owners' committee records
 * owners' decisions and the maintenance fund, or the residents' committee where there is none).
 */
import type { Role } from '../../actor/actor.js';
import type { YishiErrorCode } from '../../errors/YishiError.js';
import type { LoggedEvent } from '../../log/logEntry.js';
import { ROSTER_ROLE_OF } from '../peopleCited.js';
import type { MachineKind, CitedPerson as RosterCited } from '../processKind.js';
import { explainRefusal, type RefusalReasons } from '../refusal.js';
import { approvalRecorders, FUNDING_RULES, formatFen } from './funding.js';
import { rankingProblem } from './needsRanking.js';
import { type ProjectMachine, projectMachine } from './project.machine.js';
import { dateProblem, describeDateProblem } from './projectDates.js';
import {
  adoptedCeiling,
  adoptedEstimate,
  adoptionBodyFor,
  adoptionRecorders,
  approvedFen,
  canonicalNeed,
  committedAfter,
  currentReapprovals,
  decidedPlan,
  fullyPublicised,
  mergeProblem,
  rankingInput,
  stepRecorders,
} from './projectRules.js';
import {
  type AdoptionBody,
  PersistedProject,
  PROJECT_STAGES,
  type ProjectContext,
  type ProjectEvent,
  ProjectEventInput,
  type ProjectEventType,
  ProjectInput,
} from './projectSchemas.js';

const STAFF: readonly Role[] = ['residentsCommitteeStaff'];
const RECORDERS: readonly Role[] = ['residentsCommitteeStaff', 'ownersCommittee', 'partySecretary'];
const FUNDERS: readonly Role[] = ['residentsCommitteeStaff', 'ownersCommittee'];

/** Observers send nothing; `system` only ticks. */
export const PROJECT_PERMISSIONS: Readonly<Record<ProjectEventType, readonly Role[]>> = {
  RECORD_NEED: STAFF,
  MERGE_NEEDS: STAFF,
  RANK_NEEDS: STAFF,
  PUBLISH_NEEDS_LIST: STAFF,
  RECORD_RESIDENT_CONSULTATION: STAFF,
  RECORD_FINDING: ['planner'],
  RECORD_ANALYSIS: ['planner'],
  PROPOSE_PLAN: ['planner'],
  SUBMIT_DIAGNOSIS: ['planner'],
  RECORD_FORMATION_STEP: RECORDERS,
  PUBLICISE_RESULT: RECORDERS,
  RECORD_ADOPTION: FUNDERS,
  SET_BUDGET: STAFF,
  ADD_FUNDING_SOURCE: FUNDERS,
  APPROVE_FUNDING_SOURCE: [...FUNDERS, 'subdistrictStaff'],
  WITHDRAW_FUNDING_SOURCE: FUNDERS,
  CONFIRM_FUNDING: STAFF,
  RECORD_BUDGET_REAPPROVAL: FUNDERS,
  RECORD_PROCUREMENT: FUNDERS,
  RECORD_CONTRACT: FUNDERS,
  FORM_WORKING_GROUP: STAFF,
  RECORD_MILESTONE: [...FUNDERS, 'planner'],
  // Residents take part and give feedback; the planner follows the whole way (seed §三.5).
  RECORD_NOTE: [
    ...FUNDERS,
    'planner',
    'resident',
    'owner',
    'volunteer',
    'socialWorker',
    'socialOrganisation',
  ],
  RECORD_ACCEPTANCE_REVIEW: [...STAFF, 'planner'],
  ARRANGE_OPERATIONS: ['propertyManager', ...STAFF],
  COMPLETE_IMPLEMENTATION: STAFF,
  PUBLICISE_COMPLETION: STAFF,
  RECORD_EVALUATION_MEETING: STAFF,
  RECORD_SATISFACTION_SURVEY: STAFF,
  RECORD_AUDIT: STAFF,
  AGREE_OPERATING_RULES: [...STAFF, 'propertyManager'],
  CLOSE_PROJECT: STAFF,
  SEND_BACK: ['residentsCommitteeStaff', 'partySecretary'],
  ABANDON: STAFF,
  TICK: ['system'],
};

type C = ProjectContext;
type E = ProjectEvent;
const no = (message: string) => ({ code: 'EVENT_NOT_ALLOWED' as const, message });
const field = <K extends string>(e: E, key: K): string => String((e as Record<string, unknown>)[key] ?? '');

/** Procurements and contracts would come to more than `limit`. */
function overBy(c: C, e: E, limit: string, code: YishiErrorCode, what: string, then: string) {
  const after = committedAfter(c, e);
  const over = formatFen((after - BigInt(limit)).toString());
  return {
    code,
    message: `procurements and contracts would come to ${formatFen(after.toString())}, over ${what} of ${formatFen(limit)} by ${over}; ${then}`,
  };
}

export const PROJECT_REFUSALS: RefusalReasons<C, E> = {
  dateNotBackwards: (c) => no(`dates cannot go backwards; the project is already at ${c.today}`),
  needIdNew: (_c, e) => no(`need ${field(e, 'needId')} is already recorded`),
  forumFitsChannel: () => no('a forum is given only for needs raised at a council (channel "council")'),
  mergeValid: (c, e) => no(mergeProblem(c, e) ?? 'invalid merge'),
  rankable: (c, e) => no(rankingProblem(rankingInput(c, e)) ?? 'cannot rank'),
  ranked: () => no('rank the needs first (RANK_NEEDS)'),
  findingIdNew: (_c, e) => no(`finding ${field(e, 'findingId')} is already recorded`),
  planIdNew: (_c, e) => no(`plan ${field(e, 'planId')} already exists; a revised plan needs a new id`),
  planNeedsOnList: (c, e) =>
    no(
      `a plan addresses needs on the published needs list (${c.needsList?.needIds.join(', ') || 'none'}); not ${
        e.type === 'PROPOSE_PLAN'
          ? e.addressesNeeds
              .filter((id) => !c.needsList?.needIds.includes(canonicalNeed(c, id) ?? ''))
              .join(', ')
          : ''
      }`,
    ),
  findingsRecorded: () => no('record at least one site finding'),
  analysisRecorded: () => no('record the needs and resource analysis'),
  livePlanProposed: () => no('propose at least one project plan (rejected plans do not count)'),
  stepIdNew: (_c, e) => no(`step ${field(e, 'stepId') || field(e, 'adoptionId')} is already recorded`),
  datesInOrder: (c, e) => {
    const p = dateProblem(c, e);
    return { code: 'DATE_OUT_OF_ORDER', message: p ? describeDateProblem(p) : 'dates out of order' };
  },
  consultationIdNew: (_c, e) => no(`consultation ${field(e, 'consultationId')} is already recorded`),
  residentsConsulted: (_c, e) => ({
    code: 'RESIDENTS_NOT_CONSULTED',
    message: `a government project is decided only after the residents' committee has consulted residents (seed §三.1: 在作出决策前,委托居村民委员会征求居民意见建议); record RECORD_RESIDENT_CONSULTATION conducted on or before ${field(e, 'heldOn')}`,
  }),
  plansLive: () => no('every plan named must be a proposed plan that no adoption vote has rejected'),
  bodyFitsCommunity: (c, e) =>
    no(
      `a ${field(e, 'body')} does not meet in a ${c.community === 'residents' ? 'residents’ community' : 'village'}`,
    ),
  stepRecorderFits: (c, e) =>
    no(
      e.type === 'RECORD_FORMATION_STEP'
        ? `a ${e.body} is recorded by ${stepRecorders(c, e.body).join(' or ')}, not ${e.actor.role}`
        : 'wrong recorder',
    ),
  partyCouncilFirst: () =>
    no(
      'the party members’ council comes first (党员先知晓、先协商、先统一): record it before any other body',
    ),
  ownerRepsForOwnersRights: () =>
    no('an owners’ representative meeting is for plans touching owners’ rights'),
  stepKnown: (_c, e) => no(`no step or adoption ${field(e, 'stepId')}`),
  adoptionBodyFits: (c, e) => {
    const plan = decidedPlan(c, e) ?? '';
    return no(
      `plan ${plan} is adopted by the ${adoptionBodyFor(c, plan)} (which also re-approves its budget), not the ${field(e, 'body')}`,
    );
  },
  adoptionRecorderFits: (c, e) =>
    no(
      `the ${field(e, 'body')}'s decision is recorded by ${adoptionRecorders(c, field(e, 'body') as AdoptionBody).join(' or ')}`,
    ),
  formationStepsHeld: () => no('no body has discussed the plans in this round of formation yet'),
  formationPublicised: (c) =>
    no(
      `publicise every result online and offline first (公示); not yet: ${c.steps
        .filter((s) => s.round === c.round && s.kind === 'step' && !fullyPublicised(s))
        .map((s) => s.id)
        .join(', ')}`,
    ),
  planRecommended: (_c, e) => no(`the last body to consider plan ${field(e, 'planId')} did not recommend it`),
  sourceIdNew: (_c, e) => no(`funding source ${field(e, 'sourceId')} already exists`),
  sourceOpen: (_c, e) =>
    no(
      `funding source ${field(e, 'sourceId')} does not exist, was withdrawn, or is already approved for the adopted plan`,
    ),
  budgetNotBelowEstimate: (c, e) => {
    const asked = formatFen(BigInt(field(e, 'amountFen') || '0').toString());
    const r = currentReapprovals(c).at(-1);
    return no(
      r
        ? `the budget may not be set below the ${formatFen(r.totalFen)} the ${r.body} re-approved (${r.id}) (asked: ${asked})`
        : `the budget may not be set below the adopted plan ${c.adoptedPlanId}'s estimate of ${formatFen(adoptedEstimate(c) ?? '0')} (asked: ${asked}); a cheaper plan must be adopted`,
    );
  },
  approvalBodyFits: (c, e) => {
    const s = c.sources.find((x) => x.id === field(e, 'sourceId'));
    return no(
      s
        ? `a ${s.kind} source is approved by ${FUNDING_RULES[s.kind].bodies.join(' or ')}, not ${field(e, 'body')}`
        : 'unknown source',
    );
  },
  approvalLinked: () => no('this approval is a meeting decision: link its meetingProcessId'),
  approvalRecorderFits: (c, e) => {
    const s = c.sources.find((x) => x.id === field(e, 'sourceId'));
    return no(
      s
        ? `approval of a ${s.kind} source is recorded by ${approvalRecorders(s.kind, c.hasOwnersCommittee).join(' or ')}`
        : 'unknown source',
    );
  },
  reapprovalIdNew: (_c, e) => no(`re-approval ${field(e, 'reapprovalId')} is already recorded`),
  reapprovalRaises: (c, e) =>
    no(
      `a re-approval raises the budget ceiling: ${formatFen(BigInt(field(e, 'totalFen') || '0').toString())} is not above the ${formatFen(adoptedCeiling(c) ?? '0')} already adopted`,
    ),
  budgetSet: () => no('set the budget first'),
  adoptionPublicised: () => no('publicise the adoption result online and offline first (公示)'),
  budgetCovered: (c) => {
    const budget = c.budget?.amountFen ?? '0';
    const have = approvedFen(c);
    const short = (BigInt(budget) - BigInt(have)).toString();
    return {
      code: 'BUDGET_NOT_COVERED',
      message: `approved sources cover ${formatFen(have)} of the ${formatFen(budget)} budget; ${formatFen(short)} more must be approved`,
    };
  },
  contractIdNew: (_c, e) => no(`contract ${field(e, 'contractId')} is already recorded`),
  procurementReferenceNew: (_c, e) => no(`procurement ${field(e, 'reference')} is already recorded`),
  procurementCited: (_c, e) =>
    no(
      `contract ${field(e, 'contractId')} cites procurement ${field(e, 'procurementReference')}, which is not recorded`,
    ),
  withinAdoptedBudget: (c, e) => {
    const r = currentReapprovals(c).at(-1);
    const basis = r
      ? `the total the ${r.body} re-approved (${r.id})`
      : `the adopted budget (plan ${c.adoptedPlanId}'s estimate)`;
    return overBy(
      c,
      e,
      adoptedCeiling(c) ?? '0',
      'BUDGET_EXCEEDED',
      basis,
      'the adopting body must re-approve it first (RECORD_BUDGET_REAPPROVAL)',
    );
  },
  fundsCoverSpending: (c, e) =>
    overBy(
      c,
      e,
      approvedFen(c),
      'BUDGET_NOT_COVERED',
      'the approved funding',
      'more must be approved (send back to funding)',
    ),
  procurementRecorded: () => no('record the procurement or tender first'),
  contractSigned: () => no('record the contract first'),
  acceptancePassed: () => no('the latest acceptance review (评审验收) must have passed'),
  operationsArranged: () => no('arrange operations and maintenance (运维) first'),
  surveyAddsUp: () => no('satisfied + neutral + dissatisfied must equal respondents'),
  completionPublicised: () => no('publicise the completed project online and offline first'),
  evaluationMeetingHeld: () => no('hold the evaluation meeting (评议会) first'),
  auditDone: () => no('record the audit first'),
  operatingRulesAgreed: () => no('record the operating rules residents agreed first'),
};

/** A person an event names, the role in which it names them, and where (e.g. `reviewers.0`). */
export interface PersonCited {
  id: string;
  role: string;
  field: string;
}

/**
 * Every person a project event names in a role: acceptance reviewers and signers, working-group
 * members. Pure; the engine checks each against the community roster on the event's date (the
 * actor who sends the event is checked separately). Events that name nobody give [].
 */
/** Cited people who hold a roster role, for the roster (machines/peopleCited.ts). */
export function projectRosterPeople(event: LoggedEvent): RosterCited[] {
  const out: RosterCited[] = [];
  for (const p of projectPeopleCited(event as unknown as ProjectEventInput)) {
    const role = ROSTER_ROLE_OF[p.role];
    if (role) out.push({ id: p.id, field: p.field, role });
  }
  return out;
}

export function projectPeopleCited(event: ProjectEventInput): PersonCited[] {
  const cite = (name: string, people: readonly { id: string; role: string }[] = []) =>
    people.map((p, i) => ({ id: p.id, role: p.role, field: `${name}.${i}` }));
  switch (event.type) {
    case 'RECORD_ACCEPTANCE_REVIEW':
      return [...cite('reviewers', event.reviewers), ...cite('signers', event.signers)];
    case 'FORM_WORKING_GROUP':
      return cite('members', event.members);
    default:
      return [];
  }
}

export function explainProjectRefusal(
  snapshot: Parameters<MachineKind<ProjectMachine>['explainRefusal']>[0],
  event: E,
) {
  const state = String(snapshot.value);
  const earlier = PROJECT_STAGES.slice(0, Math.max(0, PROJECT_STAGES.indexOf(state as never)));
  return explainRefusal<C, E>(snapshot, event, {
    what: (c) => `project ${c.id}`,
    reasons: {
      ...PROJECT_REFUSALS,
      sendBackTo: (_c, e) =>
        no(`from ${state} a project can be sent back only to ${earlier.join(', ')}, not ${field(e, 'to')}`),
    },
  });
}

export const projectKind: MachineKind<ProjectMachine> = {
  kind: 'participatoryPlanningProject',
  title: { 'zh-CN': '参与式社区规划项目', en: 'Participatory community planning project' },
  machine: projectMachine,
  input: ProjectInput,
  events: ProjectEventInput,
  permissions: PROJECT_PERMISSIONS,
  creators: ['residentsCommitteeStaff', 'partySecretary'],
  peopleCited: projectRosterPeople,
  explainRefusal: explainProjectRefusal,
  persisted: PersistedProject,
};
