/**
 * The pure check that a 'YYYY-MM-DD' string names a real day of the proleptic Gregorian calendar.
 * It lives in the registry layer (below calendar) because registers and meeting records carry
 * dates (birthDate, termStart, termEnd, the meeting date); `calendar/plainDate.ts` re-exports it.
 */
import { z } from 'zod';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Year, month and day of a real calendar date written 'YYYY-MM-DD'; undefined for anything else. */
export function isoDateParts(value: unknown): DateParts | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_PATTERN.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a string that names a real calendar day in 'YYYY-MM-DD' form ('2006-02-30' is not). */
export function isPlainDate(value: unknown): value is string {
  return isoDateParts(value) !== undefined;
}

/**
 * A register's date field: 'YYYY-MM-DD' and a day that exists. Two messages, so a reader sees
 * whether the form or the day is wrong.
 */
export function isoDateString(what = 'a date'): z.ZodType<string, string> {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `expected ${what} as YYYY-MM-DD` })
    .refine(isPlainDate, { message: 'expected a date that exists (e.g. not 2006-02-30 or 2023-02-29)' })
    .meta({ format: 'date' }); // JSON Schema: an RFC 3339 full-date, a day that exists
}
