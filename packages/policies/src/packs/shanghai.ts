import { atLeast, extendPack, MAJORITY, type PolicyPack, parsePolicyPack } from '@yishi/core';
import { cnNational } from './cnNational.js';

const SH = '上海市住宅物业管理规定（2020-12-30 修正）';
const SH_NOTE = 'Effective date of the 2020 amendment is UNVERIFIED (RULES.md A9); 2021-01-01 is assumed.';
/** The 2010 revision, in force from 2011-04-01 (its 第九十五条) until the 2020 amendment. */
const SH2010 = '上海市住宅物业管理规定（2010-12-23 修订，2011-04-01 施行）';
const SH2010_NOTE =
  'Read from the 2010 text as printed after the 2018-11-22 amendment (the copy in hand lists that amendment ' +
  'and names departments created in 2018). Whether the 2018 amendment changed this article, and from when, ' +
  'is UNVERIFIED: the sources do not hold the amendment itself.';
/** Values from the 2010 text: in force 2011-04-01 → 2020-12-31, marked unverified (see SH2010_NOTE). */
const from2010 = (value: unknown, reference: string, note?: string) => ({
  '2011-04-01': {
    value,
    reference: `${SH2010} ${reference}`,
    basis: 'unverified' as const,
    note: note ? `${note} ${SH2010_NOTE}` : SH2010_NOTE,
  },
});
/** The matters 第69条 lets the owners of partly shared parts decide (both texts). */
const SUBSET_MATTERS = ['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild'];
const SUBSET_MATTERS_NOTE =
  '第69条 covers the repair, renewal and reconstruction (维修、更新和改造) of the parts some owners share. ' +
  'yishi has no separate matter for a repair: 第68条第2款 pays it from the maintenance fund, so a repair ' +
  'decision is useMaintenanceFund; rebuild is 改建、重建 (reconstruction); raiseMaintenanceFund raises the ' +
  'fund for those parts. Every other matter is a joint decision of all owners (民法典 第278条).';

/**
 * Shanghai: the national pack plus Shanghai's procedure — 15-day notice, written proxies, votes by
 * the owners of one building's shared parts (第69条), owners' committee meetings (第26条), and the
 * residents' committee acting where there is no owners' committee (居委会工作条例 第20条).
 *
 * Two texts of the 住宅物业管理规定: the 2010 revision from 2011-04-01 (assembly quorum over half
 * by area and headcount, approval over the TOTALS as in 物权法 第76条, subset votes ≥ 2/3 of the
 * subset's totals for repairs), and the 2020 amendment from 2021-01-01 (the Civil Code's lines).
 * The villagers' representative meeting has its 10-day notice (上海 实施办法 第18条).
 */
export const shanghai: PolicyPack = parsePolicyPack(
  extendPack(cnNational, {
    id: 'shanghai',
    version: '2026.1',
    title: { 'zh-CN': '上海市', en: 'Shanghai' },
    description: {
      'zh-CN': '在全国规则基础上，适用上海市住宅物业管理规定与上海市居民委员会工作条例。',
      en: 'National rules plus the Shanghai residential property regulation and residents’ committee regulation.',
    },
    jurisdiction: 'CN-SH',
    parameters: {
      'ownersAssembly.quorum': {
        values: {
          ...from2010(
            { area: MAJORITY, headcount: MAJORITY },
            '第18条第1款：业主大会会议应当有专有部分占建筑物总面积过半数的业主且占总人数过半数的业主参加',
          ),
        },
      },
      'ownersAssembly.specialMatters': {
        values: {
          ...from2010(
            ['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild'],
            '第18条第2款：筹集和使用专项维修资金，或者改建、重建建筑物及其附属设施',
          ),
        },
      },
      'ownersAssembly.approval.special': {
        values: {
          ...from2010(
            { area: atLeast(2, 3), headcount: atLeast(2, 3), base: 'all' },
            '第18条第2款：专有部分占建筑物总面积三分之二以上的业主且占总人数三分之二以上的业主同意',
          ),
        },
      },
      'ownersAssembly.approval.ordinary': {
        values: {
          ...from2010(
            { area: MAJORITY, headcount: MAJORITY, base: 'all' },
            '第18条第2款：专有部分占建筑物总面积过半数的业主且占总人数过半数的业主同意',
          ),
        },
      },
      'ownersAssembly.noticeDays': {
        values: {
          ...from2010(
            15,
            '第25条要求事先书面通知，未另定天数；适用 物业管理条例 第14条：会议召开15日以前通知全体业主',
          ),
          '2021-01-01': {
            value: 15,
            reference: `物业管理条例 第14条（${SH} 未另定天数，第25条要求提前书面通知）`,
            note: SH_NOTE,
          },
        },
      },
      'ownersAssembly.proxyRequiresWrittenAuthorisation': {
        values: {
          ...from2010(
            true,
            '第18条第3款：代理人应当持业主书面委托书并依据委托人对所议事项的意见进行投票表决',
          ),
          '2021-01-01': {
            value: true,
            reference: `${SH} 第18条：委托须书面授权，按业主意愿表决`,
            note: SH_NOTE,
          },
        },
      },
      'ownersAssembly.convenerWithoutCommittee': {
        values: {
          '2020-05-14': {
            value: 'residentsCommittee',
            reference: '上海市居民委员会工作条例 第20条：无法选举业委会时，居委会在街道指导下组织业主决定',
          },
        },
      },
      'buildingSubsetVote.allowed': {
        values: {
          ...from2010(true, '第69条：物业部分共用部分的维修、更新和改造应当由部分共用的业主决定'),
          '2021-01-01': {
            value: true,
            reference: `${SH} 第69条：部分共用部分由该部分业主决定`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.matters': {
        description: 'The matters a building subset decides alone (上海规定 第69条); any other is refused.',
        values: {
          ...from2010(SUBSET_MATTERS, '第69条：部分共用部分的维修、更新和改造', SUBSET_MATTERS_NOTE),
          '2021-01-01': {
            value: SUBSET_MATTERS,
            reference: `${SH} 第69条：部分共用部分的维修、更新和改造，含筹集专项维修资金、改建重建`,
            note: `${SUBSET_MATTERS_NOTE} ${SH_NOTE}`,
          },
        },
      },
      'buildingSubsetVote.quorum': {
        values: {
          ...from2010(null, '第69条：未规定参与表决门槛；同意以部分共用部分建筑物总面积和总人数计'),
          '2021-01-01': {
            value: { area: atLeast(2, 3), headcount: atLeast(2, 3) },
            reference: `${SH} 第69条：该部分专有部分面积三分之二以上且人数三分之二以上的业主参与表决`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.specialMatters': {
        values: {
          ...from2010(
            SUBSET_MATTERS,
            '第69条：维修、更新和改造须专有部分占部分共用部分建筑物总面积三分之二以上且占总人数三分之二以上的业主同意',
            'Raising the fund for the repair is read as part of the repair decision (the stricter line; 第18条 also puts 筹集和使用 together).',
          ),
          '2021-01-01': {
            value: ['raiseMaintenanceFund', 'rebuild'],
            reference: `${SH} 第69条：筹集维修资金、改建重建须四分之三以上`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.approval.special': {
        values: {
          ...from2010(
            { area: atLeast(2, 3), headcount: atLeast(2, 3), base: 'all' },
            '第69条：专有部分占部分共用部分建筑物总面积三分之二以上的业主且占部分共用部分总人数三分之二以上的业主同意',
          ),
          '2021-01-01': {
            value: { area: atLeast(3, 4), headcount: atLeast(3, 4), base: 'participants' },
            reference: `${SH} 第69条`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.approval.ordinary': {
        values: {
          ...from2010(
            { area: MAJORITY, headcount: MAJORITY, base: 'all' },
            '第69条：其他决定事项，应当经专有部分占部分共用部分建筑物总面积过半数的业主且占部分共用部分总人数过半数的业主同意',
          ),
          '2021-01-01': {
            value: { area: MAJORITY, headcount: MAJORITY, base: 'participants' },
            reference: `${SH} 第69条`,
            note: SH_NOTE,
          },
        },
      },
      'ownersCommitteeMeeting.quorum': {
        values: {
          ...from2010(
            { threshold: MAJORITY, base: 'members' },
            '第26条第2款：业主委员会会议应当有全体委员过半数出席，委员不得委托他人出席',
          ),
          '2021-01-01': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: `${SH} 第26条：过半数委员出席，不得委托`,
            note: SH_NOTE,
          },
        },
      },
      'ownersCommitteeMeeting.approval': {
        values: {
          ...from2010(
            { threshold: MAJORITY, base: 'members' },
            '第26条第3款：业主委员会作出决定应当经全体委员过半数签字同意',
          ),
          '2021-01-01': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: `${SH} 第26条：决定须经全体委员过半数签字同意`,
            note: SH_NOTE,
          },
        },
      },
      'villagerRepresentativesMeeting.noticeDays': {
        values: {
          '2020-05-14': {
            value: 10,
            reference:
              '上海市实施《村民委员会组织法》办法（2020-05-14 修正）第18条第4款：村民委员会应当在村民代表会议召开十日以前通知村民代表并公布会议议题和议程',
            note: 'The text in hand is the 2020-05-14 amendment of the 2017 revision; whether the 2017 text already set 10 days is UNVERIFIED, so earlier dates have no value. The national law (村民委员会组织法 第26条) sets no notice for this meeting.',
          },
        },
      },
    },
  }),
  'shanghai',
);
