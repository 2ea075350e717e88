/**
 * Which holiday calendar a process counts its periods on, as it is written into its CREATE entry:
 * the years it holds, whether it is provisional, and the start of the SHA-256 of its data, e.g.
 * "2007-2027:3f2a9c…" or "2007-2026p:…". Two calendars with the same notices have the same stamp.
 */
import type { HolidayCalendar } from '../calendar/holidayCalendar.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { sha256Hex } from '../log/sha256.js';

const stamps = new WeakMap<HolidayCalendar, string>();

export function calendarStamp(calendar: HolidayCalendar): string {
  let s = stamps.get(calendar);
  if (s === undefined) {
    const years = calendar.years;
    const span = years.length ? `${years[0]}-${years[years.length - 1]}` : 'none';
    s = `${span}${calendar.provisional ? 'p' : ''}:${sha256Hex(canonicalJson(calendar.data)).slice(0, 16)}`;
    stamps.set(calendar, s);
  }
  return s;
}
