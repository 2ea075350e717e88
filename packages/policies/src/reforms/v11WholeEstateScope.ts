import { defineReform, setParameter } from '@yishi/core';

/** V11: no building-subset vote; shared parts of one building are decided by the whole estate. */
export const v11WholeEstateScope = defineReform(
  {
    id: 'v11-whole-estate-scope',
    variant: 'V11',
    title: { 'zh-CN': '部分共用部分由全体业主表决', en: 'Whole estate votes on a building’s shared parts' },
    description: {
      'zh-CN': '不允许仅由该楼栋业主表决（上海规定 第69条的反事实），改由全体业主共同决定。',
      en: 'A building’s owners may not decide its shared parts alone (contrary to Shanghai art. 69); the whole estate votes.',
    },
  },
  (d) => {
    setParameter(d, 'buildingSubsetVote.allowed', false, {
      reference: '上海规定 第69条的反事实（模拟）',
      basis: 'unverified',
    });
  },
);
