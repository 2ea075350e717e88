/**
 * Turning a zod issue, or an issue a core function raised about "units[12]", into one that names
 * the file, the row (CSV line, sheet row) or the JSON path, the field, what was expected and the
 * value found, as readable text.
 */
import type { YishiIssue } from '@yishi/core';
import { CHINESE_VALUES } from './columns.js';
import type { IoIssue } from './issues.js';

/** Where a document came from, so an index into one of its arrays can be turned into a row. */
export interface Source {
  /** The path as the user gave it (messages repeat it verbatim). */
  file: string;
  format: 'json' | 'csv' | 'xlsx';
  /** Tables only: the 1-based line (text) or row (sheet) each record of the main array is on. */
  lines: readonly number[] | null;
  /** Workbooks only: the sheet read. */
  sheet?: string;
  /** Workbooks only: the column letter of each field. */
  columns?: ReadonlyMap<string, string | number>;
  /** What the bytes were read as (text files). */
  encoding?: string;
}

/** The subset of a zod issue this module reads. */
export interface SchemaIssue {
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
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const ARTICLE = new Map<string, string>([
  ['string', 'a string'],
  ['number', 'a number'],
  ['boolean', 'true or false'],
  ['array', 'an array'],
  ['object', 'an object'],
]);

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'boolean') return `${v}`;
  return typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}

const ROW_REF = /\b(?:ballots|units|residents|villagers|members)\[(\d+)\]/g;

function rowOf(source: Source, index: number): number | undefined {
  return source.lines?.[index];
}

function placeRow(out: IoIssue, source: Source, index: number): void {
  const row = rowOf(source, index);
  if (row === undefined) return;
  out.row = row;
  if (source.sheet !== undefined) {
    out.sheet = source.sheet;
    const col = out.field !== undefined ? source.columns?.get(out.field) : undefined;
    if (col !== undefined) out.column = col;
  }
  // "(first at units[0])" → "(first at line 2)" / "(first at row 2)"
  const word = source.format === 'xlsx' ? 'row' : 'line';
  out.message = out.message.replace(ROW_REF, (m, k: string) => {
    const line = rowOf(source, Number(k));
    return line === undefined ? m : `${word} ${line}`;
  });
}

/** A zod issue in words the CLI prints, located in `source`. */
export function schemaIssue(
  issue: SchemaIssue,
  raw: unknown,
  source: Source,
  arrayKey: string | null,
): IoIssue {
  const path = issue.path;
  const last = path[path.length - 1];
  let field = typeof last === 'string' ? last : undefined;
  const received = valueAt(raw, path);
  let message = issue.message;
  let got: string | undefined;
  switch (issue.code) {
    case 'invalid_value': {
      const values = (issue.values ?? []).map(String);
      const zh = field && source.format !== 'json' ? CHINESE_VALUES.get(field) : undefined;
      const zhList = zh ? ` (${values.map((v) => zh.get(v) ?? v).join('/')})` : '';
      message = `expected one of ${values.join('|')}${zhList}`;
      got = typeof received === 'string' ? received : undefined;
      if (got === undefined)
        message += `, got ${describe(received)}${typeof received === 'number' ? ` (${received})` : ''}`;
      break;
    }
    case 'invalid_type': {
      const what = ARTICLE.get(String(issue.expected)) ?? String(issue.expected ?? 'a value');
      message =
        received === undefined
          ? `required; expected ${what}, but it is missing`
          : `expected ${what}, got ${describe(received)}${typeof received === 'number' ? (what === 'a string' ? ` (write it in quotes: "${received}")` : ` (${received})`) : ''}`;
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
  const out: IoIssue = { file: source.file, code: 'INVALID_VALUE', message };
  if (field !== undefined) out.field = field;
  if (got !== undefined) out.received = got;
  const indexPos = arrayKey === null ? 0 : path[0] === arrayKey ? 1 : -1;
  const index = indexPos >= 0 ? path[indexPos] : undefined;
  if (typeof index === 'number') {
    if (source.lines) placeRow(out, source, index);
    else out.index = index;
  }
  if (out.row === undefined) {
    const p = pathString(path);
    if (p) out.path = p;
  }
  return out;
}

/** Locate an issue a core function raised about element `index` of a source's main array. */
export function locateIssue(issue: YishiIssue, source: Source): IoIssue {
  const out: IoIssue = { ...issue, file: source.file };
  if (source.lines && issue.index !== undefined) {
    placeRow(out, source, issue.index);
    if (out.row !== undefined) {
      delete out.index;
      delete out.path;
    }
  }
  return out;
}
