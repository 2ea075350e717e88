/**
 * When does a period of N days end?
 *
 * - 民法典 第201条: a period counted in days starts the day after the starting day ("开始的当日
 *   不计入，自下一日开始计算"), so N natural days from D end on D + N.
 * - 民法典 第203条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日" —
 *   a last day on a statutory rest day moves to the day after the rest days end, i.e. the next
 *   working day. A weekend worked as a make-up day (调休上班日) is not a rest day: no move.
 * - Working-day periods (e.g. 北京市物业管理条例's 10 工作日) count only working days after the start.
 *
 * Every answer carries the steps that produced it, each naming its article, so a residents'
 * committee can show a resident why a notice ends on 10-08 and not 10-05.
 */
import { z } from 'zod';
import { YishiError } from '../errors/YishiError.js';
import type { DayInfo, HolidayCalendar, ProvisionalBasis } from './holidayCalendar.js';
import { addDays, IsoDate, type PlainDate, parsePlainDate } from './plainDate.js';

export const PeriodUnit = z.enum(['natural', 'working']);
export type PeriodUnit = z.infer<typeof PeriodUnit>;

/** How long a period runs: `{ days: 30, unit: 'natural' }`. */
export const PeriodSpec = z.object({ days: z.int().min(1).max(36_600), unit: PeriodUnit.default('natural') });
export type PeriodSpec = z.infer<typeof PeriodSpec>;

export const Localized = z.object({ 'zh-CN': z.string(), en: z.string() });
/** A text in both languages the UI ships. */
export type Localized = z.infer<typeof Localized>;

export const PeriodRule = z.enum(['民法典 第201条', '民法典 第203条', 'working-days']);
/** The rule a step applied. 'working-days': the period is set in working days (工作日) by its own law. */
export type PeriodRule = z.infer<typeof PeriodRule>;

export const PeriodStep = z.object({
  rule: PeriodRule,
  from: IsoDate,
  to: IsoDate,
  reason: Localized,
  /** The step depends on a day no loaded notice settles (a provisional calendar); its reason says why. */
  provisional: z.literal(true).optional(),
});
/** One step of the count: which rule took the date from `from` to `to`, and why. */
export type PeriodStep = z.infer<typeof PeriodStep>;

export interface PeriodEndInput {
  /** The starting day (the day of posting, notice, decision …); it is not counted. */
  start: PlainDate;
  days: number;
  unit?: PeriodUnit;
}

export interface PeriodEnd {
  /** The last day of the period; the period runs to 24:00 that day (民法典 第203条第2款). */
  lastDay: PlainDate;
  steps: PeriodStep[];
  /** Present (true) only when the answer depends on a day counted provisionally. */
  provisional?: true;
  /** Why, one entry per missing notice (year and kind), in the order the days were met. */
  provisionalBasis?: ProvisionalBasis[];
}

/** Reads days through `calendar` and keeps the provisional bases it meets, once each. */
class DayReader {
  readonly bases = new Map<string, ProvisionalBasis>();
  constructor(private readonly calendar: HolidayCalendar) {}
  day(date: PlainDate): DayInfo {
    const info = this.calendar.day(date);
    const basis = info.provisional;
    if (basis && !this.bases.has(`${basis.kind}:${basis.year}`))
      this.bases.set(`${basis.kind}:${basis.year}`, basis);
    return info;
  }
  nextWorkingDay(date: PlainDate): PlainDate {
    let d = addDays(date, 1);
    while (!this.day(d).working) d = addDays(d, 1);
    return d;
  }
}

/** Marks the answer and each of its steps (every step leads to the provisional last day). */
function markProvisional(end: PeriodEnd, reader: DayReader): PeriodEnd {
  if (reader.bases.size === 0) return end;
  const bases = [...reader.bases.values()];
  const zh = bases.map((b) => b.reason['zh-CN']).join('；');
  const en = bases.map((b) => b.reason.en).join('; ');
  end.steps.forEach((step) => {
    step.provisional = true;
    step.reason = {
      'zh-CN': `${step.reason['zh-CN']}（暂定：${zh}）`,
      en: `${step.reason.en} (provisional: ${en})`,
    };
  });
  end.provisional = true;
  end.provisionalBasis = bases;
  return end;
}

const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** "a statutory holiday (国庆节, 国办发明电〔2023〕7号)" and its Chinese twin. */
export function describeDay(info: DayInfo): Localized {
  const en = WEEKDAY_EN[info.weekday];
  const zh = WEEKDAY_ZH[info.weekday];
  const src = info.source ? `${info.holiday ?? ''}，${info.source}` : '';
  const srcEn = info.source ? `${info.holiday ?? ''}, ${info.source}` : '';
  switch (info.kind) {
    case 'holiday':
      return { 'zh-CN': `法定节假日（${src}）`, en: `a statutory holiday (${srcEn})` };
    case 'makeUpWorkday':
      return {
        'zh-CN': `${zh}，但为调休上班日（${src}）`,
        en: `a ${en} but a make-up working day (调休上班日, ${srcEn})`,
      };
    case 'weekend':
      return { 'zh-CN': `${zh}（公休日）`, en: `a ${en} (weekly rest day, 公休日)` };
    case 'workday':
      return { 'zh-CN': `${zh}（工作日）`, en: `a ${en} (working day)` };
    default:
      return info.kind satisfies never;
  }
}

function checkInput(input: PeriodEndInput): { start: PlainDate; days: number; unit: PeriodUnit } {
  const start = parsePlainDate(input.start, 'start');
  const { days } = input;
  if (!Number.isSafeInteger(days) || days < 1 || days > 36_600) {
    throw new YishiError(
      'INVALID_INPUT',
      `days: expected a whole number of days from 1 to 36600, got ${days}`,
      [
        {
          message: 'not a positive whole number of days',
          field: 'days',
          expected: '1–36600',
          received: String(days),
        },
      ],
    );
  }
  const unit = input.unit ?? 'natural';
  if (unit !== 'natural' && unit !== 'working') {
    throw new YishiError('INVALID_INPUT', `unit: expected 'natural' or 'working', got ${String(unit)}`);
  }
  return { start, days, unit };
}

/**
 * The last day of a period of `days` days after `start`, with the steps that produced it.
 * Throws `DATE_OUT_OF_RANGE` when a day whose status decides the answer lies outside the
 * calendar's years (the answer is then unknown, not guessed).
 *
 * @example periodEnd({ start: '2024-09-20', days: 15 }, chinaHolidays).lastDay // '2024-10-08'
 */
export function periodEnd(input: PeriodEndInput, calendar: HolidayCalendar): PeriodEnd {
  const { start, days, unit } = checkInput(input);
  const first = addDays(start, 1);
  const notCounted: PeriodStep = {
    rule: '民法典 第201条',
    from: start,
    to: unit === 'natural' ? addDays(start, days) : first,
    reason: {
      'zh-CN': `开始的当日（${start}）不计入，自${first}开始计算`,
      en: `the start day ${start} is not counted; counting begins on ${first}`,
    },
  };
  const reader = new DayReader(calendar);
  const end =
    unit === 'natural' ? naturalEnd(notCounted, days, reader) : workingEnd(notCounted, days, reader);
  return markProvisional(end, reader);
}

function naturalEnd(first: PeriodStep, days: number, calendar: DayReader): PeriodEnd {
  const nominal = first.to;
  first.reason['zh-CN'] += `，第${days}日为${nominal}`;
  first.reason.en += `; day ${days} is ${nominal}`;
  const steps = [first];
  const info = calendar.day(nominal);
  const what = describeDay(info);
  if (info.working) {
    if (info.kind === 'makeUpWorkday') {
      // Recorded so the answer explains why a Sunday did not move the end.
      steps.push({
        rule: '民法典 第203条',
        from: nominal,
        to: nominal,
        reason: {
          'zh-CN': `最后一日${nominal}为${what['zh-CN']}，不是法定休假日，期间不顺延`,
          en: `last day ${nominal} is ${what.en}, not a statutory rest day; not extended`,
        },
      });
    }
    return { lastDay: nominal, steps };
  }
  const lastDay = calendar.nextWorkingDay(nominal);
  steps.push({
    rule: '民法典 第203条',
    from: nominal,
    to: lastDay,
    reason: {
      'zh-CN': `最后一日${nominal}为${what['zh-CN']}，以法定休假日结束的次日${lastDay}为期间的最后一日（民法典第203条）`,
      en: `last day ${nominal} is ${what.en}; extended to ${lastDay}, the day after the rest days end (民法典 第203条)`,
    },
  });
  return { lastDay, steps };
}

function workingEnd(first: PeriodStep, days: number, calendar: DayReader): PeriodEnd {
  let day = first.from;
  let rest = 0;
  const madeUp: PlainDate[] = [];
  for (let counted = 0; counted < days; ) {
    day = addDays(day, 1);
    const info = calendar.day(day);
    if (!info.working) rest++;
    else {
      counted++;
      if (info.kind === 'makeUpWorkday') madeUp.push(day);
    }
  }
  const incl = madeUp.length > 0 ? `，含调休上班日${madeUp.join('、')}` : '';
  const inclEn =
    madeUp.length > 0
      ? `, including make-up working day${madeUp.length > 1 ? 's' : ''} ${madeUp.join(', ')}`
      : '';
  return {
    lastDay: day,
    steps: [
      first,
      {
        rule: 'working-days',
        from: first.to,
        to: day,
        reason: {
          'zh-CN': `计${days}个工作日${incl}，跳过${rest}个休息日（周末和法定节假日），第${days}个工作日为${day}`,
          en: `counted ${days} working days${inclEn}, skipping ${rest} rest days (weekends and holidays); working day ${days} is ${day}`,
        },
      },
    ],
  };
}
