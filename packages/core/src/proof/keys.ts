/**
 * Ed25519 keys as yishi writes and reads them. The canonical form of a public key is its **raw 32
 * bytes as 64 lower-case hex digits** (RFC 8032 §5.1.5), which is what anchors and receipts are
 * checked against and what a committee prints on a notice. PEM is accepted too, as OpenSSL writes
 * it (`openssl genpkey -algorithm ed25519`): a public key as SubjectPublicKeyInfo ("BEGIN PUBLIC
 * KEY", RFC 8410), a private key as PKCS #8 ("BEGIN PRIVATE KEY"), or a private key as its raw
 * 32-byte seed in hex.
 */
import { YishiError } from '../errors/YishiError.js';
import { sha256 } from '../log/sha256.js';
import { concat, fromHex, toHex } from './bytes.js';

/** DER of SubjectPublicKeyInfo { id-Ed25519 } up to the 32 key bytes (RFC 8410 §4). */
export const SPKI_PREFIX = fromHex('302a300506032b6570032100')!;
/** DER of PKCS #8 OneAsymmetricKey { v1, id-Ed25519 } up to the 32 seed bytes (RFC 8410 §7). */
export const PKCS8_PREFIX = fromHex('302e020100300506032b657004220420')!;

function badKey(what: string, why: string): never {
  throw new YishiError('INVALID_INPUT', `not an Ed25519 ${what}: ${why}`, [
    { message: why, field: what, expected: EXPECTED[what as keyof typeof EXPECTED] ?? '' },
  ]);
}
const EXPECTED = {
  'public key': '64 hex digits (the raw 32-byte key) or a PEM "PUBLIC KEY" (SPKI)',
  'private key': '64 hex digits (the 32-byte seed) or a PEM "PRIVATE KEY" (PKCS #8)',
};

/** The DER bytes of a PEM block with this label, or undefined when `text` holds none. */
function pemBody(text: string, label: string): Uint8Array | undefined {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(text);
  if (!m) return undefined;
  const b64 = m[1]!.replace(/\s+/g, '');
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function afterPrefix(der: Uint8Array, prefix: Uint8Array): Uint8Array | undefined {
  if (der.length !== prefix.length + 32) return undefined;
  for (let i = 0; i < prefix.length; i++) if (der[i] !== prefix[i]) return undefined;
  return der.slice(prefix.length);
}

/** The raw 32 bytes of a public key given as hex or PEM (SPKI); INVALID_INPUT otherwise. */
export function parsePublicKey(key: string | Uint8Array): Uint8Array {
  if (key instanceof Uint8Array) {
    if (key.length !== 32) badKey('public key', `${key.length} bytes, not 32`);
    return key;
  }
  const text = key.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return fromHex(text)!;
  if (text.includes('-----BEGIN PUBLIC KEY-----')) {
    const der = pemBody(text, 'PUBLIC KEY');
    const raw = der && afterPrefix(der, SPKI_PREFIX);
    if (!raw) badKey('public key', 'the PEM block is not an Ed25519 SubjectPublicKeyInfo');
    return raw;
  }
  return badKey('public key', `expected 64 hex digits or a PEM public key, got "${text.slice(0, 20)}…"`);
}

/** The 32-byte seed of a private key given as hex or PEM (PKCS #8); INVALID_INPUT otherwise. */
export function parsePrivateKey(key: string | Uint8Array): Uint8Array {
  if (key instanceof Uint8Array) {
    if (key.length !== 32) badKey('private key', `${key.length} bytes, not 32`);
    return key;
  }
  const text = key.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return fromHex(text)!;
  if (text.includes('-----BEGIN PRIVATE KEY-----')) {
    const der = pemBody(text, 'PRIVATE KEY');
    const seed = der && afterPrefix(der, PKCS8_PREFIX);
    if (!seed) badKey('private key', 'the PEM block is not an Ed25519 PKCS #8 key (without public key)');
    return seed;
  }
  return badKey('private key', 'expected 64 hex digits or a PEM "PRIVATE KEY" block');
}

/** The DER SubjectPublicKeyInfo of a raw public key. */
export const spkiOf = (raw: Uint8Array): Uint8Array => concat(SPKI_PREFIX, raw);
/** The DER PKCS #8 of a raw seed. */
export const pkcs8Of = (seed: Uint8Array): Uint8Array => concat(PKCS8_PREFIX, seed);

/**
 * A key's id as anchors and receipts name it: the first 16 hex digits of SHA-256 of the raw
 * public key. It only says which key to check with; the signature check is what proves anything.
 */
export function keyIdOf(publicKey: string | Uint8Array): string {
  return toHex(sha256(parsePublicKey(publicKey))).slice(0, 16);
}
