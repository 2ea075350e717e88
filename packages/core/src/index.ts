/**
 * @yishi/core — the curated public API. Everything a portal may rely on is exported here and
 * pinned by `index.test.ts`; anything not listed is internal.
 */

// errors
export { YishiError, isYishiError } from './errors/YishiError.js';
export type { IssueLocation, YishiErrorCode, YishiIssue } from './errors/YishiError.js';

// exact arithmetic
export { AreaString, formatArea, parseArea } from './arith/area.js';
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
  ParameterTrace,
  RuleBasis,
  TallyResult,
} from './tally/result.js';

// registries (zod schemas; types share the name)
export {
  AreaSource,
  DEFAULT_DEVELOPER_KEY,
  Unit,
  UnitRegistry,
  UnitStatus,
} from './registry/units.js';
export type { UnitInput, UnitRegistryInput } from './registry/units.js';
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
export { Ballot, Ballots, Channel, Choice, MeetingRecord, Vote } from './registry/ballots.js';
export type { MeetingRecordInput } from './registry/ballots.js';
export { compileElectorate, unitArea } from './registry/electorate.js';
export type { CountingOptions, Electorate } from './registry/electorate.js';
export { registryJsonSchemas } from './registry/jsonSchema.js';

// policy: dated parameters, packs, reforms
export { Matter, MATTER_LABELS, MATTERS } from './policy/matters.js';
export {
  DoubleApproval,
  DoubleThreshold,
  HeadcountRule,
  isParameterName,
  PARAMETER_NAMES,
  ParameterSchemas,
} from './policy/parameters.js';
export type { ParameterName, ParameterValue } from './policy/parameters.js';
export { DatedParameter, DatedValue, isValidIsoDate, parsePolicyPack, PolicyPackSchema } from './policy/pack.js';
export type { PolicyPack, PolicyPackInput } from './policy/pack.js';
export { param, resolvePolicy, trace } from './policy/resolve.js';
export type { ResolvedParameter, ResolvedPolicy, ResolveOptions } from './policy/resolve.js';
export { BEGINNING_OF_TIME, defineReform, extendPack, setParameter } from './policy/reform.js';
export type { Reform, SetOptions } from './policy/reform.js';

// tallies for every body
export { electorateFor, tallyOwnersAssembly } from './tally/ownersAssembly.js';
export type { CountedSide, OwnersAssemblyCounts, OwnersAssemblyInput } from './tally/ownersAssembly.js';
export {
  MEMBER_BODY_IDS,
  recordDeliberation,
  tallyMemberMeeting,
  tallyResidentsMeeting,
  tallyVillagersMeeting,
} from './tally/bodies.js';
export type { DeliberationBodyId, MemberBodyId, ResidentsMeetingBase } from './tally/bodies.js';
export type { MeetingCounts } from './tally/meeting.js';
export { lineSentence } from './tally/explain.js';

// calendar and public notice
export * from './calendar/index.js';
export * from './notice/index.js';
