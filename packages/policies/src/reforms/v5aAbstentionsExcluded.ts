import { defineReform, setParameter } from '@yishi/core';

/** V5: abstentions are left out of participation altogether. */
export const v5aAbstentionsExcluded = defineReform(
  {
    id: 'v5a-abstentions-excluded',
    variant: 'V5',
    title: { 'zh-CN': '弃权不计入参与表决', en: 'Abstentions excluded from participation' },
    description: {
      'zh-CN': '弃权票既不计入参与表决的人数和面积，也不计入同意。',
      en: 'Abstentions count neither towards participation nor as approval.',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.abstentions', 'excludedFromParticipation', {
      reference: 'RULES.md V5（模拟）',
      basis: 'unverified',
    });
  },
);
