/**
 * Entry format version 2: one entry of a **stream** (the log of one community, 居村). Each stream
 * has its own hash chain and its own version numbers:
 *
 *   hash    = lower-case hex SHA-256 of the UTF-8 bytes of JCS(entry without `hash`)  (RFC 8785)
 *   prev    = the previous entry's hash in the same stream; version 1's prev is 64 zeros (GENESIS)
 *   version = 1 for the stream's first entry, then +1 with no gaps
 *
 * Version 1 entries (`LogEntry`, one chain for everything, `seq` instead of `stream`/`version`)
 * still verify; `streamsFromLog` converts a v1 log into v2 streams. The format is specified in
 * docs/verification.md so that a Java or Python verifier can be written from the document alone.
 */
import { z } from 'zod';
import { Actor, SubmissionChannel } from '../actor/actor.js';
import { canonicalJson } from './canonicalJson.js';
import { GENESIS, LoggedEvent } from './logEntry.js';
import { sha256Hex } from './sha256.js';

/** The `v` of a stream entry. */
export const STREAM_LOG_VERSION = 2;

/** Longest stream id (a community id), in UTF-16 code units. */
export const STREAM_ID_MAX = 128;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (SHA-256)');

/** A stream id: a community id, 1–128 characters, no control characters. */
export const StreamId = z
  .string()
  .min(1)
  .max(STREAM_ID_MAX)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');
export type StreamId = z.infer<typeof StreamId>;

export const StreamEntry = z.strictObject({
  v: z.literal(STREAM_LOG_VERSION),
  /** The stream (community) this entry belongs to. */
  stream: StreamId,
  /** 1, 2, 3 … within the stream, with no gaps. */
  version: z.int().min(1),
  /** Milliseconds since 1970-01-01T00:00Z, from the engine's injected clock. */
  at: z.int(),
  process: z.string().min(1),
  kind: z.string().min(1),
  actor: Actor,
  channel: SubmissionChannel,
  event: LoggedEvent,
  prev: Hex64,
  hash: Hex64,
});
export type StreamEntry = z.infer<typeof StreamEntry>;

/** Where a stream ends: its last entry's version and hash. */
export interface StreamHead {
  version: number;
  hash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ROLES: ReadonlySet<string> = new Set(Actor.shape.role.options);
const CHANNELS: ReadonlySet<string> = new Set(SubmissionChannel.options);
const ENTRY_KEYS = 11;
const nonEmpty = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A fast check that `value` is a well-formed stream entry — never more lenient than the
 * `StreamEntry` schema (when it says no, ask the schema why).
 */
export function isStreamEntry(value: unknown): value is StreamEntry {
  if (!isObject(value) || Object.keys(value).length !== ENTRY_KEYS) return false;
  const { v, stream, version, at, process, kind, actor, channel, event, prev, hash } = value;
  if (v !== STREAM_LOG_VERSION || !Number.isSafeInteger(version) || (version as number) < 1) return false;
  if (!Number.isSafeInteger(at)) return false;
  if (!StreamId.safeParse(stream).success) return false;
  if (!nonEmpty(process) || !nonEmpty(kind)) return false;
  if (typeof channel !== 'string' || !CHANNELS.has(channel)) return false;
  if (!isObject(actor) || Object.keys(actor).length !== 2) return false;
  if (!nonEmpty(actor.id) || typeof actor.role !== 'string' || !ROLES.has(actor.role)) return false;
  if (!isObject(event) || !nonEmpty(event.type)) return false;
  return typeof prev === 'string' && typeof hash === 'string' && HEX64.test(prev) && HEX64.test(hash);
}

/** What the engine decides; `appendStreamEntry` adds v, stream, version, prev and hash. */
export type StreamEntryFields = Pick<StreamEntry, 'at' | 'process' | 'kind' | 'actor' | 'channel' | 'event'>;

/** The hash a stream entry must carry: SHA-256 of JCS of every field but `hash`. */
export function streamEntryHash(entry: Omit<StreamEntry, 'hash'> | StreamEntry): string {
  const { hash: _ignored, ...rest } = entry as StreamEntry;
  return sha256Hex(canonicalJson(rest));
}

/** The entry that follows `head` in `stream` (`null` starts the stream). Pure. */
export function appendStreamEntry(
  stream: string,
  head: StreamHead | null,
  fields: StreamEntryFields,
): StreamEntry {
  const unhashed = {
    v: STREAM_LOG_VERSION,
    stream,
    version: head === null ? 1 : head.version + 1,
    at: fields.at,
    process: fields.process,
    kind: fields.kind,
    actor: { id: fields.actor.id, role: fields.actor.role },
    channel: fields.channel,
    event: fields.event,
    prev: head === null ? GENESIS : head.hash,
  } as const;
  return { ...unhashed, hash: streamEntryHash(unhashed) };
}

/** The head after `entry`. */
export const streamHeadOf = (entry: Pick<StreamEntry, 'version' | 'hash'>): StreamHead => ({
  version: entry.version,
  hash: entry.hash,
});
