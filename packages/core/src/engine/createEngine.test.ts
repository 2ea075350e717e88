import { describe, expect, it, vi } from 'vitest';
import { type AnyActorRef, assign, type InspectionEvent, setup } from 'xstate';
import { z } from 'zod';
import { chinaMidnight } from '../calendar/plainDate.js';
import { YishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { verify } from '../log/verify.js';
import type { ProcessKind } from '../machines/processKind.js';
import { fixtureRoster, rostered, rosteredAsync, withRoster } from '../testing/fixtureRoster.js';
import { createEngine, openEngine } from './createEngine.js';
import type { Engine } from './engineTypes.js';
import { type EventStore, memoryStore } from './store.js';
import { BOARD, NOTICE_KINDS, noticeInput, noticeKind, OWNER, STAFF } from './testing/noticeKind.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function setupEngine(start = '2024-09-20') {
  const clock = { t: chinaMidnight(start) + 10 * HOUR, now: () => clock.t };
  const store = memoryStore();
  const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store }));
  return { clock, store, engine };
}

function posted() {
  const s = setupEngine();
  const created = s.engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
  if (!created.ok) throw created.error;
  const p = created.process;
  const r = p.send({ type: 'POST', channels: [BOARD] }, STAFF);
  if (!r.ok) throw r.error;
  return { ...s, p };
}

describe('createEngine: accepted events', () => {
  it('creates a process with a CREATE entry holding the parsed input', () => {
    const { engine } = setupEngine();
    const r = engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entry).toMatchObject({
      seq: 2, // after the roster's CREATE
      process: 'n-1',
      kind: 'publicNotice',
      actor: STAFF.actor,
      channel: 'web',
    });
    expect(r.entry.event).toEqual({
      type: 'CREATE',
      community: 'default',
      input: { ...noticeInput('n-1'), onUpheldObjection: 'restart' },
    });
    expect(r.snapshot.value).toBe('draft');
    expect(engine.process('n-1')?.getSnapshot()).toBe(r.snapshot);
    expect(engine.processes().map((p) => p.id)).toEqual(['roster:default', 'n-1']);
  });

  it('stamps on (China date of the clock) and actor into the event, and logs exactly that', () => {
    const { engine, clock, p } = posted();
    clock.t = chinaMidnight('2024-09-22') - HOUR; // 23:00 on 09-21 in Shanghai, 15:00 UTC
    const r = p.send({ type: 'OBJECT', objectionId: 'o1', text: '面积有误', on: '1999-01-01' }, OWNER);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entry.at).toBe(clock.t);
    expect(r.entry.event).toEqual({
      type: 'OBJECT',
      objectionId: 'o1',
      text: '面积有误',
      on: '2024-09-21',
      actor: OWNER.actor,
    });
    expect(r.snapshot.context.objections[0]).toMatchObject({ id: 'o1', filedOn: '2024-09-21' });
    expect(engine.log().at(-1)).toBe(r.entry);
    expect(verify(engine.log())).toMatchObject({ ok: true, count: 4 });
  });

  it('publishes to process and engine subscribers after logging, and stops on unsubscribe', () => {
    const { engine, p } = posted();
    const seen: string[] = [];
    const off1 = p.subscribe((s) => seen.push(`p:${String(s.value)}:${engine.log().length}`));
    const off2 = engine.subscribe((c) => seen.push(`e:${c.process}:${c.entry.seq}`));
    p.send({ type: 'OBJECT', objectionId: 'o1', text: '异议' }, OWNER);
    off1();
    off2();
    p.send({ type: 'OBJECT', objectionId: 'o2', text: '异议' }, OWNER);
    expect(seen).toEqual(['p:posted:4', 'e:n-1:4']);
  });

  it('ticks every process that accepts a system TICK, dated today', () => {
    const { engine, clock, p } = posted();
    engine.create('publicNotice', 'n-2', noticeInput('n-2'), STAFF); // a draft takes no TICK
    clock.t += DAY;
    const ticks = engine.tick();
    expect(ticks.map((r) => [r.entry.process, r.entry.event.on, r.entry.actor.role])).toEqual([
      ['n-1', '2024-09-21', 'system'],
    ]);
    expect(p.getSnapshot().value).toBe('running');
  });

  it('a listener that throws does not undo the event', () => {
    vi.useFakeTimers();
    try {
      const { engine, p } = posted();
      p.subscribe(() => {
        throw new Error('listener bug');
      });
      const r = p.send({ type: 'OBJECT', objectionId: 'o1', text: '异议' }, OWNER);
      expect(r.ok).toBe(true);
      expect(engine.log()).toHaveLength(4);
      expect(() => vi.runAllTimers()).toThrow('listener bug');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('createEngine: allowedActions, can, check', () => {
  it('lists what a role may send now', () => {
    const { engine } = setupEngine();
    engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
    const p = engine.process('n-1')!;
    expect(p.allowedActions(STAFF.actor)).toEqual(['POST']);
    expect(p.allowedActions(OWNER.actor)).toEqual([]);
    p.send({ type: 'POST', channels: [BOARD] }, STAFF);
    expect(p.allowedActions(STAFF.actor)).toEqual(['ADD_CHANNEL', 'ANSWER_OBJECTION', 'WITHDRAW']);
    expect(p.allowedActions(OWNER.actor)).toEqual(['OBJECT']);
    expect(p.allowedActions({ id: 'system', role: 'system' })).toEqual(['TICK']);
    expect(p.allowedActions({ id: 'v', role: 'observer' })).toEqual([]);
  });

  it('checks exactly, with no side effects', () => {
    const { engine, p } = posted();
    const before = p.getSnapshot();
    expect(p.can({ type: 'OBJECT', objectionId: 'o1', text: 'x' }, OWNER)).toBe(true);
    expect(p.can({ type: 'POST', channels: [BOARD] }, STAFF)).toBe(false);
    const c = p.check({ type: 'OBJECT', objectionId: 'o1', text: 'x' }, OWNER);
    expect(c.ok && c.snapshot.context.objections).toHaveLength(1);
    expect(p.getSnapshot()).toBe(before);
    expect(engine.log()).toHaveLength(3);
  });
});

/** Sends `event`, expects the refusal `code`, and that nothing changed anywhere. */
function expectRefused(
  engine: Engine,
  id: string,
  code: string,
  run: () => { ok: boolean; error?: YishiError },
) {
  const log = engine.log().length;
  const snapshot = engine.process(id)?.getSnapshot();
  const persisted = snapshot && canonicalJson(engine.process(id)!.getPersistedSnapshot());
  let published = 0;
  const off = engine.subscribe(() => published++);
  const r = run();
  off();
  expect(r.ok).toBe(false);
  expect(r.error).toBeInstanceOf(YishiError);
  expect(r.error?.code).toBe(code);
  expect(engine.log()).toHaveLength(log);
  expect(engine.process(id)?.getSnapshot()).toBe(snapshot);
  if (snapshot) expect(canonicalJson(engine.process(id)!.getPersistedSnapshot())).toBe(persisted);
  expect(published).toBe(0);
  return r.error!;
}

describe('createEngine: every refusal leaves log and state untouched', () => {
  it('INVALID_EVENT: schema, no type, CREATE, bad actor or channel', () => {
    const { engine, p } = posted();
    const e = expectRefused(engine, 'n-1', 'INVALID_EVENT', () =>
      p.send({ type: 'OBJECT', objectionId: 'o1' }, OWNER),
    );
    expect(e.issues[0]).toMatchObject({ path: 'text' });
    expectRefused(engine, 'n-1', 'INVALID_EVENT', () => p.send({ type: 'SHOUT' }, OWNER));
    expectRefused(engine, 'n-1', 'INVALID_EVENT', () => p.send({ objectionId: 'o1' }, OWNER));
    expectRefused(engine, 'n-1', 'INVALID_EVENT', () => p.send(null, OWNER));
    expectRefused(engine, 'n-1', 'INVALID_EVENT', () => p.send({ type: 'CREATE', input: {} }, STAFF));
    const x = { type: 'OBJECT', objectionId: 'o1', text: 'x' };
    expectRefused(engine, 'n-1', 'INVALID_EVENT', () =>
      p.send(x, { actor: { id: 'a', role: 'mayor' }, channel: 'web' } as never),
    );
    expectRefused(engine, 'n-1', 'INVALID_EVENT', () =>
      p.send(x, { actor: OWNER.actor, channel: 'fax' } as never),
    );
  });

  it('FORBIDDEN_ROLE: a role the kind does not allow for the event', () => {
    const { engine, p } = posted();
    const e = expectRefused(engine, 'n-1', 'FORBIDDEN_ROLE', () =>
      p.send({ type: 'WITHDRAW', reason: '撤回' }, OWNER),
    );
    expect(e.issues[0]).toMatchObject({ field: 'WITHDRAW', received: 'owner' });
    expectRefused(engine, 'n-1', 'FORBIDDEN_ROLE', () => p.send({ type: 'TICK' }, STAFF));
  });

  it('EVENT_NOT_ALLOWED: the wrong stage, a guard, a process that has ended', () => {
    const { engine, p, clock } = posted();
    const wrong = expectRefused(engine, 'n-1', 'EVENT_NOT_ALLOWED', () =>
      p.send({ type: 'POST', channels: [BOARD] }, STAFF),
    );
    expect(wrong.message).toContain('a posted notice does not accept POST');
    const answer = { type: 'ANSWER_OBJECTION', objectionId: 'nope', decision: 'dismissed', reason: '无' };
    expectRefused(engine, 'n-1', 'EVENT_NOT_ALLOWED', () => p.send(answer, STAFF));
    p.send({ type: 'WITHDRAW', reason: '方案调整' }, STAFF);
    clock.t += DAY;
    const ended = expectRefused(engine, 'n-1', 'EVENT_NOT_ALLOWED', () =>
      p.send({ type: 'OBJECT', objectionId: 'o9', text: 'x' }, OWNER),
    );
    expect(ended.message).toContain('a withdrawn notice does not accept OBJECT');
  });

  it('a clock going backwards is refused by the engine (CLOCK_BACKWARDS) before the machine sees it', () => {
    const { engine, p, clock } = posted();
    clock.t -= 2 * DAY;
    const e = expectRefused(engine, 'n-1', 'CLOCK_BACKWARDS', () =>
      p.send({ type: 'OBJECT', objectionId: 'o1', text: 'x' }, OWNER),
    );
    expect(e.issues[0]).toMatchObject({ field: 'at', received: String(clock.t) });
  });

  it('UNKNOWN_PROCESS, UNKNOWN_KIND, PROCESS_EXISTS, INVALID_INPUT, FORBIDDEN_ROLE on create', () => {
    const { engine } = posted();
    expectRefused(engine, 'n-404', 'UNKNOWN_PROCESS', () => engine.send('n-404', { type: 'TICK' }, STAFF));
    expectRefused(engine, 'n-1', 'UNKNOWN_KIND', () => engine.create('referendum', 'r-1', {}, STAFF));
    expectRefused(engine, 'n-1', 'PROCESS_EXISTS', () =>
      engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF),
    );
    const bad = expectRefused(engine, 'n-2', 'INVALID_INPUT', () =>
      engine.create('publicNotice', 'n-2', noticeInput('n-2', { period: { days: 0 } }), STAFF),
    );
    expect(bad.issues[0]?.path).toContain('period');
    expectRefused(engine, 'n-2', 'INVALID_INPUT', () =>
      engine.create('publicNotice', 'has space', noticeInput('x'), STAFF),
    );
    expectRefused(engine, 'n-2', 'FORBIDDEN_ROLE', () =>
      engine.create('publicNotice', 'n-2', noticeInput('n-2'), OWNER),
    );
    expect(engine.process('n-2')).toBeUndefined();
  });

  it('without an explainer of the kind: the wrong state, a guard, an ended process; a thrown YishiError keeps its code', () => {
    const machine = setup({
      types: {
        context: {} as { total: number },
        events: {} as
          | { type: 'ADD'; amount: number }
          | { type: 'PAUSE' }
          | { type: 'RESUME' }
          | { type: 'CLOSE' },
      },
      guards: { positive: ({ event }) => event.type === 'ADD' && event.amount > 0 },
    }).createMachine({
      context: { total: 0 },
      initial: 'open',
      states: {
        open: {
          on: {
            ADD: {
              guard: 'positive',
              actions: assign({
                total: ({ context, event }) => {
                  if (context.total + event.amount > 100)
                    throw new YishiError('BUDGET_NOT_COVERED', 'over budget');
                  return context.total + event.amount;
                },
              }),
            },
            PAUSE: 'paused',
            CLOSE: 'closed',
          },
        },
        paused: { on: { RESUME: 'open' } },
        closed: { type: 'final' },
      },
    });
    const kind: ProcessKind = {
      kind: 'budget',
      title: { 'zh-CN': '预算', en: 'Budget' },
      machine,
      input: z.object({}),
      events: z.discriminatedUnion('type', [
        z.object({ type: z.literal('ADD'), amount: z.int() }),
        z.object({ type: z.literal('PAUSE') }),
        z.object({ type: z.literal('RESUME') }),
        z.object({ type: z.literal('CLOSE') }),
      ]),
      permissions: { ADD: ['planner'], PAUSE: ['planner'], RESUME: ['planner'], CLOSE: ['planner'] },
      creators: ['planner'],
    };
    const planner = { actor: { id: 'planner-1', role: 'planner' }, channel: 'web' } as const;
    const clock = { now: () => chinaMidnight('2024-09-20') };
    const engine = rostered(createEngine({ kinds: withRoster([kind]), clock }));
    engine.create('budget', 'b-1', {}, planner);
    expect(engine.send('b-1', { type: 'ADD', amount: 60 }, planner).ok).toBe(true);
    expectRefused(engine, 'b-1', 'BUDGET_NOT_COVERED', () =>
      engine.send('b-1', { type: 'ADD', amount: 60 }, planner),
    );
    const guard = expectRefused(engine, 'b-1', 'EVENT_NOT_ALLOWED', () =>
      engine.send('b-1', { type: 'ADD', amount: -1 }, planner),
    );
    expect(guard.message).toBe('budget b-1: ADD refused: a condition of the budget in state open is not met');
    engine.send('b-1', { type: 'PAUSE' }, planner);
    const wrong = expectRefused(engine, 'b-1', 'EVENT_NOT_ALLOWED', () =>
      engine.send('b-1', { type: 'ADD', amount: 1 }, planner),
    );
    expect(wrong.message).toBe(
      'budget b-1: ADD refused: not accepted in state paused (accepted now: RESUME)',
    );
    expect(engine.process('b-1')!.allowedActions(planner.actor)).toEqual(['RESUME']);
    engine.send('b-1', { type: 'RESUME' }, planner);
    engine.send('b-1', { type: 'CLOSE' }, planner);
    const ended = expectRefused(engine, 'b-1', 'EVENT_NOT_ALLOWED', () =>
      engine.send('b-1', { type: 'ADD', amount: 1 }, planner),
    );
    expect(ended.message).toBe('budget b-1: ADD refused: the process has ended (done, closed)');
    expect(engine.process('b-1')!.allowedActions(planner.actor)).toEqual([]);
  });
});

describe('createEngine: stores', () => {
  it('reopens a store that holds a log, and carries on from its head', () => {
    const { store, clock, p } = posted();
    p.send({ type: 'OBJECT', objectionId: 'o1', text: '异议' }, OWNER);
    const again = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store }));
    const q = again.process('n-1', noticeKind)!;
    expect(canonicalJson(q.getPersistedSnapshot())).toBe(canonicalJson(p.getPersistedSnapshot()));
    expect(again.head()).toEqual(store.head());
    const r = q.send(
      { type: 'ANSWER_OBJECTION', objectionId: 'o1', decision: 'dismissed', reason: '经核实无误' },
      STAFF,
    );
    expect(r.ok && r.entry.seq).toBe(5);
    expect(verify(store.entries())).toMatchObject({ ok: true, count: 5 });
  });

  it('uses a checkpoint that matches the log, and ignores one that does not', () => {
    const { engine, store, clock, p } = posted();
    p.send({ type: 'OBJECT', objectionId: 'o1', text: '异议' }, OWNER);
    const cp = engine.checkpoint();
    expect(cp).toMatchObject({ v: 1, seq: 4, hash: store.head()!.hash });
    p.send({ type: 'OBJECT', objectionId: 'o2', text: '异议' }, OWNER);
    const live = canonicalJson(p.getPersistedSnapshot());
    const entries = vi.spyOn(store, 'entries');
    const again = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store, checkpoints: 'use' }));
    expect(entries).toHaveBeenCalledWith(4);
    expect(canonicalJson(again.process('n-1')!.getPersistedSnapshot())).toBe(live);

    store.saveSnapshot({ ...cp!, hash: 'f'.repeat(64) });
    const third = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store, checkpoints: 'use' }));
    expect(canonicalJson(third.process('n-1')!.getPersistedSnapshot())).toBe(live);
  });

  it('refuses to open a tampered log', () => {
    const { store, clock } = posted();
    const log = store.entries().map((e, i) => (i === 1 ? { ...e, channel: 'paper' as const } : e));
    expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store: memoryStore(log) })).toThrow(
      expect.objectContaining({ code: 'LOG_TAMPERED' }),
    );
  });

  it('openEngine works over an asynchronous store, one append at a time', async () => {
    const inner = memoryStore();
    const order: string[] = [];
    const store: EventStore = {
      async append(e) {
        order.push(`start ${e.seq}`);
        await new Promise((r) => setTimeout(r, 5 - e.seq));
        inner.append(e);
        order.push(`end ${e.seq}`);
      },
      async *entries(from) {
        yield* inner.entries(from);
      },
      head: () => inner.head(),
    };
    const clock = { now: () => chinaMidnight('2024-09-20') + 10 * HOUR };
    const engine = await rosteredAsync(openEngine({ kinds: NOTICE_KINDS, clock, store }));
    const [a, b, c] = await Promise.all([
      engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF),
      engine.send('n-1', { type: 'POST', channels: [BOARD] }, STAFF),
      engine.send('n-1', { type: 'POST', channels: [BOARD] }, STAFF),
    ]);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, false]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    const ticks = await engine.tick();
    expect(ticks.map((t) => t.entry.seq)).toEqual([4]);
    expect(await engine.log()).toHaveLength(4);
    const reopened = await openEngine({ kinds: NOTICE_KINDS, clock, store });
    expect(reopened.process('n-1')?.getSnapshot().value).toBe('posted');
  });

  it('createEngine refuses an asynchronous store before changing anything', () => {
    const store = { ...memoryStore(), append: async () => {} };
    const engine = createEngine({
      kinds: NOTICE_KINDS,
      clock: { now: () => chinaMidnight('2024-09-20') },
      store,
    });
    expect(() => engine.create(...fixtureRoster())).toThrow(/openEngine/);
    expect(engine.process('roster:default')).toBeUndefined();
  });
});

describe('createEngine: Stately inspector', () => {
  it('feeds an inspected mirror actor per process, which agrees with the engine', () => {
    const events: InspectionEvent[] = [];
    const clock = { now: () => chinaMidnight('2024-09-20') + 10 * HOUR };
    const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock, inspect: (e) => events.push(e) }));
    const created = engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
    expect(created.ok).toBe(true);
    engine.send('n-1', { type: 'POST', channels: [BOARD] }, STAFF);
    const actorIds = events
      .filter((e) => e.type === '@xstate.actor')
      .map((e) => (e.actorRef as AnyActorRef).id);
    expect(actorIds).toContain('n-1');
    const last = events.filter((e) => e.type === '@xstate.snapshot').at(-1);
    expect(last?.type === '@xstate.snapshot' && last.event.type).toBe('POST');
    const mirror = last?.actorRef as AnyActorRef | undefined;
    expect(canonicalJson(mirror?.getPersistedSnapshot())).toBe(
      canonicalJson(engine.process('n-1')!.getPersistedSnapshot()),
    );
    engine.stop();
    expect(mirror?.getSnapshot().status).toBe('stopped');
  });
});
