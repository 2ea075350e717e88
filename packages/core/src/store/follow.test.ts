import { describe, expect, it } from 'vitest';
import { chainOf } from './conformance.js';
import { follow } from './follow.js';
import { memoryStreamStore } from './memoryStreamStore.js';

describe('follow: every entry of every stream, as it commits', () => {
  it('yields what is stored, then what commits later, resumes after a position, and stops on abort', async () => {
    const store = memoryStreamStore();
    const a = chainOf('a', null, 3);
    await store.append({ stream: 'a', expectedVersion: 0, entries: a.map((entry) => ({ entry })) });
    const controller = new AbortController();
    const seen: string[] = [];
    let polls = 0;
    const b = chainOf('b', null, 2);
    const wait = async () => {
      polls++;
      if (polls === 1)
        await store.append({ stream: 'b', expectedVersion: 0, entries: b.map((entry) => ({ entry })) });
      if (polls === 2) controller.abort();
    };
    let last: string | undefined;
    for await (const s of follow(store, { limit: 2, signal: controller.signal, wait })) {
      seen.push(`${s.entry.stream}${s.entry.version}`);
      last = s.position;
    }
    expect(seen).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    const resumed: string[] = [];
    const c2 = new AbortController();
    for await (const s of follow(store, { after: last!, signal: c2.signal, wait: async () => c2.abort() })) {
      resumed.push(s.entry.hash);
    }
    expect(resumed).toEqual([]);
  });
});
