import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isYishiError } from '../errors/YishiError.js';
import {
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
  parsePlainDate,
  toEpochDay,
} from './plainDate.js';

const DAY = 86_400_000;
/** Tests may use Date in UTC as an independent oracle; the code under test never does. */
const utcDay = (y: number, m: number, d: number) => {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.floor(t.getTime() / DAY);
};

describe('day numbers', () => {
  it('anchors at 1970-01-01 and known dates', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(toEpochDay('2024-02-29')).toBe(19782);
    expect(fromEpochDay(19782)).toBe('2024-02-29');
    expect(fromEpochDay(-719528)).toBe('0000-01-01');
    expect(fromEpochDay(2932896)).toBe('9999-12-31');
    expect(() => fromEpochDay(2932897)).toThrow(/outside the years/);
  });

  it('agrees with an independent UTC oracle for every day in 1900–2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: utcDay(1900, 1, 1), max: utcDay(2100, 12, 31) }), (n) => {
        const date = fromEpochDay(n);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        expect(utcDay(y, m, d)).toBe(n);
        expect(toEpochDay(date)).toBe(n);
        expect(dayOfWeek(date)).toBe(((new Date(n * DAY).getUTCDay() + 6) % 7) + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every day of 2019–2027 and steps one day at a time', () => {
    let prev = '2018-12-31';
    for (let n = toEpochDay('2019-01-01'); n <= toEpochDay('2027-12-31'); n++) {
      const d = fromEpochDay(n);
      expect(toEpochDay(d)).toBe(n);
      expect(addDays(prev, 1)).toBe(d);
      expect(compareDates(prev, d)).toBe(-1);
      expect(prev < d).toBe(true);
      prev = d;
    }
  });
});

describe('calendar rules', () => {
  it('leap years: divisible by 4, except centuries not divisible by 400', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  it('adds across a leap day and the turn of a year', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(daysBetween('2024-02-14', '2024-03-15')).toBe(30);
    expect(daysBetween('2024-03-15', '2024-02-14')).toBe(-30);
    expect(() => addDays('2024-01-01', 1.5)).toThrow(/integer/);
  });

  it('knows the weekday of dates named in the State Council notices', () => {
    // Each pair: a date and the weekday the notice prints beside it.
    expect(dayOfWeek('2020-02-02')).toBe(7); // 2月2日（农历正月初九，星期日）
    expect(dayOfWeek('2024-09-29')).toBe(7); // 9月29日（星期日）上班
    expect(dayOfWeek('2024-10-12')).toBe(6); // 10月12日（星期六）上班
    expect(dayOfWeek('2025-01-01')).toBe(3); // 1月1日（周三）
    expect(dayOfWeek('2026-02-15')).toBe(7); // 2月15日（农历腊月二十八、周日）
  });
});

describe('validation', () => {
  it('IsoDate accepts real dates only', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2023-02-29').success).toBe(false);
    expect(IsoDate.safeParse('1900-02-29').success).toBe(false);
    expect(IsoDate.safeParse('2024-04-31').success).toBe(false);
    expect(IsoDate.safeParse('2024-13-01').success).toBe(false);
    expect(IsoDate.safeParse('2024-1-01').success).toBe(false);
    expect(IsoDate.safeParse('2024-01-01T00:00').success).toBe(false);
    expect(IsoDate.safeParse(20240101).success).toBe(false);
  });

  it('IsoDate and isPlainDate agree on arbitrary date-like strings (property)', () => {
    const part = (max: number, w: number) =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(w, '0'));
    fc.assert(
      fc.property(part(9999, 4), part(13, 2), part(32, 2), (y, m, d) => {
        const s = `${y}-${m}-${d}`;
        expect(IsoDate.safeParse(s).success).toBe(isPlainDate(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('parsePlainDate names the field it was given', () => {
    expect(parsePlainDate('2024-10-08', 'start')).toBe('2024-10-08');
    try {
      parsePlainDate('2023-02-29', '--start');
      expect.unreachable();
    } catch (e) {
      expect(isYishiError(e) && e.code).toBe('INVALID_DATE');
      expect(String(e)).toContain('--start: "2023-02-29" is not a calendar date (expected YYYY-MM-DD)');
    }
    expect(() => toEpochDay('2024-02-30')).toThrow(/not a calendar date/);
  });
});

describe('China time from an injected clock', () => {
  it('maps epoch milliseconds to the date in UTC+8, and midnight back', () => {
    expect(chinaMidnight('2024-10-01')).toBe(Date.UTC(2024, 8, 30, 16));
    expect(chinaDateAt(Date.UTC(2024, 8, 30, 15, 59, 59, 999))).toBe('2024-09-30');
    expect(chinaDateAt(Date.UTC(2024, 8, 30, 16))).toBe('2024-10-01');
    expect(chinaDateAt(chinaMidnight('1969-12-31'))).toBe('1969-12-31');
    expect(chinaDateAt(chinaMidnight('1969-12-31') - 1)).toBe('1969-12-30');
  });

  it('answers runs of readings on one day, and days out of range, as the arithmetic does', () => {
    const DAY = 86_400_000;
    const reading = fc.oneof(
      fc.integer({ min: chinaMidnight('2024-01-01'), max: chinaMidnight('2024-01-04') }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e20, -1e20),
    );
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 12 }), (ts) => {
        for (const t of ts) {
          const day = Math.floor((t + 8 * 3_600_000) / DAY);
          let want: string | Error;
          try {
            want = fromEpochDay(day);
          } catch (e) {
            want = e as Error;
          }
          if (typeof want === 'string') expect(chinaDateAt(t)).toBe(want);
          else expect(() => chinaDateAt(t)).toThrow(want.message);
        }
      }),
    );
  });
});
