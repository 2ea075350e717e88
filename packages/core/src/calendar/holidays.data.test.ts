import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactHolidayYears, type HolidaySourceFile } from '../../scripts/gen-holidays.js';
import { chinaHolidays } from './chinaHolidays.js';
import { HOLIDAYS_CN } from './holidays.data.js';
import { addDays, dayOfWeek } from './plainDate.js';

const json = JSON.parse(
  readFileSync(new URL('../../data/holidays-cn.json', import.meta.url), 'utf8'),
) as HolidaySourceFile;
/** The notice text each block quotes (kept in the JSON, not in the bundle). */
const noticeOf = (year: string, i: number) =>
  (json.years[year]!.holidays[i] as { notice?: string }).notice ?? '';

/** Weekday labels such as （星期日） or （周六） in the seven notices' texts. */
const N_WEEKDAY_LABELS = 72;

describe('bundled holiday data', () => {
  it('is exactly what data/holidays-cn.json says (rerun scripts/gen-holidays.ts if not)', () => {
    expect(HOLIDAYS_CN).toEqual(compactHolidayYears(json));
    expect(chinaHolidays.data).toEqual(HOLIDAYS_CN);
  });

  it('ships its sources beside the data', () => {
    const md = readFileSync(new URL('../../data/holidays-cn.md', import.meta.url), 'utf8');
    for (const year of Object.keys(json.years)) expect(md).toContain(`## ${year} — 国办发明电`);
  });

  it('each block has as many days as the notice says (共N天), but for the 2020 extension', () => {
    const checked: string[] = [];
    const unstated: string[] = [];
    for (const [year, data] of Object.entries(json.years)) {
      for (let i = 0; i < data.holidays.length; i++) {
        const stated = /共(\d+)天/.exec(noticeOf(year, i))?.[1];
        const dates = HOLIDAYS_CN[year]!.holidays[i]!.dates;
        const name = `${year} ${HOLIDAYS_CN[year]!.holidays[i]!.name}`;
        if (stated === undefined) {
          unstated.push(name);
          continue;
        }
        // 2020 春节: 7 days, extended to 2/2 by 国办发明电〔2020〕1号
        const expected = name === '2020 春节' ? 10 : Number(stated);
        expect([name, dates.length]).toEqual([name, expected]);
        checked.push(name);
      }
    }
    expect(checked.length).toBe(43);
    // "1月1日放假，与周末连休" / "6月10日放假，与周末连休" / "1月1日（周三）放假1天，不调休"
    expect(unstated).toEqual(['2024 元旦', '2024 端午节', '2025 元旦']);
    expect(HOLIDAYS_CN['2025']!.holidays[0]!.dates).toEqual(['2025-01-01']);
  });

  it('every weekday the notices print beside a date matches the calendar', () => {
    const zh: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7 };
    let n = 0;
    for (const [year, data] of Object.entries(json.years)) {
      for (let i = 0; i < data.holidays.length; i++) {
        const notice = noticeOf(year, i);
        let mon = '';
        for (const m of notice.matchAll(
          /(?:(\d+)月)?(\d+)日（(?:[^）]*[、，])?(?:星期|周)([一二三四五六日])）/g,
        )) {
          // "至6日（周日）" names no month: it is the month of the date before it.
          mon = m[1] ?? mon;
          const [, , day, wd] = m as unknown as [string, string, string, string];
          // A block may reach back into December of the year before.
          const y = Number(mon) === 12 && notice.startsWith(`${Number(year) - 1}`) ? Number(year) - 1 : year;
          const date = `${y}-${mon.padStart(2, '0')}-${day.padStart(2, '0')}`;
          expect([date, dayOfWeek(date)]).toEqual([date, zh[wd]]);
          n++;
        }
      }
    }
    expect(n).toBe(N_WEEKDAY_LABELS);
  });

  it('blocks are runs of consecutive days, make-up days are weekends outside them', () => {
    for (const y of Object.values(HOLIDAYS_CN)) {
      for (const b of y.holidays) {
        for (let i = 1; i < b.dates.length; i++) expect(addDays(b.dates[i - 1]!, 1)).toBe(b.dates[i]);
      }
      for (const d of y.makeUpWorkdays) expect(dayOfWeek(d)).toBeGreaterThanOrEqual(6);
    }
  });

  it('stays small: under 2 KB gzip before minifying', async () => {
    const { gzipSync } = await import('node:zlib');
    const src = readFileSync(new URL('./holidays.data.ts', import.meta.url));
    expect(gzipSync(src).length).toBeLessThan(2048);
  });
});
