import { defineReform, setParameter } from '@yishi/core';

/** V5: abstentions count as taking part and join the majority of votes cast. */
export const v5bAbstentionsFollowMajority = defineReform(
  {
    id: 'v5b-abstentions-follow-majority',
    variant: 'V5',
    title: { 'zh-CN': '弃权视为随多数', en: 'Abstentions follow the majority' },
    description: {
      'zh-CN': '弃权票计入参与表决，并计入已表决的多数一方。',
      en: 'Abstentions count as participation and are added to the majority of votes cast.',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.abstentions', 'followMajority', {
      reference: '部分管理规约的做法（模拟，RULES.md V5）',
      basis: 'unverified',
    });
  },
);
