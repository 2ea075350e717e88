import { z } from 'zod';

/**
 * Matters the owners decide jointly (民法典 第278条第1款, items 1–9), under the identifiers the
 * CLI and file formats use.
 */
export const Matter = z.enum([
  'rulesOfProcedure', // (一) 制定和修改业主大会议事规则
  'managementCovenant', // (二) 制定和修改管理规约
  'electCommittee', // (三) 选举业主委员会或者更换业主委员会成员
  'hireManager', // (四) 选聘和解聘物业服务企业或者其他管理人
  'useMaintenanceFund', // (五) 使用建筑物及其附属设施的维修资金
  'raiseMaintenanceFund', // (六) 筹集建筑物及其附属设施的维修资金
  'rebuild', // (七) 改建、重建建筑物及其附属设施
  'changeCommonUse', // (八) 改变共有部分的用途或者利用共有部分从事经营活动
  'otherMajor', // (九) 有关共有和共同管理权利的其他重大事项 (司法解释 第7条: incl. 处分共有部分)
]);
export type Matter = z.infer<typeof Matter>;

export const MATTERS: readonly Matter[] = Matter.options;

export const MATTER_LABELS: Record<Matter, { 'zh-CN': string; en: string }> = {
  rulesOfProcedure: {
    'zh-CN': '制定和修改业主大会议事规则',
    en: 'Rules of procedure of the owners’ assembly',
  },
  managementCovenant: { 'zh-CN': '制定和修改管理规约', en: 'Management covenant' },
  electCommittee: {
    'zh-CN': '选举业主委员会或者更换业主委员会成员',
    en: 'Electing or replacing the owners’ committee',
  },
  hireManager: {
    'zh-CN': '选聘和解聘物业服务企业或者其他管理人',
    en: 'Hiring or dismissing the property manager',
  },
  useMaintenanceFund: { 'zh-CN': '使用建筑物及其附属设施的维修资金', en: 'Using the maintenance fund' },
  raiseMaintenanceFund: { 'zh-CN': '筹集建筑物及其附属设施的维修资金', en: 'Raising the maintenance fund' },
  rebuild: { 'zh-CN': '改建、重建建筑物及其附属设施', en: 'Rebuilding or reconstruction' },
  changeCommonUse: {
    'zh-CN': '改变共有部分的用途或者利用共有部分从事经营活动',
    en: 'Changing the use of common parts or running a business on them',
  },
  otherMajor: {
    'zh-CN': '有关共有和共同管理权利的其他重大事项',
    en: 'Other major matters of common ownership',
  },
};
