import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, ENCODING_NAMES, parseEncoding } from './decode.js';
import { formatIssue } from './issues.js';
import { parseBallots, parseUnitRegistry } from './parse.js';

// Names whose GBK bytes are each invalid UTF-8: read as UTF-8 they all become "\uFFFD" × 4.
const OWNERS = ['王芳', '李娜', '赵敏', '孙丽', '刘洋', '黄艳'];

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    return (e as { issues: { message: string }[] }).issues.map((i) => formatIssue(i));
  }
  throw new Error('expected a refusal');
}

async function refused(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    const issues = (e as { issues?: unknown[] }).issues;
    if (!issues) throw e;
    return issues.map((i) => formatIssue(i as never));
  }
  throw new Error('expected a refusal');
}

const unitsCsv = `房号,楼栋,面积,业主\r\n${OWNERS.map((o, i) => `1-10${i + 1},1,80.00,${o}`).join('\r\n')}\r\n`;

describe('decodeText: the encodings Chinese offices produce', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    const bytes = new TextEncoder().encode('业主,张三');
    expect(decodeText(bytes, 'f.csv')).toEqual({ text: '业主,张三', encoding: 'utf-8', by: 'detected' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(decodeText(bom, 'f.csv')).toEqual({ text: '业主,张三', encoding: 'utf-8', by: 'bom' });
  });

  it('reads UTF-16 LE and BE with a byte-order mark', () => {
    const le = iconv.encode('业主\t张三', 'utf-16le', { addBOM: true });
    expect(decodeText(le, 'f.txt')).toEqual({ text: '业主\t张三', encoding: 'utf-16le', by: 'bom' });
    const be = iconv.encode('业主\t张三', 'utf-16be', { addBOM: true });
    expect(decodeText(be, 'f.txt').text).toBe('业主\t张三');
  });

  it('detects GBK as GB18030, including four-byte GB18030 characters', () => {
    expect(decodeText(iconv.encode('业主,张三', 'gbk'), 'f.csv')).toEqual({
      text: '业主,张三',
      encoding: 'gb18030',
      by: 'detected',
    });
    // 𠀀 (U+20000) and € are four-byte / two-byte in GB18030
    const text = '𠀀€䶵';
    expect(decodeText(iconv.encode(text, 'gb18030'), 'f.csv').text).toBe(text);
  });

  it('obeys an explicit encoding, and refuses bytes that are not in it with the line and column', () => {
    const gbk = iconv.encode('业主\n张三', 'gbk');
    expect(decodeText(gbk, 'f.csv', 'gbk').text).toBe('业主\n张三');
    // 业 is D2 B5 in GBK, which happens to be valid UTF-8 (U+04B5); 主 (D6 F7) is not
    expect(problems(() => decodeText(gbk, 'f.csv', 'utf-8'))[0]).toMatch(
      /^f\.csv:1:2: the bytes are not valid utf-8 \(--encoding utf-8\).*got "byte 0xD6 at offset 2"/,
    );
    const mixed = new Uint8Array([...new TextEncoder().encode('ok\nab'), 0xff, 0x0a]);
    expect(problems(() => decodeText(mixed, 'f.csv', 'utf-8'))[0]).toMatch(/^f\.csv:2:3: /);
  });

  it('refuses an explicit encoding the bytes contradict, instead of misreading every name', () => {
    // UTF-8 Chinese read as GB18030 is other characters, not an error: 王五 → 鐜嬩簲
    const utf8 = new TextEncoder().encode('业主\n王五\n李四');
    expect(new TextDecoder('gb18030').decode(utf8)).not.toContain('王五');
    for (const enc of ['gbk', 'gb18030'] as const) {
      expect(problems(() => decodeText(utf8, 'f.csv', enc))[0]).toMatch(
        new RegExp(
          `^f\\.csv: field "encoding": the file is valid UTF-8 with 6 non-ASCII characters.*got "${enc}"`,
        ),
      );
    }
    // ASCII-only text is the same in both: nothing to contradict
    expect(decodeText(new TextEncoder().encode('owner\nwang'), 'f.csv', 'gbk').text).toBe('owner\nwang');
    // a byte-order mark that names another encoding
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(problems(() => decodeText(bom, 'f.csv', 'utf-16le'))[0]).toContain(
      'the file starts with a utf-8 byte-order mark, but --encoding says utf-16le',
    );
    expect(decodeText(bom, 'f.csv', 'utf-8').text).toBe('业主\n王五\n李四');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, saying how to re-save', () => {
    const bad = new Uint8Array([0x61, 0x2c, 0xff, 0x0a]);
    const [msg] = problems(() => decodeText(bad, 'u.csv'));
    expect(msg).toMatch(/^u\.csv:1:3: cannot be read as UTF-8 nor as GB18030\/GBK/);
    expect(msg).toContain('CSV UTF-8 (逗号分隔)');
  });

  it('refuses UTF-16 without a byte-order mark instead of reading NULs', () => {
    const le = iconv.encode('业主\t张三', 'utf-16le');
    expect(problems(() => decodeText(le, 'f.txt'))[0]).toContain('--encoding utf-16le');
    expect(decodeText(le, 'f.txt', 'utf-16le').text).toBe('业主\t张三');
  });

  it('accepts the documented names, case-insensitively', () => {
    expect(parseEncoding('GBK')).toBe('gbk');
    expect(parseEncoding('utf8')).toBe('utf-8');
    expect(parseEncoding('UTF-16LE')).toBe('utf-16le');
    expect(parseEncoding('latin1')).toBeUndefined();
    expect(ENCODING_NAMES).toContain('gb18030');
  });
});

describe('a GBK register from Excel on Chinese Windows (issue 8)', () => {
  it('keeps six different owners six owners', async () => {
    const bytes = iconv.encode(unitsCsv, 'gbk');
    // What the old reader did: UTF-8 with replacement characters merges all six names.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    expect(
      new Set(
        lossy
          .split('\r\n')
          .slice(1, 7)
          .map((l) => l.split(',')[3]),
      ).size,
    ).toBe(1);
    const { data, source } = await parseUnitRegistry(bytes, 'units.csv');
    expect(source.encoding).toBe('gb18030');
    expect(data.units.map((u) => u.owner)).toEqual(OWNERS);
    expect(new Set(data.units.map((u) => u.owner)).size).toBe(6);
  });

  it('reads Excel "Unicode text": tab-separated UTF-16 LE', async () => {
    const tsv = unitsCsv.replaceAll(',', '\t');
    const { data } = await parseUnitRegistry(iconv.encode(tsv, 'utf-16le', { addBOM: true }), 'units.txt');
    expect(data.units.map((u) => u.owner)).toEqual(OWNERS);
  });

  it('reads GBK when told so with the encoding option', async () => {
    const ballots = `业主,表决意见\r\n${OWNERS.map((o) => `${o},同意`).join('\r\n')}\r\n`;
    const { data } = await parseBallots(iconv.encode(ballots, 'gbk'), 'b.csv', { encoding: 'GBK' });
    expect(data.map((b) => b.owner)).toEqual(OWNERS);
    expect(
      await refused(parseBallots(iconv.encode(ballots, 'gbk'), 'b.csv', { encoding: 'latin1' })),
    ).toEqual([
      'b.csv: field "encoding": unknown encoding; expected one of utf-8, gb18030, gbk, utf-16le, utf-16be, got "latin1"',
    ]);
  });

  it('refuses a file whose identity column already holds U+FFFD, naming line and column', async () => {
    // A file that was once read with replacement characters and saved again as UTF-8.
    const damaged = new TextEncoder().encode(
      '房号,楼栋,面积,业主\n1-101,1,80.00,\uFFFD\uFFFD\n1-102,1,80.00,李四\n',
    );
    const msgs = await refused(parseUnitRegistry(damaged, 'units.csv'));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^units\.csv:2:4: field "owner": contains U\+FFFD replacement characters/);
    expect(msgs[0]).toContain('另存为');
    expect(msgs[0]).toContain('--encoding gb18030');
    const json = new TextEncoder().encode('[{"owner":"\uFFFD\uFFFD","choice":"agree"}]');
    expect((await refused(parseBallots(json, 'b.json')))[0]).toMatch(
      /^b\.json:1:11: \[0\]: field "owner": contains U\+FFFD/,
    );
  });
});

describe('UTF-8 with a damaged byte is not taken for GB18030', () => {
  const names = '王建国,李秀英,张伟,刘洋,陈静,杨帆,赵磊,黄敏,周杰,吴芳';
  it('refuses it, naming the line and column of the bad byte', () => {
    const good = new TextEncoder().encode('业主,表决意见\n王芳,同意\n李娜,反对\n');
    // one stray byte before the last line break
    const bad = new Uint8Array([...good.subarray(0, good.length - 1), 0x80, 0x0a]);
    // as GB18030 it "decodes" without complaint, into nonsense
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(bad)).not.toThrow();
    const [msg] = problems(() => decodeText(bad, 'u.csv'));
    expect(msg).toMatch(
      /^u\.csv:3:6: the file is UTF-8 \(14 characters\) but has 1 invalid byte sequence, the first here/,
    );
    expect(msg).toContain(`got "byte 0x80 at offset ${good.length - 1}"`);
  });
  it('still reads real GBK, whose bytes are mostly invalid UTF-8', () => {
    expect(decodeText(iconv.encode(names, 'gbk'), 'u.csv')).toMatchObject({
      text: names,
      encoding: 'gb18030',
    });
    expect(decodeText(iconv.encode(OWNERS.join(','), 'gbk'), 'u.csv').encoding).toBe('gb18030');
  });
});
