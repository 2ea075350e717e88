/**
 * Process machines (issue 5): a meeting of any body, the owners' written consultation and
 * electronic vote, the six-stage participatory-planning project, and the public notice — each a
 * `ProcessKind` the engine runs. Curated: everything a portal may rely on, nothing more.
 */

// written consultation / electronic voting (书面征求意见 / 电子投票)
export type { LiveBallots, RepeatBallot } from './ballotLedger.js';
export {
  BallotChannel,
  BallotEntry,
  effectiveBallots,
  LiveBallot,
  liveFromLedger,
  repeatAccepted,
} from './ballotLedger.js';
export { countConsultation } from './consultationRules.js';
export type { ConsultationEventType } from './consultationSchemas.js';
export {
  ConsultationContext,
  ConsultationEventInput,
  ConsultationInput,
  ConsultationItem,
  ConsultationState,
  PersistedConsultation,
} from './consultationSchemas.js';
// plumbing shared by every kind
export type { Stamp, Stamped } from './eventStamp.js';
export { FrozenPolicy, fingerprint, freezePolicy, PolicyInput, policyOf } from './frozenPolicy.js';
// participatory-planning project (参与式社区规划项目)
export type { FundingRule } from './funding.js';
export { ApprovalBody, Fen, FUNDING_RULES, FundingKind, formatFen } from './funding.js';
export { MEETING_PERMISSIONS, MEETING_REFUSALS, meetingKind } from './meeting.kind.js';
// meeting (会议)
export type { MeetingMachine, MeetingOutput } from './meeting.machine.js';
export { createMeetingMachine, meetingMachine } from './meeting.machine.js';
export type { MeetingBodyRule, RegisterKind, TallyRule } from './meetingBodies.js';
export { convenersOf, MEETING_BODIES, MEETING_BODY_IDS } from './meetingBodies.js';
export type { MeetingEventType } from './meetingSchemas.js';
export {
  AgendaItem,
  Attendee,
  MeetingContext,
  MeetingEventInput,
  MeetingInput,
  MeetingRegister,
  MeetingState,
  PersistedMeeting,
  QuorumRecord,
} from './meetingSchemas.js';
export type { Candidate, NeedsRanking, RankedRow, RankingInput, RunoffRound } from './needsRanking.js';
export { RankingMethod, rankingProblem, rankNeeds } from './needsRanking.js';
export type { MachineKind, StepResult } from './processKind.js';
export { restoreProcess, startProcess, stepProcess } from './processKind.js';
export { PROJECT_PERMISSIONS, PROJECT_REFUSALS, projectKind } from './project.kind.js';
export type { ProjectMachine, ProjectOutput } from './project.machine.js';
export { createProjectMachine, projectMachine } from './project.machine.js';
export type { ProjectEventType } from './projectSchemas.js';
export {
  FormationBody,
  PersistedProject,
  PROJECT_STAGES,
  ProjectContext,
  ProjectEventInput,
  ProjectInput,
  ProjectStage,
  ProjectState,
} from './projectSchemas.js';
export { ProxyAuthorisation, proxyProblem } from './proxy.js';
// public notice (公示 / 公告)
export { NOTICE_PERMISSIONS, NoticeEventInput, publicNoticeKind } from './publicNotice.kind.js';
export type { Refusal, RefusalReasons } from './refusal.js';
export { explainRefusal } from './refusal.js';
export { ResultPublicity } from './resultPublicity.js';
export {
  CONSULTATION_PERMISSIONS,
  CONSULTATION_REFUSALS,
  writtenConsultationKind,
} from './writtenConsultation.kind.js';
export type { ConsultationOutput, WrittenConsultationMachine } from './writtenConsultation.machine.js';
export {
  createWrittenConsultationMachine,
  writtenConsultationMachine,
} from './writtenConsultation.machine.js';

import { meetingKind } from './meeting.kind.js';
import { projectKind } from './project.kind.js';
import { publicNoticeKind } from './publicNotice.kind.js';
import { writtenConsultationKind } from './writtenConsultation.kind.js';

/** Every process kind, for `createEngine({ kinds: PROCESS_KINDS })`. */
export const PROCESS_KINDS = [meetingKind, writtenConsultationKind, projectKind, publicNoticeKind] as const;
