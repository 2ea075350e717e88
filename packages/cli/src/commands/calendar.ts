/**
 * `yishi calendar`: when does a legal period end, and is a day a working day?
 *
 *   yishi calendar period-end --start 2024-09-20 --days 15          → 2024-10-08
 *   yishi calendar period-end --start 2024-09-20 --days 10 --working-days --json
 *   yishi calendar is-working-day 2024-09-29                        → true (调休上班日)
 *   yishi calendar period-end --start 2026-12-20 --days 15 --holidays holidays-2027.json
 *   yishi calendar period-end --start 2026-12-20 --days 15 --provisional   → 2027-01-04, and a
 *       provisional warning on stderr (zh-CN and English)
 *
 * Exit 0 with an answer; exit 2 for bad input or a date outside the holiday data (the answer is
 * then unknown, and the CLI says so rather than guessing); exit 1 for an internal error.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { YishiError } from '@yishi/core';
import { isYishiError } from '@yishi/core';
import {
  chinaHolidays,
  describeYears,
  type HolidayCalendar,
  isPlainDate,
  type ProvisionalBasis,
  periodEnd,
} from '@yishi/core/calendar';
import { loadHolidayFile } from '@yishi/core/calendar/file';
import { ArgsError, type OptionTable, parseCommandArgs, reportArgsError } from '../args.js';
import { CALENDAR_OPTIONS } from '../inputOptions.js';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';

const COVERED = describeYears(chinaHolidays.years);
const MAX_DAYS = 36_600;

export const USAGE = `用法 Usage:
  yishi calendar period-end --start YYYY-MM-DD --days N [--working-days] [--json] [CALENDAR OPTIONS]
  yishi calendar is-working-day YYYY-MM-DD [CALENDAR OPTIONS]

period-end       the last day of a period of N days after --start. The start day is not counted
                 (民法典 第201条); a last day on a weekend or public holiday moves to the next
                 working day (第203条); a weekend worked as a make-up day (调休上班日) does not.
  --start        the starting day (posting, notice, decision …), YYYY-MM-DD
  --days         the number of days, a whole number from 1 to ${MAX_DAYS}
  --working-days count working days (工作日) only
  --json         print {"lastDay", "steps"}: every step names its article and reason
is-working-day   prints true or false for a date (调休上班日 are working days)

Calendar options 日历选项:
  --holidays FILE  add the years of a newer State Council notice, in the shape of holidays-cn.json
                   加载新一年的国务院节假日安排（与 holidays-cn.json 同一格式）
  --provisional    for a year without a notice, count with the statutory holidays of
                   全国年节及纪念日放假办法 第二条 (2024 revision) and weekends, no 调休 assumed;
                   the answer is marked provisional on stderr 暂定计算，结果在 stderr 标明“暂定”

Holiday data: ${COVERED}, from the State Council General Office's yearly notices.
Exit codes: 0 answered; 2 bad input or a date outside the holiday data; 1 internal error.
`;

class BadInput extends Error {}

const CALENDAR_FLAGS = CALENDAR_OPTIONS;

const PERIOD_END_OPTIONS = {
  start: { type: 'string', value: 'YYYY-MM-DD' },
  days: { type: 'string', value: 'N' },
  'working-days': { type: 'boolean' },
  json: { type: 'boolean' },
  ...CALENDAR_OPTIONS,
} as const satisfies OptionTable;

function date(value: string | undefined, what: string): string {
  if (value === undefined) throw new BadInput(`${what} is required: a date as YYYY-MM-DD`);
  if (!isPlainDate(value)) throw new BadInput(`${what}: expected a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
}

function outOfRange(e: YishiError, context: string): BadInput {
  return new BadInput(
    `${context}: ${e.message.replace(/; add .*$/, '')}; ` +
      'the answer depends on a State Council notice yishi does not have, so it is not guessed',
  );
}

/** The calendar the options ask for: the bundled one, plus --holidays, in --provisional mode. */
async function calendarFrom(
  values: { holidays?: string; provisional?: boolean },
  io: Io,
): Promise<HolidayCalendar> {
  let calendar = chinaHolidays;
  const file = values.holidays;
  if (typeof file === 'string') {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(io.cwd, file));
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      throw new BadInput(`--holidays: cannot read "${file}": ${why}`);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new BadInput(
        `--holidays: "${file}" is not UTF-8 text; save it as UTF-8 (in Excel or Notepad: 另存为, encoding UTF-8) and try again`,
      );
    }
    try {
      calendar = loadHolidayFile(text, file, calendar);
    } catch (e) {
      if (isYishiError(e) && e.code === 'INVALID_HOLIDAY_DATA')
        throw new BadInput(`--holidays: ${e.message}`);
      throw e;
    }
  }
  if (values.provisional === true) {
    const { provisional } = await import('@yishi/core/calendar/provisional');
    calendar = provisional(calendar);
  }
  return calendar;
}

/** The provisional warning on stderr, in Chinese and English, one line per missing notice. */
function warnProvisional(io: Io, sub: string, bases: readonly ProvisionalBasis[]): void {
  if (bases.length === 0) return;
  const zh = bases.map((b) => b.reason['zh-CN']).join('；');
  const en = bases.map((b) => b.reason.en).join('; ');
  io.stderr(`yishi calendar ${sub}: 暂定结果 provisional: ${zh}\n  ${en}\n`);
}

async function periodEndCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(argv, { command: 'calendar period-end', options: PERIOD_END_OPTIONS });
  const start = date(values.start, '--start');
  const daysText = values.days;
  if (daysText === undefined)
    throw new BadInput('--days is required: the number of days, a whole number ≥ 1');
  const days = /^\d+$/.test(daysText) ? Number(daysText) : Number.NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) {
    throw new BadInput(`--days: expected a whole number of days from 1 to ${MAX_DAYS}, got "${daysText}"`);
  }
  const unit = values['working-days'] ? 'working' : 'natural';
  const calendar = await calendarFrom(values, io);
  let result: ReturnType<typeof periodEnd>;
  try {
    result = periodEnd({ start, days, unit }, calendar);
  } catch (e) {
    if (isYishiError(e) && e.code === 'DATE_OUT_OF_RANGE')
      throw outOfRange(e, `--start ${start} --days ${days}`);
    throw e;
  }
  const { lastDay, steps, provisional, provisionalBasis } = result;
  io.stdout(
    values.json
      ? `${JSON.stringify(provisional ? { lastDay, steps, provisional, provisionalBasis } : { lastDay, steps }, null, 2)}\n`
      : `${lastDay}\n`,
  );
  warnProvisional(io, 'period-end', provisionalBasis ?? []);
  return EXIT_OK;
}

async function isWorkingDayCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    command: 'calendar is-working-day',
    options: CALENDAR_FLAGS,
    positionals: {
      name: 'YYYY-MM-DD',
      min: 0,
      max: 1,
      tooMany: (n) => `多余的参数 expected one date, got ${n} arguments`,
    },
  });
  const day = date(positionals[0], 'the date argument');
  const calendar = await calendarFrom(values, io);
  try {
    const info = calendar.day(day);
    io.stdout(`${info.working}\n`);
    warnProvisional(io, 'is-working-day', info.provisional ? [info.provisional] : []);
  } catch (e) {
    if (isYishiError(e) && e.code === 'DATE_OUT_OF_RANGE') throw outOfRange(e, 'the date argument');
    throw e;
  }
  return EXIT_OK;
}

const SUBCOMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  'period-end': periodEndCommand,
  'is-working-day': isWorkingDayCommand,
};

export const command: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'help' || sub === '--help' || sub === '-h') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!run) {
    const what = sub === undefined ? 'a subcommand is required' : `unknown subcommand "${sub}"`;
    io.stderr(`yishi calendar: ${what}\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof ArgsError) return reportArgsError(io, `calendar ${sub}`, e, USAGE);
    if (e instanceof BadInput) {
      io.stderr(`yishi calendar ${sub}: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`yishi calendar ${sub}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_FAILURE;
  }
};
