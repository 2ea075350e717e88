/**
 * Options about reading input files and calendars, shared by the commands that take them, so each
 * spells, validates and documents them the same way. A command spreads the ones it uses into its
 * option table (`{ ...INPUT_OPTIONS, ... }`) and copies their usage lines.
 *
 *   --encoding <name>            the text encoding of a CSV or JSON file that cannot be detected
 *   --sheet <name|index>         the sheet of an .xlsx workbook
 *   --key-collisions warn|refuse keys that differ only by case or full/half width
 *   --holidays <file>            a newer State Council holiday notice (calendar commands)
 *   --provisional                count a year without a notice from the statutory holidays
 */
import { ENCODING_NAMES, type LoadOptions } from '@yishi/io';
import type { ArgValues, OptionSpec } from './args.js';

/** Encodings a user may name with --encoding (compared case-insensitively): @yishi/io's spellings. */
export const ENCODINGS: readonly string[] = ENCODING_NAMES;

export const KEY_COLLISIONS = ['warn', 'refuse'] as const;
export type KeyCollisions = (typeof KEY_COLLISIONS)[number];

/** Options for the loaders of registers, ballots and records. */
export const INPUT_OPTIONS = {
  encoding: { type: 'string', value: '<name>', choices: ENCODINGS, caseInsensitive: true },
  sheet: { type: 'string', value: '<name|index>' },
  'key-collisions': { type: 'string', choices: KEY_COLLISIONS },
} as const satisfies Record<string, OptionSpec>;

/** Options for building a holiday calendar. */
export const CALENDAR_OPTIONS = {
  holidays: { type: 'string', value: '<file>' },
  provisional: { type: 'boolean' },
} as const satisfies Record<string, OptionSpec>;

export const INPUT_OPTIONS_USAGE = `  --encoding   the encoding of a file that cannot be detected (文件编码):
               ${ENCODINGS.join(', ')} (any case)
  --sheet      the sheet of an .xlsx workbook, by name or 1-based index (工作表)
  --key-collisions warn|refuse
               keys that differ only by case or full-/half-width form (键名冲突): warn (default) or refuse`;

export const CALENDAR_OPTIONS_USAGE = `  --holidays   a newer State Council holiday notice as JSON, in the shipped shape (节假日安排)
  --provisional
               for a year without a notice, count with the statutory holidays only (临时推算);
               every result is then marked provisional`;

export type { LoadOptions };

/** The loader options the user gave, and only those (an absent option stays absent). */
export function loadOptionsFrom(values: ArgValues<typeof INPUT_OPTIONS>): LoadOptions {
  const out: LoadOptions = {};
  if (values.encoding !== undefined) out.encoding = values.encoding.toLowerCase();
  if (values.sheet !== undefined) out.sheet = values.sheet;
  const k = values['key-collisions'];
  if (k !== undefined) out.keyCollisions = k as KeyCollisions;
  return out;
}
