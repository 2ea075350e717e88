import { atLeast, defineReform, MAJORITY, setParameter } from '@yishi/core';

const REF = '民法典 第278条第2款（模拟：溯及适用）';

/** V3: the Civil Code lines applied at every date, e.g. to re-count a 2019 vote under today's law. */
export const v3CivilCode = defineReform(
  {
    id: 'v3-civil-code-always',
    variant: 'V3',
    title: { 'zh-CN': '民法典规则适用于所有日期', en: 'Civil Code rules at every date' },
    description: {
      'zh-CN': '双三分之二参与门槛；第六至八项须参与者四分之三以上，其余须参与者过半数。',
      en: 'Double 2/3 participation; items 6–8 need 3/4 of participants, the rest more than half of participants.',
    },
  },
  (d) => {
    const o = { reference: REF };
    setParameter(d, 'ownersAssembly.quorum', { area: atLeast(2, 3), headcount: atLeast(2, 3) }, o);
    setParameter(
      d,
      'ownersAssembly.specialMatters',
      ['raiseMaintenanceFund', 'rebuild', 'changeCommonUse'],
      o,
    );
    setParameter(
      d,
      'ownersAssembly.approval.special',
      { area: atLeast(3, 4), headcount: atLeast(3, 4), base: 'participants' },
      o,
    );
    setParameter(
      d,
      'ownersAssembly.approval.ordinary',
      { area: MAJORITY, headcount: MAJORITY, base: 'participants' },
      o,
    );
  },
);
