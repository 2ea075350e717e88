/**
 * The pure check that a 'YYYY-MM-DD' string names a real day of the proleptic Gregorian calendar.
 * It lives in the registry layer (below calendar) because registers and meeting records carry
 * dates (birthDate, termStart, termEnd, the meeting date); `calendar/plainDate.ts` re-exports it.
 */
import { z } from 'zod';

/** The form of a date; `isoDateParts` reads it by character codes. */
export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/** The value of the ASCII digit at `i`, or -1 for any other character. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Year, month and day of a real calendar date written 'YYYY-MM-DD'; undefined for anything else.
 * Read by character codes (the calendar asks this of every day it counts): the same strings as
 * DATE_PATTERN, checked against it in isoDate.test.ts.
 */
export function isoDateParts(value: unknown): DateParts | undefined {
  if (typeof value !== 'string' || value.length !== 10) return undefined;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined; // '-'
  const y0 = digitAt(value, 0);
  const y1 = digitAt(value, 1);
  const y2 = digitAt(value, 2);
  const y3 = digitAt(value, 3);
  const m0 = digitAt(value, 5);
  const m1 = digitAt(value, 6);
  const d0 = digitAt(value, 8);
  const d1 = digitAt(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
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
