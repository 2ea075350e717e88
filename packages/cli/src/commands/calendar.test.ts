import { describe, expect, it } from 'vitest';
import { main } from '../index.js';
import type { Io } from '../io.js';
import { command } from './calendar.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

function fakeIo(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    cwd: '/nonexistent',
    today: () => {
      throw new Error('the calendar command must not read today');
    },
    isTTY: false,
  };
  return io;
}

async function calendar(...argv: string[]): Promise<Run> {
  const io = fakeIo();
  const code = await command(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('yishi calendar period-end', () => {
  it.each([
    [['--start', '2024-09-20', '--days', '15'], '2024-10-08'], // 10-05 in 国庆节 → 10-08
    [['--start', '2024-09-14', '--days', '15'], '2024-09-29'], // Sunday worked: no extension
    [['--start', '2020-01-16', '--days', '15'], '2020-02-03'], // 2020 春节 extended to 2/2
    [['--start', '2022-12-16', '--days', '15'], '2023-01-03'], // 2023 元旦 from 2022-12-31
    [['--start', '2024-02-14', '--days', '15'], '2024-02-29'],
    [['--days', '10', '--start', '2024-09-20', '--working-days'], '2024-10-10'],
  ])('%j → %s', async (argv, lastDay) => {
    expect(await calendar('period-end', ...argv)).toEqual({ code: 0, out: `${lastDay}\n`, err: '' });
  });

  it('--json prints the last day and every step with its article', async () => {
    const r = await calendar('period-end', '--start', '2024-09-20', '--days', '15', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['lastDay', 'steps']);
    expect(json.lastDay).toBe('2024-10-08');
    expect(json.steps.map((s: { rule: string; from: string; to: string }) => [s.rule, s.from, s.to])).toEqual(
      [
        ['民法典 第201条', '2024-09-20', '2024-10-05'],
        ['民法典 第203条', '2024-10-05', '2024-10-08'],
      ],
    );
    expect(json.steps[1].reason.en).toContain('last day 2024-10-05 is a statutory holiday (国庆节');
  });

  it.each([
    [[], '--start is required: a date as YYYY-MM-DD'],
    [
      ['--start', '2023-02-29', '--days', '15'],
      '--start: expected a calendar date YYYY-MM-DD, got "2023-02-29"',
    ],
    [
      ['--start', '2024/09/20', '--days', '15'],
      '--start: expected a calendar date YYYY-MM-DD, got "2024/09/20"',
    ],
    [['--start', '2024-09-20'], '--days is required: the number of days, a whole number ≥ 1'],
    [
      ['--start', '2024-09-20', '--days', '0'],
      '--days: expected a whole number of days from 1 to 36600, got "0"',
    ],
    [
      ['--start', '2024-09-20', '--days', '1.5'],
      '--days: expected a whole number of days from 1 to 36600, got "1.5"',
    ],
    [
      ['--start', '2024-09-20', '--days', 'fifteen'],
      '--days: expected a whole number of days from 1 to 36600',
    ],
    [['--start', '2024-09-20', '--days', '15', 'extra'], 'unexpected argument "extra"'],
    [['--start', '2024-09-20', '--days', '15', '--weeks'], "Unknown option '--weeks'"],
  ])('bad input %j → exit 2 naming the option', async (argv, message) => {
    const r = await calendar('period-end', ...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`yishi calendar period-end: ${message}`);
  });

  it('an end beyond the holiday data is refused, not guessed (exit 2)', async () => {
    const r = await calendar('period-end', '--start', '2026-12-20', '--days', '15');
    expect(r).toEqual({
      code: 2,
      out: '',
      err:
        'yishi calendar period-end: --start 2026-12-20 --days 15: 2027-01-04 is outside the holiday data (covered years: 2020–2026); ' +
        'the answer depends on a State Council notice yishi does not have, so it is not guessed\n',
    });
  });
});

describe('yishi calendar is-working-day', () => {
  it.each([
    ['2024-09-29', 'true'], // Sunday, 调休上班日
    ['2024-10-05', 'false'], // Saturday in 国庆节
    ['2024-10-07', 'false'], // Monday in 国庆节
    ['2024-10-08', 'true'],
    ['2024-06-15', 'false'], // an ordinary Saturday
    ['2020-02-01', 'false'], // planned make-up day, off after the extension
  ])('%s → %s', async (date, answer) => {
    expect(await calendar('is-working-day', date)).toEqual({ code: 0, out: `${answer}\n`, err: '' });
  });

  it('refuses bad and uncovered dates with exit 2', async () => {
    const bad = await calendar('is-working-day', '2023-02-29');
    expect([bad.code, bad.err]).toEqual([
      2,
      'yishi calendar is-working-day: the date argument: expected a calendar date YYYY-MM-DD, got "2023-02-29"\n',
    ]);
    const none = await calendar('is-working-day');
    expect([none.code, none.err]).toEqual([
      2,
      'yishi calendar is-working-day: the date argument is required: a date as YYYY-MM-DD\n',
    ]);
    const two = await calendar('is-working-day', '2024-01-01', '2024-01-02');
    expect(two.code).toBe(2);
    const far = await calendar('is-working-day', '2027-01-04');
    expect(far.code).toBe(2);
    expect(far.err).toContain(
      'the date argument: 2027-01-04 is outside the holiday data (covered years: 2020–2026)',
    );
    const late = await calendar('is-working-day', '2026-12-31');
    expect(late.code).toBe(2);
    expect(late.err).toContain("may still be re-designated by the State Council's 2027 holiday notice");
  });
});

describe('yishi calendar', () => {
  it('needs a known subcommand', async () => {
    const none = await calendar();
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^yishi calendar: a subcommand is required\n\n用法 Usage:/);
    const unknown = await calendar('easter');
    expect([unknown.code, unknown.err.split('\n')[0]]).toEqual([
      2,
      'yishi calendar: unknown subcommand "easter"',
    ]);
    const help = await calendar('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Holiday data: 2020–2026');
  });

  it('is registered in the yishi command', async () => {
    const io = fakeIo();
    expect(await main(['calendar', 'period-end', '--start', '2024-09-20', '--days', '15'], io)).toBe(0);
    expect(io.out).toBe('2024-10-08\n');
  });
});
