/**
 * Checking a log's chain: every entry well-formed, numbered 1, 2, 3 …, carrying the hash of its
 * own content and the hash of the entry before it. The first entry that fails is named, so an
 * auditor knows where the published record stops being trustworthy.
 *
 * What the chain proves: nobody changed, removed, inserted or reordered an entry *without also
 * rewriting every later hash*. Anyone can recompute a whole chain, so the proof is anchored by
 * the head hash: publish it (on the notice board, in the minutes, to the subdistrict) and compare
 * it with `head.hash`, or with the hash of the entry at that seq in a longer log.
 */
import { hashThread } from './hashThread.js';
import type { LogEntry, LogHead } from './logEntry.js';
import {
  chainedHash,
  GENESIS,
  hasEntryShape,
  isLogEntry,
  LogEntry as LogEntrySchema,
  shapedEntryHash,
  shapedEntryText,
} from './logEntry.js';

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Why an entry fails: 'hash' (changed), 'prev' (an earlier entry changed), 'seq' (missing,
 * repeated, out of order), 'schema' (not an entry), 'canonical' (only from `verifyJsonl`: a line
 * that is not the canonical JSON of its entry, as `toJsonl` writes it — e.g. with a duplicate key,
 * whose shown value is not the one parsed, or extra spaces).
 */
export type TamperReason = 'hash' | 'prev' | 'seq' | 'schema' | 'canonical';

export type VerifyResult =
  | { ok: true; count: number; head: LogHead | null }
  | {
      ok: false;
      /** 0-based position of the first bad entry. */
      index: number;
      /** The seq that position should carry (index + 1). */
      seq: number;
      reason: TamperReason;
      message: string;
    };

export type VerifyFailure = Extract<VerifyResult, { ok: false }>;

const fail = (index: number, reason: TamperReason, message: string): VerifyFailure => ({
  ok: false,
  index,
  seq: index + 1,
  reason,
  message,
});

/** The last hash `verifyNext` computed and accepted: a `prev.hash` equal to it is 64 hex digits. */
let lastAccepted = GENESIS;

/**
 * Checks one entry against the head before it; returns the entry (typed) or the failure.
 * Order of checks: shape, own hash, position, link — so a changed field is reported as 'hash'
 * on the changed entry, and a removed entry as 'seq' on the entry after the gap.
 *
 * An entry that passes every check is accepted by a shorter road that reaches the same answer:
 * its `hash` equals the hash computed here and its `prev` the previous (checked) hash, so neither
 * needs its format checked apart. Anything else takes the full road, which names the reason.
 */
export function verifyNext(
  value: unknown,
  index: number,
  prev: LogHead | null,
): { ok: true; entry: LogEntry } | VerifyFailure {
  const r = nextEntry(value, index, prev);
  return isVerifyFailure(r) ? r : { ok: true, entry: r };
}

/** A result of `nextEntry` that is a failure (an entry has no `ok`). */
export const isVerifyFailure = (r: LogEntry | VerifyFailure): r is VerifyFailure =>
  (r as VerifyFailure).ok === false;

/**
 * `verifyNext` without a wrapper around the entry, for loops over long logs: the entry, or the
 * failure. An entry is its own head (`seq`, `hash`): pass it as `prev` for the next one.
 */
export function nextEntry(value: unknown, index: number, prev: LogHead | null): LogEntry | VerifyFailure {
  if (hasEntryShape(value)) {
    const expectedPrev = prev === null ? GENESIS : prev.hash;
    if (
      value.seq === (prev === null ? 1 : prev.seq + 1) &&
      value.prev === expectedPrev &&
      (expectedPrev === lastAccepted || expectedPrev === GENESIS || HEX64.test(expectedPrev))
    ) {
      let computed: string | undefined;
      try {
        computed = shapedEntryHash(value);
      } catch {
        // not hashable: the full road below says so
      }
      if (computed === value.hash) {
        lastAccepted = computed;
        return value;
      }
    }
  }
  const r = verifyChecked(value, index, prev);
  return r.ok ? r.entry : r;
}

/** `verifyNext`'s full road: every check in order, naming the first that fails. */
function verifyChecked(
  value: unknown,
  index: number,
  prev: LogHead | null,
): { ok: true; entry: LogEntry } | VerifyFailure {
  let entry: LogEntry;
  if (isLogEntry(value)) entry = value;
  else {
    const parsed = LogEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return fail(index, 'schema', `entry ${index + 1} is malformed: ${where}${issue?.message ?? 'invalid'}`);
    }
    entry = parsed.data;
  }
  let computed: string;
  try {
    computed = chainedHash(entry);
  } catch (e) {
    return fail(
      index,
      'schema',
      `entry ${index + 1} cannot be hashed: ${e instanceof Error ? e.message : e}`,
    );
  }
  if (computed !== entry.hash) {
    return fail(
      index,
      'hash',
      `entry seq ${entry.seq}: content does not match its hash (recorded ${entry.hash.slice(0, 12)}…, ` +
        `computed ${computed.slice(0, 12)}…): the entry was changed`,
    );
  }
  const expectedSeq = prev === null ? 1 : prev.seq + 1;
  if (entry.seq !== expectedSeq) {
    return fail(
      index,
      'seq',
      `entry ${index + 1}: expected seq ${expectedSeq}, found ${entry.seq}: ` +
        (entry.seq > expectedSeq ? 'entries are missing' : 'entries are repeated or out of order'),
    );
  }
  const expectedPrev = prev === null ? GENESIS : prev.hash;
  if (entry.prev !== expectedPrev) {
    return fail(
      index,
      'prev',
      `entry seq ${entry.seq}: prev ${entry.prev.slice(0, 12)}… is not the hash of the entry before it ` +
        `(${expectedPrev.slice(0, 12)}…): the log was altered before this entry`,
    );
  }
  return { ok: true, entry };
}

/**
 * Verifies a whole log (parsed JSON values, e.g. from `parseJsonl` or a store) and names the
 * FIRST bad entry. An empty log verifies with `head: null`. A long array is verified with the
 * hashing on a second thread where the runtime has one (`verifyAlongside`); the answer is the same.
 */
export function verify(log: Iterable<unknown>): VerifyResult {
  return (alongside(log) ? verifyAlongside(log)?.result : undefined) ?? verifyInOrder(log);
}

/** From this many entries, a second thread is worth starting (it takes a few milliseconds). */
export const ALONGSIDE_FROM = 4096;
/** Entries handed to the hashing thread at a time. */
const BATCH = 1024;

/** Whether `log` is an array long enough, read as `for … of` would read it, to verify alongside. */
export const alongside = (log: Iterable<unknown>): log is readonly unknown[] =>
  Array.isArray(log) &&
  log.length >= ALONGSIDE_FROM &&
  log[Symbol.iterator] === Array.prototype[Symbol.iterator];

/**
 * `verify` with SHA-256 on a second thread (log/hashThread.ts), visiting each entry while its
 * batch is hashed there: `visit(entry, index)` sees entries in order, each checked for shape,
 * seq and link but not yet for its hash — a caller building on them keeps the result only when
 * the log verifies. `visit` returning false stops the visits, not the verification.
 *
 * `result` is exactly what `verify` gives: whenever anything is not as an honest log has it (an
 * entry off the short road of `nextEntry`, a hash that differs, a thread that does not answer),
 * the log is verified again in order on this thread, which names the first bad entry. `visited`
 * says whether every entry was offered to `visit` (false when an entry off the short road stopped
 * the visits: if the log still verifies, visit it in order).
 * `undefined` where the runtime has no second thread.
 */
export function verifyAlongside(
  log: readonly unknown[],
  visit?: (entry: LogEntry, index: number) => boolean,
): { result: VerifyResult; visited: boolean } | undefined {
  const thread = hashThread();
  if (thread === undefined) return undefined;
  try {
    let prev: LogEntry | null = null;
    let visiting = visit !== undefined;
    for (let first = 0; first < log.length; first += BATCH) {
      const end = Math.min(log.length, first + BATCH);
      const texts: string[] = [];
      const hashes: string[] = [];
      for (let i = first; i < end; i++) {
        const value = log[i];
        // `nextEntry`'s short road, but for the hash (the thread compares it) and for the format
        // of `prev`, which equals the previous entry's hash and so is proved with it.
        let text: string | undefined;
        if (
          hasEntryShape(value) &&
          value.seq === (prev === null ? 1 : prev.seq + 1) &&
          value.prev === (prev === null ? GENESIS : prev.hash) &&
          value.hash.length === 64
        ) {
          try {
            text = shapedEntryText(value);
          } catch {
            // not hashable: the full road says so
          }
        }
        if (text === undefined) return { result: verifyInOrder(log), visited: false };
        texts.push(text);
        hashes.push((value as LogEntry).hash);
        prev = value as LogEntry;
      }
      thread.check(first, texts, hashes);
      for (let i = first; visiting && i < end; i++) visiting = visit!(log[i] as LogEntry, i);
    }
    if (thread.finish() !== -1) return { result: verifyInOrder(log), visited: true };
    const head = prev === null ? null : { seq: prev.seq, hash: prev.hash };
    return { result: { ok: true, count: log.length, head }, visited: true };
  } finally {
    thread.close();
  }
}

/** `verify` on this thread, entry by entry. */
export function verifyInOrder(log: Iterable<unknown>): VerifyResult {
  let prev: LogEntry | null = null;
  let index = 0;
  for (const value of log) {
    const r = nextEntry(value, index, prev);
    if (isVerifyFailure(r)) return r;
    prev = r;
    index++;
  }
  return { ok: true, count: index, head: prev === null ? null : { seq: prev.seq, hash: prev.hash } };
}
