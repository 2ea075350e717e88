import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    [['--start', '2024-09-20', '--days', '15', 'extra'], '"extra": 多余的参数 unexpected argument'],
    [
      ['--start', '2024-09-20', '--days', '15', '--weeks'],
      '--weeks: 未知选项 unknown option; 可用选项 expected one of --start, --days, --working-days, --json, --holidays, --provisional',
    ],
    // Node's parser would call `-3` an ambiguous option; yishi reads it as the value it is.
    [
      ['--start', '2024-09-20', '--days', '-3'],
      '--days: expected a whole number of days from 1 to 36600, got "-3"',
    ],
    [
      ['--start', '2024-09-20', '--days=-3'],
      '--days: expected a whole number of days from 1 to 36600, got "-3"',
    ],
    [['--start', '2024-09-20', '--days'], '--days: 缺少取值 missing value; expected --days N'],
    [
      ['--start', '--days', '15'],
      '--start: 缺少取值 missing value (--days is the next option); expected --start YYYY-MM-DD',
    ],
    [
      ['--start', '2024-09-20', '--days', '15', '--json=yes'],
      '--json: 不接受取值 takes no value, got "yes"; expected --json alone',
    ],
    [
      ['--start', '2024-09-20', '--start', '2024-09-21', '--days', '15'],
      '--start: 只能给一次 given 2 times ("2024-09-20", "2024-09-21"); expected it once',
    ],
    [
      ['--start', '2024-09-20', '--days', '15', '-x'],
      '-x: 未知选项 unknown option; 可用选项 expected one of --start',
    ],
    [
      ['--start', '2024-09-20', '--days', '15', '--bogus=1'],
      '--bogus: 未知选项 unknown option; 可用选项 expected one of',
    ],
    [
      ['--start', '2024-09-20', '--days', '15', '--holidays'],
      '--holidays: 缺少取值 missing value; expected --holidays <file>',
    ],
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

describe('yishi calendar is-working-day: arguments', () => {
  it.each([
    [
      ['--bogus', '2024-01-02'],
      '--bogus: 未知选项 unknown option; 可用选项 expected one of --holidays, --provisional',
    ],
    [['-3'], '-3: 未知选项 unknown option; 可用选项 expected one of --holidays, --provisional'],
    [
      ['2024-01-02', '--provisional=1'],
      '--provisional: 不接受取值 takes no value, got "1"; expected --provisional alone',
    ],
    [
      ['2024-01-02', '--constructor'],
      '--constructor: 未知选项 unknown option; 可用选项 expected one of --holidays, --provisional',
    ],
    [
      ['2024-01-02', '--__proto__=x'],
      '--__proto__: 未知选项 unknown option; 可用选项 expected one of --holidays, --provisional',
    ],
  ])('%j → exit 2 naming the flag', async (argv, message) => {
    const r = await calendar('is-working-day', ...argv);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.split('\n')[0]).toBe(`yishi calendar is-working-day: ${message}`);
  });
});

/** A made-up 2027 for tests only: NOT the real 2027 arrangement (unpublished when written). */
const FIXTURE_2027 = {
  years: {
    '2027': {
      source: 'test fixture (not a real notice)',
      holidays: [
        { name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'] },
        { name: '春节', dates: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'] },
      ],
      makeUpWorkdays: [],
    },
  },
};

describe('yishi calendar --holidays FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-holidays-'));
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return name;
  };
  async function inDir(...argv: string[]): Promise<Run> {
    const io = fakeIo();
    io.cwd = dir;
    const code = await command(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('answers 2027 from a loaded notice, with no warning', async () => {
    const f = write('holidays-2027.json', JSON.stringify(FIXTURE_2027, null, 2));
    expect(await inDir('period-end', '--start', '2026-12-20', '--days', '15', '--holidays', f)).toEqual({
      code: 0,
      out: '2027-01-04\n',
      err: '',
    });
    expect(await inDir('is-working-day', '2027-02-09', `--holidays=${f}`)).toEqual({
      code: 0,
      out: 'false\n',
      err: '',
    });
    expect(await inDir('is-working-day', '--holidays', f, '2026-12-31')).toEqual({
      code: 0,
      out: 'true\n',
      err: '',
    });
  });

  it('refuses a bad file naming file, year, holiday and field (exit 2)', async () => {
    const bad = structuredClone(FIXTURE_2027);
    bad.years['2027'].holidays[1]!.dates[2] = '2027-02-30';
    const f = write('bad-2027.json', JSON.stringify(bad));
    const r = await inDir('period-end', '--start', '2026-12-20', '--days', '15', '--holidays', f);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'yishi calendar period-end: --holidays: bad-2027.json: years["2027"].holidays[1].dates[2] (春节): expected a calendar date YYYY-MM-DD, got "2027-02-30"\n',
    });
  });

  it('refuses malformed JSON with line and column, a missing file, and a file not in UTF-8', async () => {
    const f = write('broken.json', '{\n  "years": {\n    "2027": {,\n');
    expect((await inDir('is-working-day', '2027-01-04', '--holidays', f)).err).toBe(
      'yishi calendar is-working-day: --holidays: broken.json: line 3, column 14: expected a key in double quotes, found ","\n',
    );
    const none = await inDir('is-working-day', '2027-01-04', '--holidays', 'nope.json');
    expect([none.code, none.err]).toEqual([
      2,
      'yishi calendar is-working-day: --holidays: cannot read "nope.json": no such file\n',
    ]);
    // "春节" in GBK: d2 bb bd da … here as bytes that are not UTF-8.
    const gbk = write(
      'gbk.json',
      new Uint8Array([0x7b, 0x22, 0xb4, 0xba, 0xbd, 0xda, 0x22, 0x3a, 0x31, 0x7d]),
    );
    const g = await inDir('is-working-day', '2027-01-04', '--holidays', gbk);
    expect(g.code).toBe(2);
    expect(g.err).toContain('--holidays: "gbk.json" is not UTF-8 text; save it as UTF-8');
  });

  it('refuses a file that changes a bundled year', async () => {
    const onlyNewYear = {
      source: 'x',
      holidays: [{ name: '元旦', dates: ['2026-01-01'] }],
      makeUpWorkdays: [],
    };
    const changed = { years: { ...FIXTURE_2027.years, '2026': onlyNewYear } };
    const f = write('changed.json', JSON.stringify(changed));
    const r = await inDir('is-working-day', '2027-01-04', '--holidays', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain('changed.json: years["2026"]: 2026 is already in the calendar');
  });
});

describe('yishi calendar --provisional', () => {
  it('answers past the notices and says so on stderr in Chinese and English', async () => {
    const r = await calendar('period-end', '--start', '2026-12-20', '--days', '15', '--provisional');
    expect([r.code, r.out]).toEqual([0, '2027-01-04\n']);
    expect(r.err).toMatch(
      /^yishi calendar period-end: 暂定结果 provisional: 2027年的国务院节假日安排通知尚未收录/,
    );
    expect(r.err).toContain('全国年节及纪念日放假办法第二条（国务院令第795号');
    expect(r.err).toContain("the State Council's 2027 holiday notice is not loaded; counted provisionally");
  });

  it('--json carries the provisional flag and basis', async () => {
    const r = await calendar(
      'period-end',
      '--start',
      '2027-01-21',
      '--days',
      '15',
      '--provisional',
      '--json',
    );
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['lastDay', 'steps', 'provisional', 'provisionalBasis']);
    expect(json).toMatchObject({ lastDay: '2027-02-09', provisional: true });
    expect(json.provisionalBasis).toEqual([expect.objectContaining({ kind: 'statutory', year: 2027 })]);
    expect(json.steps.every((s: { provisional?: boolean }) => s.provisional === true)).toBe(true);
  });

  it('is-working-day: 2027 除夕 off, late December 2026 marked, a settled day silent', async () => {
    const eve = await calendar('is-working-day', '2027-02-05', '--provisional');
    expect([eve.code, eve.out]).toEqual([0, 'false\n']);
    expect(eve.err).toContain('暂定结果 provisional');
    const late = await calendar('is-working-day', '--provisional', '2026-12-25');
    expect(late.out).toBe('true\n');
    expect(late.err).toContain('2026-12-25可能被2027年节假日安排通知重新安排');
    expect(await calendar('is-working-day', '--provisional', '2026-12-24')).toEqual({
      code: 0,
      out: 'true\n',
      err: '',
    });
  });

  it('combines with --holidays: the years of the file from the notice, later years provisionally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-holidays-'));
    writeFileSync(join(dir, 'h.json'), JSON.stringify(FIXTURE_2027));
    const run = async (...argv: string[]) => {
      const io = fakeIo();
      io.cwd = dir;
      const code = await command(argv, io);
      return { code, out: io.out, err: io.err };
    };
    // 2027-02-09 is off in the (made-up) file; provisionally it would be a working day.
    expect(await run('is-working-day', '2027-02-09', '--holidays', 'h.json', '--provisional')).toEqual({
      code: 0,
      out: 'false\n',
      err: '',
    });
    expect(await run('is-working-day', '2027-02-09', '--provisional')).toMatchObject({ out: 'true\n' });
    const next = await run('is-working-day', '2028-01-25', '--holidays', 'h.json', '--provisional');
    expect(next.out).toBe('false\n'); // 除夕 2028, statutory
    expect(next.err).toContain('2028年的国务院节假日安排通知尚未收录');
  });

  it('a settled answer is not marked, and years before 2025 stay refused', async () => {
    expect(await calendar('period-end', '--start', '2024-09-20', '--days', '15', '--provisional')).toEqual({
      code: 0,
      out: '2024-10-08\n',
      err: '',
    });
    const old = await calendar('is-working-day', '2019-06-03', '--provisional');
    expect(old.code).toBe(2);
    expect(old.err).toContain('2019-06-03 is outside the holiday data');
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
