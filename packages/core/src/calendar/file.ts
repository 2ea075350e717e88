/**
 * `@yishi/core/calendar/file`: loading a newer State Council notice from the text of a JSON
 * file, with errors that name the file, year, holiday and field, and JSON syntax errors and
 * repeated keys refused with line and column. A separate entry point, so that
 * `@yishi/core/calendar` stays small for a browser portal that never reads files.
 *
 *   import { chinaHolidays } from '@yishi/core/calendar';
 *   import { loadHolidayFile } from '@yishi/core/calendar/file';
 *   const calendar = loadHolidayFile(readFileSync('holidays-2027.json', 'utf8'), 'holidays-2027.json', chinaHolidays);
 */
export { loadHolidayFile, parseHolidayFile } from './holidayFile.js';
export type { JsonProblem } from './strictJson.js';
export { JsonReadError, readStrictJson } from './strictJson.js';
