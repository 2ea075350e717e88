/**
 * Fast, hand-written checks of the two big inputs (the unit register and the ballots), for the
 * common case where every row is right. Each returns exactly what the @yishi/core zod schema's
 * `parse` would return, or `undefined` when it is not sure: then the caller runs zod, which either
 * accepts (the rare shapes this check leaves to it) or explains every problem as clearly as ever.
 * So a fast check may decline a valid input, but must never accept one zod refuses, nor return a
 * different value: `fast.test.ts` checks both on random valid and invalid inputs.
 *
 * With `reuse`, the input's own objects are normalised in place and returned (no copy of 100,000
 * units): for input the caller owns, such as what `JSON.parse` or a table reader just made. The
 * value is then equal to zod's (same keys and values); only the order of keys follows the input.
 */
import { AREA_PATTERN } from '@yishi/core';

const hasOwn = Object.hasOwn;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/**
 * Characters that are never whitespace at an end and that NFC leaves as they are (NFC_Quick_Check
 * = Yes, no composition with a neighbour): printable ASCII, Latin-1 and Latin Extended up to
 * U+02FF, CJK symbols, kana (but the combining marks U+302A–302F and U+3099–309A), CJK ideographs, Hangul
 * syllables and full-width forms. A key made only of them is already trimmed and NFC, which is
 * almost every key in a register; `fast.test.ts` checks the class code point by code point.
 */
export const NFC_STABLE_KEY =
  /^[\x21-\x7e\u00a1-\u02ff\u3001-\u3029\u3030-\u3098\u309b-\u9fff\uac00-\ud7a3\uff01-\uff5e]+$/;

/** `IdentityKey`: trimmed, NFC, non-empty. */
export function key(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (NFC_STABLE_KEY.test(v)) return v;
  const s = v.trim().normalize('NFC');
  return s.length > 0 ? s : undefined;
}

/** `PositiveAreaString`. */
export function area(v: unknown): boolean {
  if (typeof v !== 'string' || !AREA_PATTERN.test(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

export const STATUS = new Set(['delivered', 'unsold', 'undelivered']);
export const AREA_SOURCE = new Set(['register', 'survey', 'contract']);

function areasOf(a: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(a)) return undefined;
  let register: unknown;
  let survey: unknown;
  let contract: unknown;
  for (const k of Object.keys(a)) {
    const v = a[k];
    if (!area(v)) return undefined;
    if (k === 'register') register = v;
    else if (k === 'survey') survey = v;
    else if (k === 'contract') contract = v;
    else return undefined;
  }
  // zod's output follows the schema's key order
  const out: Record<string, unknown> = {};
  if (register !== undefined) out.register = register;
  if (survey !== undefined) out.survey = survey;
  if (contract !== undefined) out.contract = contract;
  return out;
}

function unit(u: unknown, reuse: boolean): Record<string, unknown> | undefined {
  if (!isPlainObject(u)) return undefined;
  let id: string | undefined;
  let building: string | undefined;
  let owner: string | undefined;
  let buildingGroup: string | undefined;
  let unitArea: unknown;
  let areaSource: unknown;
  let areas: Record<string, unknown> | undefined;
  let status: unknown = 'delivered';
  // one pass over the keys the object has; any other key, or a value not valid, declines
  for (const k of Object.keys(u)) {
    const v = u[k];
    switch (k) {
      case 'id':
        id = key(v);
        if (id === undefined) return undefined;
        break;
      case 'building':
        building = key(v);
        if (building === undefined) return undefined;
        break;
      case 'owner':
        owner = key(v);
        if (owner === undefined) return undefined;
        break;
      case 'buildingGroup':
        buildingGroup = key(v);
        if (buildingGroup === undefined) return undefined;
        break;
      case 'area':
        if (!area(v)) return undefined;
        unitArea = v;
        break;
      case 'areaSource':
        if (typeof v !== 'string' || !AREA_SOURCE.has(v)) return undefined;
        areaSource = v;
        break;
      case 'areas':
        areas = areasOf(v);
        if (areas === undefined) return undefined;
        break;
      case 'status':
        if (typeof v !== 'string' || !STATUS.has(v)) return undefined;
        status = v;
        break;
      default:
        return undefined;
    }
  }
  if (id === undefined || building === undefined || owner === undefined) return undefined;
  if (unitArea === undefined && (areas === undefined || Object.keys(areas).length === 0)) return undefined;
  if (reuse) {
    if (u.id !== id) u.id = id;
    if (u.building !== building) u.building = building;
    if (u.owner !== owner) u.owner = owner;
    if (buildingGroup !== undefined && u.buildingGroup !== buildingGroup) u.buildingGroup = buildingGroup;
    if (areas !== undefined) u.areas = areas;
    if (u.status === undefined) u.status = status;
    return u;
  }
  const out: Record<string, unknown> = { id, building };
  if (buildingGroup !== undefined) out.buildingGroup = buildingGroup;
  if (unitArea !== undefined) out.area = unitArea;
  if (areaSource !== undefined) out.areaSource = areaSource;
  if (areas !== undefined) out.areas = areas;
  out.owner = owner;
  out.status = status;
  return out;
}

const REGISTRY_KEYS = new Set(['developer', 'estate', 'units']);

/** `UnitRegistry.parse(raw)` for a well-formed register; undefined when zod must look. */
export function fastUnitRegistry(raw: unknown, reuse = false): Record<string, unknown> | undefined {
  if (!isPlainObject(raw)) return undefined;
  for (const k of Object.keys(raw)) {
    if (!REGISTRY_KEYS.has(k) || raw[k] === undefined) return undefined;
  }
  const out: Record<string, unknown> = {};
  if (hasOwn(raw, 'developer')) {
    const d = key(raw.developer);
    if (d === undefined) return undefined;
    out.developer = d;
  }
  if (hasOwn(raw, 'estate')) {
    if (typeof raw.estate !== 'string' || raw.estate.length === 0) return undefined;
    out.estate = raw.estate;
  }
  const list = raw.units;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const units: Record<string, unknown>[] = reuse ? list : new Array(list.length);
  const ids = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return undefined;
    const u = unit(list[i], reuse);
    if (u === undefined) return undefined;
    const id = u.id as string;
    if (ids.has(id)) return undefined;
    ids.add(id);
    units[i] = u;
  }
  if (reuse) {
    if (out.developer !== undefined) raw.developer = out.developer;
    return raw;
  }
  out.units = units;
  return out;
}

export const CHOICE = new Set(['agree', 'oppose', 'abstain', 'invalid']);
export const CHANNEL = new Set(['paper', 'online', 'officialPlatform', 'proxy', 'inPerson']);

function ballot(b: unknown, reuse: boolean): Record<string, unknown> | undefined {
  if (!isPlainObject(b)) return undefined;
  let owner: string | undefined;
  let choice: unknown;
  let channel: unknown;
  for (const k of Object.keys(b)) {
    const v = b[k];
    if (k === 'owner') {
      owner = key(v);
      if (owner === undefined) return undefined;
    } else if (k === 'choice') {
      if (typeof v !== 'string' || !CHOICE.has(v)) return undefined;
      choice = v;
    } else if (k === 'channel') {
      if (typeof v !== 'string' || !CHANNEL.has(v)) return undefined;
      channel = v;
    } else return undefined;
  }
  if (owner === undefined || choice === undefined) return undefined;
  if (reuse) {
    if (b.owner !== owner) b.owner = owner;
    return b;
  }
  return channel === undefined ? { owner, choice } : { owner, choice, channel };
}

/** `Ballots.parse(raw)` for well-formed ballots; undefined when zod must look. */
export function fastBallots(raw: unknown, reuse = false): Record<string, unknown>[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: Record<string, unknown>[] = reuse ? raw : new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    if (!(i in raw)) return undefined;
    const b = ballot(raw[i], reuse);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
