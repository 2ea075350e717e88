/**
 * `@yishi/core/calendar/provisional`: provisional mode with its lunar calendar. A separate entry
 * point, so that `@yishi/core/calendar` stays small for portals that never need it.
 *
 *   import { chinaHolidays } from '@yishi/core/calendar';
 *   import { provisional } from '@yishi/core/calendar/provisional';
 *   const calendar = provisional(chinaHolidays);
 *   periodEnd({ start: '2026-12-20', days: 15 }, calendar); // { lastDay: '2027-01-04', provisional: true, … }
 */
import { chinaHolidays } from './chinaHolidays.js';
import type { HolidayCalendar } from './holidayCalendar.js';
import { lunarProvider } from './lunarProvider.js';
import { provisionalCalendar } from './provisionalCalendar.js';

export type { ProvisionalBasis } from './holidayCalendar.js';
export { lunarProvider } from './lunarProvider.js';
export { provisionalCalendar } from './provisionalCalendar.js';
export type { LunarProvider, StatutoryHoliday } from './statutoryHolidays.js';
export {
  STATUTORY_HOLIDAY_CITATION,
  STATUTORY_HOLIDAY_RULE,
  statutoryHolidays,
} from './statutoryHolidays.js';

/**
 * `calendar` (by default the bundled one) in provisional mode: years from 2025 without a notice
 * are counted with the statutory holidays of 全国年节及纪念日放假办法 第二条 (2024 revision), the
 * lunar dates from lunar-typescript; every such day and answer is marked provisional.
 */
export function provisional(calendar: HolidayCalendar = chinaHolidays): HolidayCalendar {
  return provisionalCalendar(calendar, lunarProvider);
}
