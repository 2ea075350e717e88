import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvField, parseCsv, toCsv } from './csv.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  it('splits plain records on LF and CRLF', () => {
    expect(fields('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('accepts a last record without a line break', () => {
    expect(fields('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,,c\n,,\n1,2,\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      ['1', '2', ''],
    ]);
  });

  it('reads quoted fields with commas, escaped quotes and line breaks', () => {
    expect(fields('"a,b","say ""hi""","two\nlines"\n')).toEqual([['a,b', 'say "hi"', 'two\nlines']]);
    expect(fields('"crlf\r\ninside",x\r\n')).toEqual([['crlf\r\ninside', 'x']]);
    expect(fields('"",""""\n')).toEqual([['', '"']]);
  });

  it('strips a UTF-8 byte-order mark', () => {
    const [first] = parseCsv('\uFEFF业主,表决意见\n王建国,同意\n');
    expect(first?.fields).toEqual(['业主', '表决意见']);
  });

  it('skips blank lines and numbers records by the line they start on', () => {
    const records = parseCsv('h1,h2\n\n"multi\nline",x\r\n\r\nlast,y\n');
    expect(records.map((r) => r.line)).toEqual([1, 3, 6]);
    expect(records[1]?.fields).toEqual(['multi\nline', 'x']);
  });

  it('reads an empty file as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(parseCsv('\n\r\n')).toEqual([]);
  });

  it('rejects an unterminated quoted field, naming where it opened', () => {
    try {
      parseCsv('a,b\n1,"open\n2,3\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect((e as CsvSyntaxError).line).toBe(2);
      expect((e as CsvSyntaxError).column).toBe(3);
    }
  });

  it('rejects a quote inside an unquoted field and text after a closing quote', () => {
    expect(() => parseCsv('a,b"c\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('"a"b,c\n')).toThrow(/after a closing quote/);
    try {
      parseCsv('x\ny\nab"c\n');
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(3);
      expect((e as CsvSyntaxError).column).toBe(3);
    }
  });
});

describe('toCsv / csvField', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['id', 'note'],
      ['1-101', 'has, comma'],
      ['1-102', 'has "quotes"\nand a line break'],
      ['1-201', ''],
    ];
    const text = toCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(fields(text)).toEqual(rows);
  });
});
