import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { chinaHolidays } from '../calendar/chinaHolidays.js';
import { chinaMidnight } from '../calendar/plainDate.js';
import { isYishiError } from '../errors/YishiError.js';
import {
  applyNoticeEvent,
  type NoticeSnapshot,
  restoreNotice,
  sendNoticeEvent,
  startNotice,
} from './applyNoticeEvent.js';
import { startDailyTicks } from './dailyTicks.js';
import type { PublicNoticeInput } from './noticeSchemas.js';
import { NOTICE_PERIOD_DEFAULTS, periodOf } from './periods.js';
import { createPublicNoticeMachine, noticeCalendarOf, publicNoticeMachine } from './publicNotice.machine.js';

const HOUR = 3_600_000;
const BOARD = { channel: 'board', location: '3号楼门厅公告栏', photoSha256: 'ab'.repeat(32) } as const;
const ONLINE = { channel: 'online', platform: '社区云', postId: 'post-881' } as const;

const audit = periodOf(NOTICE_PERIOD_DEFAULTS.auditResultPublicity); // 30 natural days
const input = (over: Partial<PublicNoticeInput> = {}): PublicNoticeInput => ({
  id: 'notice-1',
  kind: 'publicity',
  title: '2号楼加装电梯方案公示',
  period: { days: 15, unit: 'natural' },
  ...over,
});

/** Applies events in order; every one must be accepted. */
function run(snapshot: NoticeSnapshot, ...events: unknown[]): NoticeSnapshot {
  return events.reduce<NoticeSnapshot>((s, e) => {
    const r = applyNoticeEvent(s, e);
    if (!r.ok) throw r.error;
    return r.snapshot;
  }, snapshot);
}

const post = (on: string) => ({ type: 'POST', on, channels: [BOARD] });
const tick = (on: string) => ({ type: 'TICK', on });
const object = (on: string, objectionId = 'o1') => ({
  type: 'OBJECT',
  on,
  objectionId,
  text: '2号楼面积有误',
  by: '201室',
});
const answer = (on: string, decision: 'upheld' | 'dismissed', objectionId = 'o1') => ({
  type: 'ANSWER_OBJECTION',
  on,
  objectionId,
  decision,
  reason: decision === 'upheld' ? '已核实并更正' : '经核实无误',
});

describe('a 15-day publicity over National Day 2024', () => {
  it('posted 2024-09-20, counting from 09-21, ends 2024-10-08 (not 10-05), completes on 10-09', () => {
    let s = run(startNotice(input()), post('2024-09-20'));
    expect(s.value).toBe('posted');
    expect(s.context).toMatchObject({ postedOn: '2024-09-20', lastDay: '2024-10-08', today: '2024-09-20' });
    expect(s.context.postings).toEqual([{ ...BOARD, on: '2024-09-20' }]);
    expect(s.context.runs[0]!.steps.map((x) => x.rule)).toEqual(['民法典 第201条', '民法典 第203条']);
    s = run(s, tick('2024-09-21'), { type: 'ADD_CHANNEL', on: '2024-09-21', channel: ONLINE });
    expect(s.value).toBe('running');
    expect(s.context.postings).toHaveLength(2);
    s = run(s, tick('2024-10-05'), tick('2024-10-08'));
    expect(s.value).toBe('running'); // the last day runs to 24:00
    s = run(s, tick('2024-10-09'));
    expect(s.value).toBe('completed');
    expect(s.status).toBe('done');
    expect(s.output).toEqual({ id: 'notice-1', lastDay: '2024-10-08', withdrawn: false });
  });

  it('a pending objection holds completion until it is answered', () => {
    let s = run(startNotice(input()), post('2024-09-20'), object('2024-10-08'), tick('2024-10-12'));
    expect(s.value).toBe('running');
    s = run(s, answer('2024-10-14', 'dismissed'));
    expect(s.value).toBe('completed');
    expect(s.context.objections).toEqual([
      {
        id: 'o1',
        filedOn: '2024-10-08',
        text: '2号楼面积有误',
        by: '201室',
        status: 'dismissed',
        answeredOn: '2024-10-14',
        answer: '经核实无误',
      },
    ]);
  });
});

describe('what an upheld objection does (policy onUpheldObjection)', () => {
  it("'restart' counts the full period again from the answer day, back in posted", () => {
    let s = run(startNotice(input()), post('2024-09-20'), tick('2024-09-25'), object('2024-09-25'));
    s = run(s, answer('2024-09-28', 'upheld'));
    expect(s.value).toBe('posted');
    // 2024-09-28 + 15 = 2024-10-13, a Sunday (10-12 was the make-up Saturday) → 2024-10-14
    expect(s.context.lastDay).toBe('2024-10-14');
    expect(s.context.runs.map((r) => [r.cause, r.from, r.lastDay])).toEqual([
      ['posted', '2024-09-20', '2024-10-08'],
      ['restarted', '2024-09-28', '2024-10-14'],
    ]);
    expect(run(s, tick('2024-09-29')).value).toBe('running');
    expect(run(s, tick('2024-10-14')).value).toBe('running');
    expect(run(s, tick('2024-10-15')).value).toBe('completed');
  });

  it("'extend' adds extensionDays after the last day and keeps counting", () => {
    const base = startNotice(input({ onUpheldObjection: 'extend', extensionDays: 5 }));
    let s = run(
      base,
      post('2024-09-20'),
      tick('2024-09-22'),
      object('2024-09-22'),
      answer('2024-09-23', 'upheld'),
    );
    expect(s.value).toBe('running');
    expect(s.context.lastDay).toBe('2024-10-14'); // 10-08 + 5 = 10-13 (Sunday) → 10-14
    expect(s.context.runs[1]).toMatchObject({ cause: 'extended', objectionId: 'o1', from: '2024-10-08' });
    // Upheld on the posting day itself: still posted, and counting still starts the next day.
    s = run(base, post('2024-09-20'), object('2024-09-20'), answer('2024-09-20', 'upheld'));
    expect(s.value).toBe('posted');
    expect(run(s, tick('2024-09-21')).value).toBe('running');
  });

  it("'extend' after the last day counts from the answer day, so residents always get the extra days", () => {
    const base = startNotice(input({ onUpheldObjection: 'extend', extensionDays: 5 }));
    const s = run(base, post('2024-09-20'), object('2024-10-08'), answer('2024-10-21', 'upheld'));
    expect(s.context.runs[1]).toMatchObject({ from: '2024-10-21', lastDay: '2024-10-28' }); // 10-26 is Saturday
    expect(s.value).toBe('running');
  });

  it("'withdraw' takes the notice down, recording which objection caused it", () => {
    const s = run(
      startNotice(input({ onUpheldObjection: 'withdraw' })),
      post('2024-09-20'),
      object('2024-09-24'),
      answer('2024-09-26', 'upheld'),
    );
    expect(s.value).toBe('withdrawn');
    expect(s.context.withdrawal).toEqual({ on: '2024-09-26', reason: '已核实并更正', objectionId: 'o1' });
    expect(s.output).toEqual({ id: 'notice-1', lastDay: '2024-10-08', withdrawn: true });
  });

  it('a policy variant swaps behaviour with .provide(), keeping the calendar', () => {
    const strict = publicNoticeMachine.provide({
      guards: { policyRestarts: () => false, policyWithdraws: () => true },
    });
    expect(noticeCalendarOf(strict)).toBe(chinaHolidays);
    const s = run(
      startNotice(input(), strict),
      post('2024-09-20'),
      object('2024-09-21'),
      answer('2024-09-22', 'upheld'),
    );
    expect(s.value).toBe('withdrawn');
  });
});

describe('calendar and input', () => {
  it('counts working days when the period says so (e.g. 北京 10 工作日)', () => {
    const s = run(startNotice(input({ period: { days: 10, unit: 'working' } })), post('2024-09-20'));
    expect(s.context.lastDay).toBe('2024-10-10');
  });

  it('uses the calendar it was built with, so a new year needs no code', () => {
    const year2027 = {
      source: 'test fixture (not a real notice)',
      holidays: [{ name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'] }],
      makeUpWorkdays: [],
    };
    const m = createPublicNoticeMachine(chinaHolidays.withYears({ '2027': year2027 }));
    const a = applyNoticeEvent(startNotice(input({ period: audit }), m), post('2026-12-20'));
    expect(a.ok && a.snapshot.context.lastDay).toBe('2027-01-19');
    const b = applyNoticeEvent(startNotice(input({ period: audit })), post('2026-12-20'));
    expect(!b.ok && b.error.code).toBe('DATE_OUT_OF_RANGE');
  });

  it('rejects bad input with INVALID_INPUT naming the field', () => {
    const bad = (i: unknown) => {
      try {
        startNotice(i as PublicNoticeInput);
      } catch (e) {
        return isYishiError(e) ? `${e.code} ${e.message}` : String(e);
      }
      return 'accepted';
    };
    expect(bad({ ...input(), onUpheldObjection: 'extend' })).toBe(
      "INVALID_INPUT public notice: extensionDays: extensionDays is required when onUpheldObjection is 'extend'",
    );
    expect(bad({ ...input(), period: { days: 0 } })).toMatch(/^INVALID_INPUT public notice: period.days: /);
    expect(bad({ ...input(), kind: 'memo' })).toMatch(/^INVALID_INPUT public notice: kind: /);
    const actor = createActor(publicNoticeMachine);
    let error: unknown;
    actor.subscribe({ error: (e) => (error = e) });
    expect(actor.start().getSnapshot().status).toBe('error');
    expect(isYishiError(error) && error.code).toBe('INVALID_INPUT');
  });
});

describe('persistence and replay', () => {
  const log = [
    post('2024-09-20'),
    tick('2024-09-23'),
    object('2024-09-24'),
    answer('2024-09-25', 'dismissed'),
  ];

  it('persists to JSON and restores into an actor that carries on', () => {
    const actor = createActor(publicNoticeMachine, { input: input() }).start();
    for (const e of log) expect(sendNoticeEvent(actor, e).ok).toBe(true);
    const json = JSON.stringify(actor.getPersistedSnapshot());
    actor.stop();
    const restored = createActor(publicNoticeMachine, { snapshot: JSON.parse(json) }).start();
    expect(restored.getSnapshot().value).toBe('running');
    expect(restored.getSnapshot().context.objections[0]!.status).toBe('dismissed');
    expect(sendNoticeEvent(restored, tick('2024-10-09')).ok).toBe(true);
    expect(restored.getSnapshot().output).toEqual({
      id: 'notice-1',
      lastDay: '2024-10-08',
      withdrawn: false,
    });
  });

  it('restoreNotice validates the stored snapshot and continues purely', () => {
    const json = JSON.stringify(run(startNotice(input()), ...log));
    const s = restoreNotice(JSON.parse(json));
    expect(run(s, tick('2024-10-09')).value).toBe('completed');
    const done = restoreNotice(JSON.parse(JSON.stringify(run(s, tick('2024-10-09')))));
    expect([done.status, done.output]).toEqual([
      'done',
      { id: 'notice-1', lastDay: '2024-10-08', withdrawn: false },
    ]);
    const tampered = JSON.parse(json);
    tampered.context.lastDay = '2024-10-32';
    expect(() => restoreNotice(tampered)).toThrow(/^stored notice: context.lastDay: /);
    expect(() => restoreNotice({ value: 'archived', context: tampered.context })).toThrow(
      /^stored notice: value: /,
    );
  });

  it('replaying the event log rebuilds the same snapshot, byte for byte', () => {
    const a = JSON.stringify(run(startNotice(input()), ...log));
    const b = JSON.stringify(run(startNotice(input()), ...structuredClone(log)));
    expect(a).toBe(b);
  });
});

describe('driven by an injected clock (SimulatedClock), never the wall clock', () => {
  it('moves to running after the posting day and completes at 00:00 China time after the last day', () => {
    const clock = new SimulatedClock();
    clock.set(chinaMidnight('2024-09-20') + 10 * HOUR); // 10:00 in Shanghai
    const actor = createActor(publicNoticeMachine, { input: input(), clock }).start();
    expect(sendNoticeEvent(actor, post('2024-09-20')).ok).toBe(true);
    const seen: string[] = [];
    const stop = startDailyTicks(clock, (e) => {
      const r = sendNoticeEvent(actor, e);
      seen.push(`${e.on} ${r.ok ? String(r.snapshot.value) : r.error.code}`);
    });
    clock.increment(14 * HOUR - 1); // 23:59:59.999 on 09-20
    expect(actor.getSnapshot().value).toBe('posted');
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('running');
    clock.set(chinaMidnight('2024-10-09') - 1); // 23:59:59.999 on the last day
    expect(actor.getSnapshot().value).toBe('running');
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('completed');
    stop();
    expect(seen).toEqual([
      '2024-09-20 posted',
      '2024-09-21 running',
      '2024-10-08 running',
      '2024-10-09 completed',
    ]);
  });
});
