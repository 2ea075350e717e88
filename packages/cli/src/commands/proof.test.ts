/**
 * The proof commands end to end, on the example project's log: migrate it, anchor it, issue a
 * receipt for a paper ballot, then rewrite that ballot and re-hash the stream, as someone with
 * write access to the database could — `verify --anchor` and `verify-receipt` must both catch it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '@yishi/core/engine';
import { appendStreamEntry, type StreamEntry, type StreamHead } from '@yishi/core/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../index.js';
import { fakeIo } from './verify.fixtures.js';

const EXAMPLE = join(import.meta.dirname, '../../../../examples/project/project-log.jsonl');
/** RFC 8032 TEST 1: the committee's key (seed and public key). */
const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PUB = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const OTHER_PUB = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c';

const dir = mkdtempSync(join(tmpdir(), 'yishi-proof-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function yishi(...argv: string[]) {
  const io = fakeIo(dir);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const entriesOf = (name: string) =>
  read(name)
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as StreamEntry);
const jsonl = (es: readonly StreamEntry[]) => es.map((e) => `${canonicalJson(e)}\n`).join('');

/** The stream with the entry at `version` changed and every later hash recomputed. */
function rewrite(
  es: readonly StreamEntry[],
  version: number,
  change: (ev: StreamEntry['event']) => StreamEntry['event'],
) {
  let head: StreamHead | null = null;
  return es.map((e) => {
    const next =
      e.version < version
        ? e
        : appendStreamEntry(e.stream, head, {
            ...e,
            event: e.version === version ? change(e.event) : e.event,
          });
    head = { version: next.version, hash: next.hash };
    return next;
  });
}

let ballot: StreamEntry;
beforeAll(async () => {
  copyFileSync(EXAMPLE, join(dir, 'v1.jsonl'));
  expect((await yishi('migrate', 'v1.jsonl', '--out', 'streams.jsonl')).code).toBe(0);
  ballot = entriesOf('streams.jsonl').find((e) => e.event.type === 'CAST_BALLOT')!;
});

describe('yishi migrate', () => {
  it('converts the example log into one stream, provenance first, and never overwrites', async () => {
    const v1 = read('v1.jsonl').trim().split('\n');
    const head = JSON.parse(v1.at(-1)!) as { hash: string };
    const streams = entriesOf('streams.jsonl');
    expect(streams.length).toBe(v1.length + 1);
    expect(streams[0]!.event).toEqual({
      type: 'MIGRATED',
      from: { v: 1, seq: 559, hash: head.hash },
      entries: 559,
    });
    const again = await yishi('migrate', 'v1.jsonl', '--out', 'streams.jsonl');
    expect([again.code, again.err.split('\n')[0]]).toEqual([
      2,
      `yishi migrate: ${join(dir, 'streams.jsonl')} exists: not overwritten`,
    ]);
    const perStream = await yishi('migrate', 'v1.jsonl', '--out', 'by-stream', '--json');
    expect(perStream.code).toBe(0);
    expect(JSON.parse(perStream.out)).toMatchObject({
      ok: true,
      files: [join('by-stream', 'default.jsonl')],
    });
    expect(read('by-stream/default.jsonl')).toBe(read('streams.jsonl'));
  });

  it('refuses a broken v1 log (exit 1, nothing written) and a v2 log (exit 2)', async () => {
    const lines = read('v1.jsonl').split('\n');
    lines[9] = lines[9]!.replace('"at":', '"at":1');
    const r = await yishi('migrate', write('broken.jsonl', lines.join('\n')), '--out', 'broken-out.jsonl');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^✗ LOG_TAMPERED: the version 1 log does not verify, nothing converted: /);
    expect(() => read('broken-out.jsonl')).toThrow();
    expect((await yishi('migrate', 'streams.jsonl', '--out', 'x.jsonl')).err).toMatch(
      /already a version 2 log/,
    );
  });
});

describe('yishi verify (version 2), anchor, receipt, verify-receipt', () => {
  it('verifies the streams, signs an anchor, and checks the log against it', async () => {
    const v = await yishi('verify', 'streams.jsonl');
    expect(v.code).toBe(0);
    expect(v.out).toMatch(
      /^✓ 已验证 verified 560 entries in 1 stream: every chain holds\n {2}"default" version 560 sha256 [0-9a-f]{64}\n$/,
    );
    const a = await yishi(
      'anchor',
      'streams.jsonl',
      '--key',
      SEED,
      '--at',
      '2025-06-01T18:00+08:00',
      '--out',
      'anchor.json',
    );
    expect([a.code, a.err]).toEqual([0, '']);
    expect(JSON.parse(read('anchor.json'))).toMatchObject({
      v: 1,
      at: Date.UTC(2025, 5, 1, 10),
      heads: [{ stream: 'default', version: 560 }],
    });
    const ok = await yishi('verify', 'streams.jsonl', '--anchor', 'anchor.json', '--key', PUB);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('✓ 与锚点相符 as anchored: anchor.json (2025-06-01T10:00:00.000Z');
    // the key as a PEM file works the same; another key does not
    const pem = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const wrong = await yishi(
      'verify',
      'streams.jsonl',
      '--anchor',
      'anchor.json',
      '--key',
      write('other.pem', pem),
    );
    expect([wrong.code, wrong.out]).toEqual([
      1,
      expect.stringMatching(/^✗ 锚点无效 INVALID anchor anchor\.json: the anchor was signed with key/),
    ]);
  });

  it('issues a receipt for a ballot that reveals nothing of it, and verifies it', async () => {
    const r = await yishi(
      'receipt',
      'streams.jsonl',
      '--stream',
      'default',
      '--version',
      String(ballot.version),
      '--key',
      SEED,
      '--at',
      '1747372080000',
      '--out',
      'receipt.json',
    );
    expect([r.code, r.err]).toEqual([0, '']);
    const receipt = JSON.parse(read('receipt.json'));
    expect(receipt).toMatchObject({
      v: 1,
      stream: 'default',
      version: ballot.version,
      hash: ballot.hash,
      head: { version: ballot.version, hash: ballot.hash },
    });
    expect(read('receipt.json')).not.toContain(String(ballot.event.owner));
    const v = await yishi(
      'verify-receipt',
      'receipt.json',
      'streams.jsonl',
      '--key',
      PUB,
      '--anchor',
      'anchor.json',
    );
    expect(v.code).toBe(0);
    expect(v.out).toContain(
      `✓ 回执有效 receipt holds: stream "default" version ${ballot.version} sha256 ${ballot.hash}`,
    );
    expect(v.out).toContain('and on to the anchor of 2025-06-01T10:00:00.000Z (version 560');
    const json = await yishi('verify-receipt', 'receipt.json', 'streams.jsonl', '--key', PUB, '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      ok: true,
      version: ballot.version,
      head: { at: 1747372080000 },
    });
    const other = await yishi('verify-receipt', 'receipt.json', 'streams.jsonl', '--key', OTHER_PUB);
    expect([other.code, other.out]).toEqual([
      1,
      expect.stringMatching(/^✗ INVALID_RECEIPT: the head was signed with key/),
    ]);
  });

  it('tampering: a ballot rewritten and the stream re-hashed fails verify --anchor and the voter’s receipt', async () => {
    // an earlier anchor too, taken when the stream was at version 200 (before the ballot)
    write('early.jsonl', jsonl(entriesOf('streams.jsonl').slice(0, 200)));
    await yishi(
      'anchor',
      'early.jsonl',
      '--key',
      SEED,
      '--at',
      '1740000000000',
      '--out',
      'anchor-early.json',
    );
    const forged = rewrite(entriesOf('streams.jsonl'), ballot.version, (ev) => ({
      ...ev,
      choices: [{ choice: 'disagree', itemId: 'fund' }],
    }));
    write('forged.jsonl', jsonl(forged));

    // the chains hold (every hash was recomputed) …
    expect((await yishi('verify', 'forged.jsonl')).code).toBe(0);
    // … but not the anchor published before the rewrite, nor the voter's receipt
    const v = await yishi('verify', 'forged.jsonl', '--anchor', 'anchor.json', '--key', PUB);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(
      /^✗ 与公布的锚点不符 NOT the anchored log: forged\.jsonl: every chain holds, but\n {2}stream "default" version 560: anchor\.json \(2025-06-01T10:00:00\.000Z\) anchored sha256 [0-9a-f]{64}; the log has sha256 [0-9a-f]{64}: the stream was rewritten at or before version 560\n$/,
    );
    const both = await yishi(
      'verify',
      'forged.jsonl',
      '--anchor',
      'anchor-early.json',
      '--anchor',
      'anchor.json',
      '--key',
      PUB,
      '--json',
    );
    expect(both.code).toBe(1);
    expect(JSON.parse(both.out)).toMatchObject({
      ok: false,
      reason: 'anchor',
      anchors: [
        { file: 'anchor-early.json', mismatches: [] },
        { file: 'anchor.json', mismatches: [{ stream: 'default', version: 560 }] },
      ],
      message: expect.stringContaining(
        'rewritten after version 200 (anchor-early.json still matches) and at or before version 560',
      ),
    });
    const r = await yishi('verify-receipt', 'receipt.json', 'forged.jsonl', '--key', PUB);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(
        `^✗ LOG_TAMPERED: stream "default" version ${ballot.version}: its hash is [0-9a-f]{64}, and the receipt says ${ballot.hash}: the stream was rewritten at or before this version\\n$`,
      ),
    );
    // changed without re-hashing: plain verify names the entry itself
    const lines = read('streams.jsonl').split('\n');
    lines[ballot.version - 1] = lines[ballot.version - 1]!.replace('"choice":"agree"', '"choice":"disagree"');
    const plain = await yishi('verify', write('changed.jsonl', lines.join('\n')));
    expect(plain.out.split('\n')[0]).toBe(
      `✗ 校验失败 NOT intact: changed.jsonl:${ballot.version} (stream "default" version ${ballot.version}): 内容与哈希不符 content does not match its hash`,
    );
  });

  it('still verifies version 1 logs, and refuses anchors for them', async () => {
    const v1 = await yishi('verify', 'v1.jsonl', '--count', '559');
    expect([v1.code, v1.out]).toEqual([
      0,
      expect.stringMatching(/^✓ 已验证 verified 559 entries: the chain holds; head seq 559 sha256 58d1562c/),
    ]);
    const a = await yishi('verify', 'v1.jsonl', '--anchor', 'anchor.json', '--key', PUB);
    expect([a.code, a.err.split('\n')[0]]).toEqual([
      2,
      expect.stringMatching(/^yishi verify: v1\.jsonl is not a version 2 log: --anchor and --key/),
    ]);
    const missing = await yishi('verify', 'nowhere.jsonl');
    expect([missing.code, missing.err]).toEqual([
      2,
      'yishi verify: cannot read nowhere.jsonl: no such file\n',
    ]);
    const h = await yishi('verify', 'streams.jsonl', '--head', 'a'.repeat(64));
    expect([h.code, h.err.split('\n')[0]]).toEqual([
      2,
      expect.stringMatching(/--head and --count compare the one head of a version 1 log/),
    ]);
  });

  it('argument errors are yishi’s own, zh-CN and English, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['verify', 'streams.jsonl', '--anchr', 'a.json'],
        /^yishi verify: --anchr: 未知选项 unknown option; 是否想用 did you mean --anchor\?/,
      ],
      [['verify', 'streams.jsonl', '--anchor', 'anchor.json'], /^yishi verify: --anchor needs --key/],
      [
        ['verify-receipt', 'receipt.json'],
        /^yishi verify-receipt: 缺少文件 a receipt and a log are required/,
      ],
      [['verify-receipt', 'receipt.json', 'streams.jsonl'], /^yishi verify-receipt: --key is required/],
      [
        ['verify-receipt', 'receipt.json', 'streams.jsonl', '--key', 'nope.pub'],
        /^yishi verify-receipt: cannot read the key nope\.pub: no such file/,
      ],
      [
        ['verify-receipt', 'receipt.json', 'streams.jsonl', '--key', write('bad.pub', 'xyz')],
        /^yishi verify-receipt: not an Ed25519 public key/,
      ],
      [['migrate', 'v1.jsonl'], /^yishi migrate: --out is required/],
      [['migrate', 'v1.jsonl', '--out'], /^yishi migrate: --out: 缺少取值 missing value/],
      [
        ['anchor', 'streams.jsonl', '--key', SEED, '--at', 'tomorrow'],
        /^yishi anchor: --at must be milliseconds or an ISO 8601 time/,
      ],
      [
        ['receipt', 'streams.jsonl', '--stream', 'default', '--version', '0', '--key', SEED],
        /^yishi receipt: --version must be a whole number ≥ 1/,
      ],
      [
        ['receipt', 'streams.jsonl', '--stream', 'nowhere', '--version', '1', '--key', SEED, '--at', '0'],
        /^yishi receipt: streams\.jsonl has no entry at stream "nowhere" version 1/,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await yishi(...argv);
      expect([r.code, r.err], argv.join(' ')).toEqual([2, expect.stringMatching(message)]);
    }
  });
});
