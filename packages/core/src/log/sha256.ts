/**
 * SHA-256 (FIPS 180-4), synchronous, so the audit log hashes the same way in a browser, in Node
 * and in a replay loop (WebCrypto's digest is asynchronous, which would make every append and
 * every replay step a promise). Two implementations, byte for byte the same:
 *
 * - **node:crypto** where the runtime has it (Node ≥ 20.16, Deno, Bun: found at run time through
 *   `process.getBuiltinModule`, never imported, so a browser bundle holds no `node:crypto`). It is
 *   checked against known answers before it is used.
 * - **portable** everywhere else (browsers, Node 20.12–20.15): the algorithm below, which hashes
 *   in one reused buffer and allocates nothing per call but the hex string it returns.
 *
 * Both are checked against node:crypto in sha256.test.ts, the portable one also with the
 * runtime's crypto hidden, as in a browser. (Why not @noble/hashes for browsers: its current line
 * is ESM-only and needs Node ≥ 20.19, while this package ships CommonJS too and supports ≥ 20.12.)
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const W = new Int32Array(64);
/** The state after the last `compress`: h0 … h7. */
const H = new Int32Array(8);
const encoder = new TextEncoder();

/** Buffers up to this size are kept for the next call; a larger message gets one of its own. */
const KEEP = 1 << 16;
let scratch = new Uint8Array(1024);

/** A buffer of at least `n` bytes: the kept one, grown if need be, or (past KEEP) a new one. */
function room(n: number): Uint8Array {
  if (n <= scratch.length) return scratch;
  const size = Math.max(n, scratch.length * 2);
  if (size > KEEP) return new Uint8Array(n);
  scratch = new Uint8Array(size);
  return scratch;
}

/** Bytes a message of `len` bytes takes once padded: whole 64-byte blocks (FIPS 180-4 §5.1.1). */
const paddedLength = (len: number) => (((len + 8) >>> 6) + 1) * 64;

/**
 * Pads the `len` message bytes at the start of `buf` (which has room for `paddedLength(len)`)
 * and hashes them into H.
 */
function compress(buf: Uint8Array, len: number): void {
  const total = paddedLength(len);
  buf[len] = 0x80;
  buf.fill(0, len + 1, total - 8);
  // Length in bits as a 64-bit big-endian integer (inputs stay far below 2^53 bits).
  const hi = Math.floor(len / 0x20000000);
  const lo = (len << 3) >>> 0;
  buf[total - 8] = hi >>> 24;
  buf[total - 7] = hi >>> 16;
  buf[total - 6] = hi >>> 8;
  buf[total - 5] = hi;
  buf[total - 4] = lo >>> 24;
  buf[total - 3] = lo >>> 16;
  buf[total - 2] = lo >>> 8;
  buf[total - 1] = lo;

  let h0 = 0x6a09e667 | 0;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372 | 0;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab | 0;
  let h7 = 0x5be0cd19 | 0;

  for (let off = 0; off < total; off += 64) {
    for (let t = 0, j = off; t < 16; t++, j += 4) {
      W[t] = (buf[j]! << 24) | (buf[j + 1]! << 16) | (buf[j + 2]! << 8) | buf[j + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15]!;
      const w2 = W[t - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  H[0] = h0;
  H[1] = h1;
  H[2] = h2;
  H[3] = h3;
  H[4] = h4;
  H[5] = h5;
  H[6] = h6;
  H[7] = h7;
}

/** SHA-256 of bytes, as 32 bytes (always the portable implementation). */
export function sha256(data: Uint8Array): Uint8Array {
  const buf = room(paddedLength(data.length));
  buf.set(data);
  compress(buf, data.length);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = H[i]!;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = w >>> 16;
    out[4 * i + 2] = w >>> 8;
    out[4 * i + 3] = w;
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The portable SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
export function portableSha256Hex(text: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
  const buf = room(paddedLength(text.length * 3));
  const { written } = encoder.encodeInto(text, buf);
  compress(buf, written);
  let s = '';
  for (let i = 0; i < 8; i++) {
    const w = H[i]!;
    s += HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
  }
  return s;
}

/** What the runtime's crypto module must offer (node:crypto, or a runtime's compatible one). */
interface NodeCryptoLike {
  createHash(algorithm: 'sha256'): { update(data: string, encoding: 'utf8'): { digest(e: 'hex'): string } };
  /** One-shot hashing (Node ≥ 20.12): faster than a Hash object for short inputs. */
  hash?: (algorithm: 'sha256', data: string, encoding: 'hex') => string;
}

/** Known answers a runtime's SHA-256 must give before it is trusted (FIPS 180-4, and UTF-8). */
const KNOWN: readonly (readonly [string, string])[] = [
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['议事', '210f59d065b4fcc63dfdf0c9611c1a4094704f29b882a9b2fd691e795be245f1'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
];

/**
 * The runtime's SHA-256 of a string's UTF-8 bytes, when `scope.process.getBuiltinModule`
 * gives a `node:crypto` that hashes the known answers right; else `undefined` (a browser, a
 * bundler's `process` shim, Node before 20.16, anything that throws). Pure lookup: nothing is
 * imported statically.
 */
export function findNativeSha256Hex(scope: unknown = globalThis): ((text: string) => string) | undefined {
  try {
    const proc = (scope as { process?: { getBuiltinModule?: unknown } } | null)?.process;
    const get = proc?.getBuiltinModule;
    if (typeof get !== 'function') return undefined;
    const c = get.call(proc, 'node:crypto') as NodeCryptoLike | undefined;
    if (typeof c?.createHash !== 'function') return undefined;
    const oneShot = c.hash;
    const hex: (text: string) => string =
      typeof oneShot === 'function'
        ? (text) => oneShot('sha256', text, 'hex')
        : (text) => c.createHash('sha256').update(text, 'utf8').digest('hex');
    for (const [text, expected] of KNOWN) if (hex(text) !== expected) return undefined;
    return hex;
  } catch {
    return undefined;
  }
}

let chosen: ((text: string) => string) | undefined;

/** Which implementation `sha256Hex` uses in this runtime: 'node:crypto' or 'portable'. */
export function sha256Implementation(): 'node:crypto' | 'portable' {
  chosen ??= findNativeSha256Hex() ?? portableSha256Hex;
  return chosen === portableSha256Hex ? 'portable' : 'node:crypto';
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  chosen ??= findNativeSha256Hex() ?? portableSha256Hex;
  return chosen(text);
}
