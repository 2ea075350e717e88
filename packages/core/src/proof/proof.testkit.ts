/** Shared by the proof tests: the example project's log, keys, and a stream rewriter. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonl } from '../log/jsonl.js';
import type { LogEntry } from '../log/logEntry.js';
import { appendStreamEntry, type StreamEntry, type StreamHead } from '../log/streamEntry.js';

export const EXAMPLE_LOG = join(import.meta.dirname, '../../../../examples/project/project-log.jsonl');
export const exampleV1 = (): LogEntry[] => parseJsonl(readFileSync(EXAMPLE_LOG, 'utf8'));

/** RFC 8032 TEST 1 and TEST 2 keys: the committee's, and someone else's. */
export const KEY = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
};
export const OTHER_KEY = {
  seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
};

/**
 * What someone with write access to the database could do: change the entry at `version` of
 * `stream` and recompute every later hash of that stream, so its chain holds again.
 */
export function rewrite(
  entries: readonly StreamEntry[],
  stream: string,
  version: number,
  change: (event: StreamEntry['event']) => StreamEntry['event'],
): StreamEntry[] {
  let head: StreamHead | null = null;
  return entries.map((e) => {
    if (e.stream !== stream) return e;
    const event = e.version === version ? change(structuredClone(e.event)) : e.event;
    const next = e.version < version ? e : appendStreamEntry(stream, head, { ...e, event });
    head = { version: next.version, hash: next.hash };
    return next;
  });
}
