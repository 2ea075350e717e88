import { describe, expect, it } from 'vitest';
import { cloneJson, deepFreeze, freezeNew } from './immutable.js';

describe('deepFreeze', () => {
  it('freezes plain objects and arrays all the way down, and leaves other objects alone', () => {
    const map = new Map([[1, 2]]);
    const v = deepFreeze({ a: [{ b: 1 }], c: { d: [2] }, map });
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.a[0])).toBe(true);
    expect(Object.isFrozen(v.c.d)).toBe(true);
    expect(Object.isFrozen(map)).toBe(false);
  });

  it('takes an object met frozen as frozen all the way down, and does not ask about it again', () => {
    // What the engine stores is built by yishi's code from input zod has parsed (fresh objects),
    // and that code freezes only what it built frozen throughout (the ballot ledger's chunks).
    // Walking into every frozen part again made ballot intake twice as slow (docs/benchmarks.md).
    const built = Object.freeze({ entries: Object.freeze([Object.freeze({ id: 'b1' })]) });
    const context = deepFreeze({ ledger: built, note: { text: '面积有误' } });
    expect(context.ledger).toBe(built);
    expect(Object.isFrozen(context.note)).toBe(true);
    expect(() => {
      (context.note as { text: string }).text = 'changed';
    }).toThrow(TypeError);
  });

  it('does not walk again what it froze before: a new context costs only its new parts', () => {
    let reads = 0;
    const counted = new Proxy(
      { x: 1, y: [1, 2] },
      {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver);
        },
      },
    );
    const first = deepFreeze({ shared: counted, n: 1 });
    expect(reads).toBeGreaterThan(0);
    expect(Object.isFrozen(counted)).toBe(true);
    reads = 0;
    // the next context shares `shared` with the first, as an xstate assign does
    const next = deepFreeze({ ...first, n: 2, fresh: { z: [3] } });
    expect(reads).toBe(0);
    expect(Object.isFrozen(next.fresh.z)).toBe(true);
  });
});

describe('cloneJson', () => {
  it('copies JSON data deeply, sharing nothing', () => {
    const v = { a: [{ b: 1 }], c: 'x' };
    const c = cloneJson(v);
    expect(c).toEqual(v);
    expect(c.a).not.toBe(v.a);
    expect(c.a[0]).not.toBe(v.a[0]);
  });
});

describe('freezeNew', () => {
  it('freezes plain objects and arrays all the way down, and leaves other objects alone', () => {
    const m = new Map([[1, 2]]);
    const v = freezeNew({ a: [{ b: 1 }, [2]], c: { d: { e: 'x' } }, m });
    expect(Object.isFrozen(v) && Object.isFrozen(v.a) && Object.isFrozen(v.a[0])).toBe(true);
    expect(Object.isFrozen(v.a[1]) && Object.isFrozen(v.c.d)).toBe(true);
    expect(Object.isFrozen(m)).toBe(false);
    expect(freezeNew('text')).toBe('text');
  });

  it('takes an object met frozen as frozen throughout, as deepFreeze does', () => {
    const inner = { x: 1 };
    const shallow = Object.freeze({ inner });
    freezeNew({ shallow });
    expect(Object.isFrozen(inner)).toBe(false);
  });
});
