import { describe, expect, it } from 'vitest';
import { isoDateString, isPlainDate } from './isoDate.js';
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
