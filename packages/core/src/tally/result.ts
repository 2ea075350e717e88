import type { Threshold } from '../arith/threshold.js';
import type { ResolvedPolicy } from '../policy/resolve.js';
import type { ParameterTrace, RuleBasis } from '../policy/trace.js';

/** Every body the seed and RULES.md name (GLOSSARY identifiers). */
export type BodyId =
  | 'ownersAssembly'
  | 'buildingSubsetVote'
  | 'ownersCommitteeMeeting'
  | 'ownerRepresentativesMeeting'
  | 'residentsMeeting'
  | 'residentRepresentativesMeeting'
  | 'villagersMeeting'
  | 'villagerRepresentativesMeeting'
  | 'villagersGroupMeeting'
  | 'partyMembersCouncil'
  | 'buildingGroupMeeting'
  | 'hearing'
  | 'coordinationMeeting'
  | 'evaluationMeeting'
  | 'jointMeeting';

// The policy layer owns these; re-exported so a result's types come from one place.
export type { ParameterTrace, RuleBasis } from '../policy/trace.js';

export type Dimension = 'area' | 'headcount';
export type LineKind = 'quorum' | 'approval';

/** Either side of a line, as exact figures and a display string. */
export interface Figure {
  /** Exact integer as a decimal string: headcount, or area in 0.01 m². */
  raw: string;
  /** Human figure: "1234.50" (m²) or "57" (persons). */
  display: string;
}

/** One legal line checked, both sides and the gap. */
export interface LineCheck {
  /** Stable id, e.g. `quorum.area`, `approval.headcount`, `quorum.households`. */
  id: string;
  kind: LineKind;
  dimension: Dimension;
  /** The parameter whose value is the threshold. */
  parameter: string;
  reference: string;
  basis: RuleBasis;
  threshold: Threshold;
  /** The counted side (participants, present, agree…), its label, and the base it is a share of. */
  part: Figure;
  whole: Figure;
  partLabel: { 'zh-CN': string; en: string };
  wholeLabel: { 'zh-CN': string; en: string };
  /** Readable share, truncated to 2 decimals: "66.66%". Display only. */
  percent: string;
  /** The threshold as a percentage of the base, e.g. "66.67%" of 3 owners = 2. */
  met: boolean;
  /** How much more `part` is needed with `whole` unchanged; "0"/"0.00" when met. */
  gap: Figure;
  /** Whether the gap can be closed from what is left (e.g. enough owners who have not voted). */
  reachable: boolean;
}

/** Stable machine-readable failure codes. */
export type FailureCode =
  | 'QUORUM_AREA_NOT_MET'
  | 'QUORUM_HEADCOUNT_NOT_MET'
  | 'QUORUM_NOT_MET'
  | 'APPROVAL_AREA_NOT_MET'
  | 'APPROVAL_HEADCOUNT_NOT_MET'
  | 'APPROVAL_NOT_MET'
  | 'NO_PARTICIPANTS'
  | 'FOLLOW_MAJORITY_FLOOR_NOT_MET';

export interface Failure {
  code: FailureCode;
  line: string;
  message: { 'zh-CN': string; en: string };
}

export type Outcome = 'passed' | 'rejected' | 'noQuorum' | 'recorded';

export interface Explanation {
  rule: { id: string; reference: string; basis: RuleBasis };
  parameters: ParameterTrace[];
  lines: LineCheck[];
  failures: Failure[];
  notes: { 'zh-CN': string; en: string }[];
  summary: { 'zh-CN': string; en: string };
}

export interface PolicySummary {
  id: string;
  version?: string;
  title: { 'zh-CN': string; en: string };
  at: string;
  reforms: string[];
  /** Parameters set by the estate's own rules, within what the pack allows. */
  covenant?: { parameter: string; value: unknown; reference: string }[];
}

/** What a result says of the rules it was counted under. */
export function policySummary(policy: ResolvedPolicy): PolicySummary {
  const out: PolicySummary = {
    id: policy.id,
    title: policy.title,
    at: policy.at,
    reforms: [...policy.reforms],
  };
  if (policy.version !== undefined) out.version = policy.version;
  const covenant: NonNullable<PolicySummary['covenant']> = [];
  for (const [parameter, p] of Object.entries(policy.parameters)) {
    if (p.covenant !== undefined) covenant.push({ parameter, value: p.value, reference: p.covenant });
  }
  if (covenant.length) out.covenant = covenant;
  return out;
}

export interface TallyResult<C = unknown> {
  body: BodyId;
  matter: string | null;
  /**
   * The policy pack (id, version and title), the date its rules were read at, reforms applied, and
   * the estate's covenant choices (each parameter its 议事规则 or 管理规约 set, and where).
   */
  policy: PolicySummary;
  /** null when the body has no quorum rule (e.g. 三会, which are recorded only). */
  quorumMet: boolean | null;
  /** null when the body records opinions without deciding (三会). */
  passed: boolean | null;
  outcome: Outcome;
  counts: C;
  explanation: Explanation;
}
