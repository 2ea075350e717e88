import { describe, expect, it } from 'vitest';
import { isYishiError, type YishiError } from '../errors/YishiError.js';
import { chinaHolidays as cn } from './chinaHolidays.js';
import { createHolidayCalendar, describeYears } from './holidayCalendar.js';
import type { HolidayYear } from './holidayData.js';
import { addDays } from './plainDate.js';

function thrown(f: () => unknown): YishiError {
  try {
    f();
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
  throw new Error('expected a YishiError');
}

/** A made-up year for tests only: NOT the real 2027 arrangement (unpublished when written). */
const FIXTURE_2027: HolidayYear = {
  source: 'test fixture (not a real notice)',
  holidays: [
    { name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'], makeUpWorkdays: ['2027-01-09'] },
  ],
  makeUpWorkdays: ['2027-01-09'],
};

describe('chinaHolidays: working days', () => {
  it.each([
    ['2024-09-29', true, 'makeUpWorkday'], // Sunday worked for 国庆节: 9月29日（星期日）上班
    ['2024-10-12', true, 'makeUpWorkday'], // Saturday worked: 10月12日（星期六）上班
    ['2024-10-05', false, 'holiday'], // Saturday inside 10月1日至7日
    ['2024-10-07', false, 'holiday'], // Monday inside the block
    ['2024-10-08', true, 'workday'],
    ['2024-10-13', false, 'weekend'],
    ['2024-02-09', true, 'workday'], // 除夕 2024 was only "encouraged" off, not a holiday
    ['2025-01-28', false, 'holiday'], // 除夕 2025 is a holiday under 国务院令第795号
    ['2020-01-19', true, 'makeUpWorkday'],
    ['2020-02-01', false, 'holiday'], // planned make-up Saturday, swallowed by the extension to 2/2
    ['2020-02-02', false, 'holiday'], // 延长2020年春节假期至2月2日
    ['2020-02-03', true, 'workday'], // 2月3日（星期一）起正常上班
    ['2022-12-31', false, 'holiday'], // 2023 元旦 block starts 2022-12-31
    ['2023-12-30', false, 'holiday'], // 2024 元旦 与周末连休
    ['2026-01-04', true, 'makeUpWorkday'],
    ['2026-12-24', true, 'workday'],
  ] as const)('%s → working %s (%s)', (date, working, kind) => {
    expect(cn.isWorkingDay(date)).toBe(working);
    expect(cn.isStatutoryRestDay(date)).toBe(!working);
    expect(cn.day(date).kind).toBe(kind);
    expect(cn.isMakeUpWorkday(date)).toBe(kind === 'makeUpWorkday');
  });

  it('names the holiday and the notice behind a day', () => {
    expect(cn.day('2024-10-05')).toEqual({
      date: '2024-10-05',
      weekday: 6,
      kind: 'holiday',
      working: false,
      holiday: '国庆节',
      source: '国办发明电〔2023〕7号',
    });
    expect(cn.day('2024-09-29')).toMatchObject({ holiday: '国庆节', kind: 'makeUpWorkday', weekday: 7 });
    expect(cn.day('2022-12-31')).toMatchObject({ holiday: '元旦', source: '国办发明电〔2022〕16号' });
    expect(cn.day('2024-10-08')).toEqual({ date: '2024-10-08', weekday: 2, kind: 'workday', working: true });
  });

  it('finds the next working day after a rest run', () => {
    expect(cn.nextWorkingDay('2024-10-05')).toBe('2024-10-08');
    expect(cn.nextWorkingDay('2024-09-28')).toBe('2024-09-29');
    expect(cn.nextWorkingDay('2020-01-24')).toBe('2020-02-03');
    expect(cn.nextWorkingDay('2022-12-30')).toBe('2023-01-03');
  });

  it('counts the rest and working days of 2024 exactly', () => {
    let rest = 0;
    for (let d = '2024-01-01'; d <= '2024-12-31'; d = addDays(d, 1)) if (cn.isStatutoryRestDay(d)) rest++;
    // 104 weekend days + 19 holiday weekdays − 8 make-up weekend days = 115; 366 − 115 = 251 working days
    expect(rest).toBe(115);
  });
});

describe('coverage', () => {
  it('covers 2020–2026 and refuses to guess outside', () => {
    expect(cn.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cn.covers('2020-01-01')).toBe(true);
    expect(cn.covers('2019-12-31')).toBe(false);
    for (const date of ['2019-12-31', '2027-01-01', '1999-06-01']) {
      const e = thrown(() => cn.isWorkingDay(date));
      expect(e.code).toBe('DATE_OUT_OF_RANGE');
      expect(e.message).toContain(`${date} is outside the holiday data (covered years: 2020–2026)`);
      expect(e.issues[0]).toMatchObject({ received: date, expected: 'a date in 2020–2026' });
    }
    expect(thrown(() => cn.nextWorkingDay('2026-12-31')).code).toBe('DATE_OUT_OF_RANGE');
  });

  it('does not guess late December of the last covered year (the next notice may change it)', () => {
    expect(cn.covers('2026-12-24')).toBe(true);
    expect(cn.covers('2026-12-25')).toBe(false);
    const e = thrown(() => cn.isWorkingDay('2026-12-31'));
    expect(e.code).toBe('DATE_OUT_OF_RANGE');
    expect(e.message).toContain('2027 holiday notice');
    // Years whose successor is loaded are unaffected: 2022-12-31 is in the 2023 元旦 block.
    expect(cn.isWorkingDay('2022-12-31')).toBe(false);
  });

  it('rejects a malformed date before the range check', () => {
    expect(thrown(() => cn.isWorkingDay('2024-02-30')).code).toBe('INVALID_DATE');
    expect(thrown(() => cn.isWorkingDay('2027-02-30')).code).toBe('INVALID_DATE');
  });

  it('describes year sets with gaps', () => {
    expect(describeYears([2020, 2021, 2022])).toBe('2020–2022');
    expect(describeYears([2020, 2021, 2024, 2026, 2027])).toBe('2020–2021, 2024, 2026–2027');
    expect(describeYears([])).toBe('no years');
  });
});

describe('adding a year without code', () => {
  it('withYears returns a new calendar and leaves the bundled one alone', () => {
    const more = cn.withYears({ '2027': FIXTURE_2027 });
    expect(more.years.at(-1)).toBe(2027);
    expect(more.isWorkingDay('2027-01-09')).toBe(true); // Saturday made a workday by the fixture
    expect(more.isWorkingDay('2027-01-01')).toBe(false);
    expect(more.nextWorkingDay('2026-12-31')).toBe('2027-01-04');
    expect(cn.covers('2027-01-01')).toBe(false);
    // The file shape works too.
    expect(cn.withYears({ years: { '2027': FIXTURE_2027 } }).covers('2027-06-01')).toBe(true);
  });

  it('refuses to redefine a year it holds', () => {
    const e = thrown(() => cn.withYears({ '2024': FIXTURE_2027 }));
    expect(e.code).toBe('INVALID_HOLIDAY_DATA');
    expect(e.message).toContain('year 2024 is already in the calendar');
  });

  it('a calendar of non-adjacent years covers only those years', () => {
    const c = createHolidayCalendar({ '2027': FIXTURE_2027, '2024': cn.data['2024']! });
    expect(c.years).toEqual([2024, 2027]);
    expect(c.covers('2025-05-01')).toBe(false);
    expect(thrown(() => c.day('2025-05-01')).message).toContain('covered years: 2024, 2027');
  });
});

describe('validation names the year, holiday and field', () => {
  const base = () => structuredClone(cn.data['2024']!);

  it('a bad date in a holiday block', () => {
    const y = base();
    y.holidays[6]!.dates[1] = '2024-10-32';
    const e = thrown(() => createHolidayCalendar({ years: { '2024': y } }));
    expect(e.code).toBe('INVALID_HOLIDAY_DATA');
    expect(e.message).toMatch(/^holiday data: year 2024, holiday 国庆节 \(#7\), field dates\[1\]: /);
    expect(e.issues[0]).toMatchObject({
      path: 'years.2024.holidays.6.dates.1',
      field: 'dates',
      received: '"2024-10-32"',
    });
  });

  it('a bad year-level make-up day, and a bad year key', () => {
    const y = base();
    y.makeUpWorkdays[0] = '2024-02-30';
    expect(thrown(() => createHolidayCalendar({ '2024': y })).message).toContain(
      'year 2024, field makeUpWorkdays[0]: expected a calendar date YYYY-MM-DD',
    );
    expect(thrown(() => createHolidayCalendar({ '24': base() })).message).toContain(
      'year 24: expected a four-digit year as key',
    );
  });

  it('a missing field', () => {
    const { source: _, ...y } = base();
    expect(thrown(() => createHolidayCalendar({ '2024': y as HolidayYear })).message).toContain(
      'year 2024, field source:',
    );
  });

  it('a make-up workday on a weekday', () => {
    const y = base();
    y.makeUpWorkdays.push('2024-10-10'); // a Thursday
    const e = thrown(() => createHolidayCalendar({ '2024': y }));
    expect(e.message).toContain('year 2024, field makeUpWorkdays[8]: 2024-10-10 is a weekday');
  });

  it('a day both off and worked, a block make-up day missing at year level, a date far outside the year', () => {
    const y = base();
    y.holidays[6]!.dates.push('2024-10-12');
    y.holidays[1]!.makeUpWorkdays!.push('2024-02-24');
    y.holidays[0]!.dates.push('2023-11-30');
    const e = thrown(() => createHolidayCalendar({ '2024': y }));
    const messages = e.issues.map((i) => i.message);
    expect(messages).toEqual([
      'year 2024, holiday 元旦 (#1), field dates[3]: 2023-11-30 is outside 2023-12-01…2024-12-31',
      "year 2024, holiday 春节 (#2), field makeUpWorkdays[2]: 2024-02-24 is not listed in the year's makeUpWorkdays",
      'year 2024, holiday 国庆节 (#7), field dates[7]: 2024-10-12 is also a make-up workday',
    ]);
    expect(e.message).toContain('(and 2 more)');
  });

  it('two years that disagree about a day', () => {
    const y = structuredClone(FIXTURE_2027);
    y.holidays[0]!.dates.unshift('2026-12-27'); // a Sunday in 2026 …
    const other: HolidayYear = {
      ...structuredClone(cn.data['2026']!),
      makeUpWorkdays: [...cn.data['2026']!.makeUpWorkdays, '2026-12-27'],
    };
    const e = thrown(() => createHolidayCalendar({ '2026': other, '2027': y })); // … that 2026 says is worked
    expect(e.message).toContain('2026-12-27 is a makeUpWorkday in year 2026 but a holiday in year 2027');
  });
});
