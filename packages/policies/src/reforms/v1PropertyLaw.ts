import { atLeast, defineReform, MAJORITY } from '@yishi/core';

const REF = '物权法 第76条（模拟：2021 年后仍适用）';

/** V1: "what if the 2007 thresholds still applied?" — no quorum; lines over all owners. */
export const v1PropertyLaw = defineReform(
  {
    id: 'v1-property-law',
    variant: 'V1',
    title: { 'zh-CN': '物权法第76条规则继续适用', en: 'Property Law art. 76 still applies' },
    description: {
      'zh-CN':
        '无参与表决门槛；筹集和使用维修资金、改建重建须总面积和总人数三分之二以上；其他事项须总面积和总人数过半数。',
      en: 'No participation quorum; raising or using the fund and rebuilding need 2/3 of total area and of all owners; other matters more than half of the totals.',
    },
  },
  (d) => {
    const from = '2007-10-01';
    const set = (name: string, value: unknown) => {
      d.parameters[name] = { values: { [from]: { value, reference: REF, basis: 'law' } } };
    };
    set('ownersAssembly.quorum', null);
    set('ownersAssembly.specialMatters', ['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild']);
    set('ownersAssembly.approval.special', { area: atLeast(2, 3), headcount: atLeast(2, 3), base: 'all' });
    set('ownersAssembly.approval.ordinary', { area: MAJORITY, headcount: MAJORITY, base: 'all' });
  },
);
