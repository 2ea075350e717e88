/**
 * Publicity of a result (公示): a meeting's result or a consultation's count is posted for N
 * days, counted on the legal calendar (the posting day is not counted, 民法典 第201条; a last day
 * on a rest day moves to the next working day, 第203条). The process completes on the first TICK
 * after the last day. Objections to a result are a public notice of their own (`publicNoticeKind`),
 * linked by `noticeProcessId`.
 */
import { z } from 'zod';
import type { HolidayCalendar } from '../calendar/holidayCalendar.js';
import { PeriodStep, periodEnd } from '../calendar/period.js';
import { IsoDate, type PlainDate } from '../calendar/plainDate.js';
import { isYishiError } from '../errors/YishiError.js';
import { NoticeChannel } from '../notice/noticeSchemas.js';
import { Text } from './eventStamp.js';

export const ResultPublicity = z.object({
  postedOn: IsoDate,
  days: z.int().min(1),
  /** The publicity runs to 24:00 on this day. */
  lastDay: IsoDate,
  steps: z.array(PeriodStep),
  channels: z.array(NoticeChannel),
  /** The public-notice process that takes objections to this result, if any. */
  noticeProcessId: Text.nullable(),
});
export type ResultPublicity = z.infer<typeof ResultPublicity>;

/** What a POST_RESULT / ANNOUNCE event carries. */
export const PostResultFields = {
  channels: z.array(NoticeChannel).min(1),
  noticeProcessId: Text.optional(),
};

/** The last day of a publicity posted on `on`, or null beyond the calendar's years. */
export function publicityEnd(
  on: PlainDate,
  days: number,
  calendar: HolidayCalendar,
): { lastDay: PlainDate; steps: PeriodStep[] } | null {
  try {
    return periodEnd({ start: on, days, unit: 'natural' }, calendar);
  } catch (e) {
    if (isYishiError(e)) return null;
    throw e;
  }
}

export function postPublicity(
  event: { on: PlainDate; channels: NoticeChannel[]; noticeProcessId?: string | undefined },
  days: number,
  calendar: HolidayCalendar,
): ResultPublicity {
  const end = publicityEnd(event.on, days, calendar);
  if (!end) throw new Error('unreachable: guarded by publicityComputable');
  return {
    postedOn: event.on,
    days,
    lastDay: end.lastDay,
    steps: end.steps,
    channels: event.channels,
    noticeProcessId: event.noticeProcessId ?? null,
  };
}
