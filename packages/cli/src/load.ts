/**
 * Reading input files: unit registers and ballots as JSON or CSV (English or Chinese headers and
 * values), and people registers and meeting records as JSON. Everything is validated with the
 * @yishi/core zod schemas, and every problem is reported with the file, the CSV line (1-based,
 * header = line 1) or the JSON index/path, the field, what was expected and what was found:
 *
 *     ballots.csv:14: field "choice": expected one of agree|oppose|abstain|invalid (同意/反对/弃权/无效), got "yes"
 *     units.json: units[12]: field "area": expected a non-negative area in m² with at most 2 decimals, e.g. "89.50", got "-3"
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Ballot, YishiIssue } from '@yishi/core';
import { Ballots, DEFAULT_DEVELOPER_KEY, UnitRegistry, YishiError } from '@yishi/core';
import { CsvSyntaxError, parseCsv } from './csv.js';

/** Where a document came from, so an index into one of its arrays can be turned into a line. */
export interface Source {
  /** The path as the user gave it (messages repeat it verbatim). */
  file: string;
  format: 'json' | 'csv';
  /** CSV only: the 1-based line each record of the main array starts on. */
  lines: readonly number[] | null;
}

export interface Loaded<T> {
  data: T;
  source: Source;
}

/** The subset of a zod issue this module reads (the CLI does not depend on zod directly). */
interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly values?: readonly unknown[];
  readonly expected?: unknown;
  readonly keys?: readonly string[];
  readonly minimum?: unknown;
  readonly origin?: string;
}

/** Anything with zod's `safeParse`. */
export interface Schema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

// ── Chinese headers and values ──────────────────────────────────────────────────────────────

/** Chinese spellings of enum values accepted in CSV files (and shown in messages about them). */
export const CHINESE_VALUES: Record<string, Record<string, string>> = {
  choice: { agree: '同意', oppose: '反对', abstain: '弃权', invalid: '无效' },
  status: { delivered: '已交付', unsold: '未售', undelivered: '未交付' },
  channel: { paper: '纸质', online: '线上', officialPlatform: '官方平台', proxy: '委托', inPerson: '现场' },
  areaSource: { register: '登记', survey: '实测', contract: '合同' },
};

/** Further spellings seen in spreadsheets, mapped to the canonical value. */
const VALUE_ALIASES: Record<string, Record<string, string>> = {
  choice: { 废票: 'invalid' },
  status: { 未出售: 'unsold', 已售未交付: 'undelivered' },
  channel: {
    书面: 'paper',
    纸质票: 'paper',
    网络: 'online',
    电子: 'online',
    代理: 'proxy',
    现场投票: 'inPerson',
  },
  areaSource: {
    不动产登记簿: 'register',
    登记簿: 'register',
    测绘: 'survey',
    实测面积: 'survey',
    合同面积: 'contract',
  },
};

function canonicalValue(field: string, raw: string): string {
  const zh = CHINESE_VALUES[field];
  if (zh) {
    for (const [en, z] of Object.entries(zh)) if (z === raw) return en;
  }
  return VALUE_ALIASES[field]?.[raw] ?? raw;
}

interface ColumnSpec {
  key: string;
  names: readonly string[];
  required: boolean;
}

export const UNIT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'id', names: ['id', '编号', '房号', '房屋编号'], required: true },
  { key: 'building', names: ['building', '楼栋', '楼号'], required: true },
  { key: 'area', names: ['area', '面积', '专有部分面积', '建筑面积'], required: false },
  { key: 'owner', names: ['owner', '业主', '业主编号'], required: true },
  { key: 'status', names: ['status', '状态', '交付状态'], required: false },
  { key: 'buildingGroup', names: ['buildinggroup', '楼组'], required: false },
  { key: 'areaSource', names: ['areasource', '面积来源'], required: false },
  { key: 'registerArea', names: ['registerarea', '登记面积'], required: false },
  { key: 'surveyArea', names: ['surveyarea', '实测面积'], required: false },
  { key: 'contractArea', names: ['contractarea', '合同面积'], required: false },
];

export const BALLOT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'owner', names: ['owner', '业主', '业主编号'], required: true },
  { key: 'choice', names: ['choice', '表决意见', '意见'], required: true },
  { key: 'channel', names: ['channel', '渠道', '表决方式'], required: false },
];

/** "面积（m²）" → "面积", " Owner " → "owner": headers are matched loosely. */
function normaliseHeader(h: string): string {
  return h
    .trim()
    .replace(/\s*[(（][^)）]*[)）]\s*$/u, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

// ── issues ──────────────────────────────────────────────────────────────────────────────────

/** Strip `.field` from the end of a path: `units[12].area` → `units[12]`. */
function elementPath(path: string, field: string | undefined): string {
  if (field && path.endsWith(`.${field}`)) return path.slice(0, -field.length - 1);
  if (field && path === field) return '';
  return path;
}

/**
 * One issue as a line: `file:row: field "x": message, got "y"` (CSV) or
 * `file: units[3]: field "x": message, got "y"` (JSON).
 */
export function formatIssue(i: YishiIssue): string {
  let where = '';
  if (i.file !== undefined) where = i.row !== undefined ? `${i.file}:${i.row}: ` : `${i.file}: `;
  const elem = i.row === undefined && i.path ? elementPath(i.path, i.field) : '';
  const field = i.field ? `field "${i.field}": ` : '';
  const got =
    i.received !== undefined && !i.message.includes(JSON.stringify(i.received))
      ? `, got ${JSON.stringify(i.received)}`
      : '';
  return `${where}${elem ? `${elem}: ` : ''}${field}${i.message}${got}`;
}

function pathString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}

/** A zod issue in words the CLI prints, located in `source`. */
export function schemaIssue(
  issue: SchemaIssue,
  raw: unknown,
  source: Source,
  arrayKey: string | null,
): YishiIssue {
  const path = issue.path;
  const last = path[path.length - 1];
  let field = typeof last === 'string' ? last : undefined;
  const received = valueAt(raw, path);
  let message = issue.message;
  let got: string | undefined;
  switch (issue.code) {
    case 'invalid_value': {
      const values = (issue.values ?? []).map(String);
      const zh = field && source.format === 'csv' ? CHINESE_VALUES[field] : undefined;
      const zhList = zh ? ` (${values.map((v) => zh[v] ?? v).join('/')})` : '';
      message = `expected one of ${values.join('|')}${zhList}`;
      got = typeof received === 'string' ? received : undefined;
      if (got === undefined) message += `, got ${describe(received)}`;
      break;
    }
    case 'invalid_type': {
      const what = ARTICLE[String(issue.expected)] ?? String(issue.expected ?? 'a value');
      message =
        received === undefined
          ? `required; expected ${what}, but it is missing`
          : `expected ${what}, got ${describe(received)}${what === 'a string' && typeof received === 'number' ? ` (write it in quotes: "${received}")` : ''}`;
      break;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys ?? [];
      if (keys.length === 1) {
        field = keys[0];
        message = 'unknown field';
      } else message = `unknown fields ${keys.map((k) => `"${k}"`).join(', ')}`;
      break;
    }
    case 'too_small':
      if (issue.origin === 'string') {
        message = 'expected a non-empty value';
        got = typeof received === 'string' ? received : undefined;
      }
      break;
    default: {
      // invalid_format (area, dates) and custom refinements already say what they expect.
      if (typeof received === 'string' || typeof received === 'number') got = String(received);
    }
  }
  const out: YishiIssue = { file: source.file, message };
  if (field !== undefined) out.field = field;
  if (got !== undefined) out.received = got;
  const indexPos = arrayKey === null ? 0 : path[0] === arrayKey ? 1 : -1;
  const index = indexPos >= 0 ? path[indexPos] : undefined;
  if (typeof index === 'number') {
    if (source.format === 'csv' && source.lines) {
      const lines = source.lines;
      const row = lines[index];
      if (row !== undefined) out.row = row;
      // "(first at units[0])" → "(first at line 2)"
      out.message = out.message.replace(/\b(?:ballots|units)\[(\d+)\]/g, (m, k: string) => {
        const line = lines[Number(k)];
        return line === undefined ? m : `line ${line}`;
      });
    } else {
      out.index = index;
    }
  }
  if (out.row === undefined) {
    const p = pathString(path);
    if (p) out.path = p;
  }
  return out;
}

/** Locate an issue a core function raised about element `index` of a source's main array. */
export function locateIssue(issue: YishiIssue, source: Source): YishiIssue {
  const out: YishiIssue = { ...issue, file: source.file };
  if (source.format === 'csv' && source.lines && issue.index !== undefined) {
    const row = source.lines[issue.index];
    if (row !== undefined) {
      out.row = row;
      delete out.index;
      delete out.path;
      // "already voted at ballots[3]" / "first at units[0]" → "… at line 5"
      out.message = out.message.replace(/\b(?:ballots|units)\[(\d+)\]/g, (m, k: string) => {
        const line = source.lines?.[Number(k)];
        return line === undefined ? m : `line ${line}`;
      });
    }
  }
  return out;
}

export function inputError(issues: YishiIssue[], summary?: string): YishiError {
  return new YishiError('INVALID_INPUT', summary ?? issues.map(formatIssue).join('\n'), issues);
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────

async function readText(file: string, cwd: string): Promise<string> {
  try {
    const text = await readFile(resolve(cwd, file), 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message =
      code === 'ENOENT'
        ? 'file not found (文件不存在)'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read: ${(e as Error).message}`;
    throw inputError([{ file, message }]);
  }
}

function isCsv(file: string): boolean {
  return extname(file).toLowerCase() === '.csv';
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    throw inputError([{ file, message: `malformed JSON${where}: ${msg}` }]);
  }
}

interface CsvTable {
  rows: Record<string, string>[];
  lines: number[];
}

function readCsvTable(text: string, file: string, columns: readonly ColumnSpec[], what: string): CsvTable {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw inputError([{ file, row: e.line, message: `malformed CSV: ${e.message}` }]);
    throw e;
  }
  const [header, ...body] = records;
  if (!header)
    throw inputError([{ file, message: `the file is empty; expected a header row and one row per ${what}` }]);
  const issues: YishiIssue[] = [];
  const keys: (string | null)[] = header.fields.map((h) => {
    const n = normaliseHeader(h);
    const col = columns.find((c) => c.names.some((name) => name.toLowerCase() === n));
    if (!col) {
      if (n !== '') {
        issues.push({
          file,
          row: header.line,
          field: h.trim(),
          message: `unknown column; expected ${columns.map((c) => `${c.key} (${c.names.slice(1).join('/')})`).join(', ')}`,
        });
      }
      return null;
    }
    return col.key;
  });
  keys.forEach((k, i) => {
    if (k !== null && keys.indexOf(k) !== i) {
      issues.push({
        file,
        row: header.line,
        field: header.fields[i]!.trim(),
        message: `column "${k}" appears twice`,
      });
    }
  });
  for (const c of columns) {
    if (c.required && !keys.includes(c.key)) {
      issues.push({
        file,
        row: header.line,
        field: c.key,
        message: `missing column; name it "${c.names[0]}" or "${c.names[1]}" in the header row`,
      });
    }
  }
  if (issues.length > 0) throw inputError(issues);

  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (const r of body) {
    if (r.fields.every((f) => f.trim() === '')) continue;
    const extra = r.fields.slice(header.fields.length);
    if (r.fields.length < header.fields.length || extra.some((f) => f.trim() !== '')) {
      issues.push({
        file,
        row: r.line,
        message: `has ${r.fields.length} fields but the header has ${header.fields.length}; quote a value that contains a comma`,
      });
      continue;
    }
    const row: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (k !== null) row[k] = (r.fields[i] ?? '').trim();
    });
    rows.push(row);
    lines.push(r.line);
  }
  if (issues.length > 0) throw inputError(issues);
  return { rows, lines };
}

/** One CSV row of the unit register as the object `Unit` validates. */
function unitFromRow(row: Record<string, string>): Record<string, unknown> {
  const u: Record<string, unknown> = {
    id: row.id ?? '',
    building: row.building ?? '',
    owner: row.owner ?? '',
  };
  if (row.area) u.area = row.area;
  if (row.status) u.status = canonicalValue('status', row.status);
  if (row.buildingGroup) u.buildingGroup = row.buildingGroup;
  if (row.areaSource) u.areaSource = canonicalValue('areaSource', row.areaSource);
  const areas: Record<string, string> = {};
  if (row.registerArea) areas.register = row.registerArea;
  if (row.surveyArea) areas.survey = row.surveyArea;
  if (row.contractArea) areas.contract = row.contractArea;
  if (Object.keys(areas).length > 0) u.areas = areas;
  return u;
}

function ballotFromRow(row: Record<string, string>): Record<string, unknown> {
  const b: Record<string, unknown> = {
    owner: row.owner ?? '',
    choice: canonicalValue('choice', row.choice ?? ''),
  };
  if (row.channel) b.channel = canonicalValue('channel', row.channel);
  return b;
}

function validate<T>(schema: Schema<T>, raw: unknown, source: Source, arrayKey: string | null): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw inputError(r.error.issues.map((i) => schemaIssue(i, raw, source, arrayKey)));
}

/**
 * The unit register (专有部分清单). JSON: `{ "developer"?, "estate"?, "units": [...] }`. CSV: one
 * unit per row; the developer key comes from `developer` (default "developer").
 */
export async function loadUnitRegistry(
  file: string,
  cwd: string,
  options: { developer?: string } = {},
): Promise<Loaded<UnitRegistry>> {
  const text = await readText(file, cwd);
  if (isCsv(file)) {
    const table = readCsvTable(text, file, UNIT_COLUMNS, 'unit');
    const source: Source = { file, format: 'csv', lines: table.lines };
    const raw = { developer: options.developer ?? DEFAULT_DEVELOPER_KEY, units: table.rows.map(unitFromRow) };
    return { data: validate(UnitRegistry, raw, source, 'units'), source };
  }
  const raw = parseJson(text, file);
  const source: Source = { file, format: 'json', lines: null };
  if (options.developer !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const doc = raw as Record<string, unknown>;
    if (doc.developer === undefined) doc.developer = options.developer;
    else if (doc.developer !== options.developer) {
      throw inputError([
        {
          file,
          field: 'developer',
          message: `the file names the developer "${String(doc.developer)}" but --developer says "${options.developer}"`,
        },
      ]);
    }
  }
  return { data: validate(UnitRegistry, raw, source, 'units'), source };
}

/** Ballots (表决票). JSON: an array of `{ owner, choice, channel? }`. CSV: one ballot per row. */
export async function loadBallots(file: string, cwd: string): Promise<Loaded<Ballot[]>> {
  const text = await readText(file, cwd);
  let raw: unknown;
  let source: Source;
  if (isCsv(file)) {
    const table = readCsvTable(text, file, BALLOT_COLUMNS, 'ballot');
    source = { file, format: 'csv', lines: table.lines };
    raw = table.rows.map(ballotFromRow);
  } else {
    raw = parseJson(text, file);
    source = { file, format: 'json', lines: null };
  }
  const ballots = validate(Ballots, raw, source, null);
  // One owner, one ballot: caught here so the message can point at both lines.
  const first = new Map<string, number>();
  const issues: YishiIssue[] = [];
  ballots.forEach((b, i) => {
    const k = first.get(b.owner);
    if (k === undefined) {
      first.set(b.owner, i);
      return;
    }
    const at = source.lines ? `line ${source.lines[k]}` : `[${k}]`;
    issues.push(
      locateIssue(
        {
          index: i,
          path: `[${i}].owner`,
          field: 'owner',
          message: `owner "${b.owner}" already has a ballot at ${at}; one owner, one ballot`,
          received: b.owner,
        },
        source,
      ),
    );
  });
  if (issues.length > 0) throw inputError(issues);
  return { data: ballots, source };
}

/**
 * A JSON document validated by a core schema (resident, villager or member register; meeting
 * record). `what` names the document in messages.
 */
export async function loadJson<T>(
  file: string,
  cwd: string,
  schema: Schema<T>,
  what: string,
): Promise<Loaded<T>> {
  if (isCsv(file)) {
    throw inputError([
      { file, message: `expected a JSON ${what}; only unit registers and ballots may be CSV` },
    ]);
  }
  const text = await readText(file, cwd);
  const raw = parseJson(text, file);
  const source: Source = { file, format: 'json', lines: null };
  return { data: validate(schema, raw, source, null), source };
}
