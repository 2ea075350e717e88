import { describe, expect, it } from 'vitest';
import { lunarProvider } from './lunarProvider.js';

describe('lunarProvider (lunar-typescript)', () => {
  it.each([
    // [year, 正月初一, 清明] — published calendars (中国科学院紫金山天文台 tables)
    [2025, '2025-01-29', '2025-04-04'],
    [2026, '2026-02-17', '2026-04-05'],
    [2027, '2027-02-06', '2027-04-05'],
    [2028, '2028-01-26', '2028-04-04'],
    [2029, '2029-02-13', '2029-04-04'],
    [2030, '2030-02-03', '2030-04-05'],
  ])('%i: 正月初一 %s, 清明 %s', (year, newYear, qingming) => {
    expect(lunarProvider.lunarToSolar(year, 1, 1)).toBe(newYear);
    expect(lunarProvider.qingming(year)).toBe(qingming);
  });

  it('端午 and 中秋 of 2025–2027', () => {
    expect([2025, 2026, 2027].map((y) => lunarProvider.lunarToSolar(y, 5, 5))).toEqual([
      '2025-05-31',
      '2026-06-19',
      '2027-06-09',
    ]);
    expect([2025, 2026, 2027].map((y) => lunarProvider.lunarToSolar(y, 8, 15))).toEqual([
      '2025-10-06',
      '2026-09-25',
      '2027-09-15',
    ]);
  });
});
