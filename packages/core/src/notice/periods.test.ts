import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chinaHolidays } from '../calendar/chinaHolidays.js';
import { noticeDeadline, noticeSatisfied } from '../calendar/noticeLeadTime.js';
import { periodEnd } from '../calendar/period.js';
import { NOTICE_PERIOD_DEFAULTS, NoticePeriods, periodOf } from './periods.js';

describe('NOTICE_PERIOD_DEFAULTS', () => {
  it('validates against its own schema and can be emitted as JSON Schema for other portals', () => {
    expect(NoticePeriods.parse(NOTICE_PERIOD_DEFAULTS)).toEqual(NOTICE_PERIOD_DEFAULTS);
    expect(
      NoticePeriods.safeParse({ ...NOTICE_PERIOD_DEFAULTS, auditResultPublicity: { value: 0 } }).success,
    ).toBe(false);
    const schema = z.toJSONSchema(NoticePeriods) as { required: string[] };
    expect(schema.required).toEqual(Object.keys(NOTICE_PERIOD_DEFAULTS));
  });

  it('holds the statutory numbers with their articles', () => {
    const table = Object.fromEntries(
      Object.entries(NOTICE_PERIOD_DEFAULTS).map(([k, p]) => [
        k,
        `${p.measure} ${p.value} ${p.unit} ${p.basis} | ${p.reference}`,
      ]),
    );
    expect(table).toEqual({
      ownersAssemblyMeetingNotice: 'before 15 natural law | 物业管理条例 第14条',
      firstOwnersAssemblyPublicity: 'before 15 natural law | 上海市住宅物业管理规定(2020) 第16条',
      preparatoryGroupListPosting: 'within 7 natural law | 上海市住宅物业管理规定(2020) 第15条',
      ownersCommitteeListPosting: 'within 3 natural law | 上海市住宅物业管理规定(2020) 第21条',
      ownersCommitteeDecisionPosting: 'within 3 natural law | 上海市住宅物业管理规定(2020) 第26条',
      auditResultPublicity: 'for 30 natural law | 上海市住宅物业管理规定(2020) 第67条',
      villagersMeetingNotice:
        'before 10 natural law | 村民委员会组织法 第21条; 上海市实施《村民委员会组织法》办法 第13条',
      villagerRepresentativesMeetingNotice:
        'before 10 natural law | 上海市实施《村民委员会组织法》办法 第18条',
      planningDraftPublicity: 'for 30 natural law | 城乡规划法 第26条; 上海市城乡规划条例 第23条',
      participatoryMeetingResultPublicity:
        'for 7 natural unverified | 未见全市统一规定 (no city-wide rule found)',
      participatoryProjectPublicity: 'for 7 natural unverified | 未见全市统一规定 (no city-wide rule found)',
    });
  });

  it('plugs into the calendar functions by measure', () => {
    const {
      ownersAssemblyMeetingNotice: notice,
      auditResultPublicity: audit,
      ownersCommitteeDecisionPosting: post,
    } = NOTICE_PERIOD_DEFAULTS;
    // before: the meeting on 2024-10-12 needs notice by 2024-09-27
    expect(noticeDeadline('2024-10-12', notice.value)).toBe('2024-09-27');
    expect(
      noticeSatisfied({ noticeDate: '2024-09-28', meetingDate: '2024-10-12', days: notice.value }).satisfied,
    ).toBe(false);
    // for: an audit posted 2024-09-06 stays up through 10-06 (holiday) → 2024-10-08
    expect(periodEnd({ start: '2024-09-06', ...periodOf(audit) }, chinaHolidays).lastDay).toBe('2024-10-08');
    // within: a decision of 2024-09-27 must be posted by 09-30 (a Monday)
    expect(periodEnd({ start: '2024-09-27', ...periodOf(post) }, chinaHolidays).lastDay).toBe('2024-09-30');
  });
});
