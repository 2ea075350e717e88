/**
 * A ballot checked without zod: the common CAST_BALLOT, as an owner's portal sends it, is the one
 * event a consultation takes tens of thousands of times, and its schema parse was a tenth of what
 * taking a ballot in cost. `quickCastBallot` is never more lenient than `ConsultationEventInput`:
 * it accepts only what the schema accepts unchanged (already-trimmed texts, no unknown members),
 * and for anything else answers `undefined`, so the schema decides and explains the refusal. The
 * agreement is property-tested (quickBallot.test.ts), as log/logEntry.ts `isLogEntry` is.
 *
 * What it returns is a fresh copy with every object's keys in ascending order, so the engine's
 * canonical JSON of the stamped event is `JSON.stringify`'s (log/canonicalJson.ts): the bytes
 * logged are the same as after the schema, whose objects list their keys in schema order.
 */
import type { ConsultationEventInput } from './consultationSchemas.js';

type CastBallot = Extract<ConsultationEventInput, { type: 'CAST_BALLOT' }>;

const CHANNELS: ReadonlySet<unknown> = new Set(['paper', 'online', 'officialPlatform', 'proxy']);
const CHOICES: ReadonlySet<unknown> = new Set(['agree', 'oppose', 'abstain', 'invalid']);
const CAST_KEYS: ReadonlySet<string> = new Set([
  'type',
  'ballotId',
  'owner',
  'channel',
  'choices',
  'proxyId',
  'evidence',
]);

/** `Text` (a trimmed string of at least one character) that the schema's trim leaves unchanged. */
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.trim() === v;

/** A plain object whose enumerable keys are all its own and all in `allowed`. */
function plainWith(v: unknown, allowed: ReadonlySet<string>): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in v) if (!Object.hasOwn(v, k) || !allowed.has(k)) return false;
  return true;
}

const CHOICE_KEYS: ReadonlySet<string> = new Set(['itemId', 'choice']);
const EVIDENCE_KEYS: ReadonlySet<string> = new Set(['scanId', 'batchId']);

function choicesOf(v: unknown): { choice: string; itemId: string }[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: { choice: string; itemId: string }[] = [];
  for (let i = 0; i < v.length; i++) {
    const c: unknown = v[i];
    if (!plainWith(c, CHOICE_KEYS)) return undefined;
    const { itemId, choice } = c;
    if (!isText(itemId) || typeof choice !== 'string' || !CHOICES.has(choice)) return undefined;
    out.push({ choice, itemId });
  }
  return out;
}

/**
 * The CAST_BALLOT `event` as `ConsultationEventInput` would parse it (keys in ascending order), or
 * `undefined`: not a CAST_BALLOT, not valid, or valid only after the schema changes it (a text to
 * trim, a member to strip) — the schema decides those.
 */
export function quickCastBallot(event: unknown): CastBallot | undefined {
  if (!plainWith(event, CAST_KEYS)) return undefined;
  const { type, ballotId, owner, channel, proxyId, evidence } = event;
  if (type !== 'CAST_BALLOT' || !isText(ballotId) || !isText(owner)) return undefined;
  if (typeof channel !== 'string' || !CHANNELS.has(channel)) return undefined;
  const choices = choicesOf(event.choices);
  if (choices === undefined) return undefined;
  if (proxyId !== undefined && !isText(proxyId)) return undefined;
  let paper: { batchId: string; scanId: string } | undefined;
  if (evidence !== undefined) {
    if (!plainWith(evidence, EVIDENCE_KEYS)) return undefined;
    const { scanId, batchId } = evidence;
    if (!isText(scanId) || !isText(batchId)) return undefined;
    paper = { batchId, scanId };
  }
  // Keys in ascending order; an absent (or undefined) optional member is left out, as canonical
  // JSON leaves out an undefined one.
  const out: Record<string, unknown> = { ballotId, channel, choices };
  if (paper !== undefined) out.evidence = paper;
  out.owner = owner;
  if (proxyId !== undefined) out.proxyId = proxyId;
  out.type = type;
  return out as CastBallot;
}
