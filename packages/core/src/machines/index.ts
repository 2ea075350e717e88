/**
 * Process machines (issue 5): a meeting of any body, the owners' written consultation and
 * electronic vote, the six-stage participatory-planning project, and the public notice — each a
 * `ProcessKind` the engine runs. Curated: everything a portal may rely on, nothing more.
 */

// plumbing shared by every kind
export type { Stamp, Stamped } from './eventStamp.js';
export {
  FrozenPolicy,
  fingerprint,
  freezePolicy,
  PolicyInput,
  policyOf,
  RulesMode,
  rulesFingerprint,
} from './frozenPolicy.js';
export { MEETING_PERMISSIONS, MEETING_REFUSALS, meetingKind } from './meeting/meeting.kind.js';
// meeting (会议)
export type { MeetingMachine, MeetingOutput } from './meeting/meeting.machine.js';
export { createMeetingMachine, meetingMachine } from './meeting/meeting.machine.js';
export type { MeetingBodyRule, RegisterKind, TallyRule } from './meeting/meetingBodies.js';
export { convenersOf, MEETING_BODIES, MEETING_BODY_IDS } from './meeting/meetingBodies.js';
export type { MeetingEventType } from './meeting/meetingSchemas.js';
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
} from './meeting/meetingSchemas.js';
export type { CitedPerson, MachineKind, StepResult } from './processKind.js';
export { restoreProcess, startProcess, stepProcess } from './processKind.js';
export type { ProcessKindsOptions } from './processKinds.js';
export { createProcessKinds, PROCESS_KINDS } from './processKinds.js';
// participatory-planning project (参与式社区规划项目)
export type { FundingRule } from './project/funding.js';
export { ApprovalBody, Fen, FUNDING_RULES, FundingKind, formatFen } from './project/funding.js';
export type {
  Candidate,
  NeedsRanking,
  RankedRow,
  RankingInput,
  RunoffRound,
} from './project/needsRanking.js';
export { RankingMethod, rankingProblem, rankNeeds } from './project/needsRanking.js';
export { PROJECT_PERMISSIONS, PROJECT_REFUSALS, projectKind } from './project/project.kind.js';
export type { ProjectMachine, ProjectOutput } from './project/project.machine.js';
export { createProjectMachine, projectMachine } from './project/project.machine.js';
export type { ProjectEventType } from './project/projectSchemas.js';
export {
  FormationBody,
  PersistedProject,
  PROJECT_STAGES,
  ProjectContext,
  ProjectEventInput,
  ProjectInput,
  ProjectStage,
  ProjectState,
} from './project/projectSchemas.js';
export { ProxyAuthorisation, proxyProblem } from './proxy.js';
// public notice (公示 / 公告)
export { NOTICE_PERMISSIONS, NoticeEventInput, publicNoticeKind } from './publicNotice/publicNotice.kind.js';
export type { Refusal, RefusalReasons } from './refusal.js';
export { explainRefusal } from './refusal.js';
export { ResultPublicity } from './resultPublicity.js';
export { ROSTER_PERMISSIONS, ROSTER_REFUSALS, rosterKind } from './roster/roster.kind.js';
// the community roster (社区名册): who holds which organiser role, on which dates
export type { RosterMachine } from './roster/roster.machine.js';
export { createRosterMachine, rosterMachine } from './roster/roster.machine.js';
export type { RosterLike, Span } from './roster/rosterIndex.js';
export { holdsOn, ROSTER_KIND, rolesOn, rosterId, spansOf } from './roster/rosterIndex.js';
export { APPOINTERS } from './roster/rosterRules.js';
export type { RosterEventType } from './roster/rosterSchemas.js';
export {
  Appointment,
  PersistedRoster,
  RosterContext,
  RosterEventInput,
  RosterInput,
  RosterState,
} from './roster/rosterSchemas.js';
// written consultation / electronic voting (书面征求意见 / 电子投票)
export type {
  BallotLedger,
  LiveBallots,
  LiveIndex,
  RepeatBallot,
} from './writtenConsultation/ballotLedger.js';
export {
  BallotChannel,
  BallotEntry,
  ballotEntries,
  effectiveBallots,
  LiveBallot,
  liveBallots,
  liveFromLedger,
  repeatAccepted,
} from './writtenConsultation/ballotLedger.js';
export { countConsultation } from './writtenConsultation/consultationRules.js';
export type {
  ConsultationEventType,
  PersistedConsultationContext,
} from './writtenConsultation/consultationSchemas.js';
export {
  ConsultationContext,
  ConsultationEventInput,
  ConsultationInput,
  ConsultationItem,
  ConsultationState,
  PersistedConsultation,
} from './writtenConsultation/consultationSchemas.js';
export {
  CONSULTATION_PERMISSIONS,
  CONSULTATION_REFUSALS,
  writtenConsultationKind,
} from './writtenConsultation/writtenConsultation.kind.js';
export type {
  ConsultationOutput,
  WrittenConsultationMachine,
} from './writtenConsultation/writtenConsultation.machine.js';
export {
  createWrittenConsultationMachine,
  writtenConsultationMachine,
} from './writtenConsultation/writtenConsultation.machine.js';
