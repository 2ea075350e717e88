/**
 * A receipt: what a voter (or anyone whose entry was accepted) keeps to check later that the log
 * still holds their entry, unchanged, where it was accepted.
 *
 *   { v: 1, stream, version, hash, head: { stream, version, hash, at, keyId, signature }, salts? }
 *
 * `stream`/`version`/`hash` are the voter's own entry; `head` is the stream's head at the moment
 * the receipt was issued, signed (Ed25519 over the UTF-8 bytes of JCS(head without `signature`)).
 * Issue it with the head at the entry itself (head.version = version), so the signature covers
 * the entry's hash too; a later head (after a batch) covers it only through the chain.
 * A receipt reveals nothing beyond the voter's own entry's position and hash and that head — not
 * the entry's content, nor anyone else's. `salts` (optional) carries the openings of the
 * personal-data commitments in the holder's own entry (engine/privacy.ts), so the holder alone can
 * open them: each is checked (SHA-256 of `salt:value` is the commitment, and the entry carries it).
 *
 * Checking a receipt against a log (`verifyReceipt`): the head's signature; the stream's chain
 * from version 1 to the head (and on to an anchor's head for the stream, when one is given); the
 * entry at the receipt's version carries the receipt's hash; the entry at the head's version
 * carries the head's hash. A stream rewritten after the receipt was issued fails at the
 * receipt's version even when every hash was recomputed.
 */
import { z } from 'zod';
import { YishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { sha256Hex } from '../log/sha256.js';
import { type StreamEntry, StreamId } from '../log/streamEntry.js';
import { type Anchor, AnchorHead, KeyId, Signature, verifyAnchor } from './anchor.js';
import { fromHex, toHex, utf8 } from './bytes.js';
import { ed25519, type Signer, type Verifier } from './ed25519.js';
import { keyIdOf, parsePublicKey } from './keys.js';
import { StreamChains } from './verifyStreams.js';

export const RECEIPT_VERSION = 1;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (SHA-256)');

/** A stream head, signed at `at` (milliseconds since 1970-01-01T00:00Z). */
export const SignedHead = z.strictObject({
  stream: StreamId,
  version: z.int().min(1),
  hash: Hex64,
  at: z.int(),
  keyId: KeyId,
  signature: Signature,
});
export type SignedHead = z.infer<typeof SignedHead>;

/** The salt of one of the owner's own commitments (the store's vault: commitment and salt). */
export const ReceiptSalt = z.strictObject({
  commitment: Hex64,
  salt: z.string().regex(/^[0-9a-f]{32,128}$/, 'expected 32–128 lower-case hex digits'),
  /**
   * The value committed to: what the holder sent (their own id, their ballot id, their text).
   * When it is given, `verifyReceipt` checks the opening (SHA-256 of `salt:value` is the
   * commitment) and that the entry carries `~commitment`.
   */
  value: z.string().optional(),
});

export const Receipt = z.strictObject({
  v: z.literal(RECEIPT_VERSION),
  stream: StreamId,
  version: z.int().min(1),
  hash: Hex64,
  head: SignedHead,
  salts: z.array(ReceiptSalt).optional(),
});
export type Receipt = z.infer<typeof Receipt>;

/** The bytes a head's signature covers: JCS of everything but `signature`. */
export const headMessage = (h: Omit<SignedHead, 'signature'>): Uint8Array =>
  utf8(canonicalJson({ stream: h.stream, version: h.version, hash: h.hash, at: h.at, keyId: h.keyId }));

/** Signs a stream's head at `at`. */
export async function signHead(head: AnchorHead, at: number, signer: Signer): Promise<SignedHead> {
  const h = AnchorHead.parse(head);
  if (!Number.isSafeInteger(at))
    throw new YishiError('INVALID_INPUT', `at must be whole milliseconds, got ${at}`);
  const unsigned = {
    stream: h.stream,
    version: h.version,
    hash: h.hash,
    at,
    keyId: keyIdOf(signer.publicKey),
  };
  return { ...unsigned, signature: toHex(await signer.sign(headMessage(unsigned))) };
}

/** The receipt for `entry`, given the stream's signed head (at or after the entry). */
export function makeReceipt(
  entry: Pick<StreamEntry, 'stream' | 'version' | 'hash'>,
  head: SignedHead,
  salts?: Receipt['salts'],
): Receipt {
  const receipt = {
    v: RECEIPT_VERSION,
    stream: entry.stream,
    version: entry.version,
    hash: entry.hash,
    head,
    ...(salts === undefined ? {} : { salts }),
  } as const;
  return checkedReceipt(receipt);
}

function invalidReceipt(message: string, path = ''): never {
  throw new YishiError('INVALID_RECEIPT', message, [{ message, ...(path ? { path } : {}) }]);
}

function tampered(
  stream: string,
  version: number,
  message: string,
  expected?: string,
  received?: string,
): never {
  throw new YishiError('LOG_TAMPERED', message, [
    {
      message,
      path: `${stream}@${version}`,
      field: 'version',
      ...(expected === undefined ? {} : { expected }),
      ...(received === undefined ? {} : { received }),
    },
  ]);
}

function checkedReceipt(value: unknown): Receipt {
  const parsed = Receipt.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    invalidReceipt(`not a receipt: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`, path);
  }
  const r = parsed.data as Receipt;
  if (r.head.stream !== r.stream) {
    invalidReceipt(`the head is of stream "${r.head.stream}", the entry of "${r.stream}"`, 'head.stream');
  }
  if (r.head.version < r.version) {
    invalidReceipt(
      `the head (version ${r.head.version}) is before the entry (version ${r.version})`,
      'head.version',
    );
  }
  return r;
}

export interface VerifyReceiptOptions {
  /** The key the head (and the anchor) were signed with: 64 hex digits or PEM (keys.ts). */
  publicKey: string | Uint8Array;
  /** An anchor published after the receipt: the stream must still reach its head for the stream. */
  anchor?: unknown;
  /** The key the anchor was signed with, if not `publicKey`. */
  anchorKey?: string | Uint8Array;
  verifier?: Verifier;
}

export interface ReceiptCheck {
  stream: string;
  version: number;
  hash: string;
  head: { version: number; hash: string; at: number };
  /** The anchor's head for the stream, when an anchor was given. */
  anchored?: { version: number; hash: string; at: number };
  /** The commitments the receipt opened in its entry, with their values. */
  opened?: { commitment: string; value: string }[];
}

/**
 * Checks a receipt against a log's entries (any streams, in log order; those of the receipt's
 * stream are checked). Throws INVALID_RECEIPT (malformed, or the head's signature fails),
 * INVALID_ANCHOR (the anchor fails `verifyAnchor`, or lacks the stream) or LOG_TAMPERED (the
 * chain breaks, or an entry's hash is not the receipt's, the head's or the anchor's), naming the
 * stream and version where it fails.
 */
export async function verifyReceipt(
  receipt: unknown,
  streamEntries: Iterable<unknown>,
  options: VerifyReceiptOptions,
): Promise<ReceiptCheck> {
  const verifier = options.verifier ?? ed25519();
  const r = checkedReceipt(receipt);
  const key = parsePublicKey(options.publicKey);
  const keyId = keyIdOf(key);
  if (r.head.keyId !== keyId) {
    invalidReceipt(
      `the head was signed with key ${r.head.keyId}, not with the key given (${keyId})`,
      'head.keyId',
    );
  }
  if (!(await verifier.verify(key, headMessage(r.head), fromHex(r.head.signature)!))) {
    invalidReceipt(
      `the head's signature does not verify: the receipt was changed after it was issued, or not signed by key ${keyId}`,
      'head.signature',
    );
  }
  let anchor: Anchor | undefined;
  let anchored: AnchorHead | undefined;
  if (options.anchor !== undefined) {
    anchor = await verifyAnchor(options.anchor, options.anchorKey ?? key, verifier);
    anchored = anchor.heads.find((h) => h.stream === r.stream);
    if (anchored === undefined) {
      throw new YishiError('INVALID_ANCHOR', `the anchor has no head for stream "${r.stream}"`, [
        { message: 'stream not anchored', path: 'heads', expected: r.stream },
      ]);
    }
  }
  const { stream } = r;
  const wanted = new Map<number, { hash: string; what: string }>();
  const want = (version: number, hash: string, what: string) => {
    const had = wanted.get(version);
    if (had && had.hash !== hash) {
      tampered(
        stream,
        version,
        `stream "${stream}" version ${version}: ${had.what} and ${what} disagree on its hash`,
      );
    }
    if (!had) wanted.set(version, { hash, what });
  };
  want(r.version, r.hash, 'the receipt');
  want(r.head.version, r.head.hash, "the receipt's signed head");
  if (anchored) want(anchored.version, anchored.hash, 'the anchor');
  const last = Math.max(r.head.version, anchored?.version ?? 0);

  const chains = new StreamChains();
  let reached = 0;
  let own: StreamEntry | undefined;
  for (const value of streamEntries) {
    if ((value as { stream?: unknown } | null)?.stream !== stream) continue;
    const failure = chains.next(value);
    if (failure) {
      tampered(stream, failure.version ?? reached + 1, failure.message);
    }
    const e = value as StreamEntry;
    reached = e.version;
    if (e.version === r.version) own = e;
    const w = wanted.get(e.version);
    if (w && w.hash !== e.hash) {
      tampered(
        stream,
        e.version,
        `stream "${stream}" version ${e.version}: its hash is ${e.hash}, and ${w.what} says ${w.hash}: ` +
          'the stream was rewritten at or before this version' +
          // The head's signature covers the entry's hash only when the head is the entry itself.
          (e.version === r.version && r.head.version > r.version
            ? " (or the receipt is not genuine: its entry hash is not under the head's signature)"
            : ''),
        w.hash,
        e.hash,
      );
    }
    if (reached >= last) break;
  }
  if (reached < last) {
    tampered(
      stream,
      reached + 1,
      `stream "${stream}" ends at version ${reached}, before version ${last} that the ` +
        `${last === r.head.version ? "receipt's head" : 'anchor'} names: entries were removed`,
    );
  }
  const opened = openedIn(r, own);
  return {
    stream,
    version: r.version,
    hash: r.hash,
    head: { version: r.head.version, hash: r.head.hash, at: r.head.at },
    ...(opened.length > 0 ? { opened } : {}),
    ...(anchored ? { anchored: { version: anchored.version, hash: anchored.hash, at: anchor!.at } } : {}),
  };
}

/** Checks each opening the receipt carries against its own entry (INVALID_RECEIPT if one fails). */
function openedIn(r: Receipt, entry: StreamEntry | undefined): { commitment: string; value: string }[] {
  const out: { commitment: string; value: string }[] = [];
  if (!r.salts?.some((x) => x.value !== undefined)) return out;
  const text = entry ? canonicalJson(entry) : '';
  r.salts.forEach((x, i) => {
    if (x.value === undefined) return;
    if (sha256Hex(`${x.salt}:${x.value}`) !== x.commitment) {
      invalidReceipt(`salts.${i}: SHA-256 of the salt and value is not the commitment`, `salts.${i}`);
    }
    if (!text.includes(`"~${x.commitment}"`)) {
      invalidReceipt(
        `salts.${i}: the entry at version ${r.version} does not carry this commitment`,
        `salts.${i}`,
      );
    }
    out.push({ commitment: x.commitment, value: x.value });
  });
  return out;
}
