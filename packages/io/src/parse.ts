/**
 * Bytes and a file name in, validated data out: the unit register and ballots as JSON, CSV/TSV
 * text (UTF-8, UTF-16 or GB18030) or an Excel sheet; people registers and meeting records as
 * JSON. No file system is touched here (see `./node.ts` for reading a path), so a portal's server
 * can pass an upload's bytes straight in.
 */
import type { Ballot, UnitRegistry, YishiIssue } from '@yishi/core';
import {
  Ballots,
  DEFAULT_DEVELOPER_KEY,
  findKeyCollisions,
  UnitRegistry as UnitRegistrySchema,
} from '@yishi/core';
import { BALLOT_COLUMNS, type ColumnSpec, UNIT_COLUMNS } from './columns.js';
import { CsvSyntaxError, detectDelimiter, forEachCsvRecord } from './csv.js';
import { decodeText, ENCODINGS, type Encoding, parseEncoding, REPLACEMENT_ADVICE } from './decode.js';
import { fastBallots, fastUnitRegistry } from './fast.js';
import { type IoIssue, inputError, lineColumn } from './issues.js';
import { parseJsonText } from './json.js';
import { locateIssue, type Schema, type Source, schemaIssue } from './locate.js';
import { scanBallots, scanUnitRegistry } from './scan.js';
import {
  ballotFromRow,
  type RawTable,
  type RowBuilder,
  readTable,
  type Table,
  unitFromRow,
} from './table.js';
import { readSheet } from './xlsx.js';

export interface LoadOptions {
  /** Read text files in this encoding instead of detecting it (`ENCODING_NAMES` lists the spellings). */
  encoding?: Encoding | string;
  /** Workbooks: the sheet to read, by name or 1-based position (default: the first). */
  sheet?: string | number;
  /** Keys that differ only by case or full-width/half-width form: a warning (default) or a refusal. */
  keyCollisions?: 'warn' | 'refuse';
  /** Unit registers: the key the developer votes with (CSV/xlsx; JSON files may name it). */
  developer?: string;
  /**
   * Member registers: the body the members belong to (a `MemberBody`, e.g. "ownersCommittee").
   * Required for CSV/xlsx, which have no place for it; a JSON register that names it must agree.
   */
  body?: string;
  /** Member registers: the register's name (CSV/xlsx; a JSON register that names it must agree). */
  name?: string;
  /** Resident and villager registers: the community (居村) (CSV/xlsx; JSON must agree). */
  community?: string;
}

export interface Loaded<T> {
  data: T;
  source: Source;
  /** Problems that do not stop the count (e.g. keys differing only by case), located like errors. */
  warnings: IoIssue[];
}

export type Kind = 'json' | 'text' | 'xlsx';

function extension(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/** What a file is read as, from its name (and, for a workbook renamed .csv, its first bytes). */
export function inputKind(file: string, bytes?: Uint8Array): Kind {
  const ext = extension(file);
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls' || ext === '.et' || ext === '.numbers' || ext === '.ods') {
    throw inputError([
      {
        file,
        code: 'UNSUPPORTED_FORMAT',
        message: `${ext} files cannot be read; save the sheet as .xlsx or as "CSV UTF-8 (逗号分隔)"`,
      },
    ]);
  }
  if (TABLE_EXTENSIONS.has(ext)) return bytes && isZip(bytes) ? 'xlsx' : 'text';
  return 'json';
}

function encodingOption(options: LoadOptions, file: string): Encoding | undefined {
  if (options.encoding === undefined) return undefined;
  const enc = parseEncoding(options.encoding);
  if (!enc) {
    throw inputError([
      {
        file,
        code: 'UNKNOWN_ENCODING',
        field: 'encoding',
        message: `unknown encoding; expected one of ${ENCODINGS.join(', ')}`,
        received: options.encoding,
      },
    ]);
  }
  return enc;
}

function textTable(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions,
): { table: RawTable; encoding: string } {
  const { text, encoding } = decodeText(bytes, file, encodingOption(options, file));
  const delimiter = extension(file) === '.tsv' ? '\t' : detectDelimiter(text);
  const each = (fn: (fields: string[], line: number) => void) => {
    try {
      forEachCsvRecord(text, delimiter, fn);
    } catch (e) {
      if (e instanceof CsvSyntaxError)
        throw inputError([
          { file, row: e.line, code: 'MALFORMED_CSV', message: `malformed CSV: ${e.message}` },
        ]);
      throw e;
    }
  };
  return {
    table: { file, each, columnLabel: (i) => i + 1, mayHoldReplacement: text.includes('\uFFFD') },
    encoding,
  };
}

export async function readAnyTable(
  bytes: Uint8Array,
  file: string,
  kind: Kind,
  columns: readonly ColumnSpec[],
  what: string,
  build: RowBuilder,
  options: LoadOptions,
): Promise<{ table: Table; source: Source }> {
  if (kind === 'xlsx') {
    const raw = await readSheet(
      bytes,
      file,
      columns,
      options.sheet !== undefined ? { sheet: options.sheet } : {},
    );
    const table = readTable(raw, columns, what, build);
    return {
      table,
      source: { file, format: 'xlsx', lines: table.lines, sheet: raw.sheet!, columns: table.columns },
    };
  }
  const { table: raw, encoding } = textTable(bytes, file, options);
  const table = readTable(raw, columns, what, build);
  return { table, source: { file, format: 'csv', lines: table.lines, encoding } };
}

/** The decoded text of a JSON file, not yet parsed. */
function jsonText(bytes: Uint8Array, file: string, options: LoadOptions): { text: string; source: Source } {
  const { text, encoding } = decodeText(bytes, file, encodingOption(options, file));
  return { text, source: { file, format: 'json', lines: null, encoding } };
}

export function jsonDocument(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions,
): { raw: unknown; text: string; source: Source } {
  const { text, source } = jsonText(bytes, file, options);
  return { raw: parseJsonText(text, file), text, source };
}

// ── U+FFFD in identity fields of JSON ──────────────────────────────────────────────────────

const IDENTITY_FIELDS = new Set([
  'id',
  'owner',
  'building',
  'buildingGroup',
  'developer',
  'household',
  'residentsGroup',
  'villagersGroup',
  'voter',
  'present',
]);

export function replacementInJson(raw: unknown, text: string, file: string): void {
  if (!text.includes('\uFFFD') && !/\\u[fF][fF][fF][dD]/.test(text)) return;
  const issues: IoIssue[] = [];
  const visit = (v: unknown, path: string, field: string | undefined, identity: boolean) => {
    if (issues.length >= 20) return;
    if (typeof v === 'string') {
      if (identity && v.includes('\uFFFD')) {
        const issue: IoIssue = {
          file,
          code: 'REPLACEMENT_CHARACTER',
          path,
          message: `contains U+FFFD replacement characters (�), so different names may have become the same text; ${REPLACEMENT_ADVICE}`,
          received: v,
        };
        if (field !== undefined) issue.field = field;
        const at = text.indexOf(JSON.stringify(v));
        if (at !== -1) Object.assign(issue, lineColumn(text, at));
        issues.push(issue);
      }
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], `${path}[${i}]`, field, identity);
      return;
    }
    if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        visit((v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`, k, IDENTITY_FIELDS.has(k));
      }
    }
  };
  visit(raw, '', undefined, false);
  if (issues.length > 0) throw inputError(issues);
}

// ── validation ─────────────────────────────────────────────────────────────────────────────

export function validate<T>(
  schema: Schema<T>,
  raw: unknown,
  source: Source,
  arrayKey: string | null,
  fast?: (raw: unknown) => unknown,
): T {
  const quick = fast?.(raw);
  if (quick !== undefined) return quick as T;
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw inputError(r.error.issues.map((i) => schemaIssue(i, raw, source, arrayKey)));
}

export function collisions(
  lists: readonly { keys: readonly string[]; field: string; label: string; path: (i: number) => string }[],
  source: Source,
  mode: 'warn' | 'refuse',
): IoIssue[] {
  const out: IoIssue[] = [];
  for (const l of lists) {
    for (const c of findKeyCollisions(l.keys, l.field, l.label)) {
      const issue: YishiIssue = {
        index: c.index,
        path: l.path(c.index),
        field: l.field,
        message: c.message,
        received: c.key,
      };
      const located: IoIssue = { ...locateIssue(issue, source), code: 'KEY_COLLISION' };
      if (source.format === 'json' && l.label === '') delete located.index;
      out.push(located);
    }
  }
  if (mode === 'refuse' && out.length > 0) {
    throw inputError(
      out.map((i) => ({ ...i, message: `${i.message} (refused: keyCollisions is "refuse")` })),
    );
  }
  return out;
}

/**
 * The unit register (专有部分清单). JSON: `{ "developer"?, "estate"?, "units": [...] }`. CSV, TSV
 * or a sheet: one unit per row; the developer key comes from `options.developer` (default
 * "developer").
 */
export async function parseUnitRegistry(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions = {},
): Promise<Loaded<UnitRegistry>> {
  const kind = inputKind(file, bytes);
  let raw: unknown;
  let source: Source;
  let scanned: unknown;
  if (kind !== 'json') {
    const t = await readAnyTable(bytes, file, kind, UNIT_COLUMNS, 'unit', unitFromRow, options);
    source = t.source;
    raw = { developer: options.developer ?? DEFAULT_DEVELOPER_KEY, units: t.table.rows };
  } else {
    const doc = jsonText(bytes, file, options);
    source = doc.source;
    // the common case in one pass (see ./scan.ts); --developer takes the full path, which compares it
    if (options.developer === undefined) scanned = scanUnitRegistry(doc.text);
    raw = scanned ?? parseJsonText(doc.text, file);
    if (scanned === undefined) replacementInJson(raw, doc.text, file);
    if (options.developer !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const d = raw as Record<string, unknown>;
      if (!Object.hasOwn(d, 'developer')) d.developer = options.developer;
      else if (d.developer !== options.developer) {
        throw inputError([
          {
            file,
            field: 'developer',
            code: 'INVALID_VALUE',
            message: `the file names the developer "${String(d.developer)}" but --developer says "${options.developer}"`,
          },
        ]);
      }
    }
  }
  // `raw` is ours (just parsed or built from rows): the fast check may normalise it in place.
  const data =
    (scanned as UnitRegistry | undefined) ??
    validate(UnitRegistrySchema, raw, source, 'units', (r) => fastUnitRegistry(r, true));
  const units = data.units;
  const at = (f: string) => (i: number) => `units[${i}].${f}`;
  const warnings = collisions(
    [
      { keys: units.map((u) => u.owner), field: 'owner', label: 'units', path: at('owner') },
      { keys: units.map((u) => u.id), field: 'id', label: 'units', path: at('id') },
      { keys: units.map((u) => u.building), field: 'building', label: 'units', path: at('building') },
    ],
    source,
    options.keyCollisions ?? 'warn',
  );
  return { data, source, warnings };
}

/** Ballots (表决票). JSON: an array of `{ owner, choice, channel? }`. CSV, TSV or a sheet: one ballot per row. */
export async function parseBallots(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions = {},
): Promise<Loaded<Ballot[]>> {
  const kind = inputKind(file, bytes);
  let raw: unknown;
  let source: Source;
  let scanned: unknown[] | undefined;
  if (kind !== 'json') {
    const t = await readAnyTable(bytes, file, kind, BALLOT_COLUMNS, 'ballot', ballotFromRow, options);
    source = t.source;
    raw = t.table.rows;
  } else {
    const doc = jsonText(bytes, file, options);
    source = doc.source;
    // the common case in one pass (see ./scan.ts)
    scanned = scanBallots(doc.text);
    raw = scanned ?? parseJsonText(doc.text, file);
    if (scanned === undefined) replacementInJson(raw, doc.text, file);
  }
  const ballots = (scanned ?? validate(Ballots, raw, source, null, (r) => fastBallots(r, true))) as Ballot[];
  // One owner, one ballot: caught here so the message can point at both rows.
  const first = new Map<string, number>();
  const issues: IoIssue[] = [];
  const word = source.format === 'xlsx' ? 'row' : 'line';
  for (let i = 0; i < ballots.length; i++) {
    const b = ballots[i]!;
    const k = first.get(b.owner);
    if (k === undefined) {
      first.set(b.owner, i);
      continue;
    }
    const where = source.lines ? `${word} ${source.lines[k]}` : `[${k}]`;
    issues.push({
      ...locateIssue(
        {
          index: i,
          path: `[${i}].owner`,
          field: 'owner',
          message: `owner "${b.owner}" already has a ballot at ${where}; one owner, one ballot`,
          received: b.owner,
        },
        source,
      ),
      code: 'DUPLICATE_BALLOT',
    });
  }
  if (issues.length > 0) throw inputError(issues);
  const warnings = collisions(
    [{ keys: ballots.map((b) => b.owner), field: 'owner', label: 'ballots', path: (i) => `[${i}].owner` }],
    source,
    options.keyCollisions ?? 'warn',
  );
  return { data: ballots, source, warnings };
}

/** The identity lists of a people register or meeting record, for collision warnings. */
export function documentKeyLists(data: unknown) {
  const lists: { keys: string[]; field: string; label: string; path: (i: number) => string }[] = [];
  if (data === null || typeof data !== 'object') return lists;
  const d = data as Record<string, unknown>;
  for (const label of ['residents', 'villagers', 'members']) {
    const items = d[label];
    if (!Array.isArray(items)) continue;
    for (const field of ['id', 'household']) {
      const keys = items
        .map((x) => (x as Record<string, unknown>)[field])
        .filter((k) => typeof k === 'string');
      if (keys.length === items.length) {
        lists.push({ keys: keys as string[], field, label, path: (i) => `${label}[${i}].${field}` });
      }
    }
  }
  if (Array.isArray(d.present) && d.present.every((p) => typeof p === 'string')) {
    lists.push({
      keys: d.present as string[],
      field: 'present',
      label: 'present',
      path: (i) => `present[${i}]`,
    });
  }
  return lists;
}

/**
 * A JSON document validated by a core schema (resident, villager or member register; meeting
 * record). `what` names the document in messages.
 */
export async function parseDocument<T>(
  bytes: Uint8Array,
  file: string,
  schema: Schema<T>,
  what: string,
  options: LoadOptions = {},
): Promise<Loaded<T>> {
  if (inputKind(file, bytes) !== 'json') {
    throw inputError([
      {
        file,
        code: 'UNSUPPORTED_FORMAT',
        message: `expected a JSON ${what}; only registers (of units, residents, villagers or members) and ballots may be CSV or .xlsx`,
      },
    ]);
  }
  const doc = jsonDocument(bytes, file, options);
  replacementInJson(doc.raw, doc.text, file);
  const data = validate(schema, doc.raw, doc.source, null);
  const warnings = collisions(documentKeyLists(data), doc.source, options.keyCollisions ?? 'warn');
  return { data, source: doc.source, warnings };
}
