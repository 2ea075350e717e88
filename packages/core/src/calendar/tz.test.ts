/**
 * The same answers under any host time zone: a server in UTC, a laptop in Shanghai and a CI
 * runner in California must agree on when a notice ends. The calendar never touches `Date`,
 * which this file checks three ways: by source, by poisoning `Date` and `Math.random` while the
 * key cases run, and by switching the process time zone and comparing answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyNoticeEvent, startNotice } from '../notice/applyNoticeEvent.js';
import { chinaHolidays as cn } from './chinaHolidays.js';
import { noticeSatisfied } from './noticeLeadTime.js';
import { periodEnd } from './period.js';
import { addDays, chinaDateAt, dayOfWeek, toEpochDay } from './plainDate.js';

function keyCases() {
  const notice = startNotice({
    id: 'n',
    kind: 'publicity',
    title: 't',
    period: { days: 15, unit: 'natural' },
  });
  const posted = applyNoticeEvent(notice, {
    type: 'POST',
    on: '2024-09-20',
    channels: [{ channel: 'online', platform: '社区云', postId: 'p1' }],
  });
  return {
    national: periodEnd({ start: '2024-09-20', days: 15 }, cn).lastDay,
    makeUp: periodEnd({ start: '2024-09-14', days: 15 }, cn).lastDay,
    spring2020: periodEnd({ start: '2020-01-16', days: 15 }, cn).lastDay,
    yearTurn: periodEnd({ start: '2022-12-16', days: 15 }, cn).lastDay,
    working: periodEnd({ start: '2024-09-20', days: 10, unit: 'working' }, cn).lastDay,
    leap: addDays('2024-02-28', 1),
    epoch: toEpochDay('2024-10-08'),
    weekday: dayOfWeek('2024-09-29'),
    worked: cn.isWorkingDay('2024-09-29'),
    notice: noticeSatisfied({ noticeDate: '2024-09-20', meetingDate: '2024-10-05', days: 15 }).satisfied,
    chinaDate: chinaDateAt(1727712000000), // 2024-09-30T16:00Z = 2024-10-01 00:00 in Shanghai
    machine: posted.ok ? posted.snapshot.context.lastDay : posted.error.message,
  };
}

const EXPECTED = {
  national: '2024-10-08',
  makeUp: '2024-09-29',
  spring2020: '2020-02-03',
  yearTurn: '2023-01-03',
  working: '2024-10-10',
  leap: '2024-02-29',
  epoch: 20004,
  weekday: 7,
  worked: true,
  notice: true,
  chinaDate: '2024-10-01',
  machine: '2024-10-08',
};

describe('time-zone independence', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
    vi.unstubAllGlobals();
  });

  it.each([
    ['UTC', 0],
    ['Asia/Shanghai', -480],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
    ['Pacific/Pago_Pago', 660],
  ])('gives the same answers with TZ=%s', (tz, offset) => {
    process.env.TZ = tz;
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(offset); // the switch really happened
    expect(keyCases()).toEqual(EXPECTED);
  });

  it('never constructs a Date or draws a random number', () => {
    const poisoned = () => {
      throw new Error('the calendar must not read Date or Math.random');
    };
    vi.stubGlobal(
      'Date',
      new Proxy(Date, {
        construct: poisoned,
        apply: poisoned,
        get: (t, k) => (k === 'now' ? poisoned : Reflect.get(t, k)),
      }),
    );
    vi.spyOn(Math, 'random').mockImplementation(poisoned);
    expect(keyCases()).toEqual(EXPECTED);
    vi.restoreAllMocks();
  });

  it('has no Date, clock or locale API in its source', () => {
    const forbidden =
      /\bnew Date\b|\bDate\.(now|UTC|parse)\b|Math\.random|getTimezoneOffset|\.get(UTC)?(Day|Date|Hours)\(|toLocale|Intl\./;
    const files = ['.', '../notice']
      .flatMap((dir) => readdirSync(new URL(`${dir}/`, import.meta.url)).map((f) => `${dir}/${f}`))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) {
      const code = readFileSync(new URL(f, import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/)/.test(line))
        .join('\n');
      expect([f, forbidden.exec(code)?.[0]]).toEqual([f, undefined]);
    }
  });
});
