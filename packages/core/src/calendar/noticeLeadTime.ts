/**
 * Was a meeting announced early enough? "召开业主大会会议，应当于会议召开15日以前通知全体业主"
 * (物业管理条例 第14条); "召集村民会议，应当提前十天通知村民" (村民委员会组织法 第21条).
 *
 * The statutes do not say how to count backwards from a meeting, so this is a READING, named and
 * swappable as a policy parameter (RULES.md §0):
 *
 * - 'startExcluded' (default): the notice day is not counted (民法典 第201条) and the meeting may
 *   fall on the N-th day: noticeDate + N ≤ meetingDate. "以前" includes the bound (民法典 第1259条).
 * - 'clearDays': N whole days must lie strictly between the notice day and the meeting day:
 *   noticeDate + N + 1 ≤ meetingDate. The safer reading when a challenge is likely.
 *
 * 民法典 第203条 (moving an end that falls on a rest day) is not applied: nothing has to be done
 * on the last day of a lead time, and a meeting may lawfully be held on a weekend.
 * A notice a day short makes the assembly's decisions challengeable (司法解释 第12条, 民法典 第280条).
 */
import { z } from 'zod';
import { YishiError } from '../errors/YishiError.js';
import type { Localized } from './period.js';
import { addDays, daysBetween, type PlainDate, parsePlainDate } from './plainDate.js';

export const NoticeReading = z.enum(['startExcluded', 'clearDays']);
export type NoticeReading = z.infer<typeof NoticeReading>;

/** The reading used unless a policy says otherwise. */
export const DEFAULT_NOTICE_READING: NoticeReading = 'startExcluded';

export interface NoticeCheckInput {
  noticeDate: PlainDate;
  meetingDate: PlainDate;
  /** The statutory lead time, e.g. 15 for 物业管理条例 第14条. */
  days: number;
  reading?: NoticeReading;
}

export interface NoticeCheck {
  satisfied: boolean;
  reading: NoticeReading;
  /** The test applied, e.g. 'noticeDate + 15 <= meetingDate'. */
  test: string;
  /** Whole days from the notice day to the meeting day. */
  daysBetween: number;
  /** Days the notice came too late (0 when satisfied). */
  shortBy: number;
  /** The last day the notice could have been given for this meeting. */
  latestNoticeDate: PlainDate;
  /** The first day a meeting may be held after this notice. */
  earliestMeetingDate: PlainDate;
  reason: Localized;
}

function gap(days: number, reading: NoticeReading): number {
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new YishiError('INVALID_INPUT', `days: expected a whole number of days ≥ 1, got ${days}`, [
      { message: 'not a positive whole number', field: 'days', expected: '≥ 1', received: String(days) },
    ]);
  }
  switch (reading) {
    case 'startExcluded':
      return days;
    case 'clearDays':
      return days + 1;
    default:
      throw new YishiError(
        'INVALID_INPUT',
        `reading: expected 'startExcluded' or 'clearDays', got ${String(reading)}`,
      );
  }
}

/** The latest date a notice may be given for a meeting on `meetingDate`. */
export function noticeDeadline(
  meetingDate: PlainDate,
  days: number,
  reading: NoticeReading = DEFAULT_NOTICE_READING,
): PlainDate {
  return addDays(parsePlainDate(meetingDate, 'meetingDate'), -gap(days, reading));
}

/**
 * Whether a notice given on `noticeDate` satisfies a lead time of `days` for a meeting on
 * `meetingDate`, with the figures on both sides of the line.
 *
 * @example noticeSatisfied({ noticeDate: '2024-09-20', meetingDate: '2024-10-05', days: 15 }).satisfied // true
 */
export function noticeSatisfied(input: NoticeCheckInput): NoticeCheck {
  const reading = input.reading ?? DEFAULT_NOTICE_READING;
  const noticeDate = parsePlainDate(input.noticeDate, 'noticeDate');
  const meetingDate = parsePlainDate(input.meetingDate, 'meetingDate');
  const need = gap(input.days, reading);
  const between = daysBetween(noticeDate, meetingDate);
  const satisfied = between >= need;
  const shortBy = satisfied ? 0 : need - between;
  const test = `noticeDate + ${need} <= meetingDate`;
  const verdictZh = satisfied ? '符合' : `不符合，迟了${shortBy}日`;
  const verdictEn = satisfied ? 'satisfied' : `not satisfied: ${shortBy} day${shortBy === 1 ? '' : 's'} late`;
  return {
    satisfied,
    reading,
    test,
    daysBetween: between,
    shortBy,
    latestNoticeDate: addDays(meetingDate, -need),
    earliestMeetingDate: addDays(noticeDate, need),
    reason: {
      'zh-CN': `通知日${noticeDate}至会议日${meetingDate}相隔${between}日，要求${test}（${reading}）：${verdictZh}`,
      en: `notice on ${noticeDate}, meeting on ${meetingDate}: ${between} days apart; requires ${test} (${reading}): ${verdictEn}`,
    },
  };
}
