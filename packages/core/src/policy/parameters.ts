import { z } from 'zod';
import { Threshold } from '../arith/threshold.js';
import { AreaSource } from '../registry/units.js';
import { Matter } from './matters.js';

/** A double line: a share of floor area and a share of owners (民法典 第278条第2款). */
export const DoubleThreshold = z.object({ area: Threshold, headcount: Threshold }).strict();
export type DoubleThreshold = z.infer<typeof DoubleThreshold>;

/**
 * An approval line and what it is a share of: the owners who took part (民法典, "参与表决") or all
 * owners (物权法 第76条, "专有部分占建筑物总面积…且占总人数").
 */
export const DoubleApproval = DoubleThreshold.extend({ base: z.enum(['participants', 'all']) }).strict();
export type DoubleApproval = z.infer<typeof DoubleApproval>;

/** A single line over people: quorum of members, or approval among those present. */
export const HeadcountRule = z
  .object({ threshold: Threshold, base: z.enum(['members', 'present', 'eligible']) })
  .strict();
export type HeadcountRule = z.infer<typeof HeadcountRule>;

const uniqueArray = <T extends z.ZodType>(item: T) =>
  z.array(item).superRefine((arr, ctx) => {
    const seen = new Set<unknown>();
    arr.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `"${String(v)}" is listed twice` });
      seen.add(v);
    });
  });

/**
 * Every parameter a policy pack may set, by dotted name, with the schema of its value. Rules read
 * parameters by these names only. A pack need not set all of them; reading one the pack does not
 * have in force is a `PARAMETER_NOT_IN_FORCE` error that names it.
 */
export const ParameterSchemas = {
  // ── 业主大会 owners' assembly ────────────────────────────────────────────────────────────
  /** Participation quorum; null where the law sets none (物权法 第76条). */
  'ownersAssembly.quorum': DoubleThreshold.nullable(),
  /** Matters that need the special majority (民法典 第278条第2款: items 6–8). */
  'ownersAssembly.specialMatters': uniqueArray(Matter),
  'ownersAssembly.approval.special': DoubleApproval,
  'ownersAssembly.approval.ordinary': DoubleApproval,
  /**
   * Owners who cast no ballot. `notCounted`: strict reading (民法典). `followMajority`: 从众条款,
   * their votes join the majority of those cast. `deliveredCountsAsParticipation`: 送达视为参与.
   */
  'ownersAssembly.nonVoters': z.enum(['notCounted', 'followMajority', 'deliveredCountsAsParticipation']),
  /** 从众 only applies if the enlarged majority still meets this share of the totals (浙江 2009 第10条). */
  'ownersAssembly.followMajorityFloor': DoubleThreshold.nullable(),
  /** 弃权: a participant who does not approve; excluded from participation; or joins the majority. */
  'ownersAssembly.abstentions': z.enum([
    'participatingNonApproval',
    'excludedFromParticipation',
    'followMajority',
  ]),
  /** 废票 (invalid ballots): disputed (RULES.md A4, UNVERIFIED). */
  'ownersAssembly.invalidBallots': z.enum(['participatingNonApproval', 'excludedFromParticipation']),
  /** 司法解释 第9条: the developer's unsold and undelivered units count as one person. */
  'ownersAssembly.developerCounting': z.enum(['onePerson', 'perUnit']),
  /** 司法解释 第8条: register, then survey, then contract. */
  'ownersAssembly.areaSourcePriority': uniqueArray(AreaSource).min(1),
  /** Which electronic ballots count (RULES.md V8). */
  'ownersAssembly.electronicVoting': z.enum(['none', 'officialPlatformOnly', 'combined']),
  /**
   * One vote per owner across all channels: when an owner's second ballot arrives before the
   * window closes, whether the first counts, the last counts, or a paper ballot overrides an online
   * one. Every ballot stays in the record either way.
   */
  'ownersAssembly.repeatBallot': z.enum(['firstCounts', 'lastCounts', 'paperOverridesOnline']),
  /** Days of notice before a meeting (物业管理条例 第14条: 15日以前). */
  'ownersAssembly.noticeDays': z.number().int().nonnegative(),
  /** A proxy must hold written authorisation (上海规定 第18条). */
  'ownersAssembly.proxyRequiresWrittenAuthorisation': z.boolean(),
  /**
   * Whether an organiser (owners'-committee member, residents'-committee staff, party secretary,
   * property manager) may hold an owner's proxy. No text read for this project settles it
   * (UNVERIFIED); the documented default is false: the people who run and count a vote do not
   * also vote for owners (the self-proxy).
   */
  'proxy.organiserMayHold': z.boolean(),
  /** Who convenes when there is no owners' committee (居委会工作条例 第20条). */
  'ownersAssembly.convenerWithoutCommittee': z.enum(['residentsCommittee', 'subdistrict', 'none']),

  /** Whether votes may only be held on items posted with the notice (Beijing 条例 第35条; RULES.md V9). */
  'ownersAssembly.agendaLock': z.boolean(),
  /** Days within which a decision must be posted; null where the rule says only "及时" (promptly). */
  'ownersAssembly.resultPostingDays': z.number().int().positive().nullable(),

  // ── 部分共用部分 building-subset vote (上海规定 第69条) ───────────────────────────────────────
  /** Whether a building's owners may decide its shared parts alone; if not, the whole estate votes. */
  'buildingSubsetVote.allowed': z.boolean(),
  /**
   * The matters a building subset decides alone: those 第69条 covers (repair, renewal and
   * reconstruction of the parts its owners share; raising or using the fund for them). Any other
   * matter is a whole-estate decision (民法典 第278条) and a subset vote on it is refused.
   */
  'buildingSubsetVote.matters': uniqueArray(Matter).min(1),
  'buildingSubsetVote.quorum': DoubleThreshold.nullable(),
  'buildingSubsetVote.specialMatters': uniqueArray(Matter),
  'buildingSubsetVote.approval.special': DoubleApproval,
  'buildingSubsetVote.approval.ordinary': DoubleApproval,

  // ── 业委会会议 owners' committee meeting (上海规定 第26条) ─────────────────────────────────────
  'ownersCommitteeMeeting.quorum': HeadcountRule,
  'ownersCommitteeMeeting.approval': HeadcountRule,

  // ── 居民会议 residents' meeting (居委会组织法 第9条) ───────────────────────────────────────
  'residentsMeeting.defaultBase': z.enum(['adults', 'households', 'groupRepresentatives']),
  'residentsMeeting.quorum': HeadcountRule,
  'residentsMeeting.approval': HeadcountRule,

  // ── 村民会议 / 村民代表会议 / 村民小组会议 (村民委员会组织法 第22、26、28条) ─────────────────────
  'villagersMeeting.quorum.adults': Threshold,
  'villagersMeeting.quorum.households': Threshold,
  'villagersMeeting.quorumMode': z.enum(['either', 'both', 'adultsOnly', 'householdsOnly']),
  'villagersMeeting.approval': HeadcountRule,
  'villagersMeeting.noticeDays': z.number().int().nonnegative(),
  'villagerRepresentativesMeeting.quorum': HeadcountRule,
  'villagerRepresentativesMeeting.approval': HeadcountRule,
  /** Days of notice to the representatives (上海 实施办法 第18条: 十日以前); the national law sets none. */
  'villagerRepresentativesMeeting.noticeDays': z.number().int().nonnegative(),
  'villagersGroupMeeting.quorum.adults': Threshold,
  'villagersGroupMeeting.quorum.households': Threshold,
  'villagersGroupMeeting.quorumMode': z.enum(['either', 'both', 'adultsOnly', 'householdsOnly']),
  'villagersGroupMeeting.approval': HeadcountRule,

  // ── practice bodies: no statutory quorum (basis: practice) ──────────────────────────────────
  'partyMembersCouncil.quorum': HeadcountRule.nullable(),
  'partyMembersCouncil.approval': HeadcountRule,
  'buildingGroupMeeting.quorum': HeadcountRule.nullable(),
  'buildingGroupMeeting.approval': HeadcountRule,
  'ownerRepresentativesMeeting.quorum': HeadcountRule.nullable(),
  'ownerRepresentativesMeeting.approval': HeadcountRule,
  'residentRepresentativesMeeting.quorum': HeadcountRule.nullable(),
  'residentRepresentativesMeeting.approval': HeadcountRule,

  // ── publicity (公示) ─────────────────────────────────────────────────────────────────────
  /** Days a meeting result or project is publicised in participatory planning (RULES.md G4, UNVERIFIED). */
  'publicity.meetingResultDays': z.number().int().positive(),
} as const;

export type ParameterName = keyof typeof ParameterSchemas;
export type ParameterValue<N extends ParameterName> = z.infer<(typeof ParameterSchemas)[N]>;

export const PARAMETER_NAMES = Object.keys(ParameterSchemas) as ParameterName[];

export function isParameterName(name: string): name is ParameterName {
  return Object.hasOwn(ParameterSchemas, name);
}
