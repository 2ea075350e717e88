import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../calendar/plainDate.js';
import type { YishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { verify } from '../log/verify.js';
import { rostered } from '../testing/fixtureRoster.js';
import { EARLIEST_AT, END_AT } from './bounds.js';
import { createEngine, openEngine } from './createEngine.js';
import type { Engine, EngineClock, EngineLimits } from './engineTypes.js';
import { replay } from './replay.js';
import { memoryStore } from './store.js';
import { BOARD, NOTICE_KINDS, noticeInput, OWNER, STAFF } from './testing/noticeKind.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function setup(clockOptions: Partial<EngineClock> = {}, limits?: EngineLimits) {
  const clock: { t: number } & EngineClock = {
    t: chinaMidnight('2024-09-20') + 10 * HOUR,
    now: () => clock.t,
    ...clockOptions,
  };
  const store = memoryStore();
  const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store, ...(limits ? { limits } : {}) }));
  return { clock, store, engine };
}

function posted(clockOptions: Partial<EngineClock> = {}, limits?: EngineLimits) {
  const s = setup(clockOptions, limits);
  const c = s.engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
  if (!c.ok) throw c.error;
  const r = c.process.send({ type: 'POST', channels: [BOARD] }, STAFF);
  if (!r.ok) throw r.error;
  return { ...s, p: c.process };
}

/** Runs `run`, expects a refusal with `code`, and that neither log nor state changed. */
function refused(engine: Engine, code: string, run: () => { ok: boolean; error?: YishiError }) {
  const log = canonicalJson(engine.log());
  const states = canonicalJson(engine.processes().map((p) => p.getPersistedSnapshot()));
  const r = run();
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe(code);
  expect(canonicalJson(engine.log())).toBe(log);
  expect(canonicalJson(engine.processes().map((p) => p.getPersistedSnapshot()))).toBe(states);
  return r.error!;
}

describe('the clock is bounded', () => {
  it('the 1e20 clock, -1, NaN and 2101-01-01 are refused (CLOCK_OUT_OF_RANGE), state and log untouched', () => {
    for (const t of [1e20, -1, Number.NaN, Number.POSITIVE_INFINITY, END_AT, EARLIEST_AT - 1]) {
      const { engine, clock, p } = posted();
      clock.t = t;
      const e = refused(engine, 'CLOCK_OUT_OF_RANGE', () =>
        p.send({ type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER),
      );
      expect(e.issues[0]).toMatchObject({ field: 'at', received: expect.stringContaining(String(t)) });
      refused(engine, 'CLOCK_OUT_OF_RANGE', () =>
        engine.create('publicNotice', 'n-2', noticeInput('n-2'), STAFF),
      );
      expect(p.can({ type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER)).toBe(false);
      expect(p.allowedActions(OWNER.actor)).toEqual([]);
      expect(() => engine.tick()).toThrow(expect.objectContaining({ code: 'CLOCK_OUT_OF_RANGE' }));
      expect(verify(engine.log())).toMatchObject({ ok: true, count: 3 }); // roster, CREATE, POST
    }
  });

  it('accepts the first and last millisecond of 2000-01-01..2100-12-31 (China time), and reopens them', () => {
    expect(EARLIEST_AT).toBe(Date.UTC(1999, 11, 31, 16));
    expect(END_AT).toBe(Date.UTC(2100, 11, 31, 16));
    for (const t of [EARLIEST_AT, END_AT - 1]) {
      const clock = { now: () => t };
      const store = memoryStore();
      const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store }));
      const r = engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
      expect(r.ok).toBe(true);
      expect(replay(engine.log(), NOTICE_KINDS).ok).toBe(true);
      expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store })).not.toThrow();
    }
  });

  it('a reading earlier than the last entry is refused (CLOCK_BACKWARDS); one at the same ms is accepted', () => {
    const { engine, clock, p } = posted();
    const last = engine.log().at(-1)!.at;
    clock.t = last - 1;
    refused(engine, 'CLOCK_BACKWARDS', () =>
      p.send({ type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER),
    );
    refused(engine, 'CLOCK_BACKWARDS', () => engine.create('publicNotice', 'n-2', noticeInput('n-2'), STAFF));
    clock.t = last;
    expect(p.send({ type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER).ok).toBe(true);
  });

  it('a reopened engine knows the last entry’s time', () => {
    const { store, clock } = posted();
    clock.t -= DAY;
    const again = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store }));
    refused(again, 'CLOCK_BACKWARDS', () =>
      again.send('n-1', { type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER),
    );
  });

  it("clock.backwards: 'clamp' logs a backwards reading at the last entry's time", () => {
    const { engine, clock, p } = posted({ backwards: 'clamp' });
    const last = engine.log().at(-1)!.at;
    clock.t = last - 3 * DAY;
    const r = p.send({ type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER);
    expect(r.ok && r.entry.at).toBe(last);
    expect(replay(engine.log(), NOTICE_KINDS).ok).toBe(true);
    // Clamping never lets an out-of-range reading through.
    clock.t = -1;
    refused(engine, 'CLOCK_OUT_OF_RANGE', () =>
      p.send({ type: 'OBJECT', objectionId: 'o2', text: '面积有误' }, OWNER),
    );
  });

  it('the 2031 tick is refused (CLOCK_JUMP) and leaves the notice open; confirmed, it goes through', async () => {
    const { engine, clock, store, p } = posted();
    const last = engine.log().at(-1)!.at;
    clock.t = chinaMidnight('2031-01-01') + HOUR;
    const log = canonicalJson(engine.log());
    expect(() => engine.tick()).toThrow(expect.objectContaining({ code: 'CLOCK_JUMP' }));
    expect(canonicalJson(engine.log())).toBe(log);
    expect(p.getSnapshot().value).toBe('posted');
    const accepted = engine.tick({ confirmJump: true });
    expect(accepted).toHaveLength(1);
    expect(p.getSnapshot().value).not.toBe('posted');
    // A confirmed jump replays and reopens like any entry.
    expect(replay(engine.log(), NOTICE_KINDS).ok).toBe(true);
    const again = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store }));
    expect(canonicalJson(again.process('n-1')!.getPersistedSnapshot())).toBe(
      canonicalJson(p.getPersistedSnapshot()),
    );
    // The async engine refuses the same way.
    const { store: s2, clock: c2 } = posted();
    c2.t = last + 401 * DAY;
    const async = await openEngine({ kinds: NOTICE_KINDS, clock: c2, store: s2 });
    await expect(async.tick()).rejects.toMatchObject({ code: 'CLOCK_JUMP' });
    expect(async.process('n-1')!.getSnapshot().value).toBe('posted');
  });

  it('the jump limit is exact: 400 days accepted, one ms more refused; clock.maxJumpDays changes it', () => {
    const a = posted();
    const last = a.engine.log().at(-1)!.at;
    a.clock.t = last + 400 * DAY + 1;
    expect(() => a.engine.tick()).toThrow(/400/);
    a.clock.t = last + 400 * DAY;
    expect(() => a.engine.tick()).not.toThrow();
    const b = posted({ maxJumpDays: 10 });
    b.clock.t = b.engine.log().at(-1)!.at + 11 * DAY;
    expect(() => b.engine.tick()).toThrow(expect.objectContaining({ code: 'CLOCK_JUMP' }));
  });
});

describe('sizes are bounded', () => {
  const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

  it('the 10 MB reason is refused with INVALID_EVENT naming the field and the limit', () => {
    const { engine, p } = posted();
    const e = refused(engine, 'INVALID_EVENT', () =>
      p.send({ type: 'OBJECT', objectionId: 'o1', text: TEN_MB }, OWNER),
    );
    expect(e.message).toContain('event.text');
    expect(e.message).toContain('4000');
    expect(e.issues[0]).toMatchObject({ path: 'event.text', expected: 'at most 4000' });
  });

  it('free text: 4,000 characters accepted, 4,001 refused', () => {
    const { engine, p } = posted();
    refused(engine, 'INVALID_EVENT', () =>
      p.send({ type: 'OBJECT', objectionId: 'o1', text: 'x'.repeat(4001) }, OWNER),
    );
    expect(p.send({ type: 'OBJECT', objectionId: 'o1', text: 'x'.repeat(4000) }, OWNER).ok).toBe(true);
  });

  it('ids: 128 characters accepted, 129 refused (a field id, the actor id, the process id)', () => {
    const { engine, p } = posted();
    const e = refused(engine, 'INVALID_EVENT', () =>
      p.send({ type: 'OBJECT', objectionId: 'o'.repeat(129), text: '异议' }, OWNER),
    );
    expect(e.issues[0]).toMatchObject({ path: 'event.objectionId', expected: 'at most 128' });
    const longActor = { ...OWNER, actor: { ...OWNER.actor, id: 'a'.repeat(129) } };
    refused(engine, 'INVALID_EVENT', () =>
      p.send({ type: 'OBJECT', objectionId: 'o1', text: '异议' }, longActor),
    );
    refused(engine, 'INVALID_INPUT', () =>
      engine.create('publicNotice', 'n'.repeat(129), noticeInput('n'.repeat(129)), STAFF),
    );
    expect(p.send({ type: 'OBJECT', objectionId: 'o'.repeat(128), text: '异议' }, OWNER).ok).toBe(true);
    const okActor = { ...OWNER, actor: { ...OWNER.actor, id: 'a'.repeat(128) } };
    expect(p.send({ type: 'OBJECT', objectionId: 'o2', text: '异议' }, okActor).ok).toBe(true);
    expect(engine.create('publicNotice', 'n'.repeat(128), noticeInput('n'.repeat(128)), STAFF).ok).toBe(true);
  });

  it('a whole event over 64 KB is refused even when each string is within its limit', () => {
    const { engine, p } = posted();
    const e = refused(engine, 'INVALID_EVENT', () =>
      p.send(
        {
          type: 'OBJECT',
          objectionId: 'o1',
          text: '异议',
          extra: Array.from({ length: 40 }, () => 'y'.repeat(2000)),
        },
        OWNER,
      ),
    );
    expect(e.issues[0]).toMatchObject({ path: 'event', expected: 'at most 65536' });
  });

  it('limits are engine options; a creation input is walked too', () => {
    // (14: the roster's id, roster:default, must fit)
    const { engine, p } = posted({}, { text: 100, id: 14 });
    refused(engine, 'INVALID_EVENT', () =>
      p.send({ type: 'OBJECT', objectionId: 'o1', text: 'x'.repeat(101) }, OWNER),
    );
    refused(engine, 'INVALID_EVENT', () =>
      p.send({ type: 'OBJECT', objectionId: 'o'.repeat(15), text: 'x' }, OWNER),
    );
    expect(p.send({ type: 'OBJECT', objectionId: 'o1', text: 'x'.repeat(100) }, OWNER).ok).toBe(true);
    const big = setup();
    const e = refused(big.engine, 'INVALID_INPUT', () =>
      big.engine.create('publicNotice', 'n-2', noticeInput('n-2', { title: TEN_MB }), STAFF),
    );
    expect(e.issues[0]).toMatchObject({ path: 'input.title' });
  });
});

describe('the write path checks what the read path checks', () => {
  it('an entry the engine writes always verifies, replays and reopens', () => {
    const { engine, store, clock, p } = posted();
    clock.t += DAY;
    p.send({ type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER);
    expect(verify(engine.log()).ok).toBe(true);
    expect(replay(engine.log(), NOTICE_KINDS).ok).toBe(true);
    expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store })).not.toThrow();
  });
});
