import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../calendar/plainDate.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { verify } from '../log/verify.js';
import { rostered } from '../testing/fixtureRoster.js';
import { createEngine, openEngine } from './createEngine.js';
import { replay } from './replay.js';
import { type Checkpoint, checkpointHash, memoryStore } from './store.js';
import { BOARD, NOTICE_KINDS, noticeInput, OWNER, STAFF } from './testing/noticeKind.js';

const HOUR = 3_600_000;

function objected() {
  const clock = { t: chinaMidnight('2024-09-20') + 10 * HOUR, now: () => clock.t };
  const store = memoryStore();
  const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store }));
  const created = engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
  if (!created.ok) throw created.error;
  engine.send('n-1', { type: 'POST', channels: [BOARD] }, STAFF);
  const r = engine.send('n-1', { type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER);
  if (!r.ok) throw r.error;
  return { clock, store, engine, created, r };
}

/** Every plain object and array reachable from `value`. */
function* parts(value: unknown): Generator<object> {
  if (typeof value !== 'object' || value === null) return;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return;
  yield value;
  for (const v of Object.values(value)) yield* parts(v);
}

const objections = (s: unknown) => (s as { context: { objections: { text: string }[] } }).context.objections;

describe('nothing the engine returns can change its log or its state', () => {
  it('entries, log() and snapshots are frozen all the way down', () => {
    const { engine, created, r } = objected();
    for (const x of [created.entry, r.entry, ...engine.log(), r.snapshot.context, engine.head()]) {
      for (const part of parts(x)) expect(Object.isFrozen(part)).toBe(true);
    }
    expect(Object.isFrozen(r.snapshot)).toBe(true);
    // Test files are modules, so strict mode: writing to a frozen object throws.
    expect(() => {
      objections(r.snapshot)[0]!.text = '面积无误';
    }).toThrow(TypeError);
    expect(() => {
      (engine.log()[1]!.event.input as { title: string }).title = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (r.entry.event as unknown as { text: string }).text = 'changed';
    }).toThrow(TypeError);
    expect(verify(engine.log())).toMatchObject({ ok: true, count: 4 });
    expect(objections(engine.process('n-1')!.getSnapshot())[0]!.text).toBe('面积有误');
  });

  it('an event the caller froze only shallowly leaves nothing open: the engine stores parsed copies', () => {
    const clock = { t: chinaMidnight('2024-09-20') + 10 * HOUR, now: () => clock.t };
    const engine = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store: memoryStore() }));
    const created = engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
    if (!created.ok) throw created.error;
    const channel: { location: string } = { ...BOARD };
    const event = Object.freeze({ type: 'POST', channels: [channel] });
    const r = engine.send('n-1', event, STAFF);
    if (!r.ok) throw r.error;
    for (const x of [r.entry, r.snapshot.context, ...engine.log()])
      for (const part of parts(x)) expect(Object.isFrozen(part)).toBe(true);
    expect(Object.isFrozen(channel)).toBe(false); // the caller's object is not the stored one
    channel.location = 'changed';
    expect(canonicalJson(engine.log())).not.toContain('changed');
    expect(canonicalJson(engine.process('n-1')!.getSnapshot().context)).not.toContain('changed');
  });

  it('the machine never holds the objects stored in the log', () => {
    const { engine, r } = objected();
    const logged = new Set(parts(engine.log()));
    for (const part of parts(r.snapshot.context)) expect(logged.has(part)).toBe(false);
    // and a replay's snapshots share nothing with the entries it was given
    const entries = engine.log().map((e) => structuredClone(e));
    for (const check of ['full', 'chain'] as const) {
      const rp = replay(entries, NOTICE_KINDS, { check });
      if (!rp.ok) throw rp.error;
      objections(rp.processes.find((x) => x.id === 'n-1')!.snapshot)[0]!.text = 'changed';
      expect(verify(entries).ok).toBe(true);
    }
  });

  it('a checkpoint is frozen; a copy of one changed by hand changes nothing', () => {
    const { engine, store, r } = objected();
    const cp = engine.checkpoint()!;
    for (const part of parts(cp)) expect(Object.isFrozen(part)).toBe(true);
    expect(() => {
      objections(cp.processes['n-1']!.snapshot)[0]!.text = 'changed';
    }).toThrow(TypeError);
    const copy = structuredClone(cp);
    objections(copy.processes['n-1']!.snapshot)[0]!.text = 'changed';
    copy.processes['n-1']!.entries = 99;
    expect(objections(engine.process('n-1')!.getSnapshot())[0]!.text).toBe('面积有误');
    expect(objections(r.snapshot)[0]!.text).toBe('面积有误');
    expect(verify(store.entries()).ok).toBe(true);
    // later transitions see the untouched state
    const next = engine.send(
      'n-1',
      { type: 'ANSWER_OBJECTION', objectionId: 'o1', decision: 'dismissed', reason: '无误' },
      STAFF,
    );
    expect(next.ok).toBe(true);
    const rp = replay(engine.log(), NOTICE_KINDS);
    expect(rp.ok && canonicalJson(rp.processes.find((x) => x.id === 'n-1')!.persisted)).toBe(
      canonicalJson(engine.process('n-1')!.getPersistedSnapshot()),
    );
  });

  it('a memory store keeps copies of its initial entries, frozen', () => {
    const { engine } = objected();
    const entries = engine.log().map((e) => structuredClone(e));
    const store = memoryStore(entries);
    (entries[1]!.event.input as { title: string }).title = 'changed';
    expect(verify(store.entries()).ok).toBe(true);
    expect(Object.isFrozen(store.entries()[1]!.event)).toBe(true);
  });
});

describe('checkpoints are checked before they are used', () => {
  /** A checkpoint with one objection's text changed, re-hashed or not. */
  function tamper(cp: Checkpoint, rehash: boolean): Checkpoint {
    const copy = structuredClone(cp) as Checkpoint;
    objections(copy.processes['n-1']!.snapshot)[0]!.text = '面积无误';
    return rehash ? { ...copy, checkpointHash: checkpointHash(copy) } : copy;
  }

  it('carries checkpointHash over its head and snapshots', () => {
    const { engine, store } = objected();
    const cp = engine.checkpoint()!;
    expect(cp.checkpointHash).toBe(checkpointHash(cp));
    expect(cp).toMatchObject({ seq: 4, hash: store.head()!.hash });
  });

  it('refuses a changed checkpoint with LOG_TAMPERED (sync and async), unless told to ignore it', async () => {
    const { engine, store, clock } = objected();
    store.saveSnapshot(tamper(engine.checkpoint()!, false));
    const tampered = expect.objectContaining({
      code: 'LOG_TAMPERED',
      message: expect.stringMatching(
        /checkpoint at seq 4 does not match its checkpointHash.*checkpoints: 'ignore'/,
      ),
    });
    expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store })).toThrow(tampered);
    await expect(openEngine({ kinds: NOTICE_KINDS, clock, store })).rejects.toThrow(tampered);
    const fromLog = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store, checkpoints: 'ignore' }));
    expect(objections(fromLog.process('n-1')!.getSnapshot())[0]!.text).toBe('面积有误');
  });

  it('refuses a snapshot its kind’s persisted schema rejects, even re-hashed', () => {
    const { engine, store, clock } = objected();
    const copy = structuredClone(engine.checkpoint()!) as Checkpoint;
    (copy.processes['n-1']!.snapshot as { context: unknown }).context = { forged: true };
    store.saveSnapshot({ ...copy, checkpointHash: checkpointHash(copy) });
    expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store })).toThrow(
      expect.objectContaining({
        code: 'LOG_TAMPERED',
        message: expect.stringMatching(/not a valid snapshot/),
      }),
    );
  });

  it('by default a re-hashed checkpoint of unknown origin is verified against the log, not believed', async () => {
    const { engine, store, clock } = objected();
    // Whoever can write the store can re-hash a forged checkpoint: the default must catch it.
    store.saveSnapshot(tamper(engine.checkpoint()!, true));
    const differs = expect.objectContaining({
      code: 'LOG_TAMPERED',
      message: expect.stringMatching(/differs/),
    });
    expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store })).toThrow(differs);
    await expect(openEngine({ kinds: NOTICE_KINDS, clock, store })).rejects.toThrow(differs);
    // 'use' trusts it (for a store only you can write); 'ignore' rebuilds from the log.
    const trusted = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store, checkpoints: 'use' }));
    expect(objections(trusted.process('n-1')!.getSnapshot())[0]!.text).toBe('面积无误');
  });

  it("'verify' replays the whole log and refuses a re-hashed checkpoint that differs from it", async () => {
    const { engine, store, clock } = objected();
    const good = engine.checkpoint()!;
    expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store, checkpoints: 'verify' })).not.toThrow();
    store.saveSnapshot(tamper(good, true));
    const differs = expect.objectContaining({
      code: 'LOG_TAMPERED',
      message: expect.stringMatching(/differs from the log's replay for process "n-1"/),
    });
    expect(() => createEngine({ kinds: NOTICE_KINDS, clock, store, checkpoints: 'verify' })).toThrow(differs);
    await expect(openEngine({ kinds: NOTICE_KINDS, clock, store, checkpoints: 'verify' })).rejects.toThrow(
      differs,
    );
  });

  it('ignores a checkpoint without checkpointHash (an older one) and replays the log', () => {
    const { engine, store, clock } = objected();
    const { checkpointHash: _dropped, ...old } = tamper(engine.checkpoint()!, false);
    store.saveSnapshot(old as Checkpoint);
    const again = rostered(createEngine({ kinds: NOTICE_KINDS, clock, store }));
    expect(objections(again.process('n-1')!.getSnapshot())[0]!.text).toBe('面积有误');
  });
});
