/**
 * One table row of a people register (residents, villagers, members of a body) as the object the
 * `@yishi/core` schema validates. Cells are read as offices type them:
 *
 * - dates (birthDate, termStart, termEnd): the text forms of ./dates.ts, as YYYY-MM-DD;
 * - yes/no (adult, partyMember): 是/否, true/false, Y/N, yes/no (any case);
 * - roles: several, separated by 、 , ; or | (full-width ，；｜ too), each in Chinese (居民代表) or
 *   as its identifier (residentRepresentative).
 *
 * A cell that cannot be read is reported (located by the table reader) and the table refused;
 * an empty cell is left out, so the schema's default or its "give birthDate or adult" applies.
 */
import { RepresentativeRole } from '@yishi/core';
import { CHINESE_VALUES, canonicalValue } from './columns.js';
import { dateFromText } from './dates.js';
import { type CellReport, type Columns, cell, type RowBuilder } from './table.js';

const YES = new Set(['是', 'true', 'y', 'yes']);
const NO = new Set(['否', 'false', 'n', 'no']);

/** 是/否 and its spellings as a boolean, or undefined. */
export function yesNo(text: string): boolean | undefined {
  const t = text.trim().normalize('NFKC').toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

const ROLE_IDS: readonly string[] = RepresentativeRole.options;
const ROLE_LIST = ROLE_IDS.map((r) => `${CHINESE_VALUES.get('roles')?.get(r) ?? r} (${r})`).join(', ');

/** The roles of one cell, or the first piece that names no role. */
export function rolesFromText(text: string): string[] | { unknown: string } {
  const out: string[] = [];
  for (const piece of text.split(/[、,;|，；｜]/u)) {
    const p = piece.trim();
    if (p === '') continue;
    const role = canonicalValue('roles', p.normalize('NFC'));
    if (!ROLE_IDS.includes(role)) return { unknown: p };
    if (!out.includes(role)) out.push(role);
  }
  return out;
}

function date(
  f: readonly string[],
  at: Columns,
  key: string,
  row: Record<string, unknown>,
  report: CellReport,
) {
  const text = cell(f, at, key);
  if (text === '') return;
  const d = dateFromText(text);
  if (typeof d === 'string') row[key] = d;
  else report(key, { ...d, code: 'INVALID_DATE' });
}

function flag(
  f: readonly string[],
  at: Columns,
  key: string,
  row: Record<string, unknown>,
  report: CellReport,
) {
  const text = cell(f, at, key);
  if (text === '') return;
  const b = yesNo(text);
  if (b !== undefined) row[key] = b;
  else report(key, { message: 'expected 是 or 否 (yes/no, true/false, Y/N)', received: text });
}

function roles(f: readonly string[], at: Columns, row: Record<string, unknown>, report: CellReport) {
  const text = cell(f, at, 'roles');
  if (text === '') return;
  const r = rolesFromText(text);
  if (Array.isArray(r)) row.roles = r;
  else {
    report('roles', {
      message: `unknown role "${r.unknown}"; expected roles separated by 、 , ; or |, each one of ${ROLE_LIST}`,
      received: text,
    });
  }
}

function optional(f: readonly string[], at: Columns, key: string, row: Record<string, unknown>) {
  const text = cell(f, at, key);
  if (text !== '') row[key] = text;
}

export const residentFromRow: RowBuilder = (f, at, report) => {
  const r: Record<string, unknown> = { id: cell(f, at, 'id'), household: cell(f, at, 'household') };
  optional(f, at, 'residentsGroup', r);
  optional(f, at, 'buildingGroup', r);
  date(f, at, 'birthDate', r, report);
  flag(f, at, 'adult', r, report);
  flag(f, at, 'partyMember', r, report);
  roles(f, at, r, report);
  return r;
};

export const villagerFromRow: RowBuilder = (f, at, report) => {
  const v: Record<string, unknown> = {
    id: cell(f, at, 'id'),
    household: cell(f, at, 'household'),
    villagersGroup: cell(f, at, 'villagersGroup'),
  };
  date(f, at, 'birthDate', v, report);
  flag(f, at, 'adult', v, report);
  roles(f, at, v, report);
  return v;
};

export const memberFromRow: RowBuilder = (f, at, report) => {
  const m: Record<string, unknown> = { id: cell(f, at, 'id') };
  optional(f, at, 'name', m);
  optional(f, at, 'role', m);
  date(f, at, 'termStart', m, report);
  date(f, at, 'termEnd', m, report);
  return m;
};
