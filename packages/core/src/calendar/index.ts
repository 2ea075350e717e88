/** Legal calendar: plain dates, China's holiday calendar, period ends and notice lead times. */
export { chinaHolidays } from './chinaHolidays.js';
export type { DayInfo, DayKind, HolidayCalendar, ProvisionalBasis } from './holidayCalendar.js';
export { createHolidayCalendar, describeYears } from './holidayCalendar.js';
export type { HolidayDataInput } from './holidayData.js';
export { HolidayBlock, HolidayData, HolidayYear, HolidayYears } from './holidayData.js';
export type { NoticeCheck, NoticeCheckInput } from './noticeLeadTime.js';
export { DEFAULT_NOTICE_READING, NoticeReading, noticeDeadline, noticeSatisfied } from './noticeLeadTime.js';
export type { PeriodEnd, PeriodEndInput } from './period.js';
export {
  describeDay,
  Localized,
  PeriodRule,
  PeriodSpec,
  PeriodStep,
  PeriodUnit,
  periodEnd,
} from './period.js';
export type { PlainDate, Weekday } from './plainDate.js';
export {
  addDays,
  chinaDateAt,
  chinaMidnight,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  IsoDate,
  isLeapYear,
  isPlainDate,
  isWeekend,
  parsePlainDate,
  toEpochDay,
  yearOf,
} from './plainDate.js';
