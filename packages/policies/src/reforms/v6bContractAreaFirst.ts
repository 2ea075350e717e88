import { defineReform, setParameter } from '@yishi/core';

/** V6: take the purchase-contract area before the register. */
export const v6bContractAreaFirst = defineReform(
  {
    id: 'v6b-contract-area-first',
    variant: 'V6',
    title: { 'zh-CN': '面积以合同记载为先', en: 'Contract area first' },
    description: {
      'zh-CN': '专有部分面积先取买卖合同记载的面积，其次实测面积，最后登记面积。',
      en: 'Take the area in the purchase contract first, then the surveyed area, then the register.',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.areaSourcePriority', ['contract', 'survey', 'register'], {
      reference: '司法解释 第8条“可以”的另一读法（模拟，RULES.md V6）',
      basis: 'unverified',
    });
  },
);
