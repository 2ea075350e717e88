import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isYishiError } from '../errors/YishiError.js';
import { chinaHolidays as cn } from './chinaHolidays.js';
import { describeDay, periodEnd } from './period.js';
import { addDays, daysBetween, fromEpochDay, toEpochDay } from './plainDate.js';

const end = (start: string, days: number, unit: 'natural' | 'working' = 'natural') =>
  periodEnd({ start, days, unit }, cn).lastDay;

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isYishiError(e) ? e.code : 'not a YishiError';
  }
  return 'no error';
};

describe('natural-day periods (民法典 第201条, 第203条)', () => {
  it('2024-09-20 + 15: last day 2024-10-05 is 国庆节, extended to 2024-10-08', () => {
    expect(periodEnd({ start: '2024-09-20', days: 15 }, cn)).toEqual({
      lastDay: '2024-10-08',
      steps: [
        {
          rule: '民法典 第201条',
          from: '2024-09-20',
          to: '2024-10-05',
          reason: {
            'zh-CN': '开始的当日（2024-09-20）不计入，自2024-09-21开始计算，第15日为2024-10-05',
            en: 'the start day 2024-09-20 is not counted; counting begins on 2024-09-21; day 15 is 2024-10-05',
          },
        },
        {
          rule: '民法典 第203条',
          from: '2024-10-05',
          to: '2024-10-08',
          reason: {
            'zh-CN':
              '最后一日2024-10-05为法定节假日（国庆节，国办发明电〔2023〕7号），以法定休假日结束的次日2024-10-08为期间的最后一日（民法典第203条）',
            en: 'last day 2024-10-05 is a statutory holiday (国庆节, 国办发明电〔2023〕7号); extended to 2024-10-08, the day after the rest days end (民法典 第203条)',
          },
        },
      ],
    });
  });

  it('a Sunday worked as a make-up day (2024-09-29) is not a rest day: no extension, and the answer says why', () => {
    const r = periodEnd({ start: '2024-09-14', days: 15 }, cn);
    expect(r.lastDay).toBe('2024-09-29');
    expect(r.steps[1]).toEqual({
      rule: '民法典 第203条',
      from: '2024-09-29',
      to: '2024-09-29',
      reason: {
        'zh-CN':
          '最后一日2024-09-29为星期日，但为调休上班日（国庆节，国办发明电〔2023〕7号），不是法定休假日，期间不顺延',
        en: 'last day 2024-09-29 is a Sunday but a make-up working day (调休上班日, 国庆节, 国办发明电〔2023〕7号), not a statutory rest day; not extended',
      },
    });
  });

  it.each([
    // [start, days, nominal last day, last day, why]
    ['2024-02-01', 15, '2024-02-16', '2024-02-18', '春节 2024 ends 2/17; 2/18 is a Sunday worked'],
    ['2025-01-20', 10, '2025-01-30', '2025-02-05', '春节 2025 (1/28–2/4, 除夕 now a holiday)'],
    ['2026-02-05', 15, '2026-02-20', '2026-02-24', '春节 2026 (2/15–2/23)'],
    ['2020-01-16', 15, '2020-01-31', '2020-02-03', '2020 春节 extended to 2/2 (国办发明电〔2020〕1号)'],
    [
      '2020-01-17',
      15,
      '2020-02-01',
      '2020-02-03',
      '2020-02-01: planned make-up Saturday, off after the extension',
    ],
    ['2022-12-16', 15, '2022-12-31', '2023-01-03', '2023 元旦 block starts 2022-12-31'],
    ['2024-12-17', 15, '2025-01-01', '2025-01-02', 'turn of the year onto 元旦 2025'],
    ['2023-12-15', 15, '2023-12-30', '2024-01-02', '2024 元旦 与周末连休 from 2023-12-30'],
    ['2024-06-01', 14, '2024-06-15', '2024-06-17', 'a plain Saturday (公休日)'],
    ['2024-02-14', 15, '2024-02-29', '2024-02-29', 'leap day, a Thursday'],
    ['2024-01-30', 30, '2024-02-29', '2024-02-29', '30 days through February of a leap year'],
    ['2023-02-14', 15, '2023-03-01', '2023-03-01', 'no leap day in 2023'],
    ['2024-12-16', 15, '2024-12-31', '2024-12-31', 'last day of the year, a Tuesday'],
    ['2019-12-20', 15, '2020-01-04', '2020-01-06', 'start outside the data: only the end needs it'],
  ])('%s + %i → %s → %s (%s)', (start, days, nominal, last) => {
    const r = periodEnd({ start, days }, cn);
    expect(r.steps[0]!.to).toBe(nominal);
    expect(r.lastDay).toBe(last);
    expect(r.steps.length).toBe(nominal === last ? 1 : 2);
  });
});

describe('working-day periods', () => {
  it('counts only working days after the start, including make-up days', () => {
    const r = periodEnd({ start: '2024-09-20', days: 10, unit: 'working' }, cn);
    expect(r.lastDay).toBe('2024-10-10');
    expect(r.steps.map((s) => [s.rule, s.from, s.to])).toEqual([
      ['民法典 第201条', '2024-09-20', '2024-09-21'],
      ['working-days', '2024-09-21', '2024-10-10'],
    ]);
    expect(r.steps[1]!.reason.en).toBe(
      'counted 10 working days, including make-up working day 2024-09-29, skipping 10 rest days (weekends and holidays); working day 10 is 2024-10-10',
    );
  });

  it.each([
    ['2020-01-17', 5, '2020-01-23'], // 1/19 Sunday worked
    ['2020-01-23', 1, '2020-02-03'], // across the whole extended 春节
    ['2024-02-08', 2, '2024-02-18'], // 2/9 then the Sunday 2/18 worked
    ['2022-12-30', 1, '2023-01-03'],
  ])('%s + %i working days → %s', (start, days, last) => {
    expect(end(start, days, 'working')).toBe(last);
  });
});

describe('errors', () => {
  it('an end beyond the holiday data is DATE_OUT_OF_RANGE, never a guess', () => {
    expect(end('2026-11-24', 30)).toBe('2026-12-24');
    // Late December of the last covered year waits for the next year's notice.
    expect(codeOf(() => end('2026-11-25', 30))).toBe('DATE_OUT_OF_RANGE');
    expect(codeOf(() => end('2026-12-01', 30))).toBe('DATE_OUT_OF_RANGE');
    expect(codeOf(() => end('2026-12-20', 15))).toBe('DATE_OUT_OF_RANGE');
    expect(codeOf(() => end('2026-12-28', 5, 'working'))).toBe('DATE_OUT_OF_RANGE');
    expect(codeOf(() => end('2019-11-01', 10))).toBe('DATE_OUT_OF_RANGE');
  });

  it('bad input names the field', () => {
    expect(codeOf(() => end('2023-02-29', 15))).toBe('INVALID_DATE');
    expect(() => end('2023-02-29', 15)).toThrow(/^start: "2023-02-29" is not a calendar date/);
    for (const days of [0, -3, 1.5, Number.NaN])
      expect(codeOf(() => end('2024-01-01', days))).toBe('INVALID_INPUT');
    expect(() => end('2024-01-01', 0)).toThrow(/^days: expected a whole number of days/);
  });
});

describe('properties over 2020–2026', () => {
  const start = fc
    // Ends stay before 25 December 2026, which waits for the 2027 notice.
    .integer({ min: toEpochDay('2020-01-01'), max: toEpochDay('2026-09-01') })
    .map(fromEpochDay);
  const days = fc.integer({ min: 1, max: 60 });

  it('natural: the end is the nominal day if working, else the first working day after a run of rest days', () => {
    fc.assert(
      fc.property(start, days, (s, n) => {
        const { lastDay, steps } = periodEnd({ start: s, days: n }, cn);
        const nominal = addDays(s, n);
        expect(steps[0]!.to).toBe(nominal);
        expect(cn.isWorkingDay(lastDay)).toBe(true);
        for (let d = nominal; d < lastDay; d = addDays(d, 1)) expect(cn.isStatutoryRestDay(d)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('working: exactly N working days in (start, end], the end one of them', () => {
    fc.assert(
      fc.property(start, days, (s, n) => {
        const { lastDay } = periodEnd({ start: s, days: n, unit: 'working' }, cn);
        let count = 0;
        for (let d = addDays(s, 1); d <= lastDay; d = addDays(d, 1)) if (cn.isWorkingDay(d)) count++;
        expect(count).toBe(n);
        expect(cn.isWorkingDay(lastDay)).toBe(true);
        expect(daysBetween(s, lastDay)).toBeGreaterThanOrEqual(n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeDay', () => {
  it('words each kind of day', () => {
    expect(describeDay(cn.day('2024-06-15')).en).toBe('a Saturday (weekly rest day, 公休日)');
    expect(describeDay(cn.day('2024-06-15'))['zh-CN']).toBe('星期六（公休日）');
    expect(describeDay(cn.day('2024-06-14'))).toEqual({
      'zh-CN': '星期五（工作日）',
      en: 'a Friday (working day)',
    });
  });
});
