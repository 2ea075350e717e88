/**
 * `yishi calendar`: when does a legal period end, and is a day a working day?
 *
 *   yishi calendar period-end --start 2024-09-20 --days 15          → 2024-10-08
 *   yishi calendar period-end --start 2024-09-20 --days 10 --working-days --json
 *   yishi calendar is-working-day 2024-09-29                        → true (调休上班日)
 *
 * Exit 0 with an answer; exit 2 for bad input or a date outside the holiday data (the answer is
 * then unknown, and the CLI says so rather than guessing); exit 1 for an internal error.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { YishiError } from '@yishi/core';
import { isYishiError } from '@yishi/core';
import { chinaHolidays, describeYears, isPlainDate, periodEnd } from '@yishi/core/calendar';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';

const COVERED = describeYears(chinaHolidays.years);
const MAX_DAYS = 36_600;

export const USAGE = `用法 Usage:
  yishi calendar period-end --start YYYY-MM-DD --days N [--working-days] [--json]
  yishi calendar is-working-day YYYY-MM-DD

period-end       the last day of a period of N days after --start. The start day is not counted
                 (民法典 第201条); a last day on a weekend or public holiday moves to the next
                 working day (第203条); a weekend worked as a make-up day (调休上班日) does not.
  --start        the starting day (posting, notice, decision …), YYYY-MM-DD
  --days         the number of days, a whole number from 1 to ${MAX_DAYS}
  --working-days count working days (工作日) only
  --json         print {"lastDay", "steps"}: every step names its article and reason
is-working-day   prints true or false for a date (调休上班日 are working days)

Holiday data: ${COVERED}, from the State Council General Office's yearly notices.
Exit codes: 0 answered; 2 bad input or a date outside the holiday data; 1 internal error.
`;

class BadInput extends Error {}

function parse(argv: string[], options: ParseArgsConfig['options'] = {}) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new BadInput(e instanceof Error ? e.message : String(e));
  }
}

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

function periodEndCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {
    start: { type: 'string' },
    days: { type: 'string' },
    'working-days': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new BadInput(`unexpected argument "${positionals[0]}"`);
  const start = date(values.start as string | undefined, '--start');
  const daysText = values.days as string | undefined;
  if (daysText === undefined)
    throw new BadInput('--days is required: the number of days, a whole number ≥ 1');
  const days = /^\d+$/.test(daysText) ? Number(daysText) : Number.NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) {
    throw new BadInput(`--days: expected a whole number of days from 1 to ${MAX_DAYS}, got "${daysText}"`);
  }
  const unit = values['working-days'] ? 'working' : 'natural';
  let result: ReturnType<typeof periodEnd>;
  try {
    result = periodEnd({ start, days, unit }, chinaHolidays);
  } catch (e) {
    if (isYishiError(e) && e.code === 'DATE_OUT_OF_RANGE')
      throw outOfRange(e, `--start ${start} --days ${days}`);
    throw e;
  }
  io.stdout(
    values.json
      ? `${JSON.stringify({ lastDay: result.lastDay, steps: result.steps }, null, 2)}\n`
      : `${result.lastDay}\n`,
  );
  return EXIT_OK;
}

function isWorkingDayCommand(argv: string[], io: Io): number {
  const { positionals } = parse(argv);
  if (positionals.length > 1) throw new BadInput(`expected one date, got ${positionals.length} arguments`);
  const day = date(positionals[0], 'the date argument');
  try {
    io.stdout(`${chinaHolidays.isWorkingDay(day)}\n`);
  } catch (e) {
    if (isYishiError(e) && e.code === 'DATE_OUT_OF_RANGE') throw outOfRange(e, 'the date argument');
    throw e;
  }
  return EXIT_OK;
}

const SUBCOMMANDS: Record<string, (argv: string[], io: Io) => number> = {
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
    return run(rest, io);
  } catch (e) {
    if (e instanceof BadInput) {
      io.stderr(`yishi calendar ${sub}: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`yishi calendar ${sub}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_FAILURE;
  }
};
