import { defineReform, setParameter } from '@yishi/core';

/** V4 (从众条款): non-voters' votes join the majority of those cast, if the floor is still met. */
export const v4aFollowMajority = defineReform(
  {
    id: 'v4a-follow-majority',
    variant: 'V4',
    title: { 'zh-CN': '从众条款：未投票视为随多数', en: 'Non-voters follow the majority' },
    description: {
      'zh-CN':
        '未参与表决的业主计入已表决的多数，但计入后多数须超过总面积和总人数的二分之一（浙江 2009 第10条）。',
      en: 'Owners who do not vote are added to the majority of votes cast, provided the result exceeds half of total area and owners (Zhejiang 2009 art. 10).',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.nonVoters', 'followMajority', {
      reference: '业主大会和业主委员会指导规则 第26条第2款；浙江省物业管理条例（2009）第10条（模拟）',
      basis: 'unverified',
    });
  },
);
