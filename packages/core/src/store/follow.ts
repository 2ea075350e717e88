/**
 * Every entry of every stream, in the store's global position order, as it commits: for read
 * models, notifications and the HTTP event stream. Starts after `after` (a position from a stored
 * entry: keep the last one you processed, and a restart resumes there), reads pages of `limit`,
 * and when it has caught up waits `pollMs` before asking again, until `signal` aborts.
 *
 * The store's `readAll` never returns a position while an entry that could come before it is still
 * uncommitted, so a follower never skips an entry that committed late (stores.md).
 *
 *   for await (const { entry, position } of follow(store, { after: saved, signal })) {
 *     await project(entry); saved = position;
 *   }
 */
import type { ReadAllOptions, StoredEntry, StreamStore } from './streamStore.js';

export interface FollowOptions {
  after?: string;
  /** Page size (default 500). */
  limit?: number;
  /** Wait between polls once caught up, in ms (default 500). */
  pollMs?: number;
  signal?: AbortSignal;
  /** How to wait `ms` (default: a timer that the signal cuts short). For tests. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const timer = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export async function* follow(store: StreamStore, options: FollowOptions = {}): AsyncGenerator<StoredEntry> {
  const limit = options.limit ?? 500;
  const wait = options.wait ?? timer;
  let after = options.after;
  while (!options.signal?.aborted) {
    const page = await store.readAll(
      (after === undefined ? { limit } : { after, limit }) satisfies ReadAllOptions,
    );
    for (const s of page) {
      yield s;
      after = s.position;
      if (options.signal?.aborted) return;
    }
    if (page.length < limit) await wait(options.pollMs ?? 500, options.signal);
  }
}
