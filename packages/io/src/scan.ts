/**
 * The two big JSON inputs (the unit register and the ballots) read, checked and built in one pass
 * over the text, for the common case: flat records of plain strings. This replaces, for that case
 * only, `JSON.parse` + the duplicate-key scan + the U+FFFD check + the fast checks of `./fast.ts`,
 * which together walked 100,000 units four times.
 *
 * Each function returns exactly what that path returns for the text (same value, same key order),
 * or `undefined` whenever it is not sure: any backslash or U+FFFD in the text, a key outside the
 * schema or written twice, a value that is not a string, nested `areas`, a value the fast checks
 * would decline, anything that is not this narrow grammar. The caller then takes the full path,
 * which accepts or explains every problem as clearly as ever. So a scan may decline valid input
 * but never accepts what the full path refuses: `scan.test.ts` checks both on random texts.
 *
 * Why the grammar is safe to read with `indexOf`: with no backslash anywhere, a string ends at the
 * next quote. Outside strings only JSON whitespace is skipped. Control characters, which JSON
 * forbids inside strings, cannot pass the value checks (identity keys, areas, enums) except where
 * a value is trimmed or taken as it is: there they are refused explicitly.
 */
import { AREA_SOURCE, area, CHANNEL, CHOICE, key, NFC_STABLE_KEY, STATUS } from './fast.js';

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters JSON forbids in strings
const CONTROL = /[\x00-\x1f]/;

/** An identity key as `key()` reads it, refusing control characters (invalid JSON in a string). */
function identity(v: string): string | undefined {
  if (NFC_STABLE_KEY.test(v)) return v;
  return CONTROL.test(v) ? undefined : key(v);
}

class Cursor {
  i = 0;
  constructor(readonly t: string) {}

  private skip(): void {
    let c = this.t.charCodeAt(this.i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = this.t.charCodeAt(++this.i);
  }

  /** Whether the next token is `c` (consumed if so). */
  eat(c: number): boolean {
    this.skip();
    if (this.t.charCodeAt(this.i) !== c) return false;
    this.i++;
    return true;
  }

  /** Whether the next token is `c` (not consumed). */
  sees(c: number): boolean {
    this.skip();
    return this.t.charCodeAt(this.i) === c;
  }

  atEnd(): boolean {
    this.skip();
    return this.i === this.t.length;
  }

  /** A string token (and the colon after it, if `key`), as its position in `names` (-1: none). */
  name(names: readonly string[], key = true): number {
    this.skip();
    const t = this.t;
    if (t.charCodeAt(this.i) !== QUOTE) return -1;
    const end = t.indexOf('"', this.i + 1);
    if (end === -1) return -1;
    const start = this.i + 1;
    const length = end - start;
    let found = -1;
    for (let k = 0; k < names.length; k++) {
      const n = names[k]!;
      if (n.length === length && t.startsWith(n, start)) {
        found = k;
        break;
      }
    }
    this.i = end + 1;
    return found !== -1 && (!key || this.eat(COLON)) ? found : -1;
  }

  /**
   * A string token that must be one of `values`, returned as that constant: no new string per
   * value, so 100,000 units share one "delivered". Undefined when it is none of them.
   */
  oneOf(values: readonly string[]): string | undefined {
    const k = this.name(values, false);
    return k === -1 ? undefined : values[k];
  }

  /** A string token, as it stands in the text. */
  string(): string | undefined {
    this.skip();
    const t = this.t;
    if (t.charCodeAt(this.i) !== QUOTE) return undefined;
    const end = t.indexOf('"', this.i + 1);
    if (end === -1) return undefined;
    const s = t.slice(this.i + 1, end);
    this.i = end + 1;
    return s;
  }
}

/** A text the scan can read with `indexOf`: no escapes; and no U+FFFD, which the full path reports. */
function scannable(text: string): boolean {
  return !text.includes('\\') && !text.includes('\uFFFD');
}

// A unit's keys, numbered by their position here (bit k of `seen`).
const UNIT_KEYS = ['id', 'building', 'owner', 'area', 'status', 'buildingGroup', 'areaSource'] as const;
const REQUIRED_UNIT_KEYS = 0b1111; // id, building, owner, area (`areas` is left to the full path)
const STATUS_BIT = 1 << 4;
const STATUSES = [...STATUS];
const AREA_SOURCES = [...AREA_SOURCE];
/** `order` (the keys read, as base-8 digits k + 1) of the usual unit: id, building, area, owner[, status]. */
const USUAL = (((1 * 8 + 2) * 8 + 4) * 8 + 3) * 8;

/** One unit in the keys' own order, as `fastUnitRegistry` leaves it in place; undefined to decline. */
function unit(s: Cursor, values: (string | undefined)[]): Record<string, unknown> | undefined {
  if (!s.eat(OPEN_OBJECT)) return undefined;
  let seen = 0;
  let order = 0;
  do {
    const k = s.name(UNIT_KEYS);
    if (k === -1 || (seen & (1 << k)) !== 0) return undefined;
    seen |= 1 << k;
    order = order * 8 + k + 1;
    let v: string | undefined;
    if (k === 4) v = s.oneOf(STATUSES);
    else if (k === 6) v = s.oneOf(AREA_SOURCES);
    else {
      const raw = s.string();
      if (raw === undefined) return undefined;
      v = k === 3 ? (area(raw) ? raw : undefined) : identity(raw);
    }
    if (v === undefined) return undefined;
    values[k] = v;
  } while (s.eat(COMMA));
  if (!s.eat(CLOSE_OBJECT) || (seen & REQUIRED_UNIT_KEYS) !== REQUIRED_UNIT_KEYS) return undefined;
  const status = (seen & STATUS_BIT) === 0 ? 'delivered' : values[4];
  if (order === USUAL || order === USUAL * 8 + 5) {
    // one literal: every unit gets the same hidden class, its properties in the object itself
    return { id: values[0], building: values[1], area: values[3], owner: values[2], status };
  }
  const u: Record<string, unknown> = {};
  const keys: number[] = [];
  for (let o = order; o > 0; o = Math.floor(o / 8)) keys.push((o % 8) - 1);
  for (let j = keys.length - 1; j >= 0; j--) u[UNIT_KEYS[keys[j]!]!] = values[keys[j]!];
  if ((seen & STATUS_BIT) === 0) u.status = status;
  return u;
}

function units(s: Cursor): Record<string, unknown>[] | undefined {
  if (!s.eat(OPEN_ARRAY) || s.sees(CLOSE_ARRAY)) return undefined;
  const out: Record<string, unknown>[] = [];
  const ids = new Set<string>();
  const values: (string | undefined)[] = [];
  do {
    const u = unit(s, values);
    if (u === undefined) return undefined;
    const id = u.id as string;
    if (ids.has(id)) return undefined;
    ids.add(id);
    out.push(u);
  } while (s.eat(COMMA));
  return s.eat(CLOSE_ARRAY) ? out : undefined;
}

const REGISTRY_KEYS = ['units', 'developer', 'estate'] as const;

/**
 * The unit register in `text`, as `parseJsonText`, the U+FFFD check and `fastUnitRegistry(raw,
 * true)` give it; undefined when the full path must read it.
 */
export function scanUnitRegistry(text: string): Record<string, unknown> | undefined {
  if (!scannable(text)) return undefined;
  const s = new Cursor(text);
  if (!s.eat(OPEN_OBJECT)) return undefined;
  const out: Record<string, unknown> = {};
  let seen = 0;
  do {
    const k = s.name(REGISTRY_KEYS);
    if (k === -1 || (seen & (1 << k)) !== 0) return undefined;
    seen |= 1 << k;
    if (k === 0) {
      const list = units(s);
      if (list === undefined) return undefined;
      out.units = list;
      continue;
    }
    const v = s.string();
    if (v === undefined) return undefined;
    if (k === 1) {
      const developer = identity(v);
      if (developer === undefined) return undefined;
      out.developer = developer;
    } else {
      if (v.length === 0 || CONTROL.test(v)) return undefined;
      out.estate = v;
    }
  } while (s.eat(COMMA));
  if (!s.eat(CLOSE_OBJECT) || !s.atEnd() || (seen & 1) === 0) return undefined;
  return out;
}

const BALLOT_KEYS = ['owner', 'choice', 'channel'] as const;
const CHOICES = [...CHOICE];
const CHANNELS = [...CHANNEL];

function ballot(s: Cursor): Record<string, unknown> | undefined {
  if (!s.eat(OPEN_OBJECT)) return undefined;
  const b: Record<string, unknown> = {};
  let seen = 0;
  do {
    const k = s.name(BALLOT_KEYS);
    if (k === -1 || (seen & (1 << k)) !== 0) return undefined;
    seen |= 1 << k;
    if (k === 0) {
      const raw = s.string();
      const owner = raw === undefined ? undefined : identity(raw);
      if (owner === undefined) return undefined;
      b.owner = owner;
    } else if (k === 1) {
      const choice = s.oneOf(CHOICES);
      if (choice === undefined) return undefined;
      b.choice = choice;
    } else {
      const channel = s.oneOf(CHANNELS);
      if (channel === undefined) return undefined;
      b.channel = channel;
    }
  } while (s.eat(COMMA));
  return s.eat(CLOSE_OBJECT) && (seen & 0b11) === 0b11 ? b : undefined;
}

/**
 * The ballots in `text`, as `parseJsonText`, the U+FFFD check and `fastBallots(raw, true)` give
 * them; undefined when the full path must read them.
 */
export function scanBallots(text: string): Record<string, unknown>[] | undefined {
  if (!scannable(text)) return undefined;
  const s = new Cursor(text);
  if (!s.eat(OPEN_ARRAY)) return undefined;
  const out: Record<string, unknown>[] = [];
  if (!s.eat(CLOSE_ARRAY)) {
    do {
      const b = ballot(s);
      if (b === undefined) return undefined;
      out.push(b);
    } while (s.eat(COMMA));
    if (!s.eat(CLOSE_ARRAY)) return undefined;
  }
  return s.atEnd() ? out : undefined;
}
