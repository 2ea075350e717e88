/**
 * Fast, hand-written checks of the two big inputs (the unit register and the ballots), for the
 * common case where every row is right. Each returns exactly what the @yishi/core zod schema's
 * `parse` would return, or `undefined` when it is not sure: then the caller runs zod, which either
 * accepts (the rare shapes this check leaves to it) or explains every problem as clearly as ever.
 * So a fast check may decline a valid input, but must never accept one zod refuses, nor return a
 * different value: `fast.test.ts` checks both on random valid and invalid inputs.
 */
import { AREA_PATTERN } from '@yishi/core';

const hasOwn = Object.hasOwn;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** `IdentityKey`: trimmed, NFC, non-empty. */
function key(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().normalize('NFC');
  return s.length > 0 ? s : undefined;
}

/** `PositiveAreaString`. */
function area(v: unknown): boolean {
  if (typeof v !== 'string' || !AREA_PATTERN.test(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

const UNIT_KEYS = new Set([
  'id',
  'building',
  'buildingGroup',
  'area',
  'areaSource',
  'areas',
  'owner',
  'status',
]);
const AREAS_KEYS = new Set(['register', 'survey', 'contract']);
const STATUS = new Set(['delivered', 'unsold', 'undelivered']);
const AREA_SOURCE = new Set(['register', 'survey', 'contract']);

function unit(u: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(u)) return undefined;
  for (const k in u) {
    if (!hasOwn(u, k)) continue;
    if (!UNIT_KEYS.has(k) || u[k] === undefined) return undefined;
  }
  const id = key(u.id);
  const building = key(u.building);
  const owner = key(u.owner);
  if (id === undefined || building === undefined || owner === undefined) return undefined;
  const out: Record<string, unknown> = { id, building };
  if (hasOwn(u, 'buildingGroup')) {
    const g = key(u.buildingGroup);
    if (g === undefined) return undefined;
    out.buildingGroup = g;
  }
  if (hasOwn(u, 'area')) {
    if (!area(u.area)) return undefined;
    out.area = u.area;
  }
  if (hasOwn(u, 'areaSource')) {
    if (typeof u.areaSource !== 'string' || !AREA_SOURCE.has(u.areaSource)) return undefined;
    out.areaSource = u.areaSource;
  }
  let anyArea = out.area !== undefined;
  if (hasOwn(u, 'areas')) {
    const a = u.areas;
    if (!isPlainObject(a)) return undefined;
    const areas: Record<string, unknown> = {};
    for (const k in a) {
      if (!hasOwn(a, k)) continue;
      if (!AREAS_KEYS.has(k) || !area(a[k])) return undefined;
    }
    // zod's output follows the schema's key order
    if (hasOwn(a, 'register')) areas.register = a.register;
    if (hasOwn(a, 'survey')) areas.survey = a.survey;
    if (hasOwn(a, 'contract')) areas.contract = a.contract;
    if (Object.keys(areas).length > 0) anyArea = true;
    out.areas = areas;
  }
  if (!anyArea) return undefined;
  out.owner = owner;
  if (hasOwn(u, 'status')) {
    if (typeof u.status !== 'string' || !STATUS.has(u.status)) return undefined;
    out.status = u.status;
  } else out.status = 'delivered';
  return out;
}

const REGISTRY_KEYS = new Set(['developer', 'estate', 'units']);

/** `UnitRegistry.parse(raw)` for a well-formed register; undefined when zod must look. */
export function fastUnitRegistry(raw: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(raw)) return undefined;
  for (const k in raw) {
    if (!hasOwn(raw, k)) continue;
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
  const units: Record<string, unknown>[] = new Array(list.length);
  const ids = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return undefined;
    const u = unit(list[i]);
    if (u === undefined) return undefined;
    const id = u.id as string;
    if (ids.has(id)) return undefined;
    ids.add(id);
    units[i] = u;
  }
  out.units = units;
  return out;
}

const BALLOT_KEYS = new Set(['owner', 'choice', 'channel']);
const CHOICE = new Set(['agree', 'oppose', 'abstain', 'invalid']);
const CHANNEL = new Set(['paper', 'online', 'officialPlatform', 'proxy', 'inPerson']);

/** `Ballots.parse(raw)` for well-formed ballots; undefined when zod must look. */
export function fastBallots(raw: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: Record<string, unknown>[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    if (!(i in raw)) return undefined;
    const b = raw[i];
    if (!isPlainObject(b)) return undefined;
    for (const k in b) {
      if (!hasOwn(b, k)) continue;
      if (!BALLOT_KEYS.has(k) || b[k] === undefined) return undefined;
    }
    const owner = key(b.owner);
    if (owner === undefined) return undefined;
    if (typeof b.choice !== 'string' || !CHOICE.has(b.choice)) return undefined;
    const o: Record<string, unknown> = { owner, choice: b.choice };
    if (hasOwn(b, 'channel')) {
      if (typeof b.channel !== 'string' || !CHANNEL.has(b.channel)) return undefined;
      o.channel = b.channel;
    }
    out[i] = o;
  }
  return out;
}
