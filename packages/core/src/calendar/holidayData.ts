/**
 * The shape of holiday data: one entry per year, as published each year in the State Council
 * General Office notice 国务院办公厅关于20XX年部分节假日安排的通知. It is the shape of
 * `data/holidays-cn.json`, so a new year is added as data, never as code.
 *
 * Validation is strict and names the year, holiday and field of every problem, because a single
 * wrong day here moves the end of every legal period that touches it (民法典 第203条).
 */
import { z } from 'zod';
import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import { dayOfWeek, IsoDate, type PlainDate } from './plainDate.js';

const DateList = z.array(IsoDate);

/** One holiday block: every day off, including weekend days inside the block. */
export const HolidayBlock = z.object({
  name: z.string().min(1),
  dates: DateList.min(1),
  /** Weekend days worked (调休上班日) to make up for this block; also listed at year level. */
  makeUpWorkdays: DateList.optional(),
  /** Only the dates the notice names; the rest of `dates` is weekend joined to them (与周末连休). */
  statedDates: DateList.optional(),
  adjacentWeekendDays: DateList.optional(),
  notice: z.string().optional(),
  note: z.string().optional(),
});
export type HolidayBlock = z.infer<typeof HolidayBlock>;

/** One year's arrangement as the notice gives it. */
export const HolidayYear = z.object({
  /** The notice (document number and title) the dates come from. */
  source: z.string().min(1),
  issued: IsoDate.optional(),
  holidays: z.array(HolidayBlock).min(1),
  /** Every make-up working day (调休上班日) of the year. */
  makeUpWorkdays: DateList,
});
export type HolidayYear = z.infer<typeof HolidayYear>;

export const HolidayYears = z.record(z.string().regex(/^\d{4}$/, 'expected a four-digit year'), HolidayYear);
export type HolidayYears = z.infer<typeof HolidayYears>;

/** The file shape: `{ "years": { "2024": { … } } }` (other top-level keys such as `meta` are ignored). */
export const HolidayData = z.object({ years: HolidayYears });
export type HolidayData = z.infer<typeof HolidayData>;

/** What a caller may pass: the file shape or just its `years` map. */
export type HolidayDataInput = z.input<typeof HolidayData> | z.input<typeof HolidayYears>;

type Path = readonly PropertyKey[];

function at(root: unknown, path: Path): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** 'dates[3]' for ['dates', 3]. */
function fieldName(path: Path): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** An issue located by year, holiday and field, e.g. "year 2024, holiday 国庆节 (#7), field dates[0]". */
function locate(years: unknown, path: Path, message: string, received?: unknown): YishiIssue {
  const [year, section, index, ...rest] = path;
  const parts: string[] = [];
  if (year !== undefined) parts.push(`year ${String(year)}`);
  let field: Path = path.slice(1);
  if (section === 'holidays' && typeof index === 'number') {
    const name = at(years, [year as string, 'holidays', index, 'name']);
    parts.push(`holiday ${typeof name === 'string' && name ? name : '(unnamed)'} (#${index + 1})`);
    field = rest;
  }
  if (field.length > 0) parts.push(`field ${fieldName(field)}`);
  const issue: YishiIssue = {
    message: `${parts.join(', ')}: ${message}`,
    path: ['years', ...path].map(String).join('.'),
  };
  const last = field.find((k) => typeof k === 'string');
  if (last !== undefined) issue.field = String(last);
  if (received !== undefined) issue.received = JSON.stringify(received);
  return issue;
}

function fail(issues: YishiIssue[]): never {
  const first = issues[0]?.message ?? 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new YishiError('INVALID_HOLIDAY_DATA', `holiday data: ${first}${more}`, issues);
}

/** The `years` map out of either input shape. */
export function unwrapYears(input: unknown): unknown {
  return input !== null && typeof input === 'object' && 'years' in input
    ? (input as { years: unknown }).years
    : input;
}

/** One problem in holiday data: where (path inside the `years` map), what, and the value found. */
export interface HolidayDataProblem {
  /** E.g. ['2027', 'holidays', 2, 'dates', 1]. */
  path: Path;
  /** What was expected, e.g. 'expected a calendar date YYYY-MM-DD'. */
  message: string;
  /** The value found there (undefined when missing). */
  received?: unknown;
}

/** Validates either input shape; returns the data, or every problem found. */
export function checkHolidayYears(
  input: unknown,
): { ok: true; years: HolidayYears } | { ok: false; problems: HolidayDataProblem[]; raw: unknown } {
  const years = unwrapYears(input);
  const parsed = HolidayYears.safeParse(years);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i): HolidayDataProblem =>
        i.code === 'invalid_key'
          ? { path: i.path, message: 'expected a four-digit year as key', received: i.path[0] }
          : i.code === 'invalid_type' && at(years, i.path) === undefined
            ? {
                path: i.path,
                message: `missing: expected ${i.expected === 'array' ? 'a list' : `a ${i.expected}`}`,
              }
            : { path: i.path, message: i.message, received: at(years, i.path) },
    );
    return { ok: false, problems, raw: years };
  }
  const problems: HolidayDataProblem[] = [];
  for (const [key, year] of Object.entries(parsed.data)) checkYear(key, year, problems);
  return problems.length > 0 ? { ok: false, problems, raw: years } : { ok: true, years: parsed.data };
}

/** The name of the holiday block a problem path points into, if any. */
export function holidayNameAt(years: unknown, path: Path): string | undefined {
  const [year, section, index] = path;
  if (section !== 'holidays' || typeof index !== 'number') return undefined;
  const name = at(years, [year as string, 'holidays', index, 'name']);
  return typeof name === 'string' && name ? name : undefined;
}

/** Parses either input shape; throws `INVALID_HOLIDAY_DATA` naming year, holiday and field. */
export function parseHolidayYears(input: unknown): HolidayYears {
  const checked = checkHolidayYears(input);
  if (!checked.ok) fail(checked.problems.map((p) => locate(checked.raw, p.path, p.message, p.received)));
  return checked.years;
}

/**
 * Checks the notice's own logic: a block may start in December of the year before (2023's 元旦
 * began 2022-12-31), a 调休上班日 is by definition a Saturday or Sunday worked, and no day is both.
 */
function checkYear(key: string, year: HolidayYear, issues: HolidayDataProblem[]): void {
  const y = Number(key);
  const first = `${String(y - 1).padStart(4, '0')}-12-01`;
  const last = `${key}-12-31`;
  const inYear = (d: PlainDate) => d >= first && d <= last;
  const workdays = new Set(year.makeUpWorkdays);
  year.holidays.forEach((block, i) => {
    block.dates.forEach((d, j) => {
      if (!inYear(d)) {
        issues.push({
          path: [key, 'holidays', i, 'dates', j],
          message: `${d} is outside ${first}…${last}`,
          received: d,
        });
      }
      if (workdays.has(d)) {
        issues.push({
          path: [key, 'holidays', i, 'dates', j],
          message: `${d} is also a make-up workday`,
          received: d,
        });
      }
    });
    block.makeUpWorkdays?.forEach((d, j) => {
      if (!workdays.has(d)) {
        const msg = `${d} is not listed in the year's makeUpWorkdays`;
        issues.push({ path: [key, 'holidays', i, 'makeUpWorkdays', j], message: msg, received: d });
      }
    });
  });
  year.makeUpWorkdays.forEach((d, j) => {
    if (!inYear(d))
      issues.push({
        path: [key, 'makeUpWorkdays', j],
        message: `${d} is outside ${first}…${last}`,
        received: d,
      });
    if (dayOfWeek(d) < 6) {
      const msg = `${d} is a weekday; a make-up workday (调休上班日) is a Saturday or Sunday worked`;
      issues.push({ path: [key, 'makeUpWorkdays', j], message: msg, received: d });
    }
  });
}
