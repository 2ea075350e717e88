/**
 * Issues as the loader reports them: a `YishiIssue` (file, row, field, message, received) with
 * what a spreadsheet user needs besides: the sheet of a workbook, the column (a letter in a
 * workbook, a 1-based number in a text file), and a stable `code` a portal can map to its own
 * words. Every issue is about one place and names the value found there as text.
 */
import type { YishiIssue } from '@yishi/core';
import { YishiError } from '@yishi/core';

/** Stable codes of the problems this package finds; documented in docs/io.md and docs/cli.md. */
export type IoIssueCode =
  | 'FILE_UNREADABLE'
  | 'UNKNOWN_ENCODING'
  | 'NOT_UTF8'
  | 'UNDECODABLE'
  | 'ENCODING_CONTRADICTED'
  | 'LIKELY_UTF16_WITHOUT_BOM'
  | 'REPLACEMENT_CHARACTER'
  | 'MALFORMED_JSON'
  | 'DUPLICATE_JSON_KEY'
  | 'MALFORMED_CSV'
  | 'UNKNOWN_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'MISSING_COLUMN'
  | 'EMPTY_FILE'
  | 'FIELD_COUNT'
  | 'UNKNOWN_SHEET'
  | 'UNREADABLE_WORKBOOK'
  | 'CELL_VALUE'
  | 'KEY_COLLISION'
  | 'DUPLICATE_BALLOT'
  | 'UNSUPPORTED_FORMAT'
  | 'INVALID_DATE'
  | 'MISSING_BODY'
  | 'INVALID_VALUE';

export interface IoIssue extends YishiIssue {
  code?: IoIssueCode;
  /** The sheet of a workbook the row is on. */
  sheet?: string;
  /** Column: a letter ("C") in a workbook, a 1-based number in a text file. */
  column?: string | number;
  /** JSON: the 1-based line and column of the value in the text. */
  line?: number;
}

/** Strip `.field` from the end of a path: `units[12].area` → `units[12]`. */
function elementPath(path: string, field: string | undefined): string {
  if (field && path.endsWith(`.${field}`)) return path.slice(0, -field.length - 1);
  if (field && path === field) return '';
  return path;
}

/**
 * One issue as a line:
 *   `file:row: field "x": message, got "y"` (CSV; `file:row:column:` when a column is known),
 *   `file: sheet "S", row 3, column C: field "x": …` (xlsx),
 *   `file: units[3]: field "x": …` (JSON; `file:line:column: units[3]: …` when the place is known).
 */
export function formatIssue(i: IoIssue): string {
  let where = '';
  if (i.file !== undefined) {
    if (i.sheet !== undefined) {
      const parts = [`sheet "${i.sheet}"`];
      if (i.row !== undefined) parts.push(`row ${i.row}`);
      if (i.column !== undefined) parts.push(`column ${i.column}`);
      where = `${i.file}: ${parts.join(', ')}: `;
    } else if (i.row !== undefined) {
      where = `${i.file}:${i.row}${i.column !== undefined ? `:${i.column}` : ''}: `;
    } else if (i.line !== undefined) {
      where = `${i.file}:${i.line}${i.column !== undefined ? `:${i.column}` : ''}: `;
    } else where = `${i.file}: `;
  }
  const elem = i.row === undefined && i.path ? elementPath(i.path, i.field) : '';
  const field = i.field ? `field "${i.field}": ` : '';
  const got =
    i.received !== undefined && !i.message.includes(JSON.stringify(i.received))
      ? `, got ${JSON.stringify(i.received)}`
      : '';
  return `${where}${elem ? `${elem}: ` : ''}${field}${i.message}${got}`;
}

export function inputError(issues: IoIssue[], summary?: string): YishiError {
  return new YishiError('INVALID_INPUT', summary ?? issues.map(formatIssue).join('\n'), issues);
}

/** 1-based line and column of `offset` in `text` (columns count UTF-16 code units + 1). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl === -1 || nl >= offset) break;
    line++;
    from = nl + 1;
  }
  return { line, column: offset - from + 1 };
}

/** A value as readable text for a message: strings as they are, other values in JSON form. */
export function readable(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'nothing';
  if (typeof v === 'function') return `a function`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}
