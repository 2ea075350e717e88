/**
 * A `LunarProvider` backed by lunar-typescript (6tail's lunar library: pure TypeScript, no
 * dependencies, no network; its tables and astronomical solar-term computation cover 1901–2099
 * and beyond). Imported only by `@yishi/core/calendar/provisional`, so the default calendar
 * bundle does not carry it.
 */
import { Lunar, Solar } from 'lunar-typescript';
import type { LunarProvider } from './statutoryHolidays.js';

export const lunarProvider: LunarProvider = {
  lunarToSolar(year, month, day) {
    return Lunar.fromYmd(year, month, day).getSolar().toYmd();
  },
  qingming(year) {
    // The solar-term table of the lunar year around 1 April of `year` holds that spring's 清明.
    const term = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable().清明;
    if (!term) throw new Error(`lunar-typescript: no 清明 in the table for ${year}`);
    return term.toYmd();
  },
};
