import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isYishiError } from '../errors/YishiError.js';
import { noticeDeadline, noticeSatisfied } from './noticeLeadTime.js';
import { addDays, fromEpochDay, toEpochDay } from './plainDate.js';

describe('noticeSatisfied: 物业管理条例 第14条, 15 days before an owners’ assembly', () => {
  const meetingDate = '2024-10-05';

  it('one day before the line, at the line, one day after (startExcluded: notice + 15 ≤ meeting)', () => {
    const check = (noticeDate: string) => noticeSatisfied({ noticeDate, meetingDate, days: 15 });
    expect(check('2024-09-19')).toMatchObject({ satisfied: true, daysBetween: 16, shortBy: 0 });
    expect(check('2024-09-20')).toMatchObject({ satisfied: true, daysBetween: 15, shortBy: 0 });
    expect(check('2024-09-21')).toMatchObject({ satisfied: false, daysBetween: 14, shortBy: 1 });
  });

  it('the stricter clearDays reading needs one more day', () => {
    const check = (noticeDate: string) =>
      noticeSatisfied({ noticeDate, meetingDate, days: 15, reading: 'clearDays' });
    expect(check('2024-09-18')).toMatchObject({ satisfied: true, shortBy: 0 });
    expect(check('2024-09-19')).toMatchObject({
      satisfied: true,
      shortBy: 0,
      test: 'noticeDate + 16 <= meetingDate',
    });
    expect(check('2024-09-20')).toMatchObject({ satisfied: false, shortBy: 1 });
  });

  it('explains itself with both sides of the line', () => {
    expect(noticeSatisfied({ noticeDate: '2024-09-21', meetingDate, days: 15 })).toEqual({
      satisfied: false,
      reading: 'startExcluded',
      test: 'noticeDate + 15 <= meetingDate',
      daysBetween: 14,
      shortBy: 1,
      latestNoticeDate: '2024-09-20',
      earliestMeetingDate: '2024-10-06',
      reason: {
        'zh-CN':
          '通知日2024-09-21至会议日2024-10-05相隔14日，要求noticeDate + 15 <= meetingDate（startExcluded）：不符合，迟了1日',
        en: 'notice on 2024-09-21, meeting on 2024-10-05: 14 days apart; requires noticeDate + 15 <= meetingDate (startExcluded): not satisfied: 1 day late',
      },
    });
  });

  it('does not apply 第203条: a meeting may be held on a holiday', () => {
    expect(noticeSatisfied({ noticeDate: '2024-09-16', meetingDate: '2024-10-01', days: 15 }).satisfied).toBe(
      true,
    );
  });

  it('a notice after the meeting is short by more than the period', () => {
    expect(noticeSatisfied({ noticeDate: '2024-10-06', meetingDate, days: 15 })).toMatchObject({
      satisfied: false,
      daysBetween: -1,
      shortBy: 16,
    });
  });

  it('needs no holiday data, so works in any year', () => {
    expect(noticeSatisfied({ noticeDate: '2031-12-17', meetingDate: '2032-01-01', days: 15 }).satisfied).toBe(
      true,
    );
  });
});

describe('villagers’ meeting, 10 days (村民委员会组织法 第21条) across a leap day', () => {
  it('2024-02-20 + 10 = 2024-03-01', () => {
    expect(noticeSatisfied({ noticeDate: '2024-02-20', meetingDate: '2024-03-01', days: 10 }).satisfied).toBe(
      true,
    );
    expect(noticeSatisfied({ noticeDate: '2024-02-21', meetingDate: '2024-03-01', days: 10 }).satisfied).toBe(
      false,
    );
    expect(noticeSatisfied({ noticeDate: '2023-02-19', meetingDate: '2023-03-01', days: 10 }).satisfied).toBe(
      true,
    );
    expect(noticeSatisfied({ noticeDate: '2023-02-20', meetingDate: '2023-03-01', days: 10 }).satisfied).toBe(
      false,
    );
  });
});

describe('noticeDeadline', () => {
  it('is the latest notice date, across the turn of a year', () => {
    expect(noticeDeadline('2024-10-05', 15)).toBe('2024-09-20');
    expect(noticeDeadline('2024-10-05', 15, 'clearDays')).toBe('2024-09-19');
    expect(noticeDeadline('2025-01-05', 15)).toBe('2024-12-21');
    expect(noticeDeadline('2024-03-01', 10)).toBe('2024-02-20');
  });

  it('agrees with noticeSatisfied everywhere (property)', () => {
    const date = fc
      .integer({ min: toEpochDay('2019-01-01'), max: toEpochDay('2028-12-31') })
      .map(fromEpochDay);
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (meeting, back, days) => {
          for (const reading of ['startExcluded', 'clearDays'] as const) {
            const noticeDate = addDays(meeting, -back);
            const r = noticeSatisfied({ noticeDate, meetingDate: meeting, days, reading });
            expect(r.satisfied).toBe(noticeDate <= noticeDeadline(meeting, days, reading));
            expect(r.latestNoticeDate).toBe(noticeDeadline(meeting, days, reading));
            expect(r.satisfied).toBe(r.earliestMeetingDate <= meeting);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('bad input', () => {
  it('names the field', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return isYishiError(e) ? `${e.code} ${e.message}` : 'other';
      }
    };
    expect(
      codeOf(() => noticeSatisfied({ noticeDate: '2024-02-30', meetingDate: '2024-03-01', days: 10 })),
    ).toMatch(/^INVALID_DATE noticeDate: "2024-02-30"/);
    expect(codeOf(() => noticeDeadline('2024-3-1', 10))).toMatch(/^INVALID_DATE meetingDate/);
    expect(codeOf(() => noticeDeadline('2024-03-01', 0))).toMatch(
      /^INVALID_INPUT days: expected a whole number/,
    );
    const reading = 'lenient' as 'clearDays';
    expect(codeOf(() => noticeDeadline('2024-03-01', 10, reading))).toMatch(/^INVALID_INPUT reading:/);
  });
});
