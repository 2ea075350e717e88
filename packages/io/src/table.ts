/**
 * A table (CSV/TSV text or a workbook sheet) as the rows the schemas validate: the header row is
 * matched against the known columns (English or Chinese, loosely spelled), every body row becomes
 * an object of trimmed strings, and every row keeps where it came from (the line of a text file,
 * the row of a sheet) so an error can point at the cell a spreadsheet user sees.
 */
import { type ColumnSpec, canonicalValue, normaliseHeader } from './columns.js';
import { REPLACEMENT_ADVICE } from './decode.js';
import { type IoIssue, type IoIssueCode, inputError } from './issues.js';

export interface RawRecord {
  /** 1-based line (text) or row (sheet). */
  line: number;
  fields: string[];
}

export interface RawTable {
  file: string;
  /** The sheet of a workbook; undefined for text. */
  sheet?: string;
  /** Calls `fn` with each record in order (the first is the header row). */
  each: (fn: (fields: string[], line: number) => void) => void;
  /** The label of the i-th column (0-based): a 1-based number in text, a letter in a sheet. */
  columnLabel: (i: number) => string | number;
  /** False when the text is known to hold no U+FFFD, so no cell needs looking at for one. */
  mayHoldReplacement: boolean;
  /** Cells the reader of the sheet could not read: reported with the table's other problems. */
  issues?: readonly IoIssue[];
}

/** Where each known field is in a row: its 0-based column, or -1 when the table lacks it. */
export type Columns = Readonly<Record<string, number>>;

/** A cell a row builder could not read (a date that does not exist, 是/否 spelled otherwise…). */
export interface CellIssue {
  message: string;
  /** The cell's text as found. */
  received: string;
  code?: IoIssueCode;
}

/** Reports a cell of the row being built; the table is then refused, the cell located. */
export type CellReport = (key: string, problem: CellIssue) => void;

/**
 * Turns one body row (its fields, untrimmed) into the object a schema validates; a cell it cannot
 * read goes to `report` (file, sheet, row and column are added there).
 */
export type RowBuilder = (
  fields: readonly string[],
  at: Columns,
  report: CellReport,
) => Record<string, unknown>;

export interface Table {
  rows: Record<string, unknown>[];
  lines: number[];
  /** Column label of each known field, for messages. */
  columns: Map<string, string | number>;
}

/** At most this many issues of one kind are listed; the rest are counted. */
const MAX_LISTED = 20;

function where(
  t: RawTable,
  line: number,
  column?: number,
): Pick<IoIssue, 'file' | 'row' | 'sheet' | 'column'> {
  const out: Pick<IoIssue, 'file' | 'row' | 'sheet' | 'column'> = { file: t.file, row: line };
  if (t.sheet !== undefined) out.sheet = t.sheet;
  if (column !== undefined) out.column = t.columnLabel(column);
  return out;
}

export function columnLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Header issues (unknown, repeated or missing columns), or the specs of each column. */
function readHeader(
  t: RawTable,
  header: RawRecord,
  columns: readonly ColumnSpec[],
): { specs: (ColumnSpec | null)[]; issues: IoIssue[] } {
  const issues: IoIssue[] = [];
  const specs: (ColumnSpec | null)[] = header.fields.map((h, i) => {
    const n = normaliseHeader(h);
    const col = columns.find((c) => c.names.some((name) => name.toLowerCase() === n));
    if (!col) {
      if (n !== '') {
        issues.push({
          ...where(t, header.line, t.sheet !== undefined ? i : undefined),
          code: 'UNKNOWN_COLUMN',
          field: h.trim(),
          message: `unknown column; expected ${columns.map((c) => `${c.key} (${c.names.slice(1).join('/')})`).join(', ')}`,
        });
      }
      return null;
    }
    return col;
  });
  const keys = specs.map((sp) => sp?.key ?? null);
  keys.forEach((k, i) => {
    if (k !== null && keys.indexOf(k) !== i) {
      issues.push({
        ...where(t, header.line, t.sheet !== undefined ? i : undefined),
        code: 'DUPLICATE_COLUMN',
        field: header.fields[i]!.trim(),
        message: `column "${k}" appears twice`,
      });
    }
  });
  for (const c of columns) {
    if (c.required && !keys.includes(c.key)) {
      issues.push({
        ...where(t, header.line),
        code: 'MISSING_COLUMN',
        field: c.key,
        message: `missing column; name it "${c.names[0]}" or "${c.names[1]}" in the header row`,
      });
    }
  }
  return { specs, issues };
}

/** Rows above the header that hold one cell of text (a sheet's title) are skipped, up to this many. */
export const MAX_TITLE_ROWS = 5;

/**
 * A title row: at most one non-empty cell, which is no column name. A header row has at least
 * two (every table needs two columns), so no header is ever taken for a title.
 */
export function isTitleRow(f: readonly string[], columns: readonly ColumnSpec[]): boolean {
  let text: string | undefined;
  for (const x of f) {
    if (x.trim() === '') continue;
    if (text !== undefined) return false;
    text = x;
  }
  if (text === undefined) return true;
  const n = normaliseHeader(text);
  return !columns.some((c) => c.names.some((name) => name.toLowerCase() === n));
}

function isBlank(f: readonly string[]): boolean {
  for (let i = 0; i < f.length; i++) if (f[i]!.trim() !== '') return false;
  return true;
}

/**
 * The body rows of a table as objects (`build` makes each), with the line of each; header and
 * row-shape problems, and U+FFFD in an identity column, refuse the table.
 */
export function readTable(
  t: RawTable,
  columns: readonly ColumnSpec[],
  what: string,
  build: RowBuilder,
): Table {
  let header: RawRecord | undefined;
  let specs: (ColumnSpec | null)[] = [];
  let at: Record<string, number> = {};
  let identity: number[] = [];
  let width = 0;
  const issues: IoIssue[] = [...(t.issues ?? [])];
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  let replacement = 0;
  let headerFailed = false;
  let titles = 0;
  t.each((f, line) => {
    if (header === undefined && titles < MAX_TITLE_ROWS && isTitleRow(f, columns)) {
      titles++; // a title above the header ("梅园小区业主名册"), or a blank row
      return;
    }
    if (header === undefined) {
      header = { line, fields: f };
      const h = readHeader(t, header, columns);
      if (h.issues.length > 0) {
        issues.push(...h.issues);
        headerFailed = true;
      }
      specs = h.specs;
      width = f.length;
      at = Object.create(null) as Record<string, number>;
      for (const c of columns) at[c.key] = -1;
      specs.forEach((sp, i) => {
        if (sp) {
          at[sp.key] = i;
          if (sp.identity) identity.push(i);
        }
      });
      identity = t.mayHoldReplacement ? identity : [];
      return;
    }
    if (headerFailed) return;
    if (f.length === 0 || (f[0]!.trim() === '' && isBlank(f))) return;
    if (f.length < width || (f.length > width && !isBlank(f.slice(width)))) {
      issues.push({
        ...where(t, line),
        code: 'FIELD_COUNT',
        message: `has ${f.length} fields but the header has ${width}; quote a value that contains a comma`,
      });
      return;
    }
    for (const i of identity) {
      const v = f[i]!;
      if (v.includes('\uFFFD')) {
        replacement++;
        if (replacement <= MAX_LISTED) {
          issues.push({
            ...where(t, line, i),
            column: t.columnLabel(i),
            code: 'REPLACEMENT_CHARACTER',
            field: specs[i]!.key,
            message: `contains U+FFFD replacement characters (�), so different names may have become the same text; ${REPLACEMENT_ADVICE}`,
            received: v.trim(),
          });
        }
      }
    }
    const report: CellReport = (key, p) => {
      const i = at[key] ?? -1;
      issues.push({
        ...where(t, line, i >= 0 ? i : undefined),
        code: p.code ?? 'INVALID_VALUE',
        field: key,
        message: p.message,
        received: p.received,
      });
    };
    rows.push(build(f, at, report));
    lines.push(line);
  });
  if (header === undefined) {
    throw inputError([
      {
        file: t.file,
        ...(t.sheet !== undefined ? { sheet: t.sheet } : {}),
        code: 'EMPTY_FILE',
        message:
          titles > 0
            ? `no header row: the ${t.sheet !== undefined ? 'sheet' : 'file'} holds only rows of one cell; expected a header row naming the columns (${columns.map((c) => c.key).join(', ')}) and one row per ${what}`
            : `the ${t.sheet !== undefined ? 'sheet' : 'file'} is empty; expected a header row and one row per ${what}`,
      },
    ]);
  }
  if (replacement > MAX_LISTED) {
    issues.push({
      file: t.file,
      code: 'REPLACEMENT_CHARACTER',
      message: `${replacement - MAX_LISTED} more cells with U+FFFD in identity columns`,
    });
  }
  if (issues.length > 0) {
    // in the order of the rows (a sheet's unreadable cells were found before the rows were built)
    throw inputError(
      issues
        .map((i, k) => ({ i, k }))
        .sort((a, b) => (a.i.row ?? 0) - (b.i.row ?? 0) || a.k - b.k)
        .map((x) => x.i),
    );
  }
  const columnsOut = new Map<string, string | number>();
  specs.forEach((sp, i) => {
    if (sp) columnsOut.set(sp.key, t.columnLabel(i));
  });
  return { rows, lines, columns: columnsOut };
}

/** The trimmed cell of `key`, or '' when the table has no such column. */
export function cell(f: readonly string[], at: Columns, key: string): string {
  const i = at[key]!;
  return i < 0 ? '' : f[i]!.trim();
}

/** One table row of the unit register as the object `Unit` validates. */
export const unitFromRow: RowBuilder = (f, at) => {
  const u: Record<string, unknown> = {
    id: cell(f, at, 'id'),
    building: cell(f, at, 'building'),
    owner: cell(f, at, 'owner'),
  };
  const area = cell(f, at, 'area');
  if (area) u.area = area;
  const status = cell(f, at, 'status');
  if (status) u.status = canonicalValue('status', status);
  const group = cell(f, at, 'buildingGroup');
  if (group) u.buildingGroup = group;
  const source = cell(f, at, 'areaSource');
  if (source) u.areaSource = canonicalValue('areaSource', source);
  const register = cell(f, at, 'registerArea');
  const survey = cell(f, at, 'surveyArea');
  const contract = cell(f, at, 'contractArea');
  if (register || survey || contract) {
    const areas: Record<string, string> = {};
    if (register) areas.register = register;
    if (survey) areas.survey = survey;
    if (contract) areas.contract = contract;
    u.areas = areas;
  }
  return u;
};

export const ballotFromRow: RowBuilder = (f, at) => {
  const b: Record<string, unknown> = {
    owner: cell(f, at, 'owner'),
    choice: canonicalValue('choice', cell(f, at, 'choice')),
  };
  const channel = cell(f, at, 'channel');
  if (channel) b.channel = canonicalValue('channel', channel);
  return b;
};
