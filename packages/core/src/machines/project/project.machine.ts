/**
 * The six-stage participatory-planning project (上海市民政局 2020, seed §三):
 * needsSurvey → plannerDiagnosis → projectFormation → funding → implementation → evaluation →
 * closed; any stage may be sent back to an earlier one with a reason, or the project abandoned.
 *
 * 1. needsSurvey: needs from visits, the reception desk (全岗通), questionnaires, the online
 *    channel and councils; merged (dedupe) and ranked (needsRanking.ts) into the needs list. A
 *    government project records the residents' committee's consultation of residents (here or in
 *    the next two stages); its adoption is refused without one conducted on or before the vote
 *    (RESIDENTS_NOT_CONSULTED; seed §三.1).
 * 2. plannerDiagnosis: the planner's findings, needs and resource analysis, and project plans.
 * 3. projectFormation: a chain of bodies, each outcome a recommendation to the next — the party
 *    members' council first where required (先知晓、先协商、先统一), building-group, villagers'
 *    group and representative meetings, the owners' representative meeting when owners' rights
 *    are touched (convened by the residents' committee where there is no owners' committee), and
 *    joint meetings, hearings and coordination meetings for conflicts. Every result is publicised
 *    online and offline before the adoption vote: the owners' assembly for plans touching owners'
 *    rights, otherwise the residents' (villagers') meeting. A failed adoption sends the project
 *    back to plannerDiagnosis with the reason, and that plan cannot be adopted again.
 * 4. funding: sources, each approved by the body its kind requires (funding.ts); the project
 *    moves on only when approved sources cover the budget (BUDGET_NOT_COVERED). The budget starts
 *    at the adopted plan's estimate and may be raised, never set below it. An approval belongs to
 *    the plan adopted when it was given: after a send-back and a new adoption it no longer counts
 *    and the source must be approved again. The adopting body may re-approve a higher total
 *    (RECORD_BUDGET_REAPPROVAL, here or in implementation), which raises the budget and the ceiling.
 * 5. implementation: procurement, contract, working group, milestones, supervision and resident
 *    feedback, acceptance review, operations and maintenance. Procurements and contracts together
 *    (a contract citing its procurement counted once) may not exceed the adopted ceiling
 *    (BUDGET_EXCEEDED) nor the approved money (BUDGET_NOT_COVERED). Reviewers, signers and
 *    working-group members are person ids with a role (projectPeopleCited lists them).
 * 6. evaluation: completion publicity, evaluation meeting, optional satisfaction survey, audit,
 *    operating rules agreed by residents.
 *
 * A record's own date (heldOn, decidedOn, signedOn, conductedOn) is never after its `on` nor before
 * the records it follows (projectDates.ts: DATE_OUT_OF_ORDER).
 *
 * Meetings and notices are their own processes (meetingKind, publicNoticeKind); the project
 * records each outcome with a link to the process id. No clock: every event carries `on`.
 */
import { and, assertEvent, assign, not, setup } from 'xstate';
import { hasRole } from '../eventStamp.js';
import { parseInput } from '../frozenPolicy.js';
import { approvalRecorders, FUNDING_RULES } from './funding.js';
import { rankingProblem } from './needsRanking.js';
import { dateProblem } from './projectDates.js';
import { adoptionOf, recordOf, rejectionOf, stepOf } from './projectRecords.js';
import {
  adoptedCeiling,
  adoption,
  adoptionBodyFor,
  adoptionRecorders,
  approvalCurrent,
  budgetCovered,
  budgetNotBelowEstimate,
  canonicalNeed,
  decidedPlan,
  formationSteps,
  fullyPublicised,
  fundsCoverSpending,
  idOf,
  ids,
  livePlan,
  mergeProblem,
  planIdsOf,
  planRecommended,
  RESIDENT_BODIES,
  rankingInput,
  source,
  stepRecorders,
  VILLAGE_BODIES,
  withinAdoptedBudget,
} from './projectRules.js';
import {
  type AdoptionBody,
  PROJECT_STAGES,
  type ProjectContext,
  type ProjectEvent,
  ProjectInput,
  type ProjectStage,
} from './projectSchemas.js';

type C = ProjectContext;
type E = ProjectEvent;

export interface ProjectOutput {
  id: string;
  outcome: 'closed' | 'abandoned';
  adoptedPlanId: string | null;
}

function initialContext(input: unknown): C {
  const i = parseInput(ProjectInput, input, 'project');
  return {
    ...i,
    today: null,
    needs: [],
    merges: [],
    ranking: null,
    needsList: null,
    consultations: [],
    findings: [],
    analysis: null,
    plans: [],
    round: 0,
    steps: [],
    adoptedPlanId: null,
    budget: null,
    sources: [],
    fundingConfirmed: null,
    budgetReapprovals: [],
    procurements: [],
    contracts: [],
    workingGroup: null,
    milestones: [],
    notes: [],
    acceptanceReviews: [],
    operations: null,
    completion: null,
    completionPublicity: null,
    evaluationMeetings: [],
    surveys: [],
    audits: [],
    operatingRules: null,
    sendBacks: [],
    ending: null,
  };
}

export function createProjectMachine() {
  return setup({
    types: {
      context: {} as C,
      events: {} as E,
      input: {} as ProjectInput | undefined,
      output: {} as ProjectOutput,
    },
    guards: {
      dateNotBackwards: ({ context, event }) => context.today === null || event.on >= context.today,
      // 1. needs
      needIdNew: ({ context, event }) =>
        event.type === 'RECORD_NEED' && !context.needs.some((n) => n.id === event.needId),
      forumFitsChannel: ({ event }) =>
        event.type === 'RECORD_NEED' && (event.forum === undefined || event.channel === 'council'),
      mergeValid: ({ context, event }) => mergeProblem(context, event) === null,
      rankable: ({ context, event }) => rankingProblem(rankingInput(context, event)) === null,
      ranked: ({ context }) => context.ranking !== null,
      consultationIdNew: ({ context, event }) =>
        event.type === 'RECORD_RESIDENT_CONSULTATION' &&
        !context.consultations.some((x) => x.id === event.consultationId),
      // any record that carries its own date (projectDates.ts)
      datesInOrder: ({ context, event }) => dateProblem(context, event) === null,
      // 2. diagnosis
      findingIdNew: ({ context, event }) =>
        event.type === 'RECORD_FINDING' && !context.findings.some((f) => f.id === event.findingId),
      planIdNew: ({ context, event }) =>
        event.type === 'PROPOSE_PLAN' && !context.plans.some((p) => p.id === event.planId),
      planNeedsOnList: ({ context, event }) =>
        event.type === 'PROPOSE_PLAN' &&
        event.addressesNeeds.every((id) =>
          context.needsList?.needIds.includes(canonicalNeed(context, id) ?? ''),
        ),
      findingsRecorded: ({ context }) => context.findings.length > 0,
      analysisRecorded: ({ context }) => context.analysis !== null,
      livePlanProposed: ({ context }) => context.plans.some((p) => !p.rejected),
      // 3. formation
      stepIdNew: ({ context, event }) => !ids(context).has(idOf(event)),
      plansLive: ({ context, event }) => planIdsOf(event).every((id) => livePlan(context, id) !== undefined),
      stepRecorderFits: ({ context, event }) =>
        event.type === 'RECORD_FORMATION_STEP' && hasRole(event.actor, stepRecorders(context, event.body)),
      partyCouncilFirst: ({ context, event }) =>
        event.type === 'RECORD_FORMATION_STEP' &&
        (!context.partyCouncilFirst ||
          formationSteps(context).length > 0 ||
          event.body === 'partyMembersCouncil'),
      ownerRepsForOwnersRights: ({ context, event }) =>
        event.type === 'RECORD_FORMATION_STEP' &&
        (event.body !== 'ownerRepresentativesMeeting' ||
          event.planIds.some((id) => livePlan(context, id)?.touchesOwnersRights)),
      bodyFitsCommunity: ({ context, event }) =>
        event.type === 'RECORD_FORMATION_STEP' &&
        !(context.community === 'residents' ? VILLAGE_BODIES : RESIDENT_BODIES).includes(event.body),
      stepKnown: ({ context, event }) => event.type === 'PUBLICISE_RESULT' && ids(context).has(event.stepId),
      // The adopting body adopts a plan and re-approves its budget; its recorder records both.
      adoptionBodyFits: ({ context, event }) => {
        const plan = decidedPlan(context, event);
        return plan !== null && 'body' in event && event.body === adoptionBodyFor(context, plan);
      },
      adoptionRecorderFits: ({ context, event }) =>
        decidedPlan(context, event) !== null &&
        'body' in event &&
        hasRole(event.actor, adoptionRecorders(context, event.body as AdoptionBody)),
      formationStepsHeld: ({ context }) => formationSteps(context).length > 0,
      formationPublicised: ({ context }) => formationSteps(context).every(fullyPublicised),
      // seed §三.1: a government project's decision follows the residents' consultation.
      residentsConsulted: ({ context, event }) =>
        event.type === 'RECORD_ADOPTION' &&
        (context.projectType !== 'government' ||
          context.consultations.some((x) => x.conductedOn <= event.heldOn)),
      planRecommended: ({ context, event }) =>
        event.type === 'RECORD_ADOPTION' && planRecommended(context, event.planId),
      adoptionPassed: ({ event }) => event.type === 'RECORD_ADOPTION' && event.outcome === 'passed',
      // 4. funding
      sourceIdNew: ({ context, event }) =>
        event.type === 'ADD_FUNDING_SOURCE' && !context.sources.some((s) => s.id === event.sourceId),
      sourceOpen: ({ context, event }) => {
        const s = source(context, event);
        return (
          s !== undefined &&
          s.withdrawal === null &&
          (event.type !== 'APPROVE_FUNDING_SOURCE' || !approvalCurrent(context, s))
        );
      },
      approvalBodyFits: ({ context, event }) => {
        const s = source(context, event);
        return (
          event.type === 'APPROVE_FUNDING_SOURCE' &&
          s !== undefined &&
          FUNDING_RULES[s.kind].bodies.includes(event.body)
        );
      },
      approvalLinked: ({ context, event }) => {
        const s = source(context, event);
        return (
          event.type === 'APPROVE_FUNDING_SOURCE' &&
          s !== undefined &&
          (!FUNDING_RULES[s.kind].meetingDecision || event.meetingProcessId !== undefined)
        );
      },
      approvalRecorderFits: ({ context, event }) => {
        const s = source(context, event);
        return s !== undefined && hasRole(event.actor, approvalRecorders(s.kind, context.hasOwnersCommittee));
      },
      reapprovalIdNew: ({ context, event }) =>
        event.type === 'RECORD_BUDGET_REAPPROVAL' &&
        !context.budgetReapprovals.some((r) => r.id === event.reapprovalId),
      reapprovalRaises: ({ context, event }) => {
        const ceiling = adoptedCeiling(context);
        return (
          event.type === 'RECORD_BUDGET_REAPPROVAL' &&
          ceiling !== null &&
          BigInt(event.totalFen) > BigInt(ceiling)
        );
      },
      budgetSet: ({ context }) => context.budget !== null,
      budgetNotBelowEstimate: ({ context, event }) => budgetNotBelowEstimate(context, event),
      adoptionPublicised: ({ context }) => {
        const a = adoption(context);
        return a !== undefined && fullyPublicised(a);
      },
      budgetCovered: ({ context }) => budgetCovered(context),
      // 5. implementation
      contractIdNew: ({ context, event }) =>
        event.type === 'RECORD_CONTRACT' && !context.contracts.some((k) => k.id === event.contractId),
      procurementReferenceNew: ({ context, event }) =>
        event.type === 'RECORD_PROCUREMENT' &&
        !context.procurements.some((p) => p.reference === event.reference),
      procurementCited: ({ context, event }) =>
        event.type === 'RECORD_CONTRACT' &&
        (event.procurementReference === undefined ||
          context.procurements.some((p) => p.reference === event.procurementReference)),
      withinAdoptedBudget: ({ context, event }) => withinAdoptedBudget(context, event),
      fundsCoverSpending: ({ context, event }) => fundsCoverSpending(context, event),
      procurementRecorded: ({ context }) => context.procurements.length > 0,
      contractSigned: ({ context }) => context.contracts.length > 0,
      acceptancePassed: ({ context }) => context.acceptanceReviews.at(-1)?.outcome === 'passed',
      operationsArranged: ({ context }) => context.operations !== null,
      // 6. evaluation
      surveyAddsUp: ({ event }) =>
        event.type === 'RECORD_SATISFACTION_SURVEY' &&
        event.satisfied + event.neutral + event.dissatisfied === event.respondents,
      completionPublicised: ({ context }) =>
        context.completionPublicity !== null && fullyPublicised({ publicity: context.completionPublicity }),
      evaluationMeetingHeld: ({ context }) => context.evaluationMeetings.length > 0,
      auditDone: ({ context }) => context.audits.length > 0,
      operatingRulesAgreed: ({ context }) => context.operatingRules !== null,
      // any stage
      sendBackTo: ({ event }, params: { stage: ProjectStage }) =>
        event.type === 'SEND_BACK' && event.to === params.stage,
    },
    actions: {
      setToday: assign({ today: ({ event }) => event.on }),
      recordNeed: assign(({ context, event }) => recordOf(context, event)),
      mergeNeeds: assign(({ context, event }) => recordOf(context, event)),
      rankNeeds: assign(({ context, event }) => recordOf(context, event)),
      publishNeedsList: assign(({ context, event }) => recordOf(context, event)),
      recordFinding: assign(({ context, event }) => recordOf(context, event)),
      recordAnalysis: assign(({ context, event }) => recordOf(context, event)),
      proposePlan: assign(({ context, event }) => recordOf(context, event)),
      startFormationRound: assign({ round: ({ context }) => context.round + 1 }),
      recordStep: assign(({ context, event }) => stepOf(context, event)),
      publiciseStep: assign(({ context, event }) => recordOf(context, event)),
      adoptPlan: assign(({ context, event }) => adoptionOf(context, event)),
      rejectPlan: assign(({ context, event }) => rejectionOf(context, event)),
      setBudget: assign(({ context, event }) => recordOf(context, event)),
      addSource: assign(({ context, event }) => recordOf(context, event)),
      approveSource: assign(({ context, event }) => recordOf(context, event)),
      withdrawSource: assign(({ context, event }) => recordOf(context, event)),
      confirmFunding: assign(({ context, event }) => recordOf(context, event)),
      reapproveBudget: assign(({ context, event }) => recordOf(context, event)),
      recordConsultation: assign(({ context, event }) => recordOf(context, event)),
      recordCompletion: assign(({ context, event }) => recordOf(context, event)),
      recordImplementation: assign(({ context, event }) => recordOf(context, event)),
      recordEvaluation: assign(({ context, event }) => recordOf(context, event)),
      recordSendBack: assign({
        sendBacks: ({ context, event }, params: { from: ProjectStage }) => {
          assertEvent(event, 'SEND_BACK');
          const { to, reason, on, actor } = event;
          return [...context.sendBacks, { from: params.from, to, reason, on, by: actor }];
        },
      }),
      recordEnding: assign({
        ending: ({ event }) => ({
          kind: event.type === 'ABANDON' ? ('abandoned' as const) : ('closed' as const),
          reason: event.type === 'ABANDON' ? event.reason : null,
          on: event.on,
          by: event.actor,
        }),
      }),
    },
  }).createMachine({
    id: 'participatoryPlanningProject',
    initial: 'needsSurvey',
    context: ({ input }) => initialContext(input),
    output: ({ context }) => ({
      id: context.id,
      outcome: context.ending?.kind ?? 'closed',
      adoptedPlanId: context.adoptedPlanId,
    }),
    states: {
      needsSurvey: {
        description:
          '群众需求调查: needs gathered from every channel, merged and ranked into the needs list.',
        on: {
          RECORD_NEED: {
            guard: and(['dateNotBackwards', 'needIdNew', 'forumFitsChannel']),
            actions: ['setToday', 'recordNeed'],
          },
          MERGE_NEEDS: {
            guard: and(['dateNotBackwards', 'mergeValid']),
            actions: ['setToday', 'mergeNeeds'],
          },
          RANK_NEEDS: { guard: and(['dateNotBackwards', 'rankable']), actions: ['setToday', 'rankNeeds'] },
          PUBLISH_NEEDS_LIST: {
            guard: and(['dateNotBackwards', 'ranked']),
            target: 'plannerDiagnosis',
            actions: ['setToday', 'publishNeedsList'],
          },
          RECORD_RESIDENT_CONSULTATION: consult(),
          ...common('needsSurvey'),
        },
      },
      plannerDiagnosis: {
        description: '社区规划师把脉: site findings, needs and resource analysis, project plans.',
        on: {
          RECORD_FINDING: {
            guard: and(['dateNotBackwards', 'findingIdNew']),
            actions: ['setToday', 'recordFinding'],
          },
          RECORD_ANALYSIS: { guard: 'dateNotBackwards', actions: ['setToday', 'recordAnalysis'] },
          PROPOSE_PLAN: {
            guard: and(['dateNotBackwards', 'planIdNew', 'planNeedsOnList']),
            actions: ['setToday', 'proposePlan'],
          },
          SUBMIT_DIAGNOSIS: {
            guard: and(['dateNotBackwards', 'findingsRecorded', 'analysisRecorded', 'livePlanProposed']),
            target: 'projectFormation',
            actions: ['setToday', 'startFormationRound'],
          },
          PUBLICISE_RESULT: publiciseResult(),
          RECORD_RESIDENT_CONSULTATION: consult(),
          ...common('plannerDiagnosis'),
        },
      },
      projectFormation: {
        description: '产生社区规划项目: a chain of bodies recommends; results publicised; adoption vote.',
        on: {
          RECORD_FORMATION_STEP: {
            guard: and([
              'dateNotBackwards',
              'stepIdNew',
              'plansLive',
              'datesInOrder',
              'bodyFitsCommunity',
              'stepRecorderFits',
              'partyCouncilFirst',
              'ownerRepsForOwnersRights',
            ]),
            actions: ['setToday', 'recordStep'],
          },
          PUBLICISE_RESULT: publiciseResult(),
          RECORD_RESIDENT_CONSULTATION: consult(),
          RECORD_ADOPTION: [
            {
              guard: and([...ADOPTION_GUARDS, 'adoptionPassed']),
              target: 'funding',
              actions: ['setToday', 'recordStep', 'adoptPlan'],
            },
            {
              guard: and([...ADOPTION_GUARDS, not('adoptionPassed')]),
              target: 'plannerDiagnosis',
              actions: ['setToday', 'recordStep', 'rejectPlan'],
            },
          ],
          ...common('projectFormation'),
        },
      },
      funding: {
        description: '多渠道筹措资金: sources approved by the body each kind requires must cover the budget.',
        on: {
          SET_BUDGET: {
            guard: and(['dateNotBackwards', 'budgetNotBelowEstimate']),
            actions: ['setToday', 'setBudget'],
          },
          ADD_FUNDING_SOURCE: {
            guard: and(['dateNotBackwards', 'sourceIdNew']),
            actions: ['setToday', 'addSource'],
          },
          APPROVE_FUNDING_SOURCE: {
            guard: and([
              'dateNotBackwards',
              'sourceOpen',
              'approvalRecorderFits',
              'approvalBodyFits',
              'approvalLinked',
              'datesInOrder',
            ]),
            actions: ['setToday', 'approveSource'],
          },
          WITHDRAW_FUNDING_SOURCE: {
            guard: and(['dateNotBackwards', 'sourceOpen']),
            actions: ['setToday', 'withdrawSource'],
          },
          PUBLICISE_RESULT: publiciseResult(),
          RECORD_BUDGET_REAPPROVAL: reapprove(),
          CONFIRM_FUNDING: {
            guard: and(['dateNotBackwards', 'budgetSet', 'adoptionPublicised', 'budgetCovered']),
            target: 'implementation',
            actions: ['setToday', 'confirmFunding'],
          },
          ...common('funding'),
        },
      },
      implementation: {
        description:
          '项目实施: procurement, contract, supervision, acceptance review, operations and maintenance.',
        on: {
          RECORD_PROCUREMENT: {
            guard: and([
              'dateNotBackwards',
              'procurementReferenceNew',
              'withinAdoptedBudget',
              'fundsCoverSpending',
            ]),
            actions: ['setToday', 'recordImplementation'],
          },
          RECORD_CONTRACT: {
            guard: and([
              'dateNotBackwards',
              'contractIdNew',
              'procurementCited',
              'withinAdoptedBudget',
              'fundsCoverSpending',
              'datesInOrder',
            ]),
            actions: ['setToday', 'recordImplementation'],
          },
          RECORD_BUDGET_REAPPROVAL: reapprove(),
          FORM_WORKING_GROUP: record(),
          RECORD_MILESTONE: record(),
          RECORD_NOTE: record(),
          RECORD_ACCEPTANCE_REVIEW: record(),
          ARRANGE_OPERATIONS: record(),
          COMPLETE_IMPLEMENTATION: {
            guard: and([
              'dateNotBackwards',
              'procurementRecorded',
              'contractSigned',
              'acceptancePassed',
              'operationsArranged',
            ]),
            target: 'evaluation',
            actions: ['setToday', 'recordCompletion'],
          },
          ...common('implementation'),
        },
      },
      evaluation: {
        description: '跟踪评议: completion publicised, evaluation meeting, survey, audit, operating rules.',
        on: {
          PUBLICISE_COMPLETION: evaluate(),
          RECORD_EVALUATION_MEETING: {
            guard: and(['dateNotBackwards', 'datesInOrder']),
            actions: ['setToday', 'recordEvaluation'],
          },
          RECORD_SATISFACTION_SURVEY: {
            guard: and(['dateNotBackwards', 'surveyAddsUp']),
            actions: ['setToday', 'recordEvaluation'],
          },
          RECORD_AUDIT: evaluate(),
          AGREE_OPERATING_RULES: evaluate(),
          CLOSE_PROJECT: {
            guard: and([
              'dateNotBackwards',
              'completionPublicised',
              'evaluationMeetingHeld',
              'auditDone',
              'operatingRulesAgreed',
            ]),
            target: 'closed',
            actions: ['setToday', 'recordEnding'],
          },
          ...common('evaluation'),
        },
      },
      closed: { type: 'final', description: 'Evaluated and closed.' },
      abandoned: { type: 'final', description: 'Stopped, with the reason.' },
    },
  });
}

const ADOPTION_GUARDS = [
  'dateNotBackwards',
  'stepIdNew',
  'plansLive',
  'datesInOrder',
  'adoptionBodyFits',
  'adoptionRecorderFits',
  'formationStepsHeld',
  'formationPublicised',
  'planRecommended',
  'residentsConsulted',
] as const;

function record() {
  return { guard: 'dateNotBackwards', actions: ['setToday', 'recordImplementation'] } as const;
}
function evaluate() {
  return { guard: 'dateNotBackwards', actions: ['setToday', 'recordEvaluation'] } as const;
}
function consult() {
  return {
    guard: and(['dateNotBackwards', 'consultationIdNew', 'datesInOrder']),
    actions: ['setToday', 'recordConsultation'],
  } as const;
}
function reapprove() {
  return {
    guard: and([
      'dateNotBackwards',
      'reapprovalIdNew',
      'adoptionBodyFits',
      'adoptionRecorderFits',
      'reapprovalRaises',
      'datesInOrder',
    ]),
    actions: ['setToday', 'reapproveBudget'],
  } as const;
}
function publiciseResult() {
  return { guard: and(['dateNotBackwards', 'stepKnown']), actions: ['setToday', 'publiciseStep'] } as const;
}

/** SEND_BACK to each earlier stage, ABANDON and TICK: what every stage takes. */
function common(stage: ProjectStage) {
  const earlier = PROJECT_STAGES.slice(0, PROJECT_STAGES.indexOf(stage));
  return {
    ...(earlier.length > 0
      ? {
          SEND_BACK: earlier.map((to) => ({
            guard: and(['dateNotBackwards', { type: 'sendBackTo', params: { stage: to } }]),
            target: to,
            actions: ['setToday', { type: 'recordSendBack', params: { from: stage } }] as const,
          })),
        }
      : {}),
    ABANDON: { guard: 'dateNotBackwards', target: 'abandoned', actions: ['setToday', 'recordEnding'] },
    TICK: { guard: 'dateNotBackwards', actions: 'setToday' },
  } as const;
}

export const projectMachine = /* @__PURE__ */ createProjectMachine();
export type ProjectMachine = typeof projectMachine;
