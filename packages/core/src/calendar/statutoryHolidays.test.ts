import { Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { isYishiError } from '../errors/YishiError.js';
import { lunarProvider } from './lunarProvider.js';
import { dayOfWeek } from './plainDate.js';
import { type LunarProvider, STATUTORY_HOLIDAY_RULE, statutoryHolidays } from './statutoryHolidays.js';

const byName = (year: number) =>
  Object.fromEntries(statutoryHolidays(year, lunarProvider).map((h) => [h.name, h.dates]));

describe('statutoryHolidays: 全国年节及纪念日放假办法 第二条 (国务院令第795号)', () => {
  it('gives 13 days a year in seven holidays', () => {
    for (const year of [2025, 2026, 2027, 2030, 2050]) {
      const hs = statutoryHolidays(year, lunarProvider);
      expect(hs.map((h) => [h.name, h.dates.length])).toEqual([
        ['元旦', 1],
        ['春节', 4],
        ['清明节', 1],
        ['劳动节', 2],
        ['端午节', 1],
        ['中秋节', 1],
        ['国庆节', 3],
      ]);
      for (const h of hs) for (const d of h.dates) expect(d.slice(0, 4)).toBe(String(year));
    }
  });

  it('2025: 除夕 is 腊月二十九 (a 29-day twelfth month), 1-28', () => {
    // 乙巳年正月初一 = 2025-01-29; the twelfth month of 甲辰 has 29 days, so 除夕 is the 29th.
    const eve = Solar.fromYmd(2025, 1, 28).getLunar();
    expect([eve.getMonth(), eve.getDay()]).toEqual([12, 29]);
    expect(byName(2025).春节).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });

  it('除夕 on 腊月三十 in a 30-day twelfth month (2030: 2030-02-02)', () => {
    const eve = Solar.fromYmd(2030, 2, 2).getLunar();
    expect([eve.getMonth(), eve.getDay()]).toEqual([12, 30]);
    expect(byName(2030).春节).toEqual(['2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
  });

  it('2025 and 2026 match the dates the notices name as the lunar days', () => {
    // 国办发明电〔2024〕12号: 1月28日（农历除夕）; 清明 4-04; 端午 5-31; 中秋 10-06 inside 国庆.
    expect(byName(2025)).toMatchObject({
      清明节: ['2025-04-04'],
      端午节: ['2025-05-31'],
      中秋节: ['2025-10-06'],
    });
    // 国办发明电〔2025〕7号: 2月15日（农历腊月二十八）, so 除夕 2-16 and 初一 2-17.
    expect(byName(2026)).toEqual({
      元旦: ['2026-01-01'],
      春节: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'],
      清明节: ['2026-04-05'],
      劳动节: ['2026-05-01', '2026-05-02'],
      端午节: ['2026-06-19'],
      中秋节: ['2026-09-25'],
      国庆节: ['2026-10-01', '2026-10-02', '2026-10-03'],
    });
  });

  it('2027, computed: 除夕 2027-02-05 (腊月二十九), 初一 02-06, 清明 04-05, 端午 06-09, 中秋 09-15', () => {
    expect(byName(2027)).toEqual({
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
    expect(dayOfWeek('2027-02-05')).toBe(5); // a Friday
    const eve = Solar.fromYmd(2027, 2, 5).getLunar();
    expect([eve.getMonth(), eve.getDay()]).toEqual([12, 29]);
  });

  it('covers years from 2025 only: 2024 refused, 2025 and 2026 given', () => {
    expect(STATUTORY_HOLIDAY_RULE.firstYear).toBe(2025);
    try {
      statutoryHolidays(2024, lunarProvider);
      expect.unreachable();
    } catch (e) {
      expect(isYishiError(e) && e.code).toBe('DATE_OUT_OF_RANGE');
      expect((e as Error).message).toContain('2024 is before 2025');
    }
    expect(statutoryHolidays(2025, lunarProvider)).toHaveLength(7);
    expect(statutoryHolidays(2026, lunarProvider)).toHaveLength(7);
  });

  it('refuses a provider answer outside the year or not a date, naming it', () => {
    const wrongYear: LunarProvider = { ...lunarProvider, lunarToSolar: () => '2026-01-29' };
    expect(() => statutoryHolidays(2027, wrongYear)).toThrow(/正月初一 of 2027 came back as "2026-01-29"/);
    const notADate: LunarProvider = { ...lunarProvider, qingming: () => '2027-04-31' };
    expect(() => statutoryHolidays(2027, notADate)).toThrow(/清明 of 2027 came back as "2027-04-31"/);
    const notApril: LunarProvider = { ...lunarProvider, qingming: () => '2027-03-20' };
    expect(() => statutoryHolidays(2027, notApril)).toThrow(/清明 of 2027/);
  });
});
