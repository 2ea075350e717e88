import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { applyNoticeEvent, type NoticeSnapshot, sendNoticeEvent, startNotice } from './applyNoticeEvent.js';
import type { PublicNoticeInput } from './noticeSchemas.js';
import { publicNoticeMachine } from './publicNotice.machine.js';

const INPUT: PublicNoticeInput = {
  id: 'n-7',
  kind: 'publicity',
  title: '小区微更新项目公示',
  period: { days: 7, unit: 'natural' },
};
const ONLINE = { channel: 'online', platform: '社区云', postId: 'p-1' };

function ok(s: NoticeSnapshot, ...events: unknown[]): NoticeSnapshot {
  for (const e of events) {
    const r = applyNoticeEvent(s, e);
    if (!r.ok) throw r.error;
    s = r.snapshot;
  }
  return s;
}

const draft = startNotice(INPUT);
// Posted 2024-09-20, 7 days → 09-27 (Friday); objection o1 filed 09-23.
const running = ok(
  draft,
  { type: 'POST', on: '2024-09-20', channels: [ONLINE] },
  { type: 'TICK', on: '2024-09-23' },
  { type: 'OBJECT', on: '2024-09-23', objectionId: 'o1', text: '位置不妥' },
);

/** Applies `event`, expects a refusal, and checks that nothing changed. */
function refused(s: NoticeSnapshot, event: unknown): string {
  const before = JSON.stringify(s);
  const r = applyNoticeEvent(s, event);
  expect(JSON.stringify(s)).toBe(before);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(event)}`);
  return `${r.error.code} ${r.error.message}`;
}

describe('events that fail validation (INVALID_INPUT)', () => {
  it.each([
    [{ type: 'TICK', on: '2023-02-29' }, 'notice event: on: expected a calendar date YYYY-MM-DD'],
    [{ type: 'TICK' }, 'notice event: on: '],
    [{ type: 'SHRED', on: '2024-09-24' }, 'notice event: type: '],
    [
      { type: 'POST', on: '2024-09-20', channels: [{ channel: 'board', location: '公告栏' }] },
      'notice event: channels.0: a board posting needs proof: photoSha256 or photoId',
    ],
    [{ type: 'POST', on: '2024-09-20', channels: [] }, 'notice event: channels: '],
    [{ type: 'OBJECT', on: '2024-09-24', objectionId: 'o2', text: '   ' }, 'notice event: text: '],
    [
      { type: 'ANSWER_OBJECTION', on: '2024-09-24', objectionId: 'o1', decision: 'maybe', reason: 'x' },
      'notice event: decision: ',
    ],
  ])('%j', (event, message) => {
    expect(refused(running, event)).toContain(`INVALID_INPUT ${message}`);
  });
});

describe('events the notice cannot accept (NOTICE_EVENT_REFUSED), with the reason', () => {
  it.each([
    [draft, { type: 'TICK', on: '2024-09-20' }, 'a draft notice does not accept TICK'],
    [draft, { type: 'WITHDRAW', on: '2024-09-20', reason: 'x' }, 'a draft notice does not accept WITHDRAW'],
    [
      running,
      { type: 'POST', on: '2024-09-24', channels: [ONLINE] },
      'a running notice does not accept POST',
    ],
    [
      running,
      { type: 'TICK', on: '2024-09-22' },
      'dates cannot go backwards; the notice is already at 2024-09-23',
    ],
    [
      running,
      { type: 'OBJECT', on: '2024-09-24', objectionId: 'o1', text: 'x' },
      'objection o1 is already recorded',
    ],
    [
      running,
      { type: 'OBJECT', on: '2024-09-28', objectionId: 'o2', text: 'x' },
      'objections close at the end of the last day, 2024-09-27',
    ],
    [
      running,
      { type: 'ANSWER_OBJECTION', on: '2024-09-24', objectionId: 'o9', decision: 'dismissed', reason: 'x' },
      'there is no objection o9',
    ],
  ])('%#: %j', (s, event, why) => {
    const e = event as { type: string; on: string };
    expect(refused(s, event)).toBe(`NOTICE_EVENT_REFUSED notice n-7: ${e.type} on ${e.on} refused: ${why}`);
  });

  it('an answered objection cannot be answered again; a finished notice takes nothing', () => {
    const answered = ok(running, {
      type: 'ANSWER_OBJECTION',
      on: '2024-09-24',
      objectionId: 'o1',
      decision: 'dismissed',
      reason: 'x',
    });
    expect(
      refused(answered, {
        type: 'ANSWER_OBJECTION',
        on: '2024-09-24',
        objectionId: 'o1',
        decision: 'upheld',
        reason: 'y',
      }),
    ).toContain('objection o1 was already dismissed');
    const done = ok(answered, { type: 'TICK', on: '2024-09-28' });
    expect(done.value).toBe('completed');
    expect(refused(done, { type: 'WITHDRAW', on: '2024-09-28', reason: 'late' })).toContain(
      'a completed notice does not accept WITHDRAW',
    );
  });

  it('a period that would end beyond the holiday data is DATE_OUT_OF_RANGE', () => {
    expect(refused(draft, { type: 'POST', on: '2026-12-28', channels: [ONLINE] })).toBe(
      "DATE_OUT_OF_RANGE notice n-7: POST refused: 2027-01-04 is outside the holiday data (covered years: 2020–2026); add that year's State Council notice with withYears() rather than guessing",
    );
    const late = ok(
      draft,
      { type: 'POST', on: '2026-12-14', channels: [ONLINE] },
      { type: 'OBJECT', on: '2026-12-20', objectionId: 'o1', text: 'x' },
    );
    const upheld = {
      type: 'ANSWER_OBJECTION',
      on: '2026-12-28',
      objectionId: 'o1',
      decision: 'upheld',
      reason: '更正',
    };
    expect(refused(late, upheld)).toMatch(
      /^DATE_OUT_OF_RANGE notice n-7: ANSWER_OBJECTION refused: 2027-01-04 is outside/,
    );
    // Dismissing needs no new period, so it is accepted.
    expect(ok(late, { ...upheld, decision: 'dismissed' }).context.objections[0]!.status).toBe('dismissed');
  });

  it('a transition a policy variant disabled is refused as such', () => {
    const noRestart = publicNoticeMachine.provide({ guards: { policyRestarts: () => false } });
    const s = ok(
      startNotice(INPUT, noRestart),
      { type: 'POST', on: '2024-09-20', channels: [ONLINE] },
      { type: 'OBJECT', on: '2024-09-21', objectionId: 'o1', text: 'x' },
    );
    expect(
      refused(s, {
        type: 'ANSWER_OBJECTION',
        on: '2024-09-22',
        objectionId: 'o1',
        decision: 'upheld',
        reason: 'y',
      }),
    ).toContain('a policy guard of this machine does not allow it');
  });
});

describe('sendNoticeEvent on a live actor', () => {
  it('applies what it can and leaves the actor untouched otherwise', () => {
    const actor = createActor(publicNoticeMachine, { input: INPUT }).start();
    const r1 = sendNoticeEvent(actor, { type: 'POST', on: '2024-09-20', channels: [ONLINE] });
    expect(r1.ok && r1.snapshot.value).toBe('posted');
    const before = actor.getSnapshot();
    const r2 = sendNoticeEvent(actor, { type: 'TICK', on: '2024-09-19' });
    expect(!r2.ok && r2.error.code).toBe('NOTICE_EVENT_REFUSED');
    expect(actor.getSnapshot()).toBe(before);
    const r3 = sendNoticeEvent(actor, { type: 'TICK', on: 'tomorrow' });
    expect(!r3.ok && r3.error.code).toBe('INVALID_INPUT');
    expect(actor.getSnapshot()).toBe(before);
    actor.stop();
  });
});
