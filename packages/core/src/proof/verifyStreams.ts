/**
 * Verifying a version 2 log: entries of many streams interleaved (as a store's `readAll` or a
 * published JSONL file gives them), each stream a hash chain of its own, numbered 1, 2, 3 … The
 * first bad entry is named by its stream and version (and line, from text). A version 1 log (one
 * chain, `seq`) is verified as log/verify.ts always did, so one call checks either.
 */
import { canonicalJson } from '../log/canonicalJson.js';
import { jsonlLines, verifyJsonl } from '../log/jsonl.js';
import { GENESIS, type LogHead } from '../log/logEntry.js';
import { isStreamEntry, StreamEntry, type StreamHead, streamEntryHash } from '../log/streamEntry.js';
import { verify } from '../log/verify.js';
import { compareCodePoints } from '../store/checkBatch.js';
import type { AnchorHead } from './anchor.js';

/**
 * Why an entry fails: 'hash' (its content changed), 'prev' (an earlier entry of its stream
 * changed), 'version' (missing, repeated or out of order in its stream), 'seq' (the same, in a
 * version 1 log), 'schema' (not an entry, or a version 1 and a version 2 entry mixed),
 * 'canonical' (a line that is not the canonical JSON of its entry; text only).
 */
export type StreamTamperReason = 'hash' | 'prev' | 'version' | 'seq' | 'schema' | 'canonical';

export type StreamsVerifyResult =
  | {
      ok: true;
      format: 2;
      /** Entries in all. */
      count: number;
      /** The head of every stream, sorted by stream id (code points): what an anchor signs. */
      heads: AnchorHead[];
    }
  | { ok: true; format: 1; count: number; head: LogHead | null }
  | StreamsVerifyFailure;

export interface StreamsVerifyFailure {
  ok: false;
  format: 1 | 2;
  /** 0-based position of the first bad entry among all entries. */
  index: number;
  /** 1-based line, when verified from text. */
  line?: number;
  /** The stream and the version the entry should carry there (format 2, when known). */
  stream?: string;
  version?: number;
  /** The seq the entry should carry (format 1). */
  seq?: number;
  reason: StreamTamperReason;
  message: string;
}

const formatOf = (value: unknown): unknown => (value as { v?: unknown } | null)?.v;

/** A stream-by-stream verifier: feed it entries in log order. */
export class StreamChains {
  readonly heads = new Map<string, StreamHead>();
  count = 0;

  /** Checks one entry against its stream's head and advances it; the failure, or undefined. */
  next(value: unknown): Omit<StreamsVerifyFailure, 'index'> | undefined {
    const where = `entry ${this.count + 1}`;
    let entry: StreamEntry;
    if (isStreamEntry(value)) entry = value;
    else {
      const parsed = StreamEntry.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        const stream = (value as { stream?: unknown } | null)?.stream;
        return {
          ok: false,
          format: 2,
          ...(typeof stream === 'string' ? { stream } : {}),
          reason: 'schema',
          message: `${where} is not a version 2 stream entry: ${path}${issue?.message ?? 'invalid'}`,
        };
      }
      entry = parsed.data;
    }
    const { stream, version } = entry;
    const head = this.heads.get(stream);
    const expected = (head?.version ?? 0) + 1;
    const at = { ok: false as const, format: 2 as const, stream, version: expected };
    let computed: string;
    try {
      computed = streamEntryHash(entry);
    } catch (e) {
      return { ...at, reason: 'schema', message: `${where} cannot be hashed: ${(e as Error).message}` };
    }
    if (computed !== entry.hash) {
      return {
        ...at,
        version,
        reason: 'hash',
        message:
          `stream "${stream}" version ${version}: content does not match its hash (recorded ` +
          `${entry.hash.slice(0, 12)}…, computed ${computed.slice(0, 12)}…): the entry was changed`,
      };
    }
    if (version !== expected) {
      return {
        ...at,
        reason: 'version',
        message:
          `stream "${stream}": expected version ${expected}, found ${version}: ` +
          (version > expected ? 'entries are missing' : 'entries are repeated or out of order'),
      };
    }
    const prev = head?.hash ?? GENESIS;
    if (entry.prev !== prev) {
      return {
        ...at,
        reason: 'prev',
        message:
          `stream "${stream}" version ${version}: prev ${entry.prev.slice(0, 12)}… is not the hash of ` +
          `version ${version - 1} (${prev.slice(0, 12)}…): the stream was altered before this entry`,
      };
    }
    this.heads.set(stream, { version, hash: entry.hash });
    this.count++;
    return undefined;
  }

  /** Every stream's head, sorted by stream id. */
  sortedHeads(): AnchorHead[] {
    return [...this.heads]
      .map(([stream, h]) => ({ stream, version: h.version, hash: h.hash }))
      .sort((a, b) => compareCodePoints(a.stream, b.stream));
  }
}

/** Verifies a log of either format (parsed JSON values), naming the first bad entry. */
export function verifyStreams(entries: Iterable<unknown>): StreamsVerifyResult {
  const all = Array.isArray(entries) ? (entries as unknown[]) : [...entries];
  if (all.length > 0 && formatOf(all[0]) === 1) {
    const r = verify(all);
    return r.ok
      ? { ok: true, format: 1, count: r.count, head: r.head }
      : { ok: false, format: 1, index: r.index, seq: r.seq, reason: r.reason, message: r.message };
  }
  const chains = new StreamChains();
  for (let index = 0; index < all.length; index++) {
    const failure = chains.next(all[index]);
    if (failure) return { ...failure, index };
  }
  return { ok: true, format: 2, count: chains.count, heads: chains.sortedHeads() };
}

/**
 * `verifyStreams` from JSONL text: a line that is not JSON is a malformed entry, and each line
 * must be the canonical JSON (RFC 8785) of its entry. A version 1 log goes to `verifyJsonl`.
 */
export function verifyStreamsJsonl(text: string): StreamsVerifyResult {
  const lines = jsonlLines(text);
  const parse = (t: string): { value: unknown } | { error: string } => {
    try {
      return { value: JSON.parse(t) as unknown };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  };
  const first = lines[0] === undefined ? undefined : parse(lines[0].text);
  if (first && 'value' in first && formatOf(first.value) === 1) {
    const r = verifyJsonl(text);
    return r.ok
      ? { ok: true, format: 1, count: r.count, head: r.head }
      : {
          ok: false,
          format: 1,
          index: r.index,
          line: r.line,
          seq: r.seq,
          reason: r.reason,
          message: r.message,
        };
  }
  const chains = new StreamChains();
  for (const [index, { line, text: t }] of lines.entries()) {
    const p = parse(t);
    if ('error' in p) {
      return {
        ok: false,
        format: 2,
        index,
        line,
        reason: 'schema',
        message: `line ${line} is not JSON: ${p.error}`,
      };
    }
    const failure = chains.next(p.value);
    if (failure) return { ...failure, index, line, message: `line ${line}: ${failure.message}` };
    if (canonicalJson(p.value) !== t) {
      const e = p.value as StreamEntry;
      return {
        ok: false,
        format: 2,
        index,
        line,
        stream: e.stream,
        version: e.version,
        reason: 'canonical',
        message:
          `line ${line} (stream "${e.stream}" version ${e.version}) is not in canonical form (RFC 8785: keys ` +
          'sorted, no spaces, each key once): what it shows may not be what a JSON parser reads',
      };
    }
  }
  return { ok: true, format: 2, count: chains.count, heads: chains.sortedHeads() };
}
