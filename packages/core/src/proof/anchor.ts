/**
 * An anchor: the heads of every stream at one moment, under one Merkle root, signed. Published
 * (on the notice board, to the subdistrict, in the minutes), it fixes each stream up to its head:
 * a stream re-hashed after the anchor no longer reaches the anchored hash at that version.
 *
 *   { v: 1, at, heads: [{ stream, version, hash }], root, keyId, signature }
 *
 * - `heads` sorted by stream id, by Unicode code point; each stream once;
 * - `root` = RFC 6962 Merkle root over the UTF-8 bytes of JCS(head), in that order (merkle.ts), so
 *   one stream's head can be shown to be in an anchor without the others (`anchorInclusion`);
 * - `keyId` = keyIdOf(public key) (keys.ts); `signature` = Ed25519 over the UTF-8 bytes of
 *   JCS(anchor without `signature`), 128 lower-case hex digits.
 */
import { z } from 'zod';
import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { StreamId } from '../log/streamEntry.js';
import { compareCodePoints } from '../store/checkBatch.js';
import { fromHex, toHex, utf8 } from './bytes.js';
import { ed25519, type Signer, type Verifier } from './ed25519.js';
import { keyIdOf, parsePublicKey } from './keys.js';
import { type InclusionProof, inclusionProof, merkleRoot, verifyInclusion } from './merkle.js';

export const ANCHOR_VERSION = 1;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (SHA-256)');
export const Signature = z.string().regex(/^[0-9a-f]{128}$/, 'expected 128 lower-case hex digits (Ed25519)');
export const KeyId = z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 lower-case hex digits');

/** One stream's head: its last version and that entry's hash. */
export const AnchorHead = z.strictObject({ stream: StreamId, version: z.int().min(1), hash: Hex64 });
export type AnchorHead = z.infer<typeof AnchorHead>;

export const Anchor = z.strictObject({
  v: z.literal(ANCHOR_VERSION),
  /** Milliseconds since 1970-01-01T00:00Z: when the heads were taken (the caller's clock). */
  at: z.int(),
  heads: z.array(AnchorHead),
  root: Hex64,
  keyId: KeyId,
  signature: Signature,
});
export type Anchor = z.infer<typeof Anchor>;

const invalid = (message: string, issue: Omit<YishiIssue, 'message'> = {}): never => {
  throw new YishiError('INVALID_ANCHOR', message, [{ message, ...issue }]);
};

/** The leaf of a head in the anchor's tree: the UTF-8 bytes of its JCS. */
export const headLeaf = (head: AnchorHead): Uint8Array =>
  utf8(canonicalJson({ stream: head.stream, version: head.version, hash: head.hash }));

function sortedHeads(heads: Iterable<AnchorHead>): AnchorHead[] {
  const out = [...heads].map((h) => ({ stream: h.stream, version: h.version, hash: h.hash }));
  out.sort((a, b) => compareCodePoints(a.stream, b.stream));
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.stream === out[i - 1]!.stream) {
      invalid(`stream "${out[i]!.stream}" has two heads`, { path: `heads.${i}.stream` });
    }
  }
  return out;
}

/** The bytes an anchor's signature covers: JCS of everything but `signature`. */
export const anchorMessage = (a: Omit<Anchor, 'signature'>): Uint8Array =>
  utf8(canonicalJson({ v: a.v, at: a.at, heads: a.heads, root: a.root, keyId: a.keyId }));

/** Signs the heads of every stream at `at` (pure but for the signer). */
export async function makeAnchor(heads: Iterable<AnchorHead>, at: number, signer: Signer): Promise<Anchor> {
  const sorted = sortedHeads(heads);
  for (const [i, h] of sorted.entries()) {
    const r = AnchorHead.safeParse(h);
    if (!r.success) invalid(`heads.${i}: ${r.error.issues[0]?.message}`, { path: `heads.${i}` });
  }
  if (!Number.isSafeInteger(at))
    invalid(`at must be a whole number of milliseconds, got ${at}`, { path: 'at' });
  const unsigned = {
    v: ANCHOR_VERSION,
    at,
    heads: sorted,
    root: merkleRoot(sorted.map(headLeaf)),
    keyId: keyIdOf(signer.publicKey),
  } as const;
  const signature = toHex(await signer.sign(anchorMessage(unsigned)));
  return { ...unsigned, signature };
}

/**
 * Checks an anchor (as parsed from its JSON): its form, heads sorted and once each, its root,
 * its key id against `publicKey` (hex or PEM) and its signature. Returns it typed; throws
 * INVALID_ANCHOR naming what fails.
 */
export async function verifyAnchor(
  anchor: unknown,
  publicKey: string | Uint8Array,
  verifier: Verifier = ed25519(),
): Promise<Anchor> {
  const parsed = Anchor.safeParse(anchor);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    invalid(`not an anchor: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`, { path });
  }
  const a = parsed.data as Anchor;
  for (let i = 1; i < a.heads.length; i++) {
    if (compareCodePoints(a.heads[i - 1]!.stream, a.heads[i]!.stream) >= 0) {
      invalid(`heads are not sorted by stream, each once (at heads.${i}, "${a.heads[i]!.stream}")`, {
        path: `heads.${i}.stream`,
      });
    }
  }
  const root = merkleRoot(a.heads.map(headLeaf));
  if (root !== a.root) {
    invalid(`the root is not the Merkle root of the heads (recorded ${a.root}, computed ${root})`, {
      path: 'root',
      received: a.root,
      expected: root,
    });
  }
  const key = parsePublicKey(publicKey);
  const keyId = keyIdOf(key);
  if (a.keyId !== keyId) {
    invalid(`the anchor was signed with key ${a.keyId}, not with the key given (${keyId})`, {
      path: 'keyId',
      received: a.keyId,
      expected: keyId,
    });
  }
  if (!(await verifier.verify(key, anchorMessage(a), fromHex(a.signature)!))) {
    invalid(
      `the signature does not verify: the anchor was changed after it was signed, or not signed by key ${keyId}`,
      {
        path: 'signature',
      },
    );
  }
  return a;
}

/** One stream's head in an anchor, with the proof that it is under the anchor's root. */
export interface AnchorInclusion {
  head: AnchorHead;
  proof: InclusionProof;
  root: string;
}

/** The head of `stream` in `anchor` and its inclusion proof, or undefined when it has none. */
export function anchorInclusion(anchor: Anchor, stream: string): AnchorInclusion | undefined {
  const index = anchor.heads.findIndex((h) => h.stream === stream);
  if (index < 0) return undefined;
  return {
    head: anchor.heads[index]!,
    proof: inclusionProof(anchor.heads.map(headLeaf), index),
    root: anchor.root,
  };
}

/** Whether `inclusion.head` is under `inclusion.root` (check the root's anchor with verifyAnchor). */
export const verifyAnchorInclusion = (inclusion: AnchorInclusion): boolean =>
  AnchorHead.safeParse(inclusion.head).success &&
  verifyInclusion(headLeaf(inclusion.head), inclusion.proof, inclusion.root);
