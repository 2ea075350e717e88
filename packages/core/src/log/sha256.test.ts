import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { findNativeSha256Hex, portableSha256Hex, sha256, sha256Hex, sha256Implementation } from './sha256.js';

const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Text of every kind: any code unit (lone surrogates too), CJK, emoji. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('a', '议', '😀', '\ud800', '\udfff', '\u0000', '"'), maxLength: 200 }),
);

const EXAMPLE_LOG = new URL('../../../../examples/project/project-log.jsonl', import.meta.url);

describe('sha256', () => {
  it('matches the FIPS 180-4 vectors', () => {
    for (const hex of [sha256Hex, portableSha256Hex]) {
      expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
        '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
      );
    }
  });

  it('uses node:crypto in Node', () => {
    expect(sha256Implementation()).toBe('node:crypto');
  });

  it('both implementations match node:crypto on any text, across block boundaries (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(sha256Hex(s)).toBe(node(s));
        expect(portableSha256Hex(s)).toBe(node(s));
      }),
      { numRuns: 500 },
    );
    // every padding case: messages of 0 … 200 bytes, and 3-byte characters over block edges
    for (let n = 0; n <= 200; n++) expect(portableSha256Hex('x'.repeat(n))).toBe(node('x'.repeat(n)));
    for (let n = 50; n < 140; n++) expect(portableSha256Hex('议'.repeat(n))).toBe(node('议'.repeat(n)));
  });

  it('the portable one hashes long texts too (past its kept buffer), and bytes', () => {
    for (const n of [20_000, 70_000, 300_000]) {
      const s = '议事a'.repeat(n).slice(0, n);
      expect(portableSha256Hex(s)).toBe(node(s));
    }
    // a short one after a long one: the kept buffer holds no stale bytes
    expect(portableSha256Hex('abc')).toBe(node('abc'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const want = createHash('sha256').update(bytes).digest('hex');
        expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(want);
      }),
      { numRuns: 200 },
    );
  });

  it('takes the runtime crypto only when it is there and hashes right', () => {
    expect(findNativeSha256Hex(globalThis)?.('abc')).toBe(node('abc'));
    // a browser, a bundler's process shim, Node 20.12–20.15 (no getBuiltinModule)
    expect(findNativeSha256Hex({})).toBeUndefined();
    expect(findNativeSha256Hex(null)).toBeUndefined();
    expect(findNativeSha256Hex({ process: { env: {} } })).toBeUndefined();
    expect(findNativeSha256Hex({ process: { getBuiltinModule: () => undefined } })).toBeUndefined();
    expect(
      findNativeSha256Hex({
        process: {
          getBuiltinModule: () => {
            throw new Error('no such module');
          },
        },
      }),
    ).toBeUndefined();
    // a module that answers wrongly is not trusted
    const wrong = { createHash: () => ({ update: () => ({ digest: () => '00'.repeat(32) }) }) };
    expect(findNativeSha256Hex({ process: { getBuiltinModule: () => wrong } })).toBeUndefined();
    // one without the one-shot `hash` (older Node) falls back to createHash
    const hashless = { createHash };
    expect(findNativeSha256Hex({ process: { getBuiltinModule: () => hashless } })?.('议事')).toBe(
      node('议事'),
    );
  });

  it('with the runtime crypto hidden, as in a browser, hashes alike and existing logs verify', async () => {
    const proc = process as { getBuiltinModule?: unknown };
    const original = proc.getBuiltinModule;
    vi.resetModules();
    proc.getBuiltinModule = undefined;
    try {
      const fresh = await import('./sha256.js');
      const { verifyJsonl } = await import('./jsonl.js');
      const fromFile = readFileSync(EXAMPLE_LOG, 'utf8');
      // the first hash of the fresh modules is taken here, so they choose the portable one
      expect(verifyJsonl(fromFile)).toMatchObject({ ok: true });
      expect(fresh.sha256Implementation()).toBe('portable');
      fc.assert(
        fc.property(anyText, (s) => {
          expect(fresh.sha256Hex(s)).toBe(node(s));
        }),
        { numRuns: 300 },
      );
    } finally {
      proc.getBuiltinModule = original;
      vi.resetModules();
    }
  });
});
