/**
 * Plain calendar dates ('YYYY-MM-DD', proleptic Gregorian, no time and no zone).
 *
 * Legal periods are counted in whole calendar days (民法典 第200条), so the engine never needs
 * a time of day. All arithmetic goes through an integer day number (days since 1970-01-01)
 * computed with integer formulas, never through `Date`: a `Date` built from parts reads the
 * host's time zone, and a server in UTC would then count a Shanghai notice one day short.
 * The formulas are H. Hinnant's `days_from_civil` / `civil_from_days`
 * (http://howardhinnant.github.io/date_algorithms.html), exact for every year 0000–9999.
 */
import { z } from 'zod';
import { YishiError } from '../errors/YishiError.js';
import { type DateParts, isoDateParts } from '../registry/isoDate.js';

/** A calendar date written 'YYYY-MM-DD' (e.g. '2024-10-08'). Validate with `IsoDate`. */
export type PlainDate = string;

/** ISO weekday: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** zod schema for a real calendar date 'YYYY-MM-DD': rejects '2023-02-29' and '2024-04-31'. */
export const IsoDate = z.iso.date({ error: 'expected a calendar date YYYY-MM-DD' });
export type IsoDate = z.infer<typeof IsoDate>;

export { daysInMonth, isLeapYear } from '../registry/isoDate.js';

/** True for a string that names a real calendar day in 'YYYY-MM-DD' form. */
export function isPlainDate(value: unknown): value is PlainDate {
  return isoDateParts(value) !== undefined;
}

function partsOrThrow(date: PlainDate, what: string): DateParts {
  const parts = isoDateParts(date);
  if (!parts) {
    throw new YishiError(
      'INVALID_DATE',
      `${what}: "${String(date)}" is not a calendar date (expected YYYY-MM-DD)`,
      [{ message: 'not a calendar date', field: what, expected: 'YYYY-MM-DD', received: String(date) }],
    );
  }
  return parts;
}

/**
 * Checks that `value` is a calendar date and returns it; throws `INVALID_DATE` naming `what`
 * (e.g. the option or field the value came from) otherwise.
 */
export function parsePlainDate(value: string, what = 'date'): PlainDate {
  partsOrThrow(value, what);
  return value;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: PlainDate): number {
  const { year, month, day } = partsOrThrow(date, 'date');
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0 … February = 11, so the leap day ends the year
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The date `epochDay` days after 1970-01-01. Throws `INVALID_DATE` outside years 0000–9999. */
export function fromEpochDay(epochDay: number): PlainDate {
  if (!Number.isSafeInteger(epochDay) || epochDay < -719528 || epochDay > 2932896) {
    throw new YishiError('INVALID_DATE', `day number ${epochDay} is outside the years 0000–9999`);
  }
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `date` plus `days` (which may be negative). */
export function addDays(date: PlainDate, days: number): PlainDate {
  if (!Number.isSafeInteger(days)) {
    throw new YishiError('INVALID_INPUT', `day count must be an integer, got ${days}`);
  }
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** -1, 0 or 1. 'YYYY-MM-DD' strings of valid dates also sort correctly as plain strings. */
export function compareDates(a: PlainDate, b: PlainDate): -1 | 0 | 1 {
  const d = toEpochDay(a) - toEpochDay(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** ISO weekday of `date`; 1970-01-01 was a Thursday (4). */
export function dayOfWeek(date: PlainDate): Weekday {
  const n = toEpochDay(date);
  return (((((n + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** Saturday or Sunday: the weekly rest days (公休日) of 国务院关于职工工作时间的规定 第7条. */
export function isWeekend(date: PlainDate): boolean {
  return dayOfWeek(date) >= 6;
}

export function yearOf(date: PlainDate): number {
  return partsOrThrow(date, 'date').year;
}

const MS_PER_DAY = 86_400_000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `chinaDateAt`'s last answer. */
let lastDay: { n: number; date: PlainDate } = { n: Number.NaN, date: '' };

/**
 * The date in China (UTC+8) at `epochMs` milliseconds since 1970-01-01T00:00Z — for an
 * injected clock such as xstate's `SimulatedClock`. Pure arithmetic: the host zone is never read.
 */
export function chinaDateAt(epochMs: number): PlainDate {
  const day = Math.floor((epochMs + CHINA_OFFSET_MS) / MS_PER_DAY);
  // Every entry of a log is stamped with its date, and runs of entries share a day: the last
  // answer is kept (a pure function of the day number).
  if (day !== lastDay.n) lastDay = { n: day, date: fromEpochDay(day) };
  return lastDay.date;
}

/** Milliseconds since the epoch at 00:00 China time on `date` (inverse of `chinaDateAt`). */
export function chinaMidnight(date: PlainDate): number {
  return toEpochDay(date) * MS_PER_DAY - CHINA_OFFSET_MS;
}
