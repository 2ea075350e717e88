/**
 * Data of a participatory-planning project (参与式社区规划项目, seed §三): set-up input, the events
 * of its six stages (validated without the engine's `on`/`actor` stamp), and what it remembers.
 * Every record is appended, never overwritten; a send-back keeps everything done so far.
 */
import { z } from 'zod';
import { Actor } from '../../actor/actor.js';
import { IsoDate } from '../../calendar/plainDate.js';
import { type Stamped, Text, TickInput } from '../eventStamp.js';
import { ApprovalBody, Fen, FundingKind } from './funding.js';
import { DotVote, RankedBallot, RankingMethod } from './needsRanking.js';

/** The six stages (seed §三.1–6). */
export const ProjectStage = z.enum([
  'needsSurvey', // 群众需求调查
  'plannerDiagnosis', // 社区规划师把脉
  'projectFormation', // 产生社区规划项目
  'funding', // 多渠道筹措资金
  'implementation', // 项目实施
  'evaluation', // 跟踪评议
]);
export type ProjectStage = z.infer<typeof ProjectStage>;
export const PROJECT_STAGES = ProjectStage.options;

/** How a need reached the committee (seed §三.1). */
export const NeedChannel = z.enum([
  'visit', // 上门走访
  'receptionDesk', // 全岗通
  'questionnaire', // 问卷
  'online', // 社区云"居社互动"
  'council', // 议事会 (see forum)
]);
export const CouncilForum = z.enum([
  'topicMeeting',
  'homeCouncil',
  'communityCouncil',
  'buildingGroupCouncil',
]);

/** Bodies of the formation chain; each outcome is a recommendation to the next (seed §三.3). */
export const FormationBody = z.enum([
  'partyMembersCouncil',
  'buildingGroupMeeting',
  'villagersGroupMeeting',
  'residentRepresentativesMeeting',
  'villagerRepresentativesMeeting',
  'ownerRepresentativesMeeting',
  'jointMeeting',
  'hearing',
  'coordinationMeeting',
]);
export type FormationBody = z.infer<typeof FormationBody>;

export const AdoptionBody = z.enum(['ownersAssembly', 'residentsMeeting', 'villagersMeeting']);
export type AdoptionBody = z.infer<typeof AdoptionBody>;

export const PublicityChannel = z.enum(['online', 'offline']);

/**
 * The capacity in which a record names a person (an acceptance reviewer or signer, a working-group
 * member). Names match the actor roles where one exists; the others are the parties the seed
 * names (§三.5: 专业评审验收, 项目专门工作组). The engine checks each person against the community
 * roster on the event's date (`projectPeopleCited`).
 */
export const CitedRole = z.enum([
  'residentsCommitteeStaff', // 居委会工作人员
  'partySecretary', // 居村党组织书记
  'ownersCommittee', // 业委会委员
  'planner', // 社区规划师
  'propertyManager', // 物业
  'owner', // 业主
  'resident', // 居民 (居民代表)
  'expert', // 评审专家
  'supervisor', // 监理
  'contractor', // 施工单位
  'subdistrict', // 街道/乡镇
  'department', // 职能部门
  'socialOrganisation', // 社会组织
  'socialWorker', // 社工
  'volunteer', // 志愿者
]);
export type CitedRole = z.infer<typeof CitedRole>;

/** A person named in a record, by id (never free text), with the role in which they act or sign. */
export const CitedPerson = z.object({ id: Text, role: CitedRole }).strict();
export type CitedPerson = z.infer<typeof CitedPerson>;

/** How residents were consulted on a government project (seed §三.1: 征求居民意见建议). */
export const ConsultationMethod = z.enum([
  'visit', // 走访
  'receptionDesk', // 全岗通
  'questionnaire', // 问卷
  'online', // 社区云"居社互动"
  'consultationMeeting', // 议题征询会
  'hearing', // 听证会
]);

/** The consultation itself: a linked meeting or written-consultation process, or a recorded one. */
export const ConsultationRecord = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('process'),
    processKind: z.enum(['meeting', 'writtenConsultation']),
    processId: Text,
  }),
  z.object({ kind: z.literal('recorded'), method: ConsultationMethod, participants: z.int().positive() }),
]);
export type ConsultationRecord = z.infer<typeof ConsultationRecord>;

export const ProjectInput = z.object({
  id: Text,
  title: Text,
  /** An urban residents' committee area or a village. */
  community: z.enum(['residents', 'villagers']),
  /** Self-governance project, or a government (实事) project the committee consults on. */
  projectType: z.enum(['selfGovernance', 'government']),
  hasOwnersCommittee: z.boolean(),
  /**
   * Whether the party members' council must come first in formation (先知晓、先协商、先统一).
   * The seed says "may"; a policy pack has no parameter for it yet, so it is set per project.
   */
  partyCouncilFirst: z.boolean(),
});
export type ProjectInput = z.input<typeof ProjectInput>;

const linked = { meetingProcessId: Text.optional() };
const publicise = { channels: z.array(PublicityChannel).min(1), noticeProcessId: Text.optional() };

export const ProjectEventInput = z.discriminatedUnion('type', [
  // 1. needsSurvey
  z.object({
    type: z.literal('RECORD_NEED'),
    needId: Text,
    channel: NeedChannel,
    forum: CouncilForum.optional(),
    text: Text,
  }),
  z.object({ type: z.literal('MERGE_NEEDS'), into: Text, needIds: z.array(Text).min(1), reason: Text }),
  z.object({
    type: z.literal('RANK_NEEDS'),
    method: RankingMethod,
    dotVotes: z.array(DotVote).optional(),
    rankings: z.array(RankedBallot).optional(),
    dotsPerVoter: z.int().positive().optional(),
  }),
  z.object({ type: z.literal('PUBLISH_NEEDS_LIST'), top: z.int().positive() }),
  /**
   * A government project (实事项目): the residents' committee's consultation of residents, which
   * must come before the decision (seed §三.1: 在作出决策前,委托居村民委员会征求居民意见建议).
   */
  z.object({
    type: z.literal('RECORD_RESIDENT_CONSULTATION'),
    consultationId: Text,
    conductedOn: IsoDate,
    /** The department that asked the committee to consult (委托), when known. */
    commissionedBy: Text.optional(),
    via: ConsultationRecord,
    summary: Text,
  }),
  // 2. plannerDiagnosis
  z.object({
    type: z.literal('RECORD_FINDING'),
    findingId: Text,
    kind: z.enum(['siteVisit', 'population', 'space', 'heritage', 'interview']),
    text: Text,
  }),
  z.object({ type: z.literal('RECORD_ANALYSIS'), needsAnalysis: Text, resourceAnalysis: Text }),
  z.object({
    type: z.literal('PROPOSE_PLAN'),
    planId: Text,
    title: Text,
    summary: Text,
    addressesNeeds: z.array(Text).min(1),
    estimatedBudgetFen: Fen,
    /** Touches owners' rights (common parts, maintenance fund…): owners decide (民法典 第278条). */
    touchesOwnersRights: z.boolean(),
  }),
  z.object({ type: z.literal('SUBMIT_DIAGNOSIS') }),
  // 3. projectFormation
  z.object({
    type: z.literal('RECORD_FORMATION_STEP'),
    stepId: Text,
    body: FormationBody,
    planIds: z.array(Text).min(1),
    outcome: z.enum(['recommended', 'notRecommended', 'amended', 'recorded']),
    heldOn: IsoDate,
    summary: Text.optional(),
    ...linked,
  }),
  /** 公示 of a formation step's or an adoption's result, online and offline (seed §三.3). */
  z.object({ type: z.literal('PUBLICISE_RESULT'), stepId: Text, ...publicise }),
  z.object({
    type: z.literal('RECORD_ADOPTION'),
    adoptionId: Text,
    planId: Text,
    body: AdoptionBody,
    outcome: z.enum(['passed', 'rejected', 'noQuorum']),
    heldOn: IsoDate,
    meetingProcessId: Text,
  }),
  // 4. funding
  z.object({ type: z.literal('SET_BUDGET'), amountFen: Fen, reason: Text }),
  z.object({
    type: z.literal('ADD_FUNDING_SOURCE'),
    sourceId: Text,
    kind: FundingKind,
    amountFen: Fen,
    provider: Text.optional(),
  }),
  z.object({
    type: z.literal('APPROVE_FUNDING_SOURCE'),
    sourceId: Text,
    body: ApprovalBody,
    reference: Text,
    decidedOn: IsoDate,
    ...linked,
  }),
  z.object({ type: z.literal('WITHDRAW_FUNDING_SOURCE'), sourceId: Text, reason: Text }),
  z.object({ type: z.literal('CONFIRM_FUNDING') }),
  /**
   * The adopting body's decision to raise the adopted budget to `totalFen` (funding or
   * implementation): the ceiling that procurements and contracts may not exceed.
   */
  z.object({
    type: z.literal('RECORD_BUDGET_REAPPROVAL'),
    reapprovalId: Text,
    body: AdoptionBody,
    meetingProcessId: Text,
    totalFen: Fen,
    decidedOn: IsoDate,
    reason: Text,
  }),
  // 5. implementation
  z.object({
    type: z.literal('RECORD_PROCUREMENT'),
    method: z.enum(['publicTender', 'invitedTender', 'competitiveNegotiation', 'inquiry', 'singleSource']),
    reference: Text,
    supplier: Text,
    amountFen: Fen,
  }),
  z.object({
    type: z.literal('RECORD_CONTRACT'),
    contractId: Text,
    supplier: Text,
    amountFen: Fen,
    signedOn: IsoDate,
    /** The procurement this contract was awarded under: its amount is not counted twice. */
    procurementReference: Text.optional(),
  }),
  z.object({ type: z.literal('FORM_WORKING_GROUP'), members: z.array(CitedPerson).min(1) }),
  z.object({
    type: z.literal('RECORD_MILESTONE'),
    milestoneId: Text,
    title: Text,
    status: z.enum(['started', 'completed']),
    note: Text.optional(),
  }),
  z.object({
    type: z.literal('RECORD_NOTE'),
    kind: z.enum(['supervision', 'residentFeedback', 'plannerFollowUp']),
    text: Text,
  }),
  z.object({
    type: z.literal('RECORD_ACCEPTANCE_REVIEW'),
    outcome: z.enum(['passed', 'failed']),
    /** The professional reviewers (评审). */
    reviewers: z.array(CitedPerson).min(1),
    /** Who signed the acceptance record for the parties, besides the reviewers (验收签字). */
    signers: z.array(CitedPerson).optional(),
    reference: Text,
  }),
  z.object({
    type: z.literal('ARRANGE_OPERATIONS'),
    arrangement: z.enum([
      'propertyManager',
      'volunteerTeam',
      'residentsShared',
      'contractor',
      'residentsCommittee',
    ]),
    description: Text,
  }),
  z.object({ type: z.literal('COMPLETE_IMPLEMENTATION') }),
  // 6. evaluation
  z.object({ type: z.literal('PUBLICISE_COMPLETION'), ...publicise }),
  z.object({
    type: z.literal('RECORD_EVALUATION_MEETING'),
    meetingProcessId: Text,
    heldOn: IsoDate,
    summary: Text,
  }),
  z.object({
    type: z.literal('RECORD_SATISFACTION_SURVEY'),
    conductedBy: z.enum(['thirdPartyAssessor', 'residentsCommittee']),
    respondents: z.int().positive(),
    satisfied: z.int().nonnegative(),
    neutral: z.int().nonnegative(),
    dissatisfied: z.int().nonnegative(),
    reference: Text.optional(),
  }),
  z.object({
    type: z.literal('RECORD_AUDIT'),
    auditor: Text,
    reference: Text,
    findings: Text,
    noticeProcessId: Text.optional(),
  }),
  z.object({
    type: z.literal('AGREE_OPERATING_RULES'),
    rules: z.array(z.object({ title: Text, text: Text })).min(1),
    ...linked,
  }),
  z.object({ type: z.literal('CLOSE_PROJECT') }),
  // any stage
  z.object({ type: z.literal('SEND_BACK'), to: ProjectStage, reason: Text }),
  z.object({ type: z.literal('ABANDON'), reason: Text }),
  TickInput,
]);
export type ProjectEventInput = z.infer<typeof ProjectEventInput>;
export type ProjectEvent = Stamped<ProjectEventInput>;
export type ProjectEventType = ProjectEvent['type'];

const FenString = z.string().regex(/^\d+$/);
const by = { on: IsoDate, by: Actor };
const Publicity = z.object({
  channels: z.array(PublicityChannel),
  noticeProcessIds: z.array(Text),
  on: IsoDate,
});

export const Need = z.object({
  id: Text,
  seq: z.int().nonnegative(),
  channel: NeedChannel,
  forum: CouncilForum.nullable(),
  text: Text,
  ...by,
  /** The need this one was merged into (dedupe), or null. */
  mergedInto: Text.nullable(),
});
export type Need = z.infer<typeof Need>;

export const ProjectPlan = z.object({
  id: Text,
  title: Text,
  summary: Text,
  addressesNeeds: z.array(Text),
  estimatedBudgetFen: FenString,
  touchesOwnersRights: z.boolean(),
  ...by,
  /** Set when an adoption vote rejected it; a revised plan needs a new id. */
  rejected: z.boolean(),
});
export type ProjectPlan = z.infer<typeof ProjectPlan>;

export const FormationStep = z.object({
  id: Text,
  /** Which pass through formation (1, then 2 after a send-back …). */
  round: z.int().positive(),
  kind: z.enum(['step', 'adoption']),
  body: z.union([FormationBody, AdoptionBody]),
  planIds: z.array(Text),
  outcome: z.enum(['recommended', 'notRecommended', 'amended', 'recorded', 'passed', 'rejected', 'noQuorum']),
  heldOn: IsoDate,
  meetingProcessId: Text.nullable(),
  summary: Text.nullable(),
  ...by,
  publicity: Publicity.nullable(),
});
export type FormationStep = z.infer<typeof FormationStep>;

export const FundingSource = z.object({
  id: Text,
  kind: FundingKind,
  amountFen: FenString,
  provider: Text.nullable(),
  ...by,
  approval: z
    .object({
      body: ApprovalBody,
      reference: Text,
      decidedOn: IsoDate,
      meetingProcessId: Text.nullable(),
      /** The plan adopted when it was approved; it counts only while that plan stays adopted. */
      planId: Text.nullable(),
      ...by,
    })
    .nullable(),
  withdrawal: z.object({ on: IsoDate, reason: Text }).nullable(),
});
export type FundingSource = z.infer<typeof FundingSource>;

export const ProjectContext = z.object({
  id: Text,
  title: Text,
  community: z.enum(['residents', 'villagers']),
  projectType: z.enum(['selfGovernance', 'government']),
  hasOwnersCommittee: z.boolean(),
  partyCouncilFirst: z.boolean(),
  today: IsoDate.nullable(),
  // 1
  needs: z.array(Need),
  merges: z.array(z.object({ into: Text, needIds: z.array(Text), reason: Text, ...by })),
  ranking: z
    .object({
      method: RankingMethod,
      rows: z.array(
        z.object({ needId: Text, rank: z.int(), score: z.number(), tieBrokenBySubmission: z.boolean() }),
      ),
      rounds: z.array(z.unknown()),
      voters: z.int(),
      ...by,
    })
    .nullable(),
  needsList: z.object({ needIds: z.array(Text), ...by }).nullable(),
  consultations: z.array(
    z.object({
      id: Text,
      conductedOn: IsoDate,
      commissionedBy: Text.nullable(),
      via: ConsultationRecord,
      summary: Text,
      ...by,
    }),
  ),
  // 2
  findings: z.array(z.object({ id: Text, kind: Text, text: Text, ...by })),
  analysis: z.object({ needsAnalysis: Text, resourceAnalysis: Text, ...by }).nullable(),
  plans: z.array(ProjectPlan),
  /** Passes through formation so far. */
  round: z.int().nonnegative(),
  // 3
  steps: z.array(FormationStep),
  adoptedPlanId: Text.nullable(),
  // 4
  budget: z.object({ amountFen: FenString, reason: Text, ...by }).nullable(),
  sources: z.array(FundingSource),
  fundingConfirmed: z.object({ approvedFen: FenString, budgetFen: FenString, ...by }).nullable(),
  budgetReapprovals: z.array(
    z.object({
      id: Text,
      body: AdoptionBody,
      meetingProcessId: Text,
      totalFen: FenString,
      decidedOn: IsoDate,
      reason: Text,
      /** The plan adopted when it was decided; it raises the ceiling only while that plan stays adopted. */
      planId: Text.nullable(),
      ...by,
    }),
  ),
  // 5
  procurements: z.array(
    z.object({ method: Text, reference: Text, supplier: Text, amountFen: FenString, ...by }),
  ),
  contracts: z.array(
    z.object({
      id: Text,
      supplier: Text,
      amountFen: FenString,
      signedOn: IsoDate,
      procurementReference: Text.nullable(),
      ...by,
    }),
  ),
  workingGroup: z.object({ members: z.array(CitedPerson), ...by }).nullable(),
  milestones: z.array(z.object({ id: Text, title: Text, status: Text, note: Text.nullable(), ...by })),
  notes: z.array(z.object({ kind: Text, text: Text, ...by })),
  acceptanceReviews: z.array(
    z.object({
      outcome: z.enum(['passed', 'failed']),
      reviewers: z.array(CitedPerson),
      signers: z.array(CitedPerson),
      reference: Text,
      ...by,
    }),
  ),
  operations: z.object({ arrangement: Text, description: Text, ...by }).nullable(),
  /** When implementation was declared complete (the day evaluation records may not precede). */
  completion: z.object({ ...by }).nullable(),
  // 6
  completionPublicity: Publicity.nullable(),
  evaluationMeetings: z.array(z.object({ meetingProcessId: Text, heldOn: IsoDate, summary: Text, ...by })),
  surveys: z.array(
    z.object({
      conductedBy: Text,
      respondents: z.int(),
      satisfied: z.int(),
      neutral: z.int(),
      dissatisfied: z.int(),
      reference: Text.nullable(),
      ...by,
    }),
  ),
  audits: z.array(
    z.object({ auditor: Text, reference: Text, findings: Text, noticeProcessId: Text.nullable(), ...by }),
  ),
  operatingRules: z
    .object({
      rules: z.array(z.object({ title: Text, text: Text })),
      meetingProcessId: Text.nullable(),
      ...by,
    })
    .nullable(),
  // any stage
  sendBacks: z.array(z.object({ from: ProjectStage, to: ProjectStage, reason: Text, ...by })),
  ending: z.object({ kind: z.enum(['closed', 'abandoned']), reason: Text.nullable(), ...by }).nullable(),
});
export type ProjectContext = z.infer<typeof ProjectContext>;

export const ProjectState = z.enum([...PROJECT_STAGES, 'closed', 'abandoned']);
export type ProjectState = z.infer<typeof ProjectState>;

export const PersistedProject = z.object({ value: ProjectState, context: ProjectContext });
