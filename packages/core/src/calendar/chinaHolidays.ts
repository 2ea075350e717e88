/**
 * The bundled calendar of mainland China, 2020–2026, from the State Council General Office's
 * yearly notices (sources and notice texts: packages/core/data/holidays-cn.md).
 *
 * 2027 had not been published when the data was compiled, so any 2027 date throws
 * `DATE_OUT_OF_RANGE`. When the notice appears, add it without a code change:
 *
 *   const calendar = chinaHolidays.withYears({ '2027': { source: '国办发明电〔2026〕…', holidays: […], makeUpWorkdays: […] } });
 */
import { createHolidayCalendar, type HolidayCalendar } from './holidayCalendar.js';
import { HOLIDAYS_CN } from './holidays.data.js';

export const chinaHolidays: HolidayCalendar = /* @__PURE__ */ createHolidayCalendar(HOLIDAYS_CN);
