/**
 * Excel workbooks (.xlsx) as tables, read with `exceljs` (loaded only when a workbook is read).
 * Each cell becomes the text a person sees in it:
 *
 * - text, shared strings, rich text and hyperlinks: their text;
 * - a formula: the result Excel saved with it (a formula without a saved result is refused);
 * - a number in an area column: the area to 2 decimals (89.5 → "89.50"), when the number is
 *   within 1e-9 of a 2-decimal value (so 89.49999999999 is 89.50); any other number is refused
 *   with the value shown, as a truncated area would be a different vote weight;
 * - a number in a date column (birthDate, termStart, termEnd): an Excel date serial, as YYYY-MM-DD
 *   (see ./dates.ts: the 1900 leap-year bug, the 1904 date system, a year typed alone refused);
 * - another number: its shortest decimal form (101 → "101");
 * - a date (a serial formatted as a date): YYYY-MM-DD, computed from the serial with no time zone,
 *   except in an identity column, where Excel has probably turned a unit number like 1-10 into a
 *   date, so it is refused;
 * - an error value (#N/A, #REF!…): refused.
 */
import { AREA_COLUMNS, type ColumnSpec, DATE_COLUMNS, normaliseHeader } from './columns.js';
import { dateFromDateCell, dateFromNumberCell } from './dates.js';
import { type IoIssue, type IoIssueCode, inputError } from './issues.js';
import { columnLetter, isTitleRow, MAX_TITLE_ROWS, type RawRecord, type RawTable } from './table.js';

export interface SheetOptions {
  /** A sheet name, or a 1-based position; the first sheet when absent. */
  sheet?: string | number;
}

type Cell = unknown;

interface CellProblem {
  message: string;
  received: string;
  code?: IoIssueCode;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A date cell as the text Excel shows, or a problem (serial 60, an invalid date). */
function dateCell(d: Date, date1904: boolean): string | CellProblem {
  const t = dateFromDateCell(d, date1904);
  return typeof t === 'string' ? t : { ...t, code: 'INVALID_DATE' };
}

/** A number as an area string of 2 decimals, or a problem when it is not one (see above). */
export function areaFromNumber(n: number): string | CellProblem {
  if (!Number.isFinite(n)) return { message: 'expected an area in m²', received: String(n) };
  const centi = Math.round(n * 100);
  if (!Number.isSafeInteger(centi) || Math.abs(n - centi / 100) > 1e-9) {
    return {
      message:
        'expected an area with at most 2 decimals (m²); the cell holds a number with more, so it would not be counted exactly: round it in the sheet or type the area as text',
      received: String(n),
    };
  }
  const neg = centi < 0;
  const a = Math.abs(centi);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${pad(a % 100, 2)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** The text of one cell, or a problem. */
export function cellText(value: Cell, spec: ColumnSpec | null, date1904 = false): string | CellProblem {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (spec && AREA_COLUMNS.has(spec.key)) return areaFromNumber(value);
    if (spec && DATE_COLUMNS.has(spec.key)) {
      const t = dateFromNumberCell(value, date1904);
      return typeof t === 'string' ? t : { ...t, code: 'INVALID_DATE' };
    }
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const text = dateCell(value, date1904);
    if (spec?.identity) {
      return {
        message:
          'Excel holds this cell as a date; an identity (unit number, owner…) typed like 1-10 is turned into a date by Excel: format the column as text (设置单元格格式 → 文本) and type it again',
        received: typeof text === 'string' ? text : text.received,
      };
    }
    return text;
  }
  if (isObject(value)) {
    if (Array.isArray(value.richText)) {
      return value.richText.map((r) => (isObject(r) && typeof r.text === 'string' ? r.text : '')).join('');
    }
    if ('formula' in value || 'sharedFormula' in value) {
      if (!Object.hasOwn(value, 'result') || value.result === undefined) {
        return {
          message:
            'a formula without a saved result; open the file in Excel and save it, so its values are stored',
          received: `=${String(value.formula ?? value.sharedFormula)}`,
        };
      }
      return cellText(value.result, spec, date1904);
    }
    if ('hyperlink' in value || 'text' in value) return cellText(value.text, spec, date1904);
    if ('error' in value) {
      return { message: 'the cell holds an Excel error value', received: String(value.error) };
    }
  }
  return {
    message: 'a cell value this reader does not know',
    received: JSON.stringify(value) ?? String(value),
  };
}

interface Worksheet {
  name: string;
  actualColumnCount?: number;
  columnCount: number;
  eachRow(opts: { includeEmpty: boolean }, cb: (row: Row, n: number) => void): void;
}
interface Row {
  getCell(c: number): { value: unknown };
  cellCount: number;
}
interface Workbook {
  worksheets: Worksheet[];
  properties?: { date1904?: boolean };
  xlsx: { load(data: unknown): Promise<unknown> };
}

async function workbook(bytes: Uint8Array, file: string): Promise<Workbook> {
  const mod = (await import('exceljs')) as unknown as {
    default?: { Workbook: new () => Workbook };
    Workbook?: new () => Workbook;
  };
  const Excel = mod.Workbook ? mod : mod.default!;
  const wb = new Excel.Workbook!();
  try {
    // exceljs wants a Buffer on Node; a Uint8Array view over the same memory works elsewhere.
    const data =
      typeof Buffer !== 'undefined' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
    await wb.xlsx.load(data);
  } catch (e) {
    throw inputError([
      {
        file,
        code: 'UNREADABLE_WORKBOOK',
        message: `cannot be read as an Excel workbook (.xlsx): ${(e as Error).message}; an old .xls file must be saved again as .xlsx or "CSV UTF-8 (逗号分隔)"`,
      },
    ]);
  }
  return wb;
}

/** The sheet of a workbook as a table whose cells are text; cell problems refuse it. */
export async function readSheet(
  bytes: Uint8Array,
  file: string,
  columns: readonly ColumnSpec[],
  options: SheetOptions = {},
): Promise<RawTable> {
  const wb = await workbook(bytes, file);
  const sheets = wb.worksheets;
  const want = options.sheet;
  let ws: Worksheet | undefined;
  if (want === undefined) ws = sheets[0];
  else if (typeof want === 'number' || /^\d+$/.test(want)) ws = sheets[Number(want) - 1];
  else ws = sheets.find((s) => s.name === want) ?? sheets.find((s) => s.name.trim() === want.trim());
  if (!ws) {
    throw inputError([
      {
        file,
        code: 'UNKNOWN_SHEET',
        message:
          sheets.length === 0
            ? 'the workbook has no sheet'
            : `no sheet ${typeof want === 'number' ? `number ${want}` : `"${String(want)}"`}; the workbook's sheets are ${sheets.map((s, i) => `${i + 1}. "${s.name}"`).join(', ')}`,
        ...(want !== undefined ? { received: String(want) } : {}),
      },
    ]);
  }
  const sheet = ws;
  const date1904 = wb.properties?.date1904 === true;
  const records: RawRecord[] = [];
  const issues: IoIssue[] = [];
  let specs: (ColumnSpec | null)[] | null = null;
  let width = 0;
  let titles = 0;
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (specs === null) {
      // the header row: as many columns as it has, up to its last non-empty cell
      const fields: string[] = [];
      const count = sheet.actualColumnCount ?? sheet.columnCount;
      for (let c = 1; c <= Math.max(count, sheet.columnCount); c++) {
        const t = cellText(row.getCell(c).value, null);
        fields.push(typeof t === 'string' ? t : t.received);
      }
      while (fields.length > 0 && fields[fields.length - 1]!.trim() === '') fields.pop();
      if (titles < MAX_TITLE_ROWS && isTitleRow(fields, columns)) {
        titles++; // a title above the header; readTable skips it the same way
        records.push({ line: n, fields });
        return;
      }
      width = fields.length;
      specs = fields.map((h) => {
        const k = normaliseHeader(h);
        return columns.find((c) => c.names.some((name) => name.toLowerCase() === k)) ?? null;
      });
      records.push({ line: n, fields });
      return;
    }
    const fields: string[] = [];
    for (let c = 1; c <= width; c++) {
      const spec: ColumnSpec | null = specs[c - 1] ?? null;
      const t = cellText(row.getCell(c).value, spec, date1904);
      if (typeof t === 'string') fields.push(t);
      else {
        fields.push('');
        issues.push({
          file,
          sheet: sheet.name,
          row: n,
          column: columnLetter(c - 1),
          code: t.code ?? 'CELL_VALUE',
          ...(spec ? { field: spec.key } : {}),
          message: t.message,
          received: t.received,
        });
      }
    }
    // A value right of the last header column: a row shifted by one, or a column without a name.
    for (let c = width + 1; c <= row.cellCount; c++) {
      const t = cellText(row.getCell(c).value, null);
      const text = typeof t === 'string' ? t : t.received;
      if (text.trim() === '') continue;
      issues.push({
        file,
        sheet: sheet.name,
        row: n,
        column: columnLetter(c - 1),
        code: 'FIELD_COUNT',
        message: `a value right of the last header column (${columnLetter(width - 1)}); give the column a header, or move the value into its column`,
        received: text,
      });
      break;
    }
    records.push({ line: n, fields });
  });
  return {
    file,
    sheet: sheet.name,
    issues,
    each: (fn) => {
      for (const r of records) fn(r.fields, r.line);
    },
    columnLabel: columnLetter,
    mayHoldReplacement: true,
  };
}
