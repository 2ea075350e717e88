import { describe, expect, it } from 'vitest';
import { fromHex, utf8 } from './bytes.js';
import { inclusionProof, merkleRoot, verifyInclusion } from './merkle.js';

// RFC 6962 reference data, as the Certificate Transparency implementations test with it
// (transparency-dev/merkle testonly/constants.go): leaves, the root of the first n, two proofs.
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => fromHex(h)!);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('merkle (RFC 6962)', () => {
  it('gives the reference roots for 0 to 8 leaves (odd sizes split at a power of two)', () => {
    for (let n = 0; n <= 8; n++) expect(merkleRoot(CT_LEAVES.slice(0, n)), `${n} leaves`).toBe(CT_ROOTS[n]);
  });

  it('gives the reference inclusion proofs', () => {
    expect(inclusionProof(CT_LEAVES, 0)).toEqual({
      index: 0,
      size: 8,
      path: [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    });
    expect(inclusionProof(CT_LEAVES, 5).path).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('one leaf: the root is its leaf hash and the proof is empty', () => {
    const leaf = utf8('{"hash":"ab","stream":"s","version":1}');
    const proof = inclusionProof([leaf], 0);
    expect(proof).toEqual({ index: 0, size: 1, path: [] });
    expect(verifyInclusion(leaf, proof, merkleRoot([leaf]))).toBe(true);
  });

  it('every leaf of every tree up to 21 leaves proves its place, and only its own', () => {
    for (let n = 1; n <= 21; n++) {
      const leaves = Array.from({ length: n }, (_, i) => utf8(`leaf ${i}`));
      const root = merkleRoot(leaves);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion(leaves[i]!, proof, root), `${i} of ${n}`).toBe(true);
        // another leaf or another position: refused. (The size is not bound by the root alone,
        // as in RFC 6962, where the signed tree head carries it; an anchor signs its heads.)
        expect(verifyInclusion(utf8(`leaf ${i}!`), proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, { ...proof, index: (i + 1) % n }, root)).toBe(false);
      }
    }
  });

  it('tampering: a changed leaf changes the root, and a changed path or root is refused', () => {
    const leaves = Array.from({ length: 7 }, (_, i) => utf8(`head ${i}`));
    const root = merkleRoot(leaves);
    const changed = [...leaves];
    changed[3] = utf8('head 3 rewritten');
    expect(merkleRoot(changed)).not.toBe(root);
    const proof = inclusionProof(leaves, 3);
    const flipped = proof.path.map((h, i) => (i === 1 ? `${h[0] === '0' ? '1' : '0'}${h.slice(1)}` : h));
    expect(verifyInclusion(leaves[3]!, { ...proof, path: flipped }, root)).toBe(false);
    expect(verifyInclusion(leaves[3]!, { ...proof, path: proof.path.slice(1) }, root)).toBe(false);
    expect(verifyInclusion(leaves[3]!, { ...proof, path: [...proof.path, proof.path[0]!] }, root)).toBe(
      false,
    );
    expect(verifyInclusion(leaves[3]!, { ...proof, path: ['zz'] }, root)).toBe(false);
    expect(verifyInclusion(leaves[3]!, proof, merkleRoot(changed))).toBe(false);
    // a leaf cannot pass for an inner node (the 0x00 / 0x01 prefixes)
    expect(merkleRoot([leaves[0]!, leaves[1]!])).not.toBe(merkleRoot([utf8('x')]));
    expect(() => inclusionProof(leaves, 7)).toThrow(RangeError);
  });
});
