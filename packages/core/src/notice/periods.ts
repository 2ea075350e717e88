/**
 * Every notice and publicity period the engine knows, as policy parameters: a value, its unit,
 * what it measures, the legal reference and how sure we are of it (basis). Policy packs refer to
 * these by name and may override a value; a reform is a new object, never an edit in place.
 *
 * basis: 'law' — the number is in the text of the cited article (copies in the project's sources);
 *        'practice' — common practice, no statute; 'unverified' — a believed default, check locally.
 *
 * All periods count natural days (民法典 第200–203条) unless `unit` says 'working'.
 */
import { z } from 'zod';
import { Localized, type PeriodSpec, PeriodUnit } from '../calendar/period.js';

export const PeriodBasis = z.enum(['law', 'practice', 'unverified']);
export type PeriodBasis = z.infer<typeof PeriodBasis>;

/**
 * What the days measure:
 * 'before' — given at least N days before an event (a meeting): check with `noticeSatisfied`;
 * 'for' — posted for N days (a 公示): its end from `periodEnd`;
 * 'within' — done within N days after an event (a decision): the deadline from `periodEnd`.
 */
export const PeriodMeasure = z.enum(['before', 'for', 'within']);
export type PeriodMeasure = z.infer<typeof PeriodMeasure>;

export const NoticePeriod = z.object({
  value: z.int().min(1),
  unit: PeriodUnit,
  measure: PeriodMeasure,
  /** The article the value comes from, e.g. '物业管理条例 第14条'. */
  reference: z.string().min(1),
  basis: PeriodBasis,
  label: Localized,
});
export type NoticePeriod = z.infer<typeof NoticePeriod>;

export const NoticePeriods = z.object({
  ownersAssemblyMeetingNotice: NoticePeriod,
  firstOwnersAssemblyPublicity: NoticePeriod,
  preparatoryGroupListPosting: NoticePeriod,
  ownersCommitteeListPosting: NoticePeriod,
  ownersCommitteeDecisionPosting: NoticePeriod,
  auditResultPublicity: NoticePeriod,
  villagersMeetingNotice: NoticePeriod,
  villagerRepresentativesMeetingNotice: NoticePeriod,
  planningDraftPublicity: NoticePeriod,
  participatoryMeetingResultPublicity: NoticePeriod,
  participatoryProjectPublicity: NoticePeriod,
});
export type NoticePeriods = z.infer<typeof NoticePeriods>;

const SH_PROPERTY = '上海市住宅物业管理规定(2020)';
const NO_STATUTE = '未见全市统一规定 (no city-wide rule found)';

export const NOTICE_PERIOD_DEFAULTS: NoticePeriods = {
  // "召开业主大会会议，应当于会议召开15日以前通知全体业主"
  ownersAssemblyMeetingNotice: {
    value: 15,
    unit: 'natural',
    measure: 'before',
    reference: '物业管理条例 第14条',
    basis: 'law',
    label: { 'zh-CN': '业主大会会议通知', en: "owners' assembly meeting notice" },
  },
  // "前款内容应当在首次业主大会会议召开十五日前在物业管理区域内公告"
  firstOwnersAssemblyPublicity: {
    value: 15,
    unit: 'natural',
    measure: 'before',
    reference: `${SH_PROPERTY} 第16条`,
    basis: 'law',
    label: { 'zh-CN': '首次业主大会会议材料公告', en: "first owners' assembly: materials posted" },
  },
  // "筹备组应当自成立之日起七日内，将成员名单在物业管理区域内公告"
  preparatoryGroupListPosting: {
    value: 7,
    unit: 'natural',
    measure: 'within',
    reference: `${SH_PROPERTY} 第15条`,
    basis: 'law',
    label: { 'zh-CN': '筹备组成员名单公告', en: 'preparatory group member list posted' },
  },
  // "筹备组应当自选举完成之日起三日内，在物业管理区域内公告…委员的名单"
  ownersCommitteeListPosting: {
    value: 3,
    unit: 'natural',
    measure: 'within',
    reference: `${SH_PROPERTY} 第21条`,
    basis: 'law',
    label: { 'zh-CN': '业委会委员名单公告', en: "owners' committee member list posted" },
  },
  // "在作出决定之日起三日内将会议情况以及决定事项在物业管理区域内公告"
  ownersCommitteeDecisionPosting: {
    value: 3,
    unit: 'natural',
    measure: 'within',
    reference: `${SH_PROPERTY} 第26条`,
    basis: 'law',
    label: { 'zh-CN': '业委会决定公告', en: "owners' committee decision posted" },
  },
  // "审计结果应当在物业管理区域内显著位置公告三十日"
  auditResultPublicity: {
    value: 30,
    unit: 'natural',
    measure: 'for',
    reference: `${SH_PROPERTY} 第67条`,
    basis: 'law',
    label: { 'zh-CN': '审计结果公告', en: 'audit results posted' },
  },
  // "召集村民会议，应当提前十天通知村民" (national); Shanghai 第13条: "提前十日通知村民并公布会议议题和议程"
  villagersMeetingNotice: {
    value: 10,
    unit: 'natural',
    measure: 'before',
    reference: '村民委员会组织法 第21条; 上海市实施《村民委员会组织法》办法 第13条',
    basis: 'law',
    label: { 'zh-CN': '村民会议通知', en: "villagers' meeting notice" },
  },
  // Shanghai 第18条: "应当在村民代表会议召开十日以前通知村民代表并公布会议议题和议程"
  villagerRepresentativesMeetingNotice: {
    value: 10,
    unit: 'natural',
    measure: 'before',
    reference: '上海市实施《村民委员会组织法》办法 第18条',
    basis: 'law',
    label: { 'zh-CN': '村民代表会议通知', en: "villagers' representative meeting notice" },
  },
  // 城乡规划法 第26条: 规划草案公告时间不得少于三十日; 上海市城乡规划条例 第23条 the same
  planningDraftPublicity: {
    value: 30,
    unit: 'natural',
    measure: 'for',
    reference: '城乡规划法 第26条; 上海市城乡规划条例 第23条',
    basis: 'law',
    label: { 'zh-CN': '规划草案公告', en: 'draft plan publicity' },
  },
  // No city-wide statute (RULES.md G4); street-level measures are believed to use 5–7 days.
  participatoryMeetingResultPublicity: {
    value: 7,
    unit: 'natural',
    measure: 'for',
    reference: NO_STATUTE,
    basis: 'unverified',
    label: { 'zh-CN': '参与式规划议事结果公示', en: 'participatory planning: meeting result publicity' },
  },
  participatoryProjectPublicity: {
    value: 7,
    unit: 'natural',
    measure: 'for',
    reference: NO_STATUTE,
    basis: 'unverified',
    label: { 'zh-CN': '参与式规划项目公示', en: 'participatory planning: project publicity' },
  },
};

/** The `{ days, unit }` that `periodEnd` and the notice machine take, from a period parameter. */
export function periodOf(p: Pick<NoticePeriod, 'value' | 'unit'>): PeriodSpec {
  return { days: p.value, unit: p.unit };
}
