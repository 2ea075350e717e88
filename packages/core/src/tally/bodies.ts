import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import type { ParameterName } from '../policy/parameters.js';
import { param, type ResolvedPolicy } from '../policy/resolve.js';
import type { MeetingRecord } from '../registry/ballots.js';
import {
  isAdultOn,
  type MemberRegistry,
  type ResidentRegistry,
  type VillagerRegistry,
} from '../registry/people.js';
import { checkGroupRepresentatives } from './groupRepresentatives.js';
import type { MeetingCounts, QuorumBase } from './meeting.js';
import { tallyHeadcountBody } from './meeting.js';
import { checkSignIn, checkVotes } from './recordChecks.js';
import { type BodyId, policySummary, type TallyResult } from './result.js';

function checkPresent(record: MeetingRecord, known: ReadonlyMap<string, unknown>, what: string): Set<string> {
  return checkSignIn(record, { known, what });
}

export type ResidentsMeetingBase = 'adults' | 'households' | 'groupRepresentatives';

/**
 * 居民会议 (居委会组织法 第9条): attended by all adult residents, one representative per household,
 * or 2–3 representatives per residents' group; more than half of the base must attend, and a
 * decision needs more than half of those present.
 */
export function tallyResidentsMeeting(input: {
  registry: ResidentRegistry;
  record: MeetingRecord;
  policy: ResolvedPolicy;
  base?: ResidentsMeetingBase;
}): TallyResult<MeetingCounts> {
  const { registry, record, policy } = input;
  const base = input.base ?? param(policy, 'residentsMeeting.defaultBase').value;
  const byId = new Map(registry.residents.map((r) => [r.id, r]));
  const present = checkPresent(record, byId, 'a resident in the registry');
  const issues: YishiIssue[] = [];
  let eligible: number;
  let attending: number;
  let labels: Pick<QuorumBase, 'partLabel' | 'wholeLabel'>;
  if (base === 'adults') {
    eligible = registry.residents.filter((r) => isAdultOn(r, record.date)).length;
    [...present].forEach((id) => {
      if (!isAdultOn(byId.get(id)!, record.date)) {
        issues.push({
          path: 'present',
          field: 'present',
          message: `"${id}" is under 18 on ${record.date}`,
          received: id,
        });
      }
    });
    attending = present.size;
    labels = {
      partLabel: { 'zh-CN': '到会的十八周岁以上居民', en: 'adult residents present' },
      wholeLabel: { 'zh-CN': '本居住地区十八周岁以上居民', en: 'adult residents' },
    };
  } else if (base === 'households') {
    eligible = new Set(registry.residents.map((r) => r.household)).size;
    const seen = new Map<string, string>();
    for (const id of present) {
      const hh = byId.get(id)!.household;
      const other = seen.get(hh);
      if (!isAdultOn(byId.get(id)!, record.date)) {
        // 居委会组织法 第9条: the meeting is of residents aged 18 and over, by whichever base.
        issues.push({
          path: 'present',
          field: 'present',
          message: `"${id}" is under 18 on ${record.date} and cannot represent household "${hh}"`,
          received: id,
        });
      } else if (other !== undefined) {
        issues.push({
          path: 'present',
          field: 'present',
          message: `"${id}" and "${other}" both represent household "${hh}"; one representative per household`,
          received: id,
        });
      } else seen.set(hh, id);
    }
    attending = seen.size;
    labels = {
      partLabel: { 'zh-CN': '到会的户代表', en: 'household representatives present' },
      wholeLabel: { 'zh-CN': '全部户数', en: 'households' },
    };
  } else {
    const reps = registry.residents.filter((r) => r.roles.includes('residentsGroupRepresentative'));
    eligible = reps.length;
    for (const id of present) {
      if (!byId.get(id)!.roles.includes('residentsGroupRepresentative')) {
        issues.push({
          path: 'present',
          field: 'present',
          message: `"${id}" is not a representative elected by a residents' group`,
          received: id,
        });
      }
    }
    attending = present.size;
    labels = {
      partLabel: { 'zh-CN': '到会的居民小组代表', en: 'residents’ group representatives present' },
      wholeLabel: { 'zh-CN': '各居民小组推选的代表', en: 'residents’ group representatives' },
    };
  }
  if (issues.length > 0) {
    throw new YishiError(
      'ATTENDANCE_UNKNOWN_PERSON',
      `${issues.length} sign-in(s) rejected: ${issues[0]!.message}`,
      issues,
    );
  }
  // 第9条: each residents' group sends two or three representatives, all aged 18 and over.
  if (base === 'groupRepresentatives') checkGroupRepresentatives(registry, record.date);
  return tallyHeadcountBody({
    body: 'residentsMeeting',
    policy,
    record,
    presentIds: present,
    quorum: {
      mode: 'single',
      bases: [
        {
          id: `quorum.${base}`,
          parameter: 'residentsMeeting.quorum',
          present: attending,
          eligible,
          ...labels,
        },
      ],
    },
    approvalParameter: 'residentsMeeting.approval',
    eligible,
    rule: { id: 'residentsMeeting', reference: '城市居民委员会组织法 第9条' },
    extraCounts: { base },
  });
}

type VillageBody = 'villagersMeeting' | 'villagersGroupMeeting';

/**
 * 村民会议 (村民委员会组织法 第22条): more than half of adult villagers, or at least two thirds of
 * households' representatives (either suffices); 村民小组会议 (第28条): two thirds of the group's
 * adults or of its households. Decisions need more than half of those present.
 */
export function tallyVillagersMeeting(input: {
  registry: VillagerRegistry;
  record: MeetingRecord;
  policy: ResolvedPolicy;
  /** For a villagers' group meeting: the group. */
  villagersGroup?: string;
}): TallyResult<MeetingCounts> {
  const { record, policy } = input;
  const body: VillageBody = input.villagersGroup === undefined ? 'villagersMeeting' : 'villagersGroupMeeting';
  const villagers =
    input.villagersGroup === undefined
      ? input.registry.villagers
      : input.registry.villagers.filter((v) => v.villagersGroup === input.villagersGroup);
  if (villagers.length === 0) {
    throw new YishiError('EMPTY_ELECTORATE', `no villager belongs to group "${input.villagersGroup}"`, [
      { field: 'villagersGroup', message: 'no villager in this group', received: input.villagersGroup ?? '' },
    ]);
  }
  const byId = new Map(villagers.map((v) => [v.id, v]));
  const present = checkPresent(
    record,
    byId,
    body === 'villagersMeeting' ? 'a villager' : 'a villager of this group',
  );
  // 村民委员会组织法 第21条: the villagers' meeting is of villagers aged 18 and over; a minor can
  // neither attend as a household's representative nor vote.
  const minors = [...present].filter((id) => !isAdultOn(byId.get(id)!, record.date));
  if (minors.length > 0) {
    throw new YishiError(
      'ATTENDANCE_UNKNOWN_PERSON',
      `${minors.length} sign-in(s) rejected: "${minors[0]}" is under 18 on ${record.date}`,
      minors.map((id) => ({
        path: 'present',
        field: 'present',
        message: `"${id}" is under 18 on ${record.date}`,
        received: id,
      })),
    );
  }
  const adults = villagers.filter((v) => isAdultOn(v, record.date));
  const adultsPresent = present.size;
  const households = new Set(villagers.map((v) => v.household)).size;
  const householdsPresent = new Set([...present].map((id) => byId.get(id)!.household)).size;
  const mode = param(policy, `${body}.quorumMode`).value;
  const bases: QuorumBase[] = [];
  if (mode !== 'householdsOnly') {
    bases.push({
      id: 'quorum.adults',
      parameter: `${body}.quorum.adults`,
      present: adultsPresent,
      eligible: adults.length,
      partLabel: { 'zh-CN': '到会的十八周岁以上村民', en: 'adult villagers present' },
      wholeLabel: { 'zh-CN': '十八周岁以上村民', en: 'adult villagers' },
    });
  }
  if (mode !== 'adultsOnly') {
    bases.push({
      id: 'quorum.households',
      parameter: `${body}.quorum.households`,
      present: householdsPresent,
      eligible: households,
      partLabel: { 'zh-CN': '到会代表的户数', en: 'households represented' },
      wholeLabel: { 'zh-CN': '全部户数', en: 'households' },
    });
  }
  for (const b of bases) b.threshold = param(policy, b.parameter).value as never;
  return tallyHeadcountBody({
    body,
    policy,
    record,
    presentIds: present,
    quorum: {
      mode: mode === 'either' ? 'either' : mode === 'both' ? 'both' : 'single',
      bases,
      modeParameter: `${body}.quorumMode`,
    },
    approvalParameter: `${body}.approval`,
    eligible: adults.length,
    rule: {
      id: body,
      reference: body === 'villagersMeeting' ? '村民委员会组织法 第22条' : '村民委员会组织法 第28条',
    },
    extraCounts: { adults: adults.length, adultsPresent, households, householdsPresent },
  });
}

/** Bodies with a fixed membership, and where their rules come from. */
const MEMBER_BODIES = {
  ownersCommitteeMeeting: { prefix: 'ownersCommitteeMeeting', reference: '上海市住宅物业管理规定 第26条' },
  villagerRepresentativesMeeting: {
    prefix: 'villagerRepresentativesMeeting',
    reference: '村民委员会组织法 第26条',
  },
  partyMembersCouncil: { prefix: 'partyMembersCouncil', reference: '实践做法（无法定门槛）' },
  buildingGroupMeeting: { prefix: 'buildingGroupMeeting', reference: '实践做法（无法定门槛）' },
  ownerRepresentativesMeeting: { prefix: 'ownerRepresentativesMeeting', reference: '实践做法（无法定门槛）' },
  residentRepresentativesMeeting: {
    prefix: 'residentRepresentativesMeeting',
    reference: '实践做法（无法定门槛）',
  },
} as const;

export type MemberBodyId = keyof typeof MEMBER_BODIES;
export const MEMBER_BODY_IDS = Object.keys(MEMBER_BODIES) as MemberBodyId[];

/**
 * A meeting of a body with fixed members: 业委会会议 (>1/2 of all members present; decisions
 * signed by >1/2 of all members), 村民代表会议 (≥2/3 of members; >1/2 of those present), and the
 * practice bodies (党员议事会, 楼组会议, 业主代表会议, 居民代表会议) whose lines are policy parameters.
 */
export function tallyMemberMeeting(input: {
  body: MemberBodyId;
  members: MemberRegistry;
  record: MeetingRecord;
  policy: ResolvedPolicy;
}): TallyResult<MeetingCounts> {
  const { record, policy } = input;
  const spec = MEMBER_BODIES[input.body];
  const inTerm = input.members.members.filter(
    (m) =>
      (m.termStart === undefined || m.termStart <= record.date) &&
      (m.termEnd === undefined || record.date <= m.termEnd),
  );
  const byId = new Map(inTerm.map((m) => [m.id, m]));
  const present = checkPresent(record, byId, `a member of the ${input.body} in office on ${record.date}`);
  const quorumName = `${spec.prefix}.quorum` as ParameterName;
  const quorumRule = param(policy, quorumName).value as { threshold: unknown } | null;
  return tallyHeadcountBody({
    body: input.body,
    policy,
    record,
    presentIds: present,
    quorum:
      quorumRule === null
        ? { mode: 'none', bases: [] }
        : {
            mode: 'single',
            bases: [
              {
                id: 'quorum.members',
                parameter: quorumName,
                present: present.size,
                eligible: inTerm.length,
                partLabel: { 'zh-CN': '到会成员', en: 'members present' },
                wholeLabel: { 'zh-CN': '全体成员', en: 'all members' },
              },
            ],
          },
    approvalParameter: `${spec.prefix}.approval` as ParameterName,
    eligible: inTerm.length,
    rule: { id: input.body, reference: spec.reference },
  });
}

export type DeliberationBodyId = 'hearing' | 'coordinationMeeting' | 'evaluationMeeting' | 'jointMeeting';

/**
 * 听证会、协调会、评议会 (居委会工作条例 第16–17条) and 居民区联席会议 (第23条): the law sets no
 * quorum, threshold or notice rule, so the meeting is recorded, its opinions kept, and any show of
 * hands counted for the record only. The result must be posted on the notice board (第17条).
 */
export function recordDeliberation(input: {
  body: DeliberationBodyId;
  record: MeetingRecord;
  policy: ResolvedPolicy;
}): TallyResult<MeetingCounts> {
  const { record, policy } = input;
  // No register and no threshold, but the record must still hold together: each person signed in
  // once, one vote each, and only from someone signed in — the checks the tallied bodies apply.
  const present = checkSignIn(record);
  const { counts, voted } = checkVotes(record, present);
  const reference =
    input.body === 'jointMeeting' ? '上海市居民委员会工作条例 第23条' : '上海市居民委员会工作条例 第16、17条';
  const body: BodyId = input.body;
  return {
    body,
    matter: null,
    policy: policySummary(policy),
    quorumMet: null,
    passed: null,
    outcome: 'recorded',
    counts: {
      eligible: present.size,
      present: present.size,
      ...counts,
      notVoted: present.size - voted.size,
      quorumMode: 'none',
      opinions: record.opinions.length,
    },
    explanation: {
      rule: { id: input.body, reference, basis: 'law' },
      parameters: [],
      lines: [],
      failures: [],
      notes: [
        {
          'zh-CN': '法律未规定该会议的法定人数、表决门槛或通知期限；会议情况须在公开栏公布（第17条）。',
          en: 'The law sets no quorum, threshold or notice for this meeting; what happened must be posted on the notice board (art. 17).',
        },
      ],
      summary: {
        'zh-CN': `已记录：到会 ${present.size} 人，意见 ${record.opinions.length} 条。`,
        en: `Recorded: ${present.size} present, ${record.opinions.length} opinion(s).`,
      },
    },
  };
}
