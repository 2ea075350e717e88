import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_PATTERN, daysInMonth, isoDateParts, isoDateString, isPlainDate } from './isoDate.js';
import { Member, Resident, Villager } from './people.js';

describe('real calendar dates in registers', () => {
  it('knows the last day of every month, and leap years by the Gregorian rule', () => {
    expect(isPlainDate('2006-02-28')).toBe(true);
    expect(isPlainDate('2006-02-29')).toBe(false);
    expect(isPlainDate('2006-02-30')).toBe(false);
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isPlainDate('1900-02-29')).toBe(false);
    expect(isPlainDate('2000-02-29')).toBe(true);
    expect(isPlainDate('2024-04-30')).toBe(true);
    expect(isPlainDate('2024-04-31')).toBe(false);
    expect(isPlainDate('2024-12-31')).toBe(true);
    expect(isPlainDate('2024-13-01')).toBe(false);
    expect(isPlainDate('2024-00-10')).toBe(false);
    expect(isPlainDate('2024-01-00')).toBe(false);
    expect(isPlainDate('2024-1-01')).toBe(false);
    expect(isPlainDate(20240101)).toBe(false);
  });

  it('refuses 2006-02-30 as a birth date, a term start and a term end, naming the field', () => {
    const bad = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(bad(Resident.safeParse({ id: 'r1', household: 'h1', birthDate: '2006-02-30' }))).toEqual([
      'birthDate: expected a date that exists (e.g. not 2006-02-30 or 2023-02-29)',
    ]);
    expect(Resident.safeParse({ id: 'r1', household: 'h1', birthDate: '2006-02-28' }).success).toBe(true);
    expect(
      bad(Villager.safeParse({ id: 'v', household: 'h', villagersGroup: 'g', birthDate: '2006-02-30' })),
    ).toEqual(['birthDate: expected a date that exists (e.g. not 2006-02-30 or 2023-02-29)']);
    expect(bad(Member.safeParse({ id: 'm', termStart: '2006-02-30' }))?.[0]).toMatch(/^termStart: /);
    expect(bad(Member.safeParse({ id: 'm', termEnd: '2006-02-30' }))?.[0]).toMatch(/^termEnd: /);
    expect(Member.safeParse({ id: 'm', termStart: '2006-02-28', termEnd: '2006-03-01' }).success).toBe(true);
  });

  it('says when the form is wrong rather than the day', () => {
    const r = isoDateString('a date').safeParse('2006/02/28');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('expected a date as YYYY-MM-DD');
  });
});

describe('isoDateParts reads by character codes what the pattern reads', () => {
  /** The reading it replaced: the regular expression, then the day checked against its month. */
  const byPattern = (value: unknown) => {
    if (typeof value !== 'string') return undefined;
    const m = DATE_PATTERN.exec(value);
    if (!m) return undefined;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    return { year, month, day };
  };
  const near = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
  const mangled = fc
    .tuple(near, fc.nat(11), fc.constantFrom('', '/', ' ', '\n', '٣', '１', 'a', '-', ':', '0'))
    .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));

  it('agrees on dates, near-dates and anything else', () => {
    fc.assert(
      fc.property(fc.oneof(near, mangled, fc.string({ maxLength: 12 }), fc.anything()), (v) => {
        expect(isoDateParts(v)).toEqual(byPattern(v));
      }),
      { numRuns: 5000 },
    );
    for (const v of ['2024-02-29', '2024-02-29\n', ' 2024-02-29', '2024-2-029', '+024-02-29', '2024-02-2 '])
      expect(isoDateParts(v)).toEqual(byPattern(v));
  });
});
