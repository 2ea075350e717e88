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

/**
 * Checks `value` (an event as sent, or a creation's input) against the limits: every string
 * under an id-like key against `limits.id`, every other string (keys included) against
 * `limits.text`, then the whole value's canonical JSON against `maxSize`. Returns the error naming
 * the first field over its limit (a dotted path from `root`), or undefined.
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
  sizeOf?: (value: unknown) => number,
): YishiError | undefined {
  // The common case, checked without building paths: every string and key within its limit, and
  // plain JSON data, whose canonical JSON is as long as `JSON.stringify`'s (the same members,
  // in another order). Anything else takes the walk below, which names the field at fault.
  if (sizeOf === undefined && withinLimits(value, false, limits, 0) && noToJson()) {
    const size = JSON.stringify(value).length;
    return size > maxSize ? tooLarge(code, what, root, size, maxSize) : undefined;
  }
  return walkSizes(value, limits, maxSize, code, what, root, sizeOf ?? canonicalSize);
}

const canonicalSize = (v: unknown) => canonicalJson(v).length;

/** `JSON.stringify` would call a `toJSON` someone put on the prototypes of plain data. */
const noToJson = () =>
  (Object.prototype as { toJSON?: unknown }).toJSON === undefined &&
  (Array.prototype as { toJSON?: unknown }).toJSON === undefined;

/** Deeper than this, the walk decides (it also finds a value that refers to itself). */
const QUICK_DEPTH = 32;

/** `isIdKey` without a regular expression: `id`, or `[a-z0-9]` then `Id`, `Ids` or `By` at the end. */
export function isIdKeyQuick(key: string): boolean {
  if (key === 'id') return true;
  const n = key.length;
  let at: number;
  if (n >= 3 && key.charCodeAt(n - 1) === 100 && key.charCodeAt(n - 2) === 73)
    at = n - 3; // …Id
  else if (n >= 3 && key.charCodeAt(n - 1) === 121 && key.charCodeAt(n - 2) === 66)
    at = n - 3; // …By
  else if (
    n >= 4 &&
    key.charCodeAt(n - 1) === 115 &&
    key.charCodeAt(n - 2) === 100 &&
    key.charCodeAt(n - 3) === 73
  )
    at = n - 4; // …Ids
  else return false;
  const c = key.charCodeAt(at);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * Whether `v` is plain JSON data (plain objects and arrays, strings, finite numbers, booleans,
 * null, undefined members) with every string and key within its limit, at most QUICK_DEPTH deep.
 * False means only "let the walk decide", never "too large".
 */
function withinLimits(v: unknown, idLike: boolean, limits: Required<EngineLimits>, depth: number): boolean {
  switch (typeof v) {
    case 'string':
      return v.length <= (idLike ? limits.id : limits.text);
    case 'number':
      return Number.isFinite(v);
    case 'boolean':
    case 'undefined':
      return depth > 0;
    case 'object': {
      if (v === null) return true;
      if (depth >= QUICK_DEPTH) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!withinLimits(v[i], idLike, limits, depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      const o = v as Record<string, unknown>;
      for (const key in o) {
        if (!Object.hasOwn(o, key) || key.length > limits.text) return false;
        if (!withinLimits(o[key], isIdKeyQuick(key), limits, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

const tooLarge = (
  code: 'INVALID_EVENT' | 'INVALID_INPUT',
  what: string,
  root: string,
  size: number,
  maxSize: number,
) =>
  new YishiError(code, `${what}: ${root} is ${size} characters of JSON, more than the limit of ${maxSize}`, [
    { message: 'too large', path: root, received: `${size} characters`, expected: `at most ${maxSize}` },
  ]);

/** `checkSizes` field by field, naming the first field over its limit. */
function walkSizes(
  value: unknown,
  limits: Required<EngineLimits>,
  maxSize: number,
  code: 'INVALID_EVENT' | 'INVALID_INPUT',
  what: string,
  root: string,
  sizeOf: (value: unknown) => number,
): YishiError | undefined {
  // Ancestors on the current branch (a value that refers to itself is not JSON), and the keys to
  // reach the current value: the dotted path is only built for an error.
  const ancestors: object[] = [];
  const keys: (string | number)[] = [];
  const pathOf = (last?: string) => [root, ...keys, ...(last === undefined ? [] : [last])].join('.');
  const walk = (v: unknown, idLike: boolean): YishiError | undefined => {
    if (typeof v === 'string') {
      const max = idLike ? limits.id : limits.text;
      return v.length > max ? tooLong(code, what, pathOf(), v.length, max) : undefined;
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
  return size > maxSize ? tooLarge(code, what, root, size, maxSize) : undefined;
}
