// Test fixture: holiday notices for calendars under test. Core tests only.
import type { HolidayDataInput } from '../calendar/holidayData.js';

/** A 2027 notice in the shipped shape (the dates of a made-up New Year block, for the test only). */
export const YEAR_2027 = {
  '2027': {
    source: '测试用通知（非真实）',
    issued: '2026-11-01',
    urls: [],
    holidays: [
      { name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'], notice: '测试', makeUpWorkdays: [] },
    ],
    makeUpWorkdays: [],
  },
} as unknown as HolidayDataInput;
