import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isYishiError, type YishiError } from '../errors/YishiError.js';
import { chinaHolidays } from './chinaHolidays.js';
import { loadHolidayFile, parseHolidayFile } from './holidayFile.js';

const FILE = 'holidays-2027.json';
const SHIPPED = readFileSync(new URL('../../data/holidays-cn.json', import.meta.url), 'utf8');

/** A made-up 2027 for tests only: NOT the real 2027 arrangement (unpublished when written). */
function fixture2027() {
  return {
    source: 'test fixture (not a real notice)',
    holidays: [
      { name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'] },
      {
        name: '春节',
        dates: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'],
        makeUpWorkdays: ['2027-02-20'],
      },
    ],
    makeUpWorkdays: ['2027-02-20'],
  };
}

const text = (value: unknown) => JSON.stringify(value, null, 2);

function thrown(f: () => unknown): YishiError {
  try {
    f();
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
  throw new Error('expected a YishiError');
}

describe('loadHolidayFile: adding a year the day its notice appears', () => {
  it('adds 2027 from a file with only that year, in either shape', () => {
    for (const body of [{ years: { '2027': fixture2027() } }, { '2027': fixture2027() }]) {
      const cal = loadHolidayFile(text(body), FILE, chinaHolidays);
      expect(cal.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
      expect(cal.day('2027-02-09')).toMatchObject({ kind: 'holiday', holiday: '春节' });
      expect(cal.isMakeUpWorkday('2027-02-20')).toBe(true);
      expect(cal.covers('2026-12-25')).toBe(true); // late December 2026 is now settled
    }
    expect(chinaHolidays.years).not.toContain(2027); // the bundled calendar is unchanged
  });

  it('accepts a copy of the shipped file with 2027 appended (bundled years unchanged)', () => {
    const shipped = JSON.parse(SHIPPED);
    shipped.years['2027'] = fixture2027();
    const cal = loadHolidayFile(text(shipped), FILE, chinaHolidays);
    expect(cal.years.at(-1)).toBe(2027);
    expect(cal.day('2024-10-07').kind).toBe('holiday');
  });

  it('a file with nothing new gives back the calendar as it is', () => {
    expect(loadHolidayFile(SHIPPED, 'holidays-cn.json', chinaHolidays)).toBe(chinaHolidays);
  });

  it('refuses a file that redefines a bundled year', () => {
    const shipped = JSON.parse(SHIPPED);
    shipped.years['2026'].holidays[0].dates.push('2026-01-05');
    shipped.years['2027'] = fixture2027();
    const e = thrown(() => loadHolidayFile(text(shipped), FILE, chinaHolidays));
    expect(e.code).toBe('INVALID_HOLIDAY_DATA');
    expect(e.message).toMatch(
      /^holidays-2027\.json: years\["2026"\]: 2026 is already in the calendar \(国办发明电〔2025〕7号/,
    );
    expect(e.issues[0]).toMatchObject({ file: FILE, path: 'years["2026"]' });
  });

  it('names file, year, holiday and field, with the value found', () => {
    const y = fixture2027();
    y.holidays[1]!.dates[3] = '2027-02-30';
    const e = thrown(() => loadHolidayFile(text({ years: { '2027': y } }), FILE, chinaHolidays));
    expect(e.message).toBe(
      'holidays-2027.json: years["2027"].holidays[1].dates[3] (春节): expected a calendar date YYYY-MM-DD, got "2027-02-30"',
    );
    expect(e.issues[0]).toMatchObject({
      file: FILE,
      path: 'years["2027"].holidays[1].dates[3]',
      received: '"2027-02-30"',
    });
  });

  it('reports a missing field, a bad key and a weekday make-up day, all at once', () => {
    const { source: _, ...noSource } = fixture2027();
    const weekday = fixture2027();
    weekday.makeUpWorkdays = ['2027-02-19']; // a Friday
    weekday.holidays[1]!.makeUpWorkdays = ['2027-02-19'];
    expect(thrown(() => parseHolidayFile(text({ '2027': noSource }), FILE)).message).toBe(
      'holidays-2027.json: ["2027"].source: missing: expected a string, got nothing',
    );
    expect(thrown(() => parseHolidayFile(text({ years: { '27': fixture2027() } }), FILE)).message).toBe(
      'holidays-2027.json: years["27"]: expected a four-digit year as key, got "27"',
    );
    const e = thrown(() => parseHolidayFile(text({ years: { '2027': weekday } }), FILE));
    expect(e.message).toBe(
      'holidays-2027.json: years["2027"].makeUpWorkdays[0]: 2027-02-19 is a weekday; a make-up workday (调休上班日) is a Saturday or Sunday worked, got "2027-02-19"',
    );
  });

  it('refuses malformed JSON with line and column', () => {
    const bad = '{\n  "years": {\n    "2027": {\n      "source": "x",\n    }\n  }\n}';
    const e = thrown(() => loadHolidayFile(bad, FILE, chinaHolidays));
    expect(e.code).toBe('INVALID_HOLIDAY_DATA');
    expect(e.message).toBe(
      'holidays-2027.json: line 5, column 5: expected a key in double quotes, found "}"',
    );
    expect(e.issues[0]).toMatchObject({ file: FILE, row: 5, field: 'column 5' });
  });

  it('refuses a year given twice in one file, rather than keeping the last', () => {
    const y = text(fixture2027());
    const twice = `{"years": {\n"2027": ${y},\n"2027": ${y}\n}}`;
    const e = thrown(() => loadHolidayFile(twice, FILE, chinaHolidays));
    expect(e.message).toMatch(
      /^holidays-2027\.json: line \d+, column 1: key "2027" appears twice in years \(first at line 2, column 1\)/,
    );
  });

  it('a cross-year conflict is located in the file', () => {
    const y = fixture2027();
    y.holidays[0]!.dates.unshift('2026-12-31'); // 2026's own notice leaves 12-31 a workday: fine
    expect(loadHolidayFile(text({ '2027': y }), FILE, chinaHolidays).day('2026-12-31').kind).toBe('holiday');
    const clash = fixture2027();
    clash.holidays[0]!.dates.unshift('2026-10-10'); // a make-up workday of 2026
    const e = thrown(() => loadHolidayFile(text({ '2027': clash }), FILE, chinaHolidays));
    expect(e.message).toContain('holidays-2027.json: ');
    expect(e.message).toContain('2026-10-10');
  });
});
