import { describe, expect, it } from 'vitest';
import { ArgsError, parseCommandArgs } from './args.js';
import { CALENDAR_OPTIONS, ENCODINGS, INPUT_OPTIONS, loadOptionsFrom } from './inputOptions.js';

const spec = { command: 'demo', options: { ...INPUT_OPTIONS, ...CALENDAR_OPTIONS } } as const;
const parse = (...argv: string[]) => parseCommandArgs(argv, spec).values;
const refused = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (e) {
    if (e instanceof ArgsError) return e.issues.map((i) => i.message);
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('shared input options', () => {
  it('--encoding: the listed encodings in any case, lower-cased for the loaders', () => {
    expect(ENCODINGS).toEqual(
      expect.arrayContaining(['utf-8', 'utf8', 'gb18030', 'gbk', 'gb2312', 'utf-16le', 'utf16le']),
    );
    for (const e of [...ENCODINGS, 'UTF-8', 'GBK', 'Gb18030', 'UTF-16LE']) {
      expect(loadOptionsFrom(parse('--encoding', e))).toEqual({ encoding: e.toLowerCase() });
    }
    expect(refused('--encoding', 'latin1')).toEqual([
      `--encoding: 不支持的取值 unsupported value "latin1"; expected one of ${ENCODINGS.join('|')}`,
    ]);
    // UTF-16 big-endian is read too (Excel never writes it without a byte-order mark)
    expect(loadOptionsFrom(parse('--encoding', 'utf-16be'))).toEqual({ encoding: 'utf-16be' });
  });

  it('--key-collisions warn|refuse (exactly), --sheet by name or index', () => {
    expect(loadOptionsFrom(parse('--key-collisions', 'refuse', '--sheet', '2'))).toEqual({
      keyCollisions: 'refuse',
      sheet: '2',
    });
    expect(refused('--key-collisions', 'Refuse')[0]).toBe(
      '--key-collisions: 不支持的取值 unsupported value "Refuse"; expected one of warn|refuse',
    );
    expect(loadOptionsFrom(parse())).toEqual({});
  });

  it('--holidays <file> and --provisional are read for the calendar commands', () => {
    expect(parse('--holidays', 'holidays-2027.json', '--provisional')).toEqual({
      holidays: 'holidays-2027.json',
      provisional: true,
    });
    expect(refused('--holidays')[0]).toBe('--holidays: 缺少取值 missing value; expected --holidays <file>');
  });
});
