import { describe, expect, it } from 'vitest';
import { isYishiError, type YishiError } from '../errors/YishiError.js';
import { chinaHolidays } from './chinaHolidays.js';
import { createHolidayCalendar } from './holidayCalendar.js';
import type { HolidayYear } from './holidayData.js';
import { lunarProvider } from './lunarProvider.js';
import { periodEnd } from './period.js';
import { addDays, dayOfWeek, type PlainDate } from './plainDate.js';
import { provisional } from './provisional.js';
import { statutoryHolidays } from './statutoryHolidays.js';

function thrown(f: () => unknown): YishiError {
  try {
    f();
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
  throw new Error('expected a YishiError');
}

function* daysOf(year: number): Generator<PlainDate> {
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) yield d;
}

/** The bundled notices up to 2024 only, so that 2025 and 2026 are counted provisionally. */
const upTo2024 = createHolidayCalendar(
  Object.fromEntries(Object.entries(chinaHolidays.data).filter(([y]) => Number(y) <= 2024)),
);
const guessed = provisional(upTo2024);

describe('provisional mode against the real notices of 2025 and 2026', () => {
  for (const year of [2025, 2026]) {
    it(`${year}: agrees on every day the notice does not move by 调休; every statutory day is a holiday in both`, () => {
      const statutory = new Set(statutoryHolidays(year, lunarProvider).flatMap((h) => h.dates));
      const moved: PlainDate[] = [];
      let compared = 0;
      for (const date of daysOf(year)) {
        if (!chinaHolidays.covers(date)) continue; // 2026-12-25…31 wait for the 2027 notice
        const real = chinaHolidays.day(date);
        const guess = guessed.day(date);
        expect(guess.provisional?.kind).toBe('statutory');
        expect(guess.provisional?.year).toBe(year);
        if (statutory.has(date)) {
          expect(real.kind, date).toBe('holiday');
          expect(guess.kind, date).toBe('holiday');
        }
        const byTiaoxiu =
          real.kind === 'makeUpWorkday' ||
          (real.kind === 'holiday' && !statutory.has(date) && dayOfWeek(date) < 6);
        if (byTiaoxiu) {
          moved.push(date);
          continue;
        }
        compared++;
        expect(guess.working, date).toBe(real.working);
      }
      // The days the notice moved: its 调休上班日 and the weekdays it gave off beyond the law
      // (bridges and the 补假 of 第六条). Listed so a change in either calendar shows here.
      const expected: Record<number, PlainDate[]> = {
        2025: [
          '2025-01-26',
          '2025-02-03',
          '2025-02-04',
          '2025-02-08',
          '2025-04-27',
          '2025-05-05',
          '2025-06-02',
          '2025-09-28',
          '2025-10-07',
          '2025-10-08',
          '2025-10-11',
        ],
        2026: [
          '2026-01-02',
          '2026-01-04',
          '2026-02-14',
          '2026-02-20',
          '2026-02-23',
          '2026-02-28',
          '2026-04-06',
          '2026-05-04',
          '2026-05-05',
          '2026-05-09',
          '2026-09-20',
          '2026-10-05',
          '2026-10-06',
          '2026-10-07',
          '2026-10-10',
        ],
      };
      expect(moved).toEqual(expected[year]);
      expect(compared).toBe(year === 2025 ? 365 - 11 : 365 - 7 - 15);
    });
  }

  it('every statutory day of 2025 and 2026 is named by the holiday it belongs to', () => {
    expect(guessed.day('2025-01-28')).toMatchObject({ kind: 'holiday', holiday: '春节', working: false });
    expect(guessed.day('2025-05-02')).toMatchObject({ kind: 'holiday', holiday: '劳动节' }); // added in 2024
    expect(guessed.day('2026-04-05')).toMatchObject({ kind: 'holiday', holiday: '清明节' });
    expect(guessed.day('2026-04-06')).toMatchObject({ kind: 'workday', working: true }); // the notice's 补假, not assumed
  });
});

describe('provisional mode: 2027 and late December 2026', () => {
  const cal = provisional();

  it('marks itself; the bundled calendar is unchanged', () => {
    expect(cal.provisional).toBe(true);
    expect(chinaHolidays.provisional).toBeUndefined();
    expect(cal.years).toEqual(chinaHolidays.years);
  });

  it('2027 days from the statutory holidays and weekends, each marked with year and rule', () => {
    const eve = cal.day('2027-02-05');
    expect(eve).toMatchObject({ kind: 'holiday', holiday: '春节', working: false });
    expect(eve.source).toBe('全国年节及纪念日放假办法第二条（暂定）');
    expect(eve.provisional).toMatchObject({ kind: 'statutory', year: 2027 });
    expect(eve.provisional?.rule).toContain('国务院令第795号');
    expect(eve.provisional?.reason['zh-CN']).toContain('2027年的国务院节假日安排通知尚未收录');
    expect(eve.provisional?.reason.en).toContain("State Council's 2027 holiday notice is not loaded");
    expect(cal.day('2027-02-04')).toMatchObject({ kind: 'workday', working: true }); // Thursday before 除夕
    expect(cal.day('2027-02-09')).toMatchObject({ kind: 'workday', working: true }); // 初四: no bridge assumed
    expect(cal.day('2027-02-13')).toMatchObject({ kind: 'weekend', working: false });
    expect(cal.covers('2027-02-05')).toBe(false); // no notice covers it
  });

  it('late December 2026: 12-24 from the notice alone, 12-25 and 12-31 provisional', () => {
    expect(cal.day('2026-12-24').provisional).toBeUndefined();
    expect(cal.day('2026-12-25')).toMatchObject({
      kind: 'workday',
      provisional: { kind: 'lateDecember', year: 2027 },
    });
    expect(cal.day('2026-12-26')).toMatchObject({ kind: 'weekend', working: false });
    expect(cal.day('2026-12-31').provisional?.reason['zh-CN']).toContain(
      '可能被2027年节假日安排通知重新安排',
    );
    expect(cal.day('2027-01-01').provisional?.kind).toBe('statutory');
  });

  it('without the option the refusal is exactly as before', () => {
    const late = thrown(() => chinaHolidays.day('2026-12-25'));
    expect(late.code).toBe('DATE_OUT_OF_RANGE');
    expect(late.message).toBe(
      "2026-12-25 may still be re-designated by the State Council's 2027 holiday notice, which is not in the holiday data; add it with withYears() rather than guessing",
    );
    expect(thrown(() => chinaHolidays.day('2027-02-05')).message).toBe(
      "2027-02-05 is outside the holiday data (covered years: 2020–2026); add that year's State Council notice with withYears() rather than guessing",
    );
    expect(thrown(() => periodEnd({ start: '2026-12-20', days: 15 }, chinaHolidays)).code).toBe(
      'DATE_OUT_OF_RANGE',
    );
  });

  it('years before 2025 outside the data are still refused', () => {
    const e = thrown(() => cal.day('2019-06-03'));
    expect(e.code).toBe('DATE_OUT_OF_RANGE');
    expect(e.message).toContain('provisional mode counts only years from 2025');
    const only2026 = provisional(createHolidayCalendar({ '2026': chinaHolidays.data['2026']! }));
    expect(thrown(() => only2026.day('2024-12-31')).code).toBe('DATE_OUT_OF_RANGE');
    expect(only2026.day('2025-01-01').provisional?.kind).toBe('statutory');
  });

  it('a day the next notice names before its year is taken from that notice', () => {
    const only2023 = provisional(createHolidayCalendar({ '2023': chinaHolidays.data['2023']! }));
    expect(only2023.day('2022-12-31')).toMatchObject({ kind: 'holiday', holiday: '元旦' });
    expect(only2023.day('2022-12-31').provisional).toBeUndefined();
    expect(thrown(() => only2023.day('2022-12-30')).code).toBe('DATE_OUT_OF_RANGE'); // 2022: before 2025
  });

  it('a loaded notice wins over the provisional count, and the calendar stays provisional', () => {
    const fixture: HolidayYear = {
      source: 'test fixture (not a real notice)',
      holidays: [
        { name: '春节', dates: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'] },
      ],
      makeUpWorkdays: ['2027-02-20'],
    };
    const more = cal.withYears({ '2027': fixture });
    expect(more.provisional).toBe(true);
    expect(more.day('2027-02-09')).toMatchObject({ kind: 'holiday', source: 'test fixture' });
    expect(more.day('2027-02-09').provisional).toBeUndefined();
    expect(more.day('2027-02-20').kind).toBe('makeUpWorkday');
    expect(more.day('2026-12-25').provisional).toBeUndefined(); // the 2027 notice settles it
    expect(more.day('2027-12-27').provisional?.kind).toBe('lateDecember');
    expect(more.day('2028-01-01').provisional?.kind).toBe('statutory');
  });
});

describe('periodEnd in provisional mode', () => {
  const cal = provisional();

  it('a 15-day notice posted 2026-12-20 ends 2027-01-04, marked provisional with the reason', () => {
    const end = periodEnd({ start: '2026-12-20', days: 15 }, cal);
    expect(end.lastDay).toBe('2027-01-04'); // a Monday; 2027-01-01 is 元旦 but not the last day
    expect(end.provisional).toBe(true);
    expect(end.provisionalBasis?.map((b) => [b.kind, b.year])).toEqual([['statutory', 2027]]);
    expect(end.steps.every((s) => s.provisional === true)).toBe(true);
    expect(end.steps[0]!.reason['zh-CN']).toContain('暂定：2027年的国务院节假日安排通知尚未收录');
    expect(end.steps[0]!.reason.en).toContain('provisional: the State Council');
  });

  it('a last day on provisional 除夕 2027 moves past 春节 to 2027-02-09', () => {
    const end = periodEnd({ start: '2027-01-21', days: 15 }, cal);
    expect(end.lastDay).toBe('2027-02-09');
    expect(end.steps[1]).toMatchObject({
      rule: '民法典 第203条',
      from: '2027-02-05',
      to: '2027-02-09',
      provisional: true,
    });
    expect(end.steps[1]!.reason['zh-CN']).toContain('全国年节及纪念日放假办法第二条（暂定）');
  });

  it('at the line: ending 12-24 is not provisional, 12-25 is, 12-26 (Saturday) moves provisionally', () => {
    const below = periodEnd({ start: '2026-12-09', days: 15 }, cal);
    expect(below).toEqual(periodEnd({ start: '2026-12-09', days: 15 }, chinaHolidays));
    expect(below.provisional).toBeUndefined();
    expect(below.steps.some((s) => 'provisional' in s)).toBe(false);
    const at = periodEnd({ start: '2026-12-10', days: 15 }, cal);
    expect(at).toMatchObject({ lastDay: '2026-12-25', provisional: true });
    expect(at.provisionalBasis?.map((b) => [b.kind, b.year])).toEqual([['lateDecember', 2027]]);
    const above = periodEnd({ start: '2026-12-11', days: 15 }, cal);
    expect(above.lastDay).toBe('2026-12-28');
    expect(above.provisionalBasis?.map((b) => b.kind)).toEqual(['lateDecember']);
  });

  it('working-day counts across the turn of the year name both bases', () => {
    const end = periodEnd({ start: '2026-12-22', days: 10, unit: 'working' }, cal);
    // 12-23, 12-24 (notice); 12-25, 12-28…31 (late December); 2027-01-04…01-05 (statutory; 01-01 off)
    expect(end.lastDay).toBe('2027-01-06');
    expect(end.provisionalBasis?.map((b) => b.kind)).toEqual(['lateDecember', 'statutory']);
    expect(end.steps.map((s) => s.provisional)).toEqual([true, true]);
  });
});
