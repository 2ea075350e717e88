import { defineReform, setParameter } from '@yishi/core';

/** V9: Beijing-style agenda lock and fixed announcement deadline instead of "及时". */
export const v9BeijingAnnouncement = defineReform(
  {
    id: 'v9-beijing-announcement',
    variant: 'V9',
    title: { 'zh-CN': '议程锁定与三日内公告（北京）', en: 'Agenda lock and 3-day announcement (Beijing)' },
    description: {
      'zh-CN': '不得对未公告的事项表决；决定须在3日内公告（北京市物业管理条例 第35、37条）。',
      en: 'No vote on items not posted with the notice; decisions posted within 3 days (Beijing regulation arts. 35, 37).',
    },
  },
  (d) => {
    const o = { reference: '北京市物业管理条例（2024）第35、37条（模拟）' };
    setParameter(d, 'ownersAssembly.agendaLock', true, o);
    setParameter(d, 'ownersAssembly.resultPostingDays', 3, o);
  },
);
