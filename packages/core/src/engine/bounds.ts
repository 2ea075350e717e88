/**
 * The engine's bounds on what it is given: the clock's readings and the sizes of ids, texts,
 * events and inputs. Checked before anything is parsed or written, so an entry's `at` never goes
 * backwards, stays within 2000–2100 (China dates), and a caller cannot grow the log without
 * bound. Pure: the caller passes the reading and the last entry's `at`.
 */
import { chinaMidnight } from '../calendar/plainDate.js';
import { YishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { ENGINE_LIMITS, type EngineClock, type EngineLimits, MAX_JUMP_DAYS } from './engineTypes.js';

/** The first millisecond the engine accepts: 2000-01-01 00:00 China time. */
export const EARLIEST_AT = chinaMidnight('2000-01-01');
/** The first millisecond it refuses: 2101-01-01 00:00 China time (so 2100-12-31 is the last day). */
export const END_AT = chinaMidnight('2101-01-01');

const MS_PER_DAY = 86_400_000;

const refusal = (error: YishiError) => ({ ok: false as const, error });

/** A reading as readable text: the number, and its UTC time when it has one. */
const shown = (t: unknown) =>
  typeof t === 'number'
    ? Math.abs(t) <= 8.64e15
      ? `${t} (${new Date(t).toISOString()})`
      : String(t)
    : `${typeof t} ${String(t)}`;

/**
 * The `at` of the next entry from the clock's reading `t`, or the refusal: CLOCK_OUT_OF_RANGE for
 * a reading that is not a number or outside 2000-01-01..2100-12-31 (China dates), CLOCK_BACKWARDS
 * for one earlier than `lastAt` (unless the clock clamps), CLOCK_JUMP for a tick more than
 * `maxJumpDays` past `lastAt` that the operator did not confirm.
 */
export function readClock(
  clock: EngineClock,
  t: unknown,
  lastAt: number | null,
  tick?: { confirmJump?: boolean },
): { ok: true; at: number } | { ok: false; error: YishiError } {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < EARLIEST_AT || t >= END_AT) {
    return refusal(
      new YishiError(
        'CLOCK_OUT_OF_RANGE',
        `时钟读数超出范围 / the engine clock read ${shown(t)}: expected a time between 2000-01-01 and ` +
          '2100-12-31 (China time); nothing was written',
        [
          {
            message: 'clock reading out of range',
            field: 'at',
            received: shown(t),
            expected: `${EARLIEST_AT} <= at < ${END_AT}`,
          },
        ],
      ),
    );
  }
  let at = Math.floor(t);
  if (lastAt !== null && at < lastAt) {
    if (clock.backwards === 'clamp') at = lastAt;
    else
      return refusal(
        new YishiError(
          'CLOCK_BACKWARDS',
          `时钟倒退 / the engine clock read ${shown(at)}, earlier than the last entry's ${shown(lastAt)}: ` +
            "an entry's time never goes backwards; nothing was written (fix the clock, or create the " +
            "engine with clock.backwards: 'clamp')",
          [{ message: 'clock went backwards', field: 'at', received: String(at), expected: `>= ${lastAt}` }],
        ),
      );
  }
  if (tick && lastAt !== null && !tick.confirmJump) {
    const days = clock.maxJumpDays ?? MAX_JUMP_DAYS;
    if (at - lastAt > days * MS_PER_DAY) {
      return refusal(
        new YishiError(
          'CLOCK_JUMP',
          `时钟跳跃 / the tick at ${shown(at)} is ${Math.floor((at - lastAt) / MS_PER_DAY)} days after the ` +
            `last entry (${shown(lastAt)}), more than ${days}: nothing was sent. If the date is right, ` +
            'tick again with { confirmJump: true }',
          [
            {
              message: 'clock jumped',
              field: 'at',
              received: String(at),
              expected: `<= ${lastAt + days * MS_PER_DAY} (${days} days), or confirmJump`,
            },
          ],
        ),
      );
    }
  }
  return { ok: true, at };
}

/** The limits with their defaults. */
export function limitsOf(limits: EngineLimits | undefined): Required<EngineLimits> {
  return { ...ENGINE_LIMITS, ...limits };
}

/** A key whose strings are ids: `id`, or ending in `Id`, `Ids` or `By` (`ownerId`, `enteredBy`). */
const isIdKey = (key: string) => key === 'id' || /[a-z0-9](Id|Ids|By)$/.test(key);

const canonicalLength = (v: unknown) => canonicalJson(v).length;

const tooLong = (
  code: 'INVALID_EVENT' | 'INVALID_INPUT',
  what: string,
  path: string,
  n: number,
  max: number,
) =>
  new YishiError(code, `${what}: ${path}: ${n} characters, more than the limit of ${max}`, [
    { message: 'too long', path, received: `${n} characters`, expected: `at most ${max}` },
  ]);

const notUnicode = (code: 'INVALID_EVENT' | 'INVALID_INPUT', what: string, path: string) =>
  new YishiError(code, `${what}: ${path}: text with a lone surrogate (half of a character) is not Unicode`, [
    { message: 'lone surrogate', path, expected: 'well-formed Unicode text (RFC 8785, I-JSON)' },
  ]);

/** Longest `String(n)` of a finite number: "-1.7976931348623157e+308" is 24 characters. */
const MAX_NUMBER_JSON = 24;
/**
 * A UTF-16 code unit of a surrogate pair without its partner: not Unicode, so not I-JSON (RFC
 * 8785), and canonical JSON refuses it. The first test is a cheap pre-check (any surrogate: most
 * text has none; an emoji is a pair), the second finds an unpaired one.
 */
const ANY_SURROGATE = /[\ud800-\udfff]/;
const UNPAIRED = /\p{Cs}/u;
const loneSurrogate = (s: string) => ANY_SURROGATE.test(s) && UNPAIRED.test(s);

/** Deeper than this, the fast pass hands over to the exact walk (which finds a cycle). */
const MAX_FAST_DEPTH = 64;

/** `JSON.stringify` would call a `toJSON` that someone put on the prototypes of plain data. */
const toJsonOnPrototypes = () =>
  (Object.prototype as { toJSON?: unknown }).toJSON !== undefined ||
  (Array.prototype as { toJSON?: unknown }).toJSON !== undefined;

/**
 * An upper bound of the length of `v` as JSON (`JSON.stringify` and canonical JSON alike: the
 * same members, only their order differs) when `v` is plain data whose every string and key is
 * within its limit; -1 when it is anything else (a string or key over its limit, a number that is
 * not finite, a function, a class instance, deeper than MAX_FAST_DEPTH), for the exact walk to
 * judge. A string is bounded by 6 characters a code unit (`\uXXXX`), a number by
 * MAX_NUMBER_JSON. A plain function rather than a closure: it runs on every entry replay checks.
 */
function plainBound(v: unknown, idLike: boolean, limits: Required<EngineLimits>, depth: number): number {
  switch (typeof v) {
    case 'string':
      return v.length > (idLike ? limits.id : limits.text) || loneSurrogate(v) ? -1 : 2 + 6 * v.length;
    case 'number':
      return Number.isFinite(v) ? MAX_NUMBER_JSON : -1;
    case 'boolean':
      return 5;
    case 'undefined':
      return 4; // `null` in an array, nothing as a member
    case 'object': {
      if (v === null) return 4;
      if (depth >= MAX_FAST_DEPTH) return -1;
      let n = 2;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const b = plainBound(v[i], idLike, limits, depth + 1);
          if (b < 0) return -1;
          n += b + 1;
        }
        return n;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return -1;
      for (const key in v) {
        if (!Object.hasOwn(v, key) || key.length > limits.text || loneSurrogate(key)) return -1;
        const b = plainBound((v as Record<string, unknown>)[key], isIdKey(key), limits, depth + 1);
        if (b < 0) return -1;
        n += 2 + 6 * key.length + 1 + b + 1;
      }
      return n;
    }
    default:
      return -1;
  }
}

/**
 * Whether `checkSizes` is sure to accept `value` — plain data, every string and key within its
 * limit, and a bound of its JSON length within `maxSize` — without building a path or a JSON text.
 * Never more lenient than `checkSizes`: anything it is not sure of gets `false`, and the caller
 * asks `checkSizes`, which names what is wrong. `skip` names top-level members left out (those
 * `checkSizes` would not be given: the engine's stamp on a logged event, its resolved policy).
 */
export function withinSizes(
  value: unknown,
  limits: Required<EngineLimits>,
  maxSize: number,
  skip?: (key: string) => boolean,
): boolean {
  // (`undefined` itself is not JSON: canonical JSON refuses it, as the walk's size does)
  if (value === undefined || toJsonOnPrototypes()) return false;
  if (skip === undefined || typeof value !== 'object' || value === null) {
    const b = plainBound(value, false, limits, 0);
    return b >= 0 && b <= maxSize;
  }
  // Leaving members out of an array or a class instance would change what `checkSizes` sees.
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  let n = 2;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    if (skip(key)) continue;
    if (key.length > limits.text) return false;
    const b = plainBound((value as Record<string, unknown>)[key], isIdKey(key), limits, 1);
    if (b < 0) return false;
    n += 2 + 6 * key.length + 1 + b + 1;
  }
  return n <= maxSize;
}

/**
 * Checks `value` (an event as sent, or a creation's input) against the limits: every string
 * under an id-like key against `limits.id`, every other string (keys included) against
 * `limits.text`, then the whole value's canonical JSON against `maxSize`. Returns the error naming
 * the first field over its limit (a dotted path from `root`), or undefined.
 *
 * Plain data well within the limits (nearly every event) is settled by `withinSizes`; the walk
 * below, which names the field, runs for the rest.
 */
export function checkSizes(
  value: unknown,
  limits: Required<EngineLimits>,
  maxSize: number,
  code: 'INVALID_EVENT' | 'INVALID_INPUT',
  what: string,
  root: string,
  /**
   * The size of `value` as JSON. Default: its canonical JSON, which also refuses what is not JSON.
   * Replay passes `JSON.stringify` (the same length for data read back from a log, and native).
   */
  sizeOf: (value: unknown) => number = canonicalLength,
): YishiError | undefined {
  if (withinSizes(value, limits, maxSize)) return undefined;
  return sizeIssue(value, limits, maxSize, code, what, root, sizeOf);
}

/** `checkSizes` without its fast pass: the walk that names the first field over its limit. */
export function sizeIssue(
  value: unknown,
  limits: Required<EngineLimits>,
  maxSize: number,
  code: 'INVALID_EVENT' | 'INVALID_INPUT',
  what: string,
  root: string,
  sizeOf: (value: unknown) => number = canonicalLength,
): YishiError | undefined {
  // Ancestors on the current branch (a value that refers to itself is not JSON), and the keys to
  // reach the current value: the dotted path is only built for an error.
  const ancestors: object[] = [];
  const keys: (string | number)[] = [];
  const pathOf = (last?: string) => [root, ...keys, ...(last === undefined ? [] : [last])].join('.');
  const walk = (v: unknown, idLike: boolean): YishiError | undefined => {
    if (typeof v === 'string') {
      const max = idLike ? limits.id : limits.text;
      if (v.length > max) return tooLong(code, what, pathOf(), v.length, max);
      return loneSurrogate(v) ? notUnicode(code, what, pathOf()) : undefined;
    }
    if (typeof v !== 'object' || v === null) return undefined;
    if (ancestors.includes(v))
      return new YishiError(code, `${what}: ${pathOf()}: a value that refers to itself is not JSON`);
    ancestors.push(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        keys.push(i);
        const e = walk(v[i], idLike);
        keys.pop();
        if (e) return e;
      }
    } else {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        if (key.length > limits.text)
          return tooLong(code, what, `${pathOf(key)} (the key)`, key.length, limits.text);
        if (loneSurrogate(key)) return notUnicode(code, what, `${pathOf(key)} (the key)`);
        keys.push(key);
        const e = walk((v as Record<string, unknown>)[key], isIdKey(key));
        keys.pop();
        if (e) return e;
      }
    }
    ancestors.pop();
    return undefined;
  };
  const bad = walk(value, false);
  if (bad) return bad;
  let size: number;
  try {
    size = sizeOf(value);
  } catch (e) {
    return new YishiError(
      code,
      `${what}: ${root} is not JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (size > maxSize) {
    return new YishiError(
      code,
      `${what}: ${root} is ${size} characters of JSON, more than the limit of ${maxSize}`,
      [{ message: 'too large', path: root, received: `${size} characters`, expected: `at most ${maxSize}` }],
    );
  }
  return undefined;
}
