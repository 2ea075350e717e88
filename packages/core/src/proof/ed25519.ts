/**
 * Ed25519 (RFC 8032) behind two small interfaces, so anchors and receipts are signed and checked
 * the same way in Node, in a browser and with a key kept elsewhere (an HSM, a KMS): a `Signer`
 * holds a private key and signs bytes; a `Verifier` checks a signature with a public key.
 *
 * Two implementations, tested to agree on the RFC 8032 test vectors:
 * - **node:crypto**, found at run time through `process.getBuiltinModule` (never imported, so a
 *   browser bundle holds no `node:` module; the same way log/sha256.ts finds it);
 * - **WebCrypto** (`crypto.subtle`, algorithm "Ed25519"): browsers (Chrome 137, Firefox 129,
 *   Safari 17 and later, in secure contexts) and Node ≥ 20.
 * `ed25519()` picks node:crypto where there is one, else WebCrypto.
 */
import { YishiError } from '../errors/YishiError.js';
import { toHex } from './bytes.js';
import { parsePrivateKey, parsePublicKey, pkcs8Of, spkiOf } from './keys.js';

export interface Signer {
  /** The raw public key, 64 lower-case hex digits. */
  readonly publicKey: string;
  /** The 64-byte Ed25519 signature of `message`. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export interface Verifier {
  /** Whether `signature` is `publicKey`'s (raw 32 bytes) Ed25519 signature of `message`. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** An implementation: makes signers from private keys, and verifies. */
export interface Ed25519 extends Verifier {
  readonly name: 'node:crypto' | 'webcrypto';
  /** A signer for a private key: hex seed, PEM PKCS #8, or the 32 seed bytes. */
  signer(privateKey: string | Uint8Array): Promise<Signer>;
}

interface KeyObjectLike {
  export(options: { format: 'der'; type: 'spki' }): Uint8Array;
}
interface NodeCryptoLike {
  createPrivateKey(o: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): KeyObjectLike;
  createPublicKey(o: KeyObjectLike | { key: Uint8Array; format: 'der'; type: 'spki' }): KeyObjectLike;
  sign(algorithm: null, data: Uint8Array, key: KeyObjectLike): Uint8Array;
  verify(algorithm: null, data: Uint8Array, key: KeyObjectLike, signature: Uint8Array): boolean;
}

/** Ed25519 on node:crypto, when `scope.process.getBuiltinModule` gives one; else undefined. */
export function nodeEd25519(scope: unknown = globalThis): Ed25519 | undefined {
  let c: NodeCryptoLike | undefined;
  try {
    const proc = (scope as { process?: { getBuiltinModule?: unknown } } | null)?.process;
    const get = proc?.getBuiltinModule;
    if (typeof get !== 'function') return undefined;
    c = get.call(proc, 'node:crypto') as NodeCryptoLike | undefined;
  } catch {
    return undefined;
  }
  if (typeof c?.sign !== 'function' || typeof c.verify !== 'function') return undefined;
  const crypto = c;
  return {
    name: 'node:crypto',
    async signer(privateKey) {
      const key = crypto.createPrivateKey({
        key: pkcs8Of(parsePrivateKey(privateKey)),
        format: 'der',
        type: 'pkcs8',
      });
      const spki = crypto.createPublicKey(key).export({ format: 'der', type: 'spki' });
      return {
        publicKey: toHex(new Uint8Array(spki).slice(-32)),
        sign: async (message) => new Uint8Array(crypto.sign(null, message, key)),
      };
    },
    async verify(publicKey, message, signature) {
      if (signature.length !== 64) return false;
      try {
        const key = crypto.createPublicKey({
          key: spkiOf(parsePublicKey(publicKey)),
          format: 'der',
          type: 'spki',
        });
        return crypto.verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

const ALGORITHM = { name: 'Ed25519' } as const;
/** A copy on a plain ArrayBuffer, as WebCrypto's types ask. */
const own = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

/** Ed25519 on WebCrypto (`subtle`, by default the runtime's); undefined when there is none. */
export function webCryptoEd25519(
  subtle: SubtleCrypto | undefined = (globalThis as { crypto?: Crypto }).crypto?.subtle,
): Ed25519 | undefined {
  if (subtle === undefined) return undefined;
  const s = subtle;
  return {
    name: 'webcrypto',
    async signer(privateKey) {
      const seed = parsePrivateKey(privateKey);
      // A PKCS #8 key without its public half cannot be exported as raw; derive it through JWK.
      const key = await s.importKey('pkcs8', own(pkcs8Of(seed)), ALGORITHM, true, ['sign']);
      const jwk = await s.exportKey('jwk', key);
      const x = (jwk.x ?? '').replace(/-/g, '+').replace(/_/g, '/');
      const pub = Uint8Array.from(atob(x + '='.repeat((4 - (x.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
      return {
        publicKey: toHex(pub),
        sign: async (message) => new Uint8Array(await s.sign(ALGORITHM, key, own(message))),
      };
    },
    async verify(publicKey, message, signature) {
      if (signature.length !== 64) return false;
      try {
        const key = await s.importKey('raw', own(parsePublicKey(publicKey)), ALGORITHM, false, ['verify']);
        return await s.verify(ALGORITHM, key, own(signature), own(message));
      } catch {
        return false;
      }
    },
  };
}

let chosen: Ed25519 | undefined;

/**
 * The runtime's Ed25519: node:crypto where found, else WebCrypto. Throws INVALID_INPUT in a
 * runtime with neither (an old browser, or a page not served over https).
 */
export function ed25519(): Ed25519 {
  chosen ??= nodeEd25519() ?? webCryptoEd25519();
  if (chosen === undefined) {
    throw new YishiError(
      'INVALID_INPUT',
      'this runtime has no Ed25519 (neither node:crypto nor WebCrypto "Ed25519"): signatures cannot be checked here',
    );
  }
  return chosen;
}
