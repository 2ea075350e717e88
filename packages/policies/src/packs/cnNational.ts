import { atLeast, MAJORITY, type PolicyPack, parsePolicyPack } from '@yishi/core';

const TWO_THIRDS = atLeast(2, 3);
const THREE_QUARTERS = atLeast(3, 4);
const PROPERTY_LAW = '物权法 第76条（2007-10-01 施行，2021-01-01 废止）';
const CIVIL_CODE = '民法典 第278条第2款';
const INTERPRETATION = '最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释';
const PRACTICE = '实践做法，无法定门槛（参与式社区规划，上海市民政局 2020）';

/**
 * National rules: the Civil Code from 2021-01-01 and the Property Law (物权法 第76条) from
 * 2007-10-01 to 2020-12-31, so a lookup at a date gives the rules then in force.
 */
export const cnNational: PolicyPack = parsePolicyPack(
  {
    id: 'cn-national',
    version: '2026.1',
    title: { 'zh-CN': '全国（民法典 / 物权法）', en: 'National (Civil Code / Property Law)' },
    description: {
      'zh-CN':
        '民法典（2021-01-01 起）与物权法第76条（2007-10-01 至 2020-12-31）规定的业主共同决定规则，及居民、村民自治组织法。',
      en: 'Owners’ joint-decision rules of the Civil Code (from 2021-01-01) and Property Law art. 76 (2007-10-01 to 2020-12-31), and the residents’ and villagers’ committee organic laws.',
    },
    jurisdiction: 'CN',
    parameters: {
      'ownersAssembly.quorum': {
        description: 'Participation quorum (参与表决), by area and by headcount.',
        values: {
          '2007-10-01': { value: null, reference: `${PROPERTY_LAW}：未规定参与表决门槛` },
          '2021-01-01': { value: { area: TWO_THIRDS, headcount: TWO_THIRDS }, reference: CIVIL_CODE },
        },
      },
      'ownersAssembly.specialMatters': {
        values: {
          '2007-10-01': {
            value: ['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild'],
            reference: `${PROPERTY_LAW} 第2款：筹集和使用维修资金、改建重建`,
          },
          '2021-01-01': {
            value: ['raiseMaintenanceFund', 'rebuild', 'changeCommonUse'],
            reference: `${CIVIL_CODE}：第278条第1款第六项至第八项`,
          },
        },
      },
      'ownersAssembly.approval.special': {
        values: {
          '2007-10-01': {
            value: { area: TWO_THIRDS, headcount: TWO_THIRDS, base: 'all' },
            reference: `${PROPERTY_LAW} 第2款：专有部分占建筑物总面积三分之二以上且占总人数三分之二以上`,
          },
          '2021-01-01': {
            value: { area: THREE_QUARTERS, headcount: THREE_QUARTERS, base: 'participants' },
            reference: `${CIVIL_CODE}：参与表决专有部分面积四分之三以上且参与表决人数四分之三以上`,
          },
        },
      },
      'ownersAssembly.approval.ordinary': {
        values: {
          '2007-10-01': {
            value: { area: MAJORITY, headcount: MAJORITY, base: 'all' },
            reference: `${PROPERTY_LAW} 第2款：专有部分占建筑物总面积过半数且占总人数过半数`,
          },
          '2021-01-01': {
            value: { area: MAJORITY, headcount: MAJORITY, base: 'participants' },
            reference: `${CIVIL_CODE}：参与表决专有部分面积过半数且参与表决人数过半数`,
          },
        },
      },
      'ownersAssembly.nonVoters': {
        values: {
          '2007-10-01': { value: 'notCounted', reference: `${PROPERTY_LAW}（未参与表决者不计入同意）` },
          '2021-01-01': { value: 'notCounted', reference: `${CIVIL_CODE}（文义：只计参与表决者）` },
        },
      },
      'ownersAssembly.followMajorityFloor': {
        values: {
          '2007-10-01': {
            value: { area: MAJORITY, headcount: MAJORITY },
            reference: '浙江省物业管理条例（2009）第10条：计入后多数须超过总面积和总人数的二分之一',
            basis: 'unverified',
            note: 'Only read when a reform turns on 从众 (ownersAssembly.nonVoters = followMajority).',
          },
        },
      },
      'ownersAssembly.abstentions': {
        values: {
          '2007-10-01': {
            value: 'participatingNonApproval',
            reference: `${PROPERTY_LAW}（弃权不计入同意）`,
          },
          '2021-01-01': {
            value: 'participatingNonApproval',
            reference: `${CIVIL_CODE}（文义：同意须占参与表决者，弃权者已参与表决）`,
            note: 'Plain-text reading (RULES.md A4): an abstaining participant works like a "no".',
          },
        },
      },
      'ownersAssembly.invalidBallots': {
        values: {
          '2007-10-01': {
            value: 'participatingNonApproval',
            reference: 'RULES.md A4：废票是否计入参与表决存在争议',
            basis: 'unverified',
            note: 'Default: a spoiled ballot shows the owner took part; policy teams may exclude it (reform v5c).',
          },
        },
      },
      'ownersAssembly.developerCounting': {
        values: {
          '2007-10-01': {
            value: 'onePerson',
            reference: `${INTERPRETATION} 第9条（2009-10-01 施行前无明文，沿用）`,
            basis: 'unverified',
          },
          '2009-10-01': { value: 'onePerson', reference: `${INTERPRETATION} 第9条` },
        },
      },
      'ownersAssembly.areaSourcePriority': {
        values: {
          '2007-10-01': {
            value: ['register', 'survey', 'contract'],
            reference: `${INTERPRETATION} 第8条（2009-10-01 施行前无明文，沿用）`,
            basis: 'unverified',
          },
          '2009-10-01': { value: ['register', 'survey', 'contract'], reference: `${INTERPRETATION} 第8条` },
        },
      },
      'ownersAssembly.electronicVoting': {
        values: {
          '2007-10-01': {
            value: 'combined',
            reference: '法律未禁止电子投票；线上与线下表决合并计算（RULES.md V8）',
            basis: 'unverified',
            note: 'Whether and which electronic ballots count is left to the estate’s 议事规则 (a covenant choice).',
            choices: ['none', 'officialPlatformOnly', 'combined'],
          },
        },
      },
      'ownersAssembly.repeatBallot': {
        values: {
          '2007-10-01': {
            value: 'lastCounts',
            reference: '法律未规定；以截止前最后一次表决为准（电子投票平台通行做法，未核实）',
            basis: 'unverified',
            note: 'Every ballot is kept in the log; only which one counts is a parameter. The law leaves it to the estate: its 议事规则 may choose any of the three (a covenant choice).',
            choices: ['firstCounts', 'lastCounts', 'paperOverridesOnline'],
          },
        },
      },
      'ownersAssembly.noticeDays': {
        values: {
          '2003-09-01': { value: 15, reference: '物业管理条例 第14条：会议召开15日以前通知全体业主' },
        },
      },
      'ownersAssembly.proxyRequiresWrittenAuthorisation': {
        values: { '2003-09-01': { value: false, reference: '物业管理条例 第12条：业主可以委托代理人参加' } },
      },
      'proxy.organiserMayHold': {
        values: {
          '2003-09-01': {
            value: false,
            reference:
              '物业管理条例 第12条：业主可以委托代理人参加业主大会会议；未规定召集人、业委会委员、居委会工作人员、物业服务企业能否受托（未核实）',
            basis: 'unverified',
            note: 'Default false: those who convene, run or count the vote do not also vote for owners (the self-proxy). An estate’s 议事规则 may decide otherwise.',
          },
        },
      },
      'ownersAssembly.convenerWithoutCommittee': {
        values: {
          '2003-09-01': { value: 'none', reference: '物业管理条例 第15条：业主委员会召集', basis: 'law' },
        },
      },
      'ownersAssembly.agendaLock': {
        values: {
          '2003-09-01': {
            value: false,
            reference: '全国规定未明文禁止对未公告事项表决（RULES.md V9）',
            basis: 'unverified',
          },
        },
      },
      'ownersAssembly.resultPostingDays': {
        values: {
          '2003-09-01': { value: null, reference: '物业管理条例：及时公告，未规定天数', basis: 'law' },
        },
      },
      'buildingSubsetVote.allowed': {
        values: {
          '2003-09-01': {
            value: false,
            reference: '全国法律未规定部分业主单独表决；由全体业主共同决定（RULES.md V11）',
            basis: 'unverified',
          },
        },
      },
      'residentsMeeting.defaultBase': {
        values: { '1990-01-01': { value: 'adults', reference: '城市居民委员会组织法 第9条' } },
      },
      'residentsMeeting.quorum': {
        values: {
          '1990-01-01': {
            value: { threshold: MAJORITY, base: 'eligible' },
            reference:
              '城市居民委员会组织法 第9条：须有全体十八周岁以上居民、户的代表或居民小组代表的过半数出席',
          },
        },
      },
      'residentsMeeting.approval': {
        values: {
          '1990-01-01': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: '城市居民委员会组织法 第9条：决定须经到会人员的过半数通过',
          },
        },
      },
      'villagersMeeting.quorum.adults': {
        values: {
          '2010-10-28': {
            value: MAJORITY,
            reference: '村民委员会组织法 第22条：本村十八周岁以上村民的过半数',
          },
        },
      },
      'villagersMeeting.quorum.households': {
        values: {
          '2010-10-28': {
            value: TWO_THIRDS,
            reference: '村民委员会组织法 第22条：本村三分之二以上的户的代表',
          },
        },
      },
      'villagersMeeting.quorumMode': {
        values: { '2010-10-28': { value: 'either', reference: '村民委员会组织法 第22条：“或者”' } },
      },
      'villagersMeeting.approval': {
        values: {
          '2010-10-28': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: '村民委员会组织法 第22条：所作决定应当经到会人员的过半数通过',
          },
        },
      },
      'villagersMeeting.noticeDays': {
        values: { '2010-10-28': { value: 10, reference: '村民委员会组织法 第21条：会议召开十日前通知' } },
      },
      'villagerRepresentativesMeeting.quorum': {
        values: {
          '2010-10-28': {
            value: { threshold: TWO_THIRDS, base: 'members' },
            reference: '村民委员会组织法 第26条：有三分之二以上的组成人员参加方可召开',
          },
        },
      },
      'villagerRepresentativesMeeting.approval': {
        values: {
          '2010-10-28': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: '村民委员会组织法 第26条：所作决定应当经到会人员的过半数同意',
          },
        },
      },
      'villagersGroupMeeting.quorum.adults': {
        values: {
          '2010-10-28': {
            value: TWO_THIRDS,
            reference: '村民委员会组织法 第28条：十八周岁以上的村民三分之二以上',
          },
        },
      },
      'villagersGroupMeeting.quorum.households': {
        values: {
          '2010-10-28': { value: TWO_THIRDS, reference: '村民委员会组织法 第28条：三分之二以上户的代表' },
        },
      },
      'villagersGroupMeeting.quorumMode': {
        values: { '2010-10-28': { value: 'either', reference: '村民委员会组织法 第28条：“或者”' } },
      },
      'villagersGroupMeeting.approval': {
        values: {
          '2010-10-28': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: '村民委员会组织法 第28条：所作决定应当经到会人员的过半数同意',
          },
        },
      },
      'partyMembersCouncil.quorum': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'partyMembersCouncil.approval': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'buildingGroupMeeting.quorum': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'buildingGroupMeeting.approval': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'ownerRepresentativesMeeting.quorum': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'ownerRepresentativesMeeting.approval': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'residentRepresentativesMeeting.quorum': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'members' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'residentRepresentativesMeeting.approval': {
        values: {
          '2020-11-07': {
            value: { threshold: MAJORITY, base: 'present' },
            reference: PRACTICE,
            basis: 'practice',
          },
        },
      },
      'publicity.meetingResultDays': {
        values: {
          '2020-11-07': {
            value: 7,
            reference: 'RULES.md G4：自治金、微更新项目公示常见 5–7 天（街镇做法，未核实）',
            basis: 'unverified',
          },
        },
      },
    },
  },
  'cn-national',
);
