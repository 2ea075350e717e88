/**
 * The public holidays that the law itself fixes in advance, for a year whose State Council
 * notice has not appeared yet.
 *
 * 全国年节及纪念日放假办法, as amended by 国务院关于修改《全国年节及纪念日放假办法》的决定
 * (国务院令第795号, signed 2024-11-10, in force from 2025-01-01), 第二条 — 全体公民放假的节日:
 *   （一）新年，放假1天（1月1日）；
 *   （二）春节，放假4天（农历除夕、正月初一至初三）；
 *   （三）清明节，放假1天（农历清明当日）；
 *   （四）劳动节，放假2天（5月1日、2日）；
 *   （五）端午节，放假1天（农历端午当日）；
 *   （六）中秋节，放假1天（农历中秋当日）；
 *   （七）国庆节，放假3天（10月1日、2日、3日）。
 *
 * What the law does NOT fix, and the yearly notice does: the 调休 arrangement (第七条: weekend
 * days worked and weekdays given off to form longer breaks) and which weekday is given as
 * 补假 when a holiday falls on a Saturday or Sunday (第六条). Those are never guessed here.
 *
 * The lunar dates (除夕, 正月初一, 端午, 中秋) and the 清明 solar term come from a
 * `LunarProvider`, so this module carries no lunar tables; `@yishi/core/calendar/provisional`
 * supplies one backed by a maintained lunar-calendar library.
 */
import { YishiError } from '../errors/YishiError.js';
import { addDays, isPlainDate, type PlainDate, yearOf } from './plainDate.js';

/** Lunar and solar-term dates for a Gregorian year, from a lunar-calendar library. */
export interface LunarProvider {
  /** The Gregorian date of lunar `month`/`day` (not a leap month) of the lunar year whose 正月初一 falls in Gregorian `year`. */
  lunarToSolar(year: number, month: number, day: number): PlainDate;
  /** The day of the 清明 solar term in Gregorian `year` (4 or 5 April). */
  qingming(year: number): PlainDate;
}

/** One statutory holiday of a year: the days the law itself gives off. */
export interface StatutoryHoliday {
  /** The holiday's name as the notices write it, e.g. '春节'. */
  name: string;
  dates: PlainDate[];
  /** The clause that fixes it, e.g. '第二条第（二）项：春节，放假4天（农历除夕、正月初一至初三）'. */
  clause: string;
}

/** The text in force, with its source. */
export const STATUTORY_HOLIDAY_RULE = {
  law: '全国年节及纪念日放假办法',
  revision: '国务院令第795号修订，2024年11月10日公布，2025年1月1日起施行',
  article: '第二条',
  /** The first year the rule covers: years before were all published by notice. */
  firstYear: 2025,
} as const;

/** '全国年节及纪念日放假办法第二条（国务院令第795号…）'. */
export const STATUTORY_HOLIDAY_CITATION = `${STATUTORY_HOLIDAY_RULE.law}${STATUTORY_HOLIDAY_RULE.article}（${STATUTORY_HOLIDAY_RULE.revision}）`;

function fromProvider(value: unknown, year: number, what: string, month?: number): PlainDate {
  const ok =
    isPlainDate(value) &&
    yearOf(value) === year &&
    (month === undefined || Number(value.slice(5, 7)) === month);
  if (!ok) {
    throw new YishiError(
      'INVALID_INPUT',
      `lunar provider: ${what} of ${year} came back as ${JSON.stringify(value)}, expected a date YYYY-MM-DD in ${year}`,
      [
        {
          message: `bad ${what}`,
          field: what,
          expected: `a date in ${year}`,
          received: JSON.stringify(value),
        },
      ],
    );
  }
  return value;
}

/**
 * The statutory holidays of `year` under the 2024 revision (first year 2025). Throws
 * `DATE_OUT_OF_RANGE` for an earlier year, which this rule does not cover.
 */
export function statutoryHolidays(year: number, lunar: LunarProvider): StatutoryHoliday[] {
  if (!Number.isSafeInteger(year) || year < STATUTORY_HOLIDAY_RULE.firstYear || year > 9998) {
    throw new YishiError(
      'DATE_OUT_OF_RANGE',
      `provisional holidays: ${year} is before ${STATUTORY_HOLIDAY_RULE.firstYear}, when ${STATUTORY_HOLIDAY_CITATION} took effect; earlier years need their notices`,
      [
        {
          message: 'year not covered by the statutory rule',
          received: String(year),
          expected: `≥ ${STATUTORY_HOLIDAY_RULE.firstYear}`,
        },
      ],
    );
  }
  const y = String(year).padStart(4, '0');
  const newYearsDay = fromProvider(lunar.lunarToSolar(year, 1, 1), year, '正月初一', undefined);
  // 除夕 is the last day of the twelfth lunar month: the 29th in a short month, the 30th in a
  // long one. It is always the day before 正月初一, whatever the month's length.
  const eve = addDays(newYearsDay, -1);
  const qingming = fromProvider(lunar.qingming(year), year, '清明', 4);
  const duanwu = fromProvider(lunar.lunarToSolar(year, 5, 5), year, '端午（五月初五）');
  const zhongqiu = fromProvider(lunar.lunarToSolar(year, 8, 15), year, '中秋（八月十五）');
  return [
    { name: '元旦', dates: [`${y}-01-01`], clause: '第二条第（一）项：新年，放假1天（1月1日）' },
    {
      name: '春节',
      dates: [eve, newYearsDay, addDays(newYearsDay, 1), addDays(newYearsDay, 2)],
      clause: '第二条第（二）项：春节，放假4天（农历除夕、正月初一至初三）',
    },
    { name: '清明节', dates: [qingming], clause: '第二条第（三）项：清明节，放假1天（农历清明当日）' },
    {
      name: '劳动节',
      dates: [`${y}-05-01`, `${y}-05-02`],
      clause: '第二条第（四）项：劳动节，放假2天（5月1日、2日）',
    },
    { name: '端午节', dates: [duanwu], clause: '第二条第（五）项：端午节，放假1天（农历端午当日）' },
    { name: '中秋节', dates: [zhongqiu], clause: '第二条第（六）项：中秋节，放假1天（农历中秋当日）' },
    {
      name: '国庆节',
      dates: [`${y}-10-01`, `${y}-10-02`, `${y}-10-03`],
      clause: '第二条第（七）项：国庆节，放假3天（10月1日、2日、3日）',
    },
  ];
}
