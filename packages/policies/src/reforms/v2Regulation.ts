import { atLeast, defineReform, MAJORITY, moreThan, setParameter } from '@yishi/core';

const REF = '物业管理条例 第12条（2018）及上海规定（2010–2018）第18条（模拟）';

/** V2: the never-updated regulation — quorum over half of total; lines over the totals. */
export const v2Regulation = defineReform(
  {
    id: 'v2-regulation-art12',
    variant: 'V2',
    title: { 'zh-CN': '物业管理条例第12条规则', en: 'Property Management Regulation art. 12' },
    description: {
      'zh-CN':
        '须总面积和总人数过半数的业主参加；维修资金和改建重建须总数三分之二以上，其他事项须总数过半数。',
      en: 'More than half of total area and owners must take part; the fund and rebuilding need 2/3 of the totals, other matters more than half of the totals.',
    },
  },
  (d) => {
    const o = { reference: REF };
    setParameter(d, 'ownersAssembly.quorum', { area: moreThan(1, 2), headcount: moreThan(1, 2) }, o);
    setParameter(
      d,
      'ownersAssembly.specialMatters',
      ['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild'],
      o,
    );
    setParameter(
      d,
      'ownersAssembly.approval.special',
      { area: atLeast(2, 3), headcount: atLeast(2, 3), base: 'all' },
      o,
    );
    setParameter(
      d,
      'ownersAssembly.approval.ordinary',
      { area: MAJORITY, headcount: MAJORITY, base: 'all' },
      o,
    );
  },
);
