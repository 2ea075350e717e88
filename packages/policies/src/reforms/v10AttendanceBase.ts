import { defineReform, setParameter } from '@yishi/core';

/** V10: residents' meetings by household representatives. */
export const v10aHouseholdBase = defineReform(
  {
    id: 'v10a-residents-household-base',
    variant: 'V10',
    title: { 'zh-CN': '居民会议以户代表为基数', en: 'Residents’ meeting by household' },
    description: {
      'zh-CN': '居民会议默认由每户派代表参加，法定人数按户数计算（居委会组织法 第9条所列方式之一）。',
      en: 'Residents’ meetings default to one representative per household (one of the bases of the organic law art. 9).',
    },
  },
  (d) => {
    setParameter(d, 'residentsMeeting.defaultBase', 'households', {
      reference: '城市居民委员会组织法 第9条（模拟）',
    });
  },
);

/** V10: the villagers' either-or quorum tightened to both bases. */
export const v10bVillageBothBases = defineReform(
  {
    id: 'v10b-village-both-bases',
    variant: 'V10',
    title: { 'zh-CN': '村民会议须同时满足两种基数', en: 'Village quorum on both bases' },
    description: {
      'zh-CN': '村民会议和村民小组会议须同时达到按人和按户的法定人数，而非任一即可。',
      en: 'Villagers’ and villagers’ group meetings must reach both the adult and the household quorum, not either.',
    },
  },
  (d) => {
    const o = { reference: '村民委员会组织法 第22、28条的反事实（模拟）', basis: 'unverified' as const };
    setParameter(d, 'villagersMeeting.quorumMode', 'both', o);
    setParameter(d, 'villagersGroupMeeting.quorumMode', 'both', o);
  },
);
