/**
 * A table (CSV/TSV text or a workbook sheet) as the rows the schemas validate: the header row is
 * matched against the known columns (English or Chinese, loosely spelled), every body row becomes
 * an object of trimmed strings, and every row keeps where it came from (the line of a text file,
 * the row of a sheet) so an error can point at the cell a spreadsheet user sees.
 */
import { type ColumnSpec, canonicalValue, normaliseHeader } from './columns.js';
import { REPLACEMENT_ADVICE } from './decode.js';
import { type IoIssue, inputError } from './issues.js';

export interface RawRecord {
  /** 1-based line (text) or row (sheet). */
  line: number;
  fields: string[];
}

export interface RawTable {
  file: string;
  /** The sheet of a workbook; undefined for text. */
  sheet?: string;
  records: RawRecord[];
  /** The label of the i-th column (0-based): a 1-based number in text, a letter in a sheet. */
  columnLabel: (i: number) => string | number;
}

export interface Table {
  rows: Record<string, string>[];
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

export function readTable(t: RawTable, columns: readonly ColumnSpec[], what: string): Table {
  const [header, ...body] = t.records;
  if (!header) {
    throw inputError([
      {
        file: t.file,
        ...(t.sheet !== undefined ? { sheet: t.sheet } : {}),
        code: 'EMPTY_FILE',
        message: `the ${t.sheet !== undefined ? 'sheet' : 'file'} is empty; expected a header row and one row per ${what}`,
      },
    ]);
  }
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
  const keys = specs.map((s) => s?.key ?? null);
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
  if (issues.length > 0) throw inputError(issues);

  const columnsOut = new Map<string, string | number>();
  keys.forEach((k, i) => {
    if (k !== null) columnsOut.set(k, t.columnLabel(i));
  });
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  const width = header.fields.length;
  let replacement = 0;
  for (const r of body) {
    const f = r.fields;
    let blank = true;
    for (let i = 0; i < f.length; i++) {
      if (f[i]!.trim() !== '') {
        blank = false;
        break;
      }
    }
    if (blank) continue;
    if (f.length < width || f.slice(width).some((x) => x.trim() !== '')) {
      issues.push({
        ...where(t, r.line),
        code: 'FIELD_COUNT',
        message: `has ${f.length} fields but the header has ${width}; quote a value that contains a comma`,
      });
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < width; i++) {
      const spec = specs[i];
      if (!spec) continue;
      const v = f[i]!.trim();
      if (spec.identity && v.includes('\uFFFD')) {
        replacement++;
        if (replacement <= MAX_LISTED) {
          issues.push({
            ...where(t, r.line, i),
            column: t.columnLabel(i),
            code: 'REPLACEMENT_CHARACTER',
            field: spec.key,
            message: `contains U+FFFD replacement characters (�), so different names may have become the same text; ${REPLACEMENT_ADVICE}`,
            received: v,
          });
        }
      }
      row[spec.key] = v;
    }
    rows.push(row);
    lines.push(r.line);
  }
  if (replacement > MAX_LISTED) {
    issues.push({
      file: t.file,
      code: 'REPLACEMENT_CHARACTER',
      message: `${replacement - MAX_LISTED} more cells with U+FFFD in identity columns`,
    });
  }
  if (issues.length > 0) throw inputError(issues);
  return { rows, lines, columns: columnsOut };
}

/** One table row of the unit register as the object `Unit` validates. */
export function unitFromRow(row: Record<string, string>): Record<string, unknown> {
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
  let anyArea = false;
  if (row.registerArea) {
    areas.register = row.registerArea;
    anyArea = true;
  }
  if (row.surveyArea) {
    areas.survey = row.surveyArea;
    anyArea = true;
  }
  if (row.contractArea) {
    areas.contract = row.contractArea;
    anyArea = true;
  }
  if (anyArea) u.areas = areas;
  return u;
}

export function ballotFromRow(row: Record<string, string>): Record<string, unknown> {
  const b: Record<string, unknown> = {
    owner: row.owner ?? '',
    choice: canonicalValue('choice', row.choice ?? ''),
  };
  if (row.channel) b.channel = canonicalValue('channel', row.channel);
  return b;
}
