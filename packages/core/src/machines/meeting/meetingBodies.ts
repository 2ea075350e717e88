/**
 * Who may convene each body, which register it meets over, whether notice, proxies and a vote
 * apply, and which rule of the rules layer counts it. Numbers (notice days, quorum and approval
 * lines) are policy parameters, read by name; this table only says which parameter a body uses.
 *
 * - Notice: 业主大会 "15日以前" (物业管理条例 第14条, `ownersAssembly.noticeDays`); 村民会议
 *   "提前十天" (村民委员会组织法 第21条, `villagersMeeting.noticeDays`); 村民代表会议 "十日以前"
 *   where the policy sets `villagerRepresentativesMeeting.noticeDays` (上海 实施办法 第18条; the
 *   national law sets none). Other bodies have no statutory notice period and skip the notice step.
 * - Proxies: owners may send a proxy (物业管理条例 第12条; 上海规定 第18条 requires written
 *   authorisation when `ownersAssembly.proxyRequiresWrittenAuthorisation`); 业委会会议 takes none
 *   (上海规定 第26条); other bodies have no proxy rule, so none is recorded.
 * - 三会 and 联席会议 (居委会工作条例 第16–17、23条) have no quorum or vote: opinions are recorded.
 */
import type { Role } from '../../actor/actor.js';
import type { ParameterName } from '../../policy/parameters.js';
import type { BodyId } from '../../tally/result.js';

export type RegisterKind = 'units' | 'residents' | 'villagers' | 'members' | 'none';
export type TallyRule =
  | 'ownersAssembly'
  | 'residentsMeeting'
  | 'villagersMeeting'
  | 'memberMeeting'
  | 'deliberation';
type NoticeParameter = Extract<
  ParameterName,
  'ownersAssembly.noticeDays' | 'villagersMeeting.noticeDays' | 'villagerRepresentativesMeeting.noticeDays'
>;

export interface MeetingBodyRule {
  label: { 'zh-CN': string; en: string };
  register: RegisterKind;
  /** The rules-layer function that counts it (called by name in meetingTally.ts). */
  tally: TallyRule;
  noticeParameter: NoticeParameter | null;
  /**
   * Whether the notice rule applies only where the policy sets the parameter: the national law
   * sets no notice for a 村民代表会议, Shanghai does (实施办法 第18条), so without a value in force
   * the meeting has no notice step rather than being refused.
   */
  noticeOnlyWhereSet: boolean;
  proxies: boolean;
}

const rule = (
  zh: string,
  en: string,
  register: RegisterKind,
  tally: TallyRule,
  noticeParameter: NoticeParameter | null = null,
  proxies = false,
  noticeOnlyWhereSet = false,
): MeetingBodyRule => ({
  label: { 'zh-CN': zh, en },
  register,
  tally,
  noticeParameter,
  noticeOnlyWhereSet,
  proxies,
});

export const MEETING_BODIES: Readonly<Record<BodyId, MeetingBodyRule>> = {
  ownersAssembly: rule(
    '业主大会会议',
    "owners' assembly",
    'units',
    'ownersAssembly',
    'ownersAssembly.noticeDays',
    true,
  ),
  buildingSubsetVote: rule(
    '部分业主共同决定',
    'building-subset vote',
    'units',
    'ownersAssembly',
    'ownersAssembly.noticeDays',
    true,
  ),
  ownersCommitteeMeeting: rule('业委会会议', "owners' committee meeting", 'members', 'memberMeeting'),
  ownerRepresentativesMeeting: rule(
    '业主代表会议',
    "owners' representative meeting",
    'members',
    'memberMeeting',
    null,
    true,
  ),
  residentsMeeting: rule('居民会议', "residents' meeting", 'residents', 'residentsMeeting'),
  residentRepresentativesMeeting: rule(
    '居民代表会议',
    "resident representatives' meeting",
    'members',
    'memberMeeting',
  ),
  villagersMeeting: rule(
    '村民会议',
    "villagers' meeting",
    'villagers',
    'villagersMeeting',
    'villagersMeeting.noticeDays',
  ),
  villagerRepresentativesMeeting: rule(
    '村民代表会议',
    "villager representatives' meeting",
    'members',
    'memberMeeting',
    'villagerRepresentativesMeeting.noticeDays',
    false,
    true,
  ),
  villagersGroupMeeting: rule('村民小组会议', "villagers' group meeting", 'villagers', 'villagersMeeting'),
  partyMembersCouncil: rule('党员议事会', "party members' council", 'members', 'memberMeeting'),
  buildingGroupMeeting: rule('楼组会议', 'building-group meeting', 'members', 'memberMeeting'),
  hearing: rule('听证会', 'hearing', 'none', 'deliberation'),
  coordinationMeeting: rule('协调会', 'coordination meeting', 'none', 'deliberation'),
  evaluationMeeting: rule('评议会', 'evaluation meeting', 'none', 'deliberation'),
  jointMeeting: rule('居民区联席会议', 'joint meeting', 'none', 'deliberation'),
};

export const MEETING_BODY_IDS = Object.keys(MEETING_BODIES) as BodyId[];

/** Who convenes when there is no owners' committee (`ownersAssembly.convenerWithoutCommittee`). */
export type ConvenerWithoutCommittee = 'residentsCommittee' | 'subdistrict' | 'none';

/**
 * The roles that may convene `body` and run it (record sign-in, votes and results).
 * - 业主大会: the owners' committee (物业管理条例 第15条); without one, the residents' committee
 *   when the policy says so (居委会工作条例 第20条), or the sub-district office (街道/乡镇) where
 *   the policy gives it to them (上海规定 第25、32条: it convenes when the committee fails to);
 *   under 'none' nobody here may convene.
 * - 业主代表会议: the owners' committee, or the residents' committee where there is none (seed §三.3).
 * - 党员议事会: the party secretary. Everything else: the residents'/villagers' committee staff.
 */
export function convenersOf(
  body: BodyId,
  hasOwnersCommittee: boolean,
  withoutCommittee: ConvenerWithoutCommittee,
): Role[] {
  switch (body) {
    case 'ownersAssembly':
    case 'buildingSubsetVote':
      if (hasOwnersCommittee) return ['ownersCommittee'];
      if (withoutCommittee === 'residentsCommittee') return ['residentsCommitteeStaff'];
      return withoutCommittee === 'subdistrict' ? ['subdistrictStaff'] : [];
    case 'ownerRepresentativesMeeting':
      return hasOwnersCommittee ? ['ownersCommittee'] : ['residentsCommitteeStaff'];
    case 'ownersCommitteeMeeting':
      return ['ownersCommittee'];
    case 'partyMembersCouncil':
      return ['partySecretary'];
    case 'residentsMeeting':
    case 'residentRepresentativesMeeting':
    case 'villagersMeeting':
    case 'villagerRepresentativesMeeting':
    case 'villagersGroupMeeting':
    case 'buildingGroupMeeting':
    case 'hearing':
    case 'coordinationMeeting':
    case 'evaluationMeeting':
    case 'jointMeeting':
      return ['residentsCommitteeStaff'];
    default:
      return body satisfies never;
  }
}

/** Every role that convenes some body: the kind-level permission; guards narrow it per body. */
export const CONVENING_ROLES: readonly Role[] = [
  'residentsCommitteeStaff',
  'ownersCommittee',
  'partySecretary',
  'subdistrictStaff',
];
