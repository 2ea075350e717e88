import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyTrie,
  type HashTrie,
  hashOf,
  trieEntries,
  trieGet,
  trieHas,
  trieRemove,
  trieSet,
} from './hashTrie.js';

/** Two different keys with the same 32-bit hash (a birthday search over short keys). */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const k = `k${i.toString(36)}`;
    const h = hashOf(k);
    const other = seen.get(h);
    if (other !== undefined) return [other, k];
    seen.set(h, k);
  }
}

const contents = <V>(t: HashTrie<V>) => new Map([...trieEntries(t)]);

/** Every node reachable from the trie (plain objects and arrays). */
function* nodes(x: unknown): Generator<object> {
  if (typeof x !== 'object' || x === null) return;
  yield x;
  for (const v of Object.values(x)) if (typeof v === 'object') yield* nodes(v);
}

describe('hashTrie', () => {
  it('agrees with a Map over random sets and removals, keeping every earlier version intact', () => {
    const key = fc.constantFrom(
      'a',
      'b',
      'c',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'o1',
    );
    const op = fc.oneof(
      fc.tuple(fc.constant('set' as const), fc.oneof(key, fc.string()), fc.integer()),
      fc.tuple(fc.constant('remove' as const), fc.oneof(key, fc.string()), fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let t = emptyTrie<number>();
        const model = new Map<string, number>();
        const versions: [HashTrie<number>, Map<string, number>][] = [];
        for (const [kind, k, v] of ops) {
          if (kind === 'set') {
            t = trieSet(t, k, v);
            model.set(k, v);
          } else {
            t = trieRemove(t, k);
            model.delete(k);
          }
          versions.push([t, new Map(model)]);
          expect(t.size).toBe(model.size);
          expect(trieGet(t, k)).toBe(model.get(k));
        }
        for (const [old, m] of versions) {
          expect(contents(old)).toEqual(m);
          for (const [k, v] of m) expect(trieGet(old, k)).toBe(v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles keys whose hashes collide', () => {
    const [a, b] = collidingPair();
    expect(hashOf(a)).toBe(hashOf(b));
    let t = trieSet(trieSet(emptyTrie<number>(), a, 1), b, 2);
    expect([trieGet(t, a), trieGet(t, b), t.size]).toEqual([1, 2, 2]);
    t = trieSet(t, 'other', 3);
    t = trieSet(t, b, 20);
    expect([trieGet(t, a), trieGet(t, b), trieGet(t, 'other'), t.size]).toEqual([1, 20, 3, 3]);
    const without = trieRemove(t, a);
    expect([trieHas(without, a), trieGet(without, b), without.size]).toEqual([false, 20, 2]);
    expect(trieGet(t, a)).toBe(1);
  });

  it('shares the untouched nodes, and every node is frozen', () => {
    let t = emptyTrie<number>();
    for (let i = 0; i < 5000; i++) t = trieSet(t, `o${i}`, i);
    const before = new Set(nodes(t.root));
    const next = trieSet(t, 'o-new', 1);
    const fresh = [...nodes(next.root)].filter((n) => !before.has(n));
    // one path from the root to the new leaf (≤ 7 levels, each a branch and its kids array)
    expect(fresh.length).toBeLessThanOrEqual(16);
    for (const n of nodes(next.root)) expect(Object.isFrozen(n)).toBe(true);
    expect(() => trieSet(t, 'x', undefined as never)).toThrow(TypeError);
  });
});
