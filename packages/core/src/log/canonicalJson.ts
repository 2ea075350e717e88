/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped — so the same
 * value always gives the same bytes and the same hash, whoever serialised it (RFC 8785 in spirit;
 * numbers are integers or JSON's own shortest form). Rejects what JSON cannot carry faithfully.
 *
 * The audit log runs this on every entry it writes, verifies or replays, and those values are
 * nearly always read from canonical JSON already, so their keys are in sorted order. For such a
 * value (plain objects and arrays, every object's keys ascending, finite numbers, nothing else)
 * `JSON.stringify` writes exactly the canonical text, and faster: `inCanonicalOrder` checks,
 * without allocating, that it may be used. Anything else is written here, keys sorted. An array's
 * holes and `undefined` items are written as `null`, as `JSON.stringify` writes them.
 *
 * Strings (members and keys) must be well-formed Unicode (I-JSON, RFC 7493 §2.1, which RFC 8785
 * §3.1 requires): a lone surrogate is refused with a TypeError, whichever road wrote the text,
 * rather than written as `\udXXX` (which another JCS implementation would refuse, or not write).
 */
export function canonicalJson(value: unknown): string {
  return refuseLoneSurrogates(serialise(value));
}

function serialise(value: unknown): string {
  if (typeof value === 'object' && value !== null && inCanonicalOrder(value) && noToJson()) {
    return JSON.stringify(value);
  }
  return writeCanonical(value);
}

/**
 * `JSON.stringify` writes a lone surrogate as the escape `\udXXX` (lower-case, ES2019) and a
 * literal backslash as `\\`, so the finished text holds a lone surrogate exactly where `\ud`
 * follows an odd number of backslashes. One `indexOf` over the text costs far less than checking
 * every string on the way (the log's strings are mostly Chinese text, which is scanned slowly).
 */
function refuseLoneSurrogates(text: string): string {
  if (!text.includes('\\ud')) return text;
  const m = /(?<!\\)(?:\\\\)*\\u(d[89a-f][0-9a-f]{2})/.exec(text);
  if (m) {
    throw new TypeError(
      `canonicalJson: a string holds a lone surrogate (U+${m[1]!.toUpperCase()}), which is not Unicode text: ` +
        'I-JSON (RFC 7493) and RFC 8785 refuse it',
    );
  }
  return text;
}

/** `JSON.stringify` would call a `toJSON` that someone put on the prototypes of plain data. */
const noToJson = () =>
  (Object.prototype as { toJSON?: unknown }).toJSON === undefined &&
  (Array.prototype as { toJSON?: unknown }).toJSON === undefined;

/**
 * Whether `JSON.stringify(value)` is `value`'s canonical JSON: plain objects (prototype
 * `Object.prototype` or `null`, own keys only) and arrays, each object's defined members in
 * ascending key order (as `sort` orders strings), members that are strings, booleans, `null`,
 * finite numbers or such objects and arrays (`undefined` too in arrays and as a member, which
 * both drop or write as `null` alike).
 */
export function inCanonicalOrder(value: object): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== undefined && !isCanonicalMember(v)) return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const o = value as Record<string, unknown>;
  let last: string | undefined;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    const v = o[k];
    if (v === undefined) continue;
    if (last !== undefined && !(last < k)) return false;
    last = k;
    if (!isCanonicalMember(v)) return false;
  }
  return true;
}

function isCanonicalMember(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null || inCanonicalOrder(v);
    default:
      return false;
  }
}

/** Canonical JSON written member by member, object keys sorted (members: `canonicalJson`). */
function writeCanonical(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`);
      // Number → string is the same algorithm as JSON's (ECMA-262 Number::toString).
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        const n = value.length;
        if (n === 0) return '[]';
        let s = '[';
        for (let i = 0; i < n; i++) {
          const v: unknown = value[i];
          if (i > 0) s += ',';
          s += v === undefined ? 'null' : serialise(v);
        }
        return `${s}]`;
      }
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length > 1) keys.sort();
      let s = '{';
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const v = o[k];
        if (v === undefined) continue;
        s += `${first ? '' : ','}${JSON.stringify(k)}:${serialise(v)}`;
        first = false;
      }
      return `${s}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

/** Hash of a value's canonical JSON: how frozen registers and rule sets are fingerprinted. */
export { sha256Hex } from './sha256.js';
