import { describe, expect, it } from 'vitest';
import { isYishiError } from '../errors/YishiError.js';
import {
  anchorInclusion,
  anchorMessage,
  headLeaf,
  makeAnchor,
  verifyAnchor,
  verifyAnchorInclusion,
} from './anchor.js';
import { fromHex } from './bytes.js';
import { nodeEd25519, webCryptoEd25519 } from './ed25519.js';
import { keyIdOf } from './keys.js';
import { merkleRoot } from './merkle.js';
import { KEY, OTHER_KEY } from './proof.testkit.js';

const node = nodeEd25519()!;
const web = webCryptoEd25519()!;
const h = (stream: string, version: number, c: string) => ({ stream, version, hash: c.repeat(64) });
const HEADS = [h('村-b', 3, 'b'), h('a', 12, 'a'), h('😀', 1, 'c'), h('\uff5e', 2, 'd'), h('A', 7, 'e')];
const AT = 1_767_225_600_000;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return isYishiError(e) ? `${e.code}: ${e.message}` : String(e);
  }
}

describe('anchors', () => {
  it('sorts heads by code point, roots them, signs them; both implementations verify it', async () => {
    const anchor = await makeAnchor(HEADS, AT, await node.signer(KEY.seed));
    // U+FF5E < U+1F600 by code point (by UTF-16 units it would be the other way round)
    expect(anchor.heads.map((x) => x.stream)).toEqual(['A', 'a', '村-b', '\uff5e', '😀']);
    expect(anchor.root).toBe(merkleRoot(anchor.heads.map(headLeaf)));
    expect(anchor.keyId).toBe(keyIdOf(KEY.pub));
    expect(anchor.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(await verifyAnchor(JSON.parse(JSON.stringify(anchor)), KEY.pub, node)).toEqual(anchor);
    expect(await verifyAnchor(anchor, KEY.pub, web)).toEqual(anchor);
    // and the signature is over JCS of the anchor without it (checked here independently)
    expect(await web.verify(fromHex(KEY.pub)!, anchorMessage(anchor), fromHex(anchor.signature)!)).toBe(true);
    // WebCrypto signs the same bytes (Ed25519 is deterministic)
    expect(await makeAnchor(HEADS, AT, await web.signer(KEY.seed))).toEqual(anchor);
  });

  it('refuses a changed anchor, another key, and malformed ones (INVALID_ANCHOR)', async () => {
    const anchor = await makeAnchor(HEADS, AT, await node.signer(KEY.seed));
    const changedHead = {
      ...anchor,
      heads: anchor.heads.map((x, i) => (i === 1 ? { ...x, version: 13 } : x)),
    };
    expect(await codeOf(verifyAnchor(changedHead, KEY.pub))).toMatch(/^INVALID_ANCHOR: the root is not/);
    const rerooted = { ...changedHead, root: merkleRoot(changedHead.heads.map(headLeaf)) };
    expect(await codeOf(verifyAnchor(rerooted, KEY.pub))).toMatch(
      /^INVALID_ANCHOR: the signature does not verify/,
    );
    expect(await codeOf(verifyAnchor({ ...anchor, at: AT + 1 }, KEY.pub))).toMatch(
      /signature does not verify/,
    );
    expect(await codeOf(verifyAnchor(anchor, OTHER_KEY.pub))).toMatch(
      /signed with key [0-9a-f]{16}, not with the key given/,
    );
    const unsorted = { ...anchor, heads: [anchor.heads[1], anchor.heads[0], ...anchor.heads.slice(2)] };
    expect(await codeOf(verifyAnchor(unsorted, KEY.pub))).toMatch(/not sorted by stream/);
    expect(await codeOf(verifyAnchor({ ...anchor, v: 2 }, KEY.pub))).toMatch(
      /^INVALID_ANCHOR: not an anchor: v/,
    );
    expect(await codeOf(verifyAnchor({ ...anchor, extra: 1 }, KEY.pub))).toMatch(
      /^INVALID_ANCHOR: not an anchor/,
    );
    expect(
      await codeOf(makeAnchor([h('a', 1, 'a'), h('a', 2, 'b')], AT, await node.signer(KEY.seed))),
    ).toMatch(/stream "a" has two heads/);
  });

  it('proves one stream head is in an anchor without the others', async () => {
    const anchor = await makeAnchor(HEADS, AT, await node.signer(KEY.seed));
    for (const { stream } of HEADS) {
      const inc = anchorInclusion(anchor, stream)!;
      expect(inc.head.stream).toBe(stream);
      expect(verifyAnchorInclusion(inc)).toBe(true);
      expect(verifyAnchorInclusion({ ...inc, head: { ...inc.head, version: inc.head.version + 1 } })).toBe(
        false,
      );
    }
    expect(anchorInclusion(anchor, 'nowhere')).toBeUndefined();
    const one = await makeAnchor([h('only', 4, 'f')], AT, await node.signer(KEY.seed));
    expect(verifyAnchorInclusion(anchorInclusion(one, 'only')!)).toBe(true);
  });
});
