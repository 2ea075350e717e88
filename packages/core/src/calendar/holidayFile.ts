/**
 * Loading a newer State Council notice from a file, the day it appears.
 *
 * The file has the shape of the bundled `data/holidays-cn.json` (`{ "years": { "2027": … } }`,
 * or just the `years` map). It may repeat bundled years, e.g. a copy of the shipped file with
 * 2027 appended, but only unchanged in its days (names, dates, make-up workdays; the source text
 * may differ): a year that differs from the bundled one is refused, since
 * correcting a published notice is a change to the library's data, not a user's setting.
 *
 * Every error names the file, the year, the holiday and the field, and shows the value found:
 *   holidays-2027.json: years["2027"].holidays[1].dates[3] (春节): expected a calendar date YYYY-MM-DD, got "2027-02-30"
 */
import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import type { HolidayCalendar } from './holidayCalendar.js';
import { checkHolidayYears, type HolidayYear, type HolidayYears, holidayNameAt } from './holidayData.js';
import { JsonReadError, jsonPath, readStrictJson } from './strictJson.js';

/**
 * What a year says about days: its blocks (name, dates, make-up workdays) and make-up workdays.
 * The source text is left out: the bundle keeps only the document number of the shipped title.
 */
function daysSaid(year: HolidayYear): string {
  return JSON.stringify([
    year.holidays.map((b) => [b.name, b.dates, b.makeUpWorkdays ?? []]),
    year.makeUpWorkdays,
  ]);
}

function refuse(issues: YishiIssue[]): never {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new YishiError('INVALID_HOLIDAY_DATA', `${issues[0]!.message}${more}`, issues);
}

/** The year map of a holiday file, validated, with every problem located in `file`. */
export function parseHolidayFile(text: string, file: string): HolidayYears {
  let json: unknown;
  try {
    json = readStrictJson(text);
  } catch (e) {
    if (!(e instanceof JsonReadError)) throw e;
    const { line, column, message, path } = e.problem;
    const issue: YishiIssue = {
      message: `${file}: line ${line}, column ${column}: ${message}`,
      file,
      row: line,
      field: `column ${column}`,
      expected: 'JSON in the shape of holidays-cn.json',
    };
    if (path) issue.path = path;
    refuse([issue]);
  }
  const wrapped = json !== null && typeof json === 'object' && !Array.isArray(json) && 'years' in json;
  const checked = checkHolidayYears(json);
  if (checked.ok) return checked.years;
  refuse(
    checked.problems.map((p) => {
      const full = wrapped ? ['years', ...p.path] : [...p.path];
      const where = jsonPath(full);
      const name = holidayNameAt(checked.raw, p.path);
      const got = p.received === undefined ? 'nothing' : JSON.stringify(p.received);
      const issue: YishiIssue = {
        message: `${file}: ${where}${name ? ` (${name})` : ''}: ${p.message}, got ${got}`,
        file,
        path: where,
        received: got,
        expected: p.message,
      };
      const field = [...p.path].reverse().find((k) => typeof k === 'string');
      if (field !== undefined) issue.field = String(field);
      return issue;
    }),
  );
}

/**
 * `base` with the years of a holiday file added: the notices of years `base` lacks, plus any
 * bundled year repeated unchanged. Throws `INVALID_HOLIDAY_DATA` naming the file, year, holiday
 * and field; malformed JSON and keys given twice are refused with line and column.
 *
 * @example loadHolidayFile(readFileSync('holidays-2027.json', 'utf8'), 'holidays-2027.json', chinaHolidays)
 */
export function loadHolidayFile(text: string, file: string, base: HolidayCalendar): HolidayCalendar {
  const years = parseHolidayFile(text, file);
  const added: Record<string, HolidayYear> = {};
  const clashes: YishiIssue[] = [];
  for (const [year, data] of Object.entries(years)) {
    const held = base.data[year];
    if (held === undefined) added[year] = data;
    else if (daysSaid(held) !== daysSaid(data)) {
      clashes.push({
        message:
          `${file}: years["${year}"]: ${year} is already in the calendar (${held.source}) and the file's ${year} differs; ` +
          `a file may repeat a held year only unchanged (leave ${year} out to add only new years)`,
        file,
        path: `years["${year}"]`,
        received: data.source,
        expected: `the held ${year} unchanged, or no ${year}`,
      });
    }
  }
  if (clashes.length > 0) refuse(clashes);
  // Nothing new (e.g. a portal's 2027 file after an upgrade that bundles 2027): the base as is.
  if (Object.keys(added).length === 0) return base;
  try {
    return base.withYears(added);
  } catch (e) {
    throw e instanceof YishiError ? e.inFile(file) : e;
  }
}
