import { defineReform, setParameter } from '@yishi/core';

/** V5: spoiled ballots (废票) are left out of participation. */
export const v5cInvalidExcluded = defineReform(
  {
    id: 'v5c-invalid-excluded',
    variant: 'V5',
    title: { 'zh-CN': '废票不计入参与表决', en: 'Invalid ballots excluded from participation' },
    description: {
      'zh-CN': '无效票不计入参与表决的人数和面积。',
      en: 'Invalid ballots count neither towards participation nor as approval.',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.invalidBallots', 'excludedFromParticipation', {
      reference: 'RULES.md A4/V5（模拟）',
      basis: 'unverified',
    });
  },
);
