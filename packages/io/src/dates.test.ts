import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromEpochDay } from '@yishi/core/calendar';
import { describe, expect, it } from 'vitest';
import { dateFromDateCell, dateFromNumberCell, dateFromText, excelSerialDate } from './dates.js';

const utc = (y: number, m: number, d: number, h = 0) => new Date(Date.UTC(y, m - 1, d, h));

describe('excelSerialDate: Excel day numbers, 1900 system', () => {
  it('reads serials from 61 on exactly', () => {
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(62)).toBe('1900-03-02');
    expect(excelSerialDate(25569)).toBe('1970-01-01');
    expect(excelSerialDate(38751)).toBe('2006-02-03');
    expect(excelSerialDate(45658)).toBe('2025-01-01');
    expect(excelSerialDate(2958465)).toBe('9999-12-31');
  });
  it('refuses serial 60, the 1900-02-29 that never was, and shifts the serials below it by one', () => {
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(60)).toEqual({
      message: expect.stringContaining('29 February 1900'),
      received: '60',
    });
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(31)).toBe('1900-01-31');
    expect(excelSerialDate(32)).toBe('1900-02-01');
  });
  it('refuses what is no whole day in range: 0, negatives, fractions, beyond 9999-12-31, NaN', () => {
    for (const n of [0, -1, 38751.5, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(excelSerialDate(n)).toEqual({
        message: expect.stringContaining('expected a date'),
        received: String(n),
      });
    }
  });
  it('1904 system: 0 is 1904-01-01, no leap-year bug', () => {
    expect(excelSerialDate(0, true)).toBe('1904-01-01');
    expect(excelSerialDate(59, true)).toBe('1904-02-29');
    expect(excelSerialDate(60, true)).toBe('1904-03-01');
    expect(excelSerialDate(37289, true)).toBe('2006-02-03');
    expect(excelSerialDate(-1, true)).toMatchObject({ received: '-1' });
  });
});

describe('dateFromNumberCell: a plain number in a date column', () => {
  it('reads a serial, refuses a number that looks like a year (one below, at and above the range)', () => {
    expect(dateFromNumberCell(1899)).toBe('1905-03-13');
    expect(dateFromNumberCell(1900)).toMatchObject({ message: expect.stringContaining('looks like a year') });
    expect(dateFromNumberCell(2100)).toMatchObject({ received: '2100' });
    expect(dateFromNumberCell(2101)).toBe('1905-10-01');
    expect(dateFromNumberCell(60)).toMatchObject({ received: '60' });
    expect(dateFromNumberCell(20060203)).toMatchObject({ received: '20060203' });
  });
});

describe('dateFromDateCell: exceljs Dates (UTC midnight, computed without the leap-year bug)', () => {
  it('reads the UTC day, whatever the time of day', () => {
    expect(dateFromDateCell(utc(2006, 2, 3))).toBe('2006-02-03');
    expect(dateFromDateCell(utc(2006, 2, 3, 23))).toBe('2006-02-03');
    expect(dateFromDateCell(utc(1900, 3, 1))).toBe('1900-03-01');
  });
  it('below serial 61, gives the day Excel shows; serial 60 (exceljs: 1900-02-28) is refused', () => {
    expect(dateFromDateCell(utc(1900, 2, 27))).toBe('1900-02-28'); // serial 59
    expect(dateFromDateCell(utc(1900, 2, 28))).toEqual({
      message: expect.stringContaining('29 February 1900'),
      received: '1900-02-29',
    });
    expect(dateFromDateCell(utc(1899, 12, 31))).toBe('1900-01-01'); // serial 1
    expect(dateFromDateCell(utc(1899, 12, 30))).toMatchObject({ received: '0' });
  });
  it('1904 system', () => {
    expect(dateFromDateCell(utc(1904, 1, 1), true)).toBe('1904-01-01');
    expect(dateFromDateCell(utc(2006, 2, 3), true)).toBe('2006-02-03');
  });
  it('an invalid Date is refused', () => {
    expect(dateFromDateCell(new Date(Number.NaN))).toMatchObject({
      message: expect.stringContaining('invalid'),
    });
  });
  it.each(['dates.ts', 'xlsx.ts', 'peopleRows.ts', 'table.ts'])(
    'never reads the host time zone: %s calls no local-time getter and makes no Date',
    (file) => {
      const src = readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');
      expect(src).not.toMatch(
        /\.(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getTimezoneOffset|toLocale\w*|toDateString|toString)\(/,
      );
      expect(src).not.toMatch(/new Date\(|Date\.parse\(/);
    },
  );
});

describe('fromEpochDay', () => {
  it('agrees with Date.UTC on every day from 1899 to 2101 and around leap days', () => {
    const start = Date.UTC(1899, 0, 1) / 86_400_000;
    const end = Date.UTC(2101, 11, 31) / 86_400_000;
    for (let d = start; d <= end; d++) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      if (fromEpochDay(d) !== iso) expect(fromEpochDay(d)).toBe(iso);
    }
    expect(fromEpochDay(Date.UTC(2000, 1, 29) / 86_400_000)).toBe('2000-02-29');
    expect(fromEpochDay(Date.UTC(2100, 2, 1) / 86_400_000 - 1)).toBe('2100-02-28');
  });
});

describe('dateFromText: text dates as offices type them', () => {
  it('accepts each form and normalises it', () => {
    expect(dateFromText('2006-02-03')).toBe('2006-02-03');
    expect(dateFromText('2006-2-3')).toBe('2006-02-03');
    expect(dateFromText('2006/2/3')).toBe('2006-02-03');
    expect(dateFromText('2006/02/03')).toBe('2006-02-03');
    expect(dateFromText('2006.2.3')).toBe('2006-02-03');
    expect(dateFromText('2006年2月3日')).toBe('2006-02-03');
    expect(dateFromText('2006 年 12 月 31 日')).toBe('2006-12-31');
    expect(dateFromText(' ２００６／２／３ ')).toBe('2006-02-03');
  });
  it('refuses a day that does not exist, at the line: 02-28 ok, 02-29 in a common year and 02-30 refused', () => {
    expect(dateFromText('2006-02-28')).toBe('2006-02-28');
    expect(dateFromText('2006-02-29')).toEqual({
      message: 'expected a date that exists; 2006-02-29 is not a day of the calendar',
      received: '2006-02-29',
    });
    expect(dateFromText('2006-02-30')).toMatchObject({ received: '2006-02-30' });
    expect(dateFromText('2004-02-29')).toBe('2004-02-29');
    expect(dateFromText('1900年2月29日')).toMatchObject({ received: '1900年2月29日' });
    expect(dateFromText('2000/2/29')).toBe('2000-02-29');
    expect(dateFromText('2006.4.31')).toMatchObject({ received: '2006.4.31' });
    expect(dateFromText('2006-13-01')).toMatchObject({ received: '2006-13-01' });
    expect(dateFromText('2006-00-10')).toMatchObject({ received: '2006-00-10' });
  });
  it('refuses other forms, naming the forms accepted', () => {
    for (const t of [
      '3/2/2006',
      '06-02-03',
      '2006-02',
      '20060203',
      '38751',
      '2006/2-3',
      '2006年2月3',
      'constructor',
    ]) {
      expect(dateFromText(t)).toEqual({
        message: 'expected a date as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日',
        received: t,
      });
    }
  });
});
