import { defineReform, setParameter } from '@yishi/core';

/** V4 (送达视为参与): every owner served a ballot counts as taking part. */
export const v4bDeliveredCounts = defineReform(
  {
    id: 'v4b-delivered-counts-as-participation',
    variant: 'V4',
    title: { 'zh-CN': '送达视为参与表决', en: 'Delivery counts as participation' },
    description: {
      'zh-CN': '表决票送达即视为参与表决：未投票者计入参与表决，但不计入同意。',
      en: 'A delivered ballot counts as participation: non-voters count towards the quorum but not as approving.',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.nonVoters', 'deliveredCountsAsParticipation', {
      reference: '管理规约或议事规则约定（模拟，RULES.md V4）',
      basis: 'unverified',
    });
  },
);
