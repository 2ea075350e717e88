import { atLeast, extendPack, MAJORITY, type PolicyPack, parsePolicyPack } from '@yishi/core';
import { cnNational } from './cnNational.js';

const SH = '上海市住宅物业管理规定（2020-12-30 修正）';
const SH_NOTE = 'Effective date of the 2020 amendment is UNVERIFIED (RULES.md A9); 2021-01-01 is assumed.';

/**
 * Shanghai: the national pack plus Shanghai's procedure — 15-day notice, written proxies, votes by
 * the owners of one building's shared parts (第69条), owners' committee meetings (第26条), and the
 * residents' committee acting where there is no owners' committee (居委会工作条例 第20条).
 */
export const shanghai: PolicyPack = parsePolicyPack(
  extendPack(cnNational, {
    id: 'shanghai',
    title: { 'zh-CN': '上海市', en: 'Shanghai' },
    description: {
      'zh-CN': '在全国规则基础上，适用上海市住宅物业管理规定与上海市居民委员会工作条例。',
      en: 'National rules plus the Shanghai residential property regulation and residents’ committee regulation.',
    },
    jurisdiction: 'CN-SH',
    parameters: {
      'ownersAssembly.noticeDays': {
        values: {
          '2021-01-01': {
            value: 15,
            reference: `物业管理条例 第14条（${SH} 未另定天数，第25条要求提前书面通知）`,
            note: SH_NOTE,
          },
        },
      },
      'ownersAssembly.proxyRequiresWrittenAuthorisation': {
        values: {
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
          '2021-01-01': {
            value: true,
            reference: `${SH} 第69条：部分共用部分由该部分业主决定`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.quorum': {
        values: {
          '2021-01-01': {
            value: { area: atLeast(2, 3), headcount: atLeast(2, 3) },
            reference: `${SH} 第69条：该部分专有部分面积三分之二以上且人数三分之二以上的业主参与表决`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.specialMatters': {
        values: {
          '2021-01-01': {
            value: ['raiseMaintenanceFund', 'rebuild'],
            reference: `${SH} 第69条：筹集维修资金、改建重建须四分之三以上`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.approval.special': {
        values: {
          '2021-01-01': {
            value: { area: atLeast(3, 4), headcount: atLeast(3, 4), base: 'participants' },
            reference: `${SH} 第69条`,
            note: SH_NOTE,
          },
        },
      },
      'buildingSubsetVote.approval.ordinary': {
        values: {
          '2021-01-01': {
            value: { area: MAJORITY, headcount: MAJORITY, base: 'participants' },
            reference: `${SH} 第69条`,
            note: SH_NOTE,
          },
        },
      },
      'ownersCommitteeMeeting.quorum': {
        values: {
          '2021-01-01': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: `${SH} 第26条：过半数委员出席，不得委托`,
            note: SH_NOTE,
          },
        },
      },
      'ownersCommitteeMeeting.approval': {
        values: {
          '2021-01-01': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: `${SH} 第26条：决定须经全体委员过半数签字同意`,
            note: SH_NOTE,
          },
        },
      },
    },
  }),
  'shanghai',
);
