import { describe, expect, it } from 'vitest';
import { type AppendList, appendTo, emptyList, lastOf, listOf, toArray } from './appendList.js';

describe('appendList', () => {
  it('keeps every version: appending never changes an earlier list', () => {
    const versions: AppendList<number>[] = [emptyList()];
    for (let i = 0; i < 200; i++) versions.push(appendTo(versions.at(-1)!, i));
    versions.forEach((v, n) => {
      expect(v.size).toBe(n);
      expect(toArray(v)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(lastOf(v)).toBe(n === 0 ? undefined : n - 1);
    });
    expect(toArray(listOf([3, 1, 2]))).toEqual([3, 1, 2]);
  });

  it('shares every full chunk, copies at most one chunk, and is frozen', () => {
    let list = emptyList<number>();
    for (let i = 0; i < 1000; i++) list = appendTo(list, i);
    const next = appendTo(list, 1000);
    expect(next.full).toBe(list.full);
    expect(next.tail.length).toBeLessThanOrEqual(32);
    const rolled = appendTo(listOf(Array.from({ length: 32 }, (_, i) => i)), 32);
    expect(rolled.tail).toEqual([32]);
    for (const x of [next, next.tail, next.full, rolled.full, rolled.full!.items])
      expect(Object.isFrozen(x)).toBe(true);
  });
});
