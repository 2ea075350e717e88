/**
 * One entry of the audit log: an accepted event (or the creation of a process), chained to the
 * entry before it by SHA-256 so that changing, removing or reordering any entry is detected.
 *
 *   hash = sha256Hex(canonicalJson(entry without `hash`))
 *   prev = the previous entry's hash; the first entry's prev is 64 zeros (GENESIS)
 *   seq  = 1 for the first entry, then +1 (so in a JSONL file, seq n is on line n)
 *
 * The recipe is spelled out in docs/embedding.md so that anyone can re-check a published log with
 * a short Python or Java script; nothing here depends on yishi beyond canonical JSON and SHA-256.
 */
import { z } from 'zod';
import { Actor, SubmissionChannel } from '../actor/actor.js';
import { canonicalJson } from './canonicalJson.js';
import { sha256Hex } from './sha256.js';

/** Version of the entry format, written into every entry. */
export const LOG_VERSION = 1;

/** The `prev` of the first entry in a log. */
export const GENESIS = '0'.repeat(64);

/** The event type of the entry that creates a process: `{ type: 'CREATE', input }`. */
export const CREATE = 'CREATE';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (SHA-256)');

/** An event as logged: its `type` and the payload the machine received (stamped with `on`, `actor`). */
export const LoggedEvent = z.looseObject({ type: z.string().min(1) });
export type LoggedEvent = z.infer<typeof LoggedEvent>;

export const LogEntry = z.strictObject({
  v: z.literal(LOG_VERSION),
  /** 1, 2, 3 … with no gaps. */
  seq: z.int().min(1),
  /** Milliseconds since 1970-01-01T00:00Z, from the engine's injected clock. */
  at: z.int(),
  /** The process the event went to. */
  process: z.string().min(1),
  /** The process's kind (`ProcessKind.kind`), e.g. 'publicNotice'. */
  kind: z.string().min(1),
  actor: Actor,
  channel: SubmissionChannel,
  event: LoggedEvent,
  prev: Hex64,
  hash: Hex64,
});
export type LogEntry = z.infer<typeof LogEntry>;

const HEX64 = /^[0-9a-f]{64}$/;
const ROLES: ReadonlySet<string> = new Set(Actor.shape.role.options);
const CHANNELS: ReadonlySet<string> = new Set(SubmissionChannel.options);
/** Every role and channel is written in JSON as itself in quotes (no character needs escaping). */
const PLAIN_NAMES = [...ROLES, ...CHANNELS].every((x) => JSON.stringify(x) === `"${x}"`);
const ENTRY_KEYS = 10;
const nonEmpty = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isInt = (x: unknown): x is number => Number.isSafeInteger(x);

/**
 * A fast check that `value` is a well-formed entry — never more lenient than the `LogEntry`
 * schema (when it says no, ask the schema why). Verifying a long log spends most of its time
 * here otherwise.
 */
export function isLogEntry(value: unknown): value is LogEntry {
  return hasEntryShape(value) && HEX64.test(value.prev) && HEX64.test(value.hash);
}

/**
 * `isLogEntry` but for the format of `prev` and `hash`, which need only be strings here: for a
 * caller that then compares both with hashes known to be 64 hex digits (the hash it computes, the
 * previous entry's, GENESIS), which proves their format without a regular expression.
 */
export function hasEntryShape(value: unknown): value is LogEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  if (Object.keys(e).length !== ENTRY_KEYS) return false;
  const { v, seq, at, process, kind, actor, channel, event, prev, hash } = e;
  if (v !== LOG_VERSION || !isInt(seq) || seq < 1 || !isInt(at)) return false;
  if (!nonEmpty(process) || !nonEmpty(kind) || typeof channel !== 'string' || !CHANNELS.has(channel))
    return false;
  if (typeof prev !== 'string' || typeof hash !== 'string') return false;
  if (typeof actor !== 'object' || actor === null || Array.isArray(actor)) return false;
  const a = actor as Record<string, unknown>;
  if (Object.keys(a).length !== 2 || !nonEmpty(a.id) || typeof a.role !== 'string' || !ROLES.has(a.role))
    return false;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  return nonEmpty((event as Record<string, unknown>).type);
}

/** An entry before it is chained: what the engine decides; `appendEntry` adds v, seq, prev, hash. */
export type EntryFields = Pick<LogEntry, 'at' | 'process' | 'kind' | 'actor' | 'channel' | 'event'>;

/** Where a log ends: the last entry's seq and hash (`null` for an empty log). */
export interface LogHead {
  seq: number;
  hash: string;
}

/** The hash an entry must carry: SHA-256 of the canonical JSON of every field but `hash`. */
export function entryHash(entry: Omit<LogEntry, 'hash'> | LogEntry): string {
  const { hash: _ignored, ...rest } = entry as LogEntry;
  return sha256Hex(canonicalJson(rest));
}

/**
 * `entryHash` for an entry known to have exactly the schema's fields (validated, or built by
 * `appendEntry`): the same canonical JSON with the fixed top level written directly, which
 * saves a third of the time of hashing a log. Tested equal to `entryHash`.
 */
export function chainedHash(e: Omit<LogEntry, 'hash'>): string {
  const s = JSON.stringify;
  return sha256Hex(
    `{"actor":{"id":${s(e.actor.id)},"role":${s(e.actor.role)}},"at":${s(e.at)},"channel":${s(e.channel)},` +
      `"event":${canonicalJson(e.event)},"kind":${s(e.kind)},"prev":${s(e.prev)},"process":${s(e.process)},` +
      `"seq":${s(e.seq)},"v":${s(e.v)}}`,
  );
}

/**
 * `chainedHash` for an entry that passed `hasEntryShape` and whose `prev` is known to be 64 hex
 * digits (verify's short road): the same text, with the members whose JSON is known without
 * `JSON.stringify` written directly — `role` and `channel` are identifiers from fixed lists,
 * `prev` is hex, `at`, `seq` and `v` are safe integers. Tested equal to `chainedHash`.
 */
export function shapedEntryHash(e: Omit<LogEntry, 'hash'>): string {
  if (!PLAIN_NAMES) return chainedHash(e);
  const s = JSON.stringify;
  return sha256Hex(
    `{"actor":{"id":${s(e.actor.id)},"role":"${e.actor.role}"},"at":${e.at},"channel":"${e.channel}",` +
      `"event":${canonicalJson(e.event)},"kind":${s(e.kind)},"prev":"${e.prev}","process":${s(e.process)},` +
      `"seq":${e.seq},"v":${e.v}}`,
  );
}

/**
 * The entry that follows `prev` (a head, or the last entry; `null` starts a new log).
 * Pure: it neither validates `fields` against a process kind nor stores anything.
 */
export function appendEntry(prev: LogHead | null, fields: EntryFields): LogEntry {
  const unhashed = {
    v: LOG_VERSION,
    seq: prev === null ? 1 : prev.seq + 1,
    at: fields.at,
    process: fields.process,
    kind: fields.kind,
    actor: { id: fields.actor.id, role: fields.actor.role },
    channel: fields.channel,
    event: fields.event,
    prev: prev === null ? GENESIS : prev.hash,
  } as const;
  return { ...unhashed, hash: chainedHash(unhashed) };
}

/** The head after `entry`. */
export const headOf = (entry: Pick<LogEntry, 'seq' | 'hash'>): LogHead => ({
  seq: entry.seq,
  hash: entry.hash,
});
