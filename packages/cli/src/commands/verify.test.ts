import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../index.js';
import { fakeIo, writeNoticeLog } from './verify.fixtures.js';
import { command } from './verify.js';

const log = writeNoticeLog();
afterAll(() => rmSync(log.dir, { recursive: true, force: true }));
const lines = log.text.slice(0, -1).split('\n');

async function verify(...argv: string[]) {
  const io = fakeIo(log.dir);
  const code = await command(argv, io);
  return { code, out: io.out, err: io.err };
}

function write(name: string, text: string) {
  writeFileSync(join(log.dir, name), text);
  return name;
}

describe('yishi verify', () => {
  it('exits 0 with the entry count and the head hash when the chain holds', async () => {
    const r = await verify(log.file);
    const head = JSON.parse(lines.at(-1)!).hash;
    expect(r).toEqual({
      code: 0,
      out: `✓ 已验证 verified ${lines.length} entries: the chain holds; head seq ${lines.length} sha256 ${head}\n`,
      err: '',
    });
    const json = await verify(log.file, '--json');
    expect([json.code, JSON.parse(json.out)]).toEqual([
      0,
      { ok: true, count: lines.length, head: { seq: lines.length, hash: head } },
    ]);
  });

  it('exits 1 naming the line, seq and reason of the first changed entry', async () => {
    const changed = [...lines];
    const at = lines.findIndex((l) => l.includes('面积有误'));
    changed[at] = changed[at]!.replace('面积有误', '面积无误');
    const r = await verify(write('changed.jsonl', `${changed.join('\n')}\n`));
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe(
      `✗ 校验失败 NOT intact: changed.jsonl:${at + 1} (entry seq ${at + 1}): 内容与哈希不符 content does not match its hash`,
    );
    expect(r.out).toContain(`${at} entries before it verified`);
    const json = await verify('changed.jsonl', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, line: at + 1, seq: at + 1, reason: 'hash' });
  });

  it('names a removed entry (seq) and a line that is not JSON (schema)', async () => {
    const removed = lines.filter((_, i) => i !== 4);
    const gap = await verify(write('gap.jsonl', `${removed.join('\n')}\n`));
    expect([gap.code, gap.out.split('\n')[0]]).toEqual([
      1,
      '✗ 校验失败 NOT intact: gap.jsonl:5 (entry seq 5): 序号不连续 entries missing, repeated or out of order',
    ]);
    const cut = [...lines];
    cut[6] = cut[6]!.slice(0, 40);
    const broken = await verify(write('broken.jsonl', `${cut.join('\n')}\n`));
    expect([broken.code, broken.out.split('\n')[0]]).toEqual([
      1,
      '✗ 校验失败 NOT intact: broken.jsonl:7 (entry seq 7): 不是日志条目 not a log entry',
    ]);
  });

  it('names a line that is not in canonical form (a duplicate key shows another actor)', async () => {
    const dup = [...lines];
    dup[2] = dup[2]!.replace('{"actor":', '{"actor":{"id":"mallory","role":"owner"},"actor":');
    const r = await verify(write('dup.jsonl', `${dup.join('\n')}\n`));
    expect([r.code, r.out.split('\n')[0]]).toEqual([
      1,
      '✗ 校验失败 NOT intact: dup.jsonl:3 (entry seq 3): 不是规范格式 not in canonical form (as the engine writes it)',
    ]);
  });

  it('a corrupted byte (invalid UTF-8) is a changed entry, not unreadable input', async () => {
    const bytes = Buffer.from(log.text);
    const at = bytes.indexOf(Buffer.from('面积有误'));
    bytes[at + 1] = 0xff;
    writeFileSync(join(log.dir, 'bytes.jsonl'), bytes);
    const r = await verify('bytes.jsonl');
    const line = lines.findIndex((l) => l.includes('面积有误')) + 1;
    expect([r.code, r.out.split('\n')[0]]).toEqual([
      1,
      `✗ 校验失败 NOT intact: bytes.jsonl:${line} (entry seq ${line}): 内容与哈希不符 content does not match its hash`,
    ]);
  });

  describe('--head and --count: the published head', () => {
    const head = () => JSON.parse(lines.at(-1)!).hash as string;
    const n = lines.length;

    it('exit 0 when the log ends at the published head', async () => {
      const r = await verify(log.file, '--head', head(), '--count', String(n));
      expect([r.code, r.out]).toEqual([
        0,
        `✓ 已验证 verified ${n} entries: the chain holds; head seq ${n} sha256 ${head()}, as published\n`,
      ]);
      expect((await verify(log.file, '--head', head().toUpperCase())).code).toBe(0);
    });

    it('exit 1 when entries were cut off the end (the chain itself still holds)', async () => {
      const cut = write('cut.jsonl', `${lines.slice(0, -2).join('\n')}\n`);
      expect((await verify(cut)).code).toBe(0);
      const r = await verify(cut, '--head', head());
      expect(r.code).toBe(1);
      expect(r.out).toBe(
        `✗ 与公布的不符 NOT the published log: cut.jsonl: the chain holds, but the log (${n - 2} entries, ` +
          `head sha256 ${JSON.parse(lines.at(-3)!).hash}) is not the published one (head sha256 ${head()}): ` +
          'the published head is not in this log: it was rewritten (re-hashed) or is another log\n',
      );
      const byCount = await verify(cut, '--count', String(n));
      expect([byCount.code, byCount.out]).toEqual([
        1,
        expect.stringContaining('entries were cut off the end'),
      ]);
      const json = await verify(cut, '--head', head(), '--count', String(n), '--json');
      expect([json.code, JSON.parse(json.out)]).toEqual([
        1,
        expect.objectContaining({
          ok: false,
          reason: 'head',
          count: n - 2,
          published: { hash: head(), count: n },
        }),
      ]);
    });

    it('exit 1 for a log that grew after the published head, naming where that head is', async () => {
      const earlier = JSON.parse(lines[n - 3]!).hash;
      const r = await verify(log.file, '--head', earlier);
      expect([r.code, r.out]).toEqual([
        1,
        expect.stringContaining(`the published head is entry seq ${n - 2}; the log has 2 entries after it`),
      ]);
    });

    it('exit 1 for a log re-hashed from a change on (every hash recomputed)', async () => {
      const { appendEntry, canonicalJson } = await import('@yishi/core/engine');
      let prev: { seq: number; hash: string } | null = null;
      const rehashed = lines.map((l) => {
        const e = JSON.parse(l);
        if (e.seq === 2) e.channel = 'paper';
        const next = appendEntry(prev, e);
        prev = next;
        return canonicalJson(next);
      });
      const file = write('rehashed.jsonl', `${rehashed.join('\n')}\n`);
      expect((await verify(file)).code).toBe(0);
      const r = await verify(file, '--head', head(), '--count', String(n));
      expect(r.code).toBe(1);
      expect(r.out).toContain('the published head is not in this log');
    });

    it.each([
      [['--head', 'abc'], '--head must be a SHA-256 (64 hex digits), got "abc"'],
      [['--count', '1.5'], '--count must be a whole number of entries, got "1.5"'],
      [['--head'], 'yishi verify: --head: 缺少取值 missing value; expected --head <sha256>'],
      [['--count', '-3'], '--count must be a whole number of entries, got "-3"'],
      [['--count=-3'], '--count must be a whole number of entries, got "-3"'],
      [
        ['--head', 'a', '--head', 'b'],
        'yishi verify: --head: 只能给一次 given 2 times ("a", "b"); expected it once',
      ],
    ])('%j → exit 2', async (flags, message) => {
      const r = await verify(log.file, ...flags);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toContain(message);
      for (const raw of ['ERR_PARSE_ARGS', 'TypeError', "Unknown option '", "Option '"]) {
        expect(r.err).not.toContain(raw);
      }
    });
  });

  it('an empty log holds (0 entries)', async () => {
    expect(await verify(write('empty.jsonl', ''))).toMatchObject({
      code: 0,
      out: '✓ 已验证 verified 0 entries: the chain holds\n',
    });
  });

  it.each([
    [['missing.jsonl'], 'yishi verify: cannot read missing.jsonl: no such file'],
    [['.'], 'yishi verify: cannot read .: is a directory'],
    [[], 'yishi verify: 缺少日志文件 a log file is required; expected yishi verify <log.jsonl>'],
    [['a.jsonl', 'b.jsonl'], 'yishi verify: 只能给一个日志文件 expected one log file, got 2'],
    [['log.jsonl', '--fast'], 'yishi verify: --fast: 未知选项 unknown option'],
    [['log.jsonl', '--jsn'], 'yishi verify: --jsn: 未知选项 unknown option; 是否想用 did you mean --json?'],
    [['log.jsonl', '--json=yes'], 'yishi verify: --json: 不接受取值 takes no value, got "yes"'],
  ])('%j → exit 2', async (argv, message) => {
    const r = await verify(...argv);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain(message);
    for (const raw of [
      'ERR_PARSE_ARGS',
      'TypeError',
      "Unknown option '",
      "Unexpected argument '",
      "Option '",
    ]) {
      expect(r.err).not.toContain(raw);
    }
  });

  it('--help prints the usage even without a log file', async () => {
    const r = await verify('--help');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('yishi verify <log.jsonl>');
  });

  it('is registered in the yishi command', async () => {
    const io = fakeIo(log.dir);
    expect(await main(['verify', log.file], io)).toBe(0);
    expect(io.out).toContain(`verified ${lines.length} entries`);
  });
});
