import { describe, expect, it } from 'vitest';
import { ArgsError, type ArgsSpec, expectedForm, parseCommandArgs, reportArgsError } from './args.js';
import type { Io } from './io.js';

const SPEC = {
  command: 'demo',
  options: {
    at: { type: 'string', value: 'YYYY-MM-DD' },
    days: { type: 'string', value: 'N' },
    tag: { type: 'string', multiple: true },
    encoding: { type: 'string', choices: ['utf-8', 'gb18030'], caseInsensitive: true },
    mode: { type: 'string', choices: ['warn', 'refuse'] },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
} as const satisfies ArgsSpec;

/** The issues parseCommandArgs throws for argv (fails the test if it does not throw). */
function issues(argv: string[], spec: ArgsSpec = SPEC) {
  try {
    parseCommandArgs(argv, spec);
  } catch (e) {
    expect(e).toBeInstanceOf(ArgsError);
    const list = (e as ArgsError).issues;
    for (const i of list) {
      for (const raw of [
        'ERR_PARSE_ARGS',
        'TypeError',
        "Unknown option '",
        "Unexpected argument '",
        "Option '",
      ]) {
        expect(i.message).not.toContain(raw);
      }
    }
    return list.map(({ code, option, message }) => ({ code, option, message }));
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

describe('parseCommandArgs', () => {
  it('reads strings, inline values, repeatable options, booleans and short flags', () => {
    const r = parseCommandArgs(
      [
        '--at',
        '2025-06-01',
        '--days=-3',
        '--tag',
        'a',
        '--tag',
        'b',
        '--json',
        '-h',
        '--encoding',
        'GBK18030',
      ],
      { ...SPEC, options: { ...SPEC.options, encoding: { type: 'string' } } },
    );
    expect(r.values).toEqual({
      at: '2025-06-01',
      days: '-3',
      tag: ['a', 'b'],
      json: true,
      help: true,
      encoding: 'GBK18030',
    });
    expect(r.positionals).toEqual([]);
  });

  it('accepts a choice in any case when caseInsensitive, and returns it as given', () => {
    expect(parseCommandArgs(['--encoding', 'GB18030'], SPEC).values.encoding).toBe('GB18030');
    expect(parseCommandArgs(['--mode', 'warn'], SPEC).values.mode).toBe('warn');
  });

  it('an unknown option names it and lists the known ones, or suggests the near one', () => {
    expect(issues(['--colour', 'red'])).toEqual([
      {
        code: 'UNKNOWN_OPTION',
        option: '--colour',
        message:
          '--colour: 未知选项 unknown option; 可用选项 expected one of --at, --days, --tag, --encoding, --mode, --json, --help',
      },
      {
        code: 'UNEXPECTED_ARGUMENT',
        option: undefined,
        message:
          '"red": 多余的参数 unexpected argument; yishi demo takes options only (--at, --days, --tag, --encoding, --mode, --json, --help)',
      },
    ]);
    expect(issues(['--jsn'])[0]!.message).toBe(
      '--jsn: 未知选项 unknown option; 是否想用 did you mean --json?',
    );
    expect(issues(['-x'])[0]).toMatchObject({ code: 'UNKNOWN_OPTION', option: '-x' });
    // "-3" after an unknown long option is taken as its value, not as a second unknown flag.
    expect(issues(['--weeks', '-3']).map((i) => i.option)).toEqual(['--weeks']);
    // an option named like an Object.prototype member is still unknown
    expect(issues(['--constructor'])[0]).toMatchObject({ code: 'UNKNOWN_OPTION', option: '--constructor' });
  });

  it('a string option without a value, at the end or before another option', () => {
    expect(issues(['--at'])).toEqual([
      {
        code: 'MISSING_VALUE',
        option: '--at',
        message: '--at: 缺少取值 missing value; expected --at YYYY-MM-DD',
      },
    ]);
    expect(issues(['--at', '--json'])).toEqual([
      {
        code: 'MISSING_VALUE',
        option: '--at',
        message: '--at: 缺少取值 missing value (--json is the next option); expected --at YYYY-MM-DD',
      },
    ]);
  });

  it('a negative number is a value; any other value that starts with "-" must be written with "="', () => {
    // a number is never an option: `--days -3` passes -3 on, for the command to refuse as a count
    expect(parseCommandArgs(['--days', '-3'], SPEC).values.days).toBe('-3');
    expect(parseCommandArgs(['--days', '-1.5'], SPEC).values.days).toBe('-1.5');
    expect(issues(['--days', '-.5'])).toEqual([
      {
        code: 'VALUE_LOOKS_LIKE_OPTION',
        option: '--days',
        message:
          '--days: 取值以“-”开头 the value "-.5" starts with "-"; expected --days N (to pass it anyway, write --days=-.5)',
      },
    ]);
    expect(parseCommandArgs(['--days=-3'], SPEC).values.days).toBe('-3');
    // after `--`, nothing is joined
    expect(
      parseCommandArgs(['--', '--days', '-3'], { ...SPEC, positionals: { name: 'x', min: 0, max: 3 } })
        .positionals,
    ).toEqual(['--days', '-3']);
    // a lone "-" (stdin, by convention) is a value, as Node reads it
    expect(parseCommandArgs(['--days', '-'], SPEC).values.days).toBe('-');
  });

  it('a boolean option takes no value', () => {
    expect(issues(['--json=yes'])).toEqual([
      {
        code: 'UNEXPECTED_VALUE',
        option: '--json',
        message: '--json: 不接受取值 takes no value, got "yes"; expected --json alone',
      },
    ]);
  });

  it('a string option may be given once, unless it is repeatable; a repeated boolean is harmless', () => {
    expect(issues(['--at', '2025-01-01', '--at=2025-02-01'])).toEqual([
      {
        code: 'REPEATED_OPTION',
        option: '--at',
        message: '--at: 只能给一次 given 2 times ("2025-01-01", "2025-02-01"); expected it once',
      },
    ]);
    expect(parseCommandArgs(['--tag', 'a', '--tag', 'a'], SPEC).values.tag).toEqual(['a', 'a']);
    expect(parseCommandArgs(['--json', '--json'], SPEC).values.json).toBe(true);
  });

  it('a value outside the choices names the value and the choices', () => {
    expect(issues(['--encoding', 'latin1'])).toEqual([
      {
        code: 'BAD_CHOICE',
        option: '--encoding',
        message: '--encoding: 不支持的取值 unsupported value "latin1"; expected one of utf-8|gb18030',
      },
    ]);
    // case matters unless the option says otherwise
    expect(issues(['--mode', 'WARN'])[0]).toMatchObject({ code: 'BAD_CHOICE', option: '--mode' });
  });

  it('positionals: none unless declared; then at least min and at most max', () => {
    expect(issues(['x'])[0]).toMatchObject({ code: 'UNEXPECTED_ARGUMENT' });
    // after "--", an argument is a positional even if it looks like an option
    expect(issues(['--', '--json'])[0]!.message).toMatch(/^"--json": 多余的参数 unexpected argument/);
    const one: ArgsSpec = { ...SPEC, positionals: { name: '<file>', min: 1, max: 1 } };
    expect(parseCommandArgs(['f.json', '--json'], one).positionals).toEqual(['f.json']);
    expect(issues([], one)).toEqual([
      { code: 'MISSING_ARGUMENT', option: undefined, message: '缺少参数 missing argument; expected <file>' },
    ]);
    expect(issues(['a', 'b'], one)[0]!.message).toBe(
      '多余的参数 unexpected argument "b"; expected at most 1 (<file>)',
    );
  });

  it('reports every problem at once, in the order typed', () => {
    expect(
      issues(['--bogus', '--at', '--days', '-.1', '--json=1', '--mode', 'x']).map((i) => i.code),
    ).toEqual([
      'UNKNOWN_OPTION',
      'MISSING_VALUE',
      'VALUE_LOOKS_LIKE_OPTION',
      'UNEXPECTED_VALUE',
      'BAD_CHOICE',
    ]);
  });

  it('expectedForm shows what an option takes', () => {
    expect(expectedForm('json', { type: 'boolean' })).toBe('--json');
    expect(expectedForm('mode', { type: 'string', choices: ['warn', 'refuse'] })).toBe('--mode warn|refuse');
    expect(expectedForm('x', { type: 'string' })).toBe('-x <value>');
  });
});

describe('reportArgsError', () => {
  it('prints one "yishi <command>:" line per problem, then the usage, and returns 2', () => {
    let err = '';
    const io: Io = {
      stdout: () => {},
      stderr: (t) => {
        err += t;
      },
      cwd: '.',
      today: () => '2025-06-01',
      isTTY: false,
    };
    let e: unknown;
    try {
      parseCommandArgs(['--at', '--bogus'], SPEC);
    } catch (caught) {
      e = caught;
    }
    expect(reportArgsError(io, 'demo', e as ArgsError, 'USAGE\n')).toBe(2);
    expect(err).toBe(
      'yishi demo: --at: 缺少取值 missing value (--bogus is the next option); expected --at YYYY-MM-DD\n' +
        'yishi demo: --bogus: 未知选项 unknown option; 可用选项 expected one of --at, --days, --tag, --encoding, --mode, --json, --help\n' +
        '\nUSAGE\n',
    );
  });
});
