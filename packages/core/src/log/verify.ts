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
import type { LogEntry, LogHead } from './logEntry.js';
import {
  chainedHash,
  GENESIS,
  hasEntryShape,
  isLogEntry,
  LogEntry as LogEntrySchema,
  shapedEntryHash,
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
 * FIRST bad entry. An empty log verifies with `head: null`.
 */
export function verify(log: Iterable<unknown>): VerifyResult {
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
