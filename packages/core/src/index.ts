/**
 * @yishi/core — the curated public API of the rules layer. The legal calendar and the
 * public-notice machine are separate entry points, `@yishi/core/calendar` and
 * `@yishi/core/notice`, so a page that only tallies does not download holiday data. Everything a portal may rely on is exported here and
 * pinned by `index.test.ts`; anything not listed is internal.
 */

// exact arithmetic
export { AREA_PATTERN, AreaString, formatArea, PositiveAreaString, parseArea } from './arith/area.js';
export {
  atLeast,
  Comparator,
  formatFraction,
  formatPercent,
  MAJORITY,
  meets,
  minimumToMeet,
  moreThan,
  shortfall,
  Threshold,
  thresholdWording,
} from './arith/threshold.js';
export type { IssueLocation, YishiErrorCode, YishiIssue } from './errors/YishiError.js';
// errors
export { isYishiError, YishiError } from './errors/YishiError.js';
// policy: dated parameters, packs, reforms
export { MATTER_LABELS, MATTERS, Matter } from './policy/matters.js';
export type { PolicyPack, PolicyPackInput } from './policy/pack.js';
export {
  DatedParameter,
  DatedValue,
  isValidIsoDate,
  PolicyPackSchema,
  parsePolicyPack,
} from './policy/pack.js';
export type { ParameterName, ParameterValue } from './policy/parameters.js';
export {
  DoubleApproval,
  DoubleThreshold,
  HeadcountRule,
  isParameterName,
  PARAMETER_NAMES,
  ParameterSchemas,
} from './policy/parameters.js';
export type { Reform, SetOptions } from './policy/reform.js';
export { BEGINNING_OF_TIME, defineReform, extendPack, setParameter } from './policy/reform.js';
export type { ResolvedParameter, ResolvedPolicy, ResolveOptions } from './policy/resolve.js';
export { param, resolvePolicy, trace } from './policy/resolve.js';
export type { StatutoryFloor } from './policy/statutoryFloors.js';
export { STATUTORY_FLOORS, statutoryViolations, thresholdAtLeast } from './policy/statutoryFloors.js';
export type { ParameterTrace, RuleBasis } from './policy/trace.js';
export type { MeetingRecordInput } from './registry/ballots.js';
export { Ballot, Ballots, Channel, Choice, MeetingRecord, Vote } from './registry/ballots.js';
export type { CountingOptions, Electorate } from './registry/electorate.js';
export { compileElectorate, unitArea } from './registry/electorate.js';
export { IdentityKey } from './registry/identityKey.js';
export { registryJsonSchemas } from './registry/jsonSchema.js';
export type { KeyCollision } from './registry/keyCollisions.js';
export { findKeyCollisions, foldKey } from './registry/keyCollisions.js';
export {
  isAdultOn,
  Member,
  MemberBody,
  MemberRegistry,
  RepresentativeRole,
  Resident,
  ResidentRegistry,
  Villager,
  VillagerRegistry,
} from './registry/people.js';
export type { UnitInput, UnitRegistryInput } from './registry/units.js';
// registries (zod schemas; types share the name)
export {
  AreaSource,
  DEFAULT_DEVELOPER_KEY,
  Unit,
  UnitRegistry,
  UnitStatus,
} from './registry/units.js';
export type { BallotBox } from './tally/ballotBox.js';
// tallies for every body
export { ballotBoxFor, CHANNEL_CODES, CHOICE_CODES } from './tally/ballotBox.js';
export type { DeliberationBodyId, MemberBodyId, ResidentsMeetingBase } from './tally/bodies.js';
export {
  MEMBER_BODY_IDS,
  recordDeliberation,
  tallyMemberMeeting,
  tallyResidentsMeeting,
  tallyVillagersMeeting,
} from './tally/bodies.js';
export { lineSentence } from './tally/explain.js';
export { checkGroupRepresentatives } from './tally/groupRepresentatives.js';
export type { MeetingCounts } from './tally/meeting.js';
export type { CountedSide, OwnersAssemblyCounts, OwnersAssemblyInput } from './tally/ownersAssembly.js';
export { electorateFor, tallyOwnersAssembly } from './tally/ownersAssembly.js';
// tally results
export type {
  BodyId,
  Dimension,
  Explanation,
  Failure,
  FailureCode,
  Figure,
  LineCheck,
  LineKind,
  Outcome,
  TallyResult,
} from './tally/result.js';
export { checkSubsetMatter } from './tally/subsetMatters.js';
