/**
 * Merkle trees as RFC 6962 §2.1 (Certificate Transparency) defines them, so any CT library can
 * check an anchor's root:
 *
 *   leaf hash  = SHA-256(0x00 || leaf)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH([])    = SHA-256("")
 *   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two below n
 *
 * The 0x00/0x01 prefixes keep a leaf from passing for an inner node (a second-preimage attack);
 * the split rule (not the midpoint) is what makes roots of odd-sized trees agree with other
 * implementations. Proofs are RFC 6962 §2.1.1 audit paths, verified by RFC 9162 §2.1.3.2.
 */
import { sha256 } from '../log/sha256.js';
import { concat, fromHex, toHex } from './bytes.js';

/** That `leaf` is the `index`-th of `size` leaves under a root: the sibling hashes, leaf upwards. */
export interface InclusionProof {
  /** 0-based position of the leaf. */
  index: number;
  /** How many leaves the tree has. */
  size: number;
  /** Sibling hashes from the leaf's level up, each 64 lower-case hex digits. */
  path: string[];
}

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

export const leafHash = (leaf: Uint8Array): Uint8Array => sha256(concat(LEAF, leaf));
const nodeHash = (left: Uint8Array, right: Uint8Array): Uint8Array => sha256(concat(NODE, left, right));

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(hashes: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 1) return hashes[from]!;
  const k = split(n);
  return nodeHash(mth(hashes, from, from + k), mth(hashes, from + k, to));
}

/** The root of the tree over `leaves` (their bytes, not yet hashed), as 64 hex digits. */
export function merkleRoot(leaves: readonly Uint8Array[]): string {
  if (leaves.length === 0) return toHex(sha256(new Uint8Array(0)));
  return toHex(mth(leaves.map(leafHash), 0, leaves.length));
}

/** The audit path of leaf `index` among `leaves` (RFC 6962 §2.1.1 PATH(m, D[n])). */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): InclusionProof {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`inclusionProof: leaf ${index} is not among ${leaves.length} leaves`);
  }
  const hashes = leaves.map(leafHash);
  const path: Uint8Array[] = [];
  const walk = (m: number, from: number, to: number): void => {
    const n = to - from;
    if (n === 1) return;
    const k = split(n);
    if (m < k) {
      walk(m, from, from + k);
      path.push(mth(hashes, from + k, to));
    } else {
      walk(m - k, from + k, to);
      path.push(mth(hashes, from, from + k));
    }
  };
  walk(index, 0, leaves.length);
  return { index, size: leaves.length, path: path.map(toHex) };
}

/** Whether `proof` shows `leaf` (its bytes, not yet hashed) under `root` (RFC 9162 §2.1.3.2). */
export function verifyInclusion(leaf: Uint8Array, proof: InclusionProof, root: string): boolean {
  const { index, size, path } = proof;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!Array.isArray(path)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const hex of path) {
    const p = typeof hex === 'string' && hex.length === 64 ? fromHex(hex) : undefined;
    if (p === undefined || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === root;
}
