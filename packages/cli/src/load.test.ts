import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './index.js';
import type { Io } from './io.js';
import { ENCODINGS } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-cli-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
    today: () => '2025-06-01',
    isTTY: false,
  };
}

// Six owners whose GBK names all read as "\uFFFD" × 4 if the bytes were taken for UTF-8.
const OWNERS = ['王芳', '李娜', '赵敏', '孙丽', '刘洋', '黄艳'];
const tally = [
  'tally',
  '--registry',
  'units.csv',
  '--ballots',
  'ballots.csv',
  '--policy',
  'cn-national',
  '--matter',
  'hireManager',
  '--at',
  '2025-06-01',
  '--json',
];

describe('yishi tally on files Excel saved on Chinese Windows (GBK)', () => {
  it('counts six owners, so one ballot is no quorum (it used to merge them into one who "passed")', async () => {
    writeFileSync(
      join(dir, 'units.csv'),
      iconv.encode(
        `房号,楼栋,面积,业主\r\n${OWNERS.map((o, i) => `1-10${i + 1},1,80.00,${o}`).join('\r\n')}\r\n`,
        'gbk',
      ),
    );
    writeFileSync(join(dir, 'ballots.csv'), iconv.encode('业主,表决意见\r\n王芳,同意\r\n', 'gbk'));
    const io = fakeIo();
    expect(await main(tally, io)).toBe(0);
    const r = JSON.parse(io.out.join(''));
    expect(r.counts.total).toEqual({ area: '480.00', owners: 6 });
    expect(r.quorumMet).toBe(false);
    expect(r.passed).toBe(false);
  });

  it('prints key collisions as warnings on stderr and still counts', async () => {
    writeFileSync(join(dir, 'units.csv'), 'id,building,area,owner\n1-101,1,80.00,A1\n1-102,1,80.00,a1\n');
    writeFileSync(join(dir, 'ballots.csv'), 'owner,choice\nA1,agree\na1,agree\n');
    const io = fakeIo();
    expect(await main(tally, io)).toBe(0);
    expect(io.err.join('')).toContain(
      'yishi tally: 警告 warning: units.csv:3: field "owner": owner "a1" differs from owner "A1" (at line 2) only by case',
    );
    expect(io.err.join('')).toContain('yishi tally: 警告 warning: ballots.csv:3: field "owner"');
  });

  it('re-exports the accepted encodings for --encoding', () => {
    expect(ENCODINGS).toContain('gb18030');
  });
});
