/**
 * People registers — residents (居民), villagers (村民) and the members of a body (成员) — from
 * JSON, CSV/TSV (UTF-8, UTF-16 or GB18030) or an Excel sheet, with the same header matching,
 * encodings and located errors as the unit register. A table has one person per row; what is
 * about the whole register (a member register's body and name, a register's community) is not in
 * the rows, so it comes from the options.
 */
import type { MemberRegistry, ResidentRegistry, VillagerRegistry } from '@yishi/core';
import {
  MemberBody,
  MemberRegistry as MemberRegistrySchema,
  ResidentRegistry as ResidentRegistrySchema,
  VillagerRegistry as VillagerRegistrySchema,
} from '@yishi/core';
import { type ColumnSpec, MEMBER_COLUMNS, RESIDENT_COLUMNS, VILLAGER_COLUMNS } from './columns.js';
import { type IoIssue, inputError, readable } from './issues.js';
import type { Schema, Source } from './locate.js';
import {
  collisions,
  documentKeyLists,
  inputKind,
  jsonDocument,
  type Loaded,
  type LoadOptions,
  readAnyTable,
  replacementInJson,
  validate,
} from './parse.js';
import { memberFromRow, residentFromRow, villagerFromRow } from './peopleRows.js';
import type { RowBuilder } from './table.js';

interface Register<T> {
  schema: Schema<T>;
  columns: readonly ColumnSpec[];
  build: RowBuilder;
  /** The register's array: `residents`, `villagers`, `members`. */
  key: string;
  /** One row is one… (for messages). */
  what: string;
  /** Fields of the whole register that options give: option name → value. */
  header: (o: LoadOptions) => Record<string, string | undefined>;
}

/** An option given for a JSON document: filled in when the file lacks it, refused when it differs. */
function optionsIntoJson(raw: unknown, given: Record<string, string | undefined>, file: string): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
  const d = raw as Record<string, unknown>;
  const issues: IoIssue[] = [];
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(d, key)) d[key] = value;
    else if (d[key] !== value) {
      issues.push({
        file,
        field: key,
        code: 'INVALID_VALUE',
        message: `the file names the ${key} "${readable(d[key])}" but the ${key} option says "${value}"`,
      });
    }
  }
  if (issues.length > 0) throw inputError(issues);
}

async function parseRegister<T>(
  reg: Register<T>,
  bytes: Uint8Array,
  file: string,
  options: LoadOptions,
): Promise<Loaded<T>> {
  const kind = inputKind(file, bytes);
  let raw: unknown;
  let source: Source;
  const given = reg.header(options);
  if (kind !== 'json') {
    const t = await readAnyTable(bytes, file, kind, reg.columns, reg.what, reg.build, options);
    source = t.source;
    if (t.table.rows.length === 0) {
      throw inputError([
        {
          file,
          ...(source.sheet !== undefined ? { sheet: source.sheet } : {}),
          code: 'EMPTY_FILE',
          message: `the header row has no rows under it; expected one row per ${reg.what}`,
        },
      ]);
    }
    const head: Record<string, string> = {};
    for (const [k, v] of Object.entries(given)) if (v !== undefined) head[k] = v;
    raw = { ...head, [reg.key]: t.table.rows };
  } else {
    const doc = jsonDocument(bytes, file, options);
    raw = doc.raw;
    source = doc.source;
    replacementInJson(raw, doc.text, file);
    optionsIntoJson(raw, given, file);
  }
  const data = validate(reg.schema, raw, source, kind === 'json' ? null : reg.key);
  const warnings = collisions(documentKeyLists(data), source, options.keyCollisions ?? 'warn');
  return { data, source, warnings };
}

const RESIDENTS: Register<ResidentRegistry> = {
  schema: ResidentRegistrySchema,
  columns: RESIDENT_COLUMNS,
  build: residentFromRow,
  key: 'residents',
  what: 'resident',
  header: (o) => ({ community: o.community }),
};

const VILLAGERS: Register<VillagerRegistry> = {
  schema: VillagerRegistrySchema,
  columns: VILLAGER_COLUMNS,
  build: villagerFromRow,
  key: 'villagers',
  what: 'villager',
  header: (o) => ({ community: o.community }),
};

const MEMBERS: Register<MemberRegistry> = {
  schema: MemberRegistrySchema,
  columns: MEMBER_COLUMNS,
  build: memberFromRow,
  key: 'members',
  what: 'member',
  header: (o) => ({ body: o.body, name: o.name }),
};

/**
 * A resident register (居民名册). JSON: `{ community?, residents: [...] }`. CSV, TSV or a sheet:
 * one resident per row (columns in docs/io.md); `options.community` names the community.
 */
export function parseResidentRegistry(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions = {},
): Promise<Loaded<ResidentRegistry>> {
  return parseRegister(RESIDENTS, bytes, file, options);
}

/** A villager register (村民名册): as `parseResidentRegistry`, with `villagers`. */
export function parseVillagerRegistry(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions = {},
): Promise<Loaded<VillagerRegistry>> {
  return parseRegister(VILLAGERS, bytes, file, options);
}

const BODIES: readonly string[] = MemberBody.options;

/**
 * A member register (成员名单) of one body. JSON: `{ body, name?, members: [...] }`. CSV, TSV or a
 * sheet: one member per row, and `options.body` (required) says whose members they are.
 */
export async function parseMemberRegistry(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions = {},
): Promise<Loaded<MemberRegistry>> {
  const body = options.body;
  if (body !== undefined && !BODIES.includes(body)) {
    throw inputError([
      {
        file,
        field: 'body',
        code: 'INVALID_VALUE',
        message: `the body option: expected one of ${BODIES.join('|')}`,
        received: body,
      },
    ]);
  }
  if (body === undefined && inputKind(file, bytes) !== 'json') {
    throw inputError([
      {
        file,
        field: 'body',
        code: 'MISSING_BODY',
        message: `a member register in a table does not say which body its members belong to (成员名单须指明所属组织): give the body option, one of ${BODIES.join('|')} (the yishi CLI takes it from --body)`,
      },
    ]);
  }
  return parseRegister(MEMBERS, bytes, file, options);
}
