import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isYishiError } from '../errors/YishiError.js';
import { fromHex, toHex } from './bytes.js';
import { type Ed25519, ed25519, nodeEd25519, webCryptoEd25519 } from './ed25519.js';
import { keyIdOf, parsePrivateKey, parsePublicKey } from './keys.js';

/** RFC 8032 §7.1 TEST 1, 2, 3 and SHA(abc): seed, public key, message, signature. */
const RFC8032: [string, string, string, string][] = [
  [
    '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
  [
    '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  ],
];

const node = nodeEd25519()!;
const web = webCryptoEd25519()!;

describe('Ed25519 (RFC 8032)', () => {
  it('both implementations exist here, and node:crypto is the default in Node', () => {
    expect(node.name).toBe('node:crypto');
    expect(web.name).toBe('webcrypto');
    expect(ed25519().name).toBe('node:crypto');
  });

  it.each([
    ['node:crypto', node],
    ['webcrypto', web],
  ] as [string, Ed25519][])('%s gives the RFC 8032 public keys and signatures', async (_, impl) => {
    for (const [seed, pub, msg, sig] of RFC8032) {
      const signer = await impl.signer(seed);
      expect(signer.publicKey).toBe(pub);
      const message = fromHex(msg)!;
      expect(toHex(await signer.sign(message))).toBe(sig);
      expect(await impl.verify(fromHex(pub)!, message, fromHex(sig)!)).toBe(true);
    }
  });

  it('the two agree: each verifies what the other signed, and both refuse the same forgeries', async () => {
    for (const [seed, pub, msg] of RFC8032) {
      const message = fromHex(`${msg}00ff`)!;
      const a = await (await node.signer(seed)).sign(message);
      const b = await (await web.signer(seed)).sign(message);
      expect(toHex(a)).toBe(toHex(b)); // Ed25519 is deterministic
      const key = fromHex(pub)!;
      const forged = Uint8Array.from(a);
      forged[7]! ^= 1;
      const other = fromHex(RFC8032[(RFC8032.findIndex((v) => v[1] === pub) + 1) % 4]![1])!;
      for (const impl of [node, web]) {
        expect(await impl.verify(key, message, b)).toBe(true);
        expect(await impl.verify(key, message, forged)).toBe(false);
        expect(await impl.verify(key, fromHex(`${msg}00fe`)!, a)).toBe(false);
        expect(await impl.verify(other, message, a)).toBe(false);
        expect(await impl.verify(key, message, a.slice(0, 63))).toBe(false);
      }
    }
  });

  it('finds no node:crypto where there is no process (a browser)', () => {
    expect(nodeEd25519({})).toBeUndefined();
    expect(nodeEd25519({ process: { getBuiltinModule: () => undefined } })).toBeUndefined();
    expect(webCryptoEd25519(undefined as unknown as SubtleCrypto)).toBeDefined();
  });
});

describe('keys', () => {
  it('reads raw hex and the PEM that OpenSSL and node:crypto write', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pubPem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const privPem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    expect(toHex(parsePublicKey(pubPem))).toBe(raw.toString('hex'));
    expect(toHex(parsePublicKey(raw.toString('hex').toUpperCase()))).toBe(raw.toString('hex'));
    const signer = await node.signer(privPem);
    expect(signer.publicKey).toBe(raw.toString('hex'));
    expect((await web.signer(toHex(parsePrivateKey(privPem)))).publicKey).toBe(raw.toString('hex'));
    expect(keyIdOf(pubPem)).toBe(keyIdOf(raw.toString('hex')));
    expect(keyIdOf(pubPem)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses what is not an Ed25519 key, with INVALID_INPUT', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      format: 'pem',
      type: 'spki',
    });
    for (const bad of [
      'abc',
      '00'.repeat(31),
      rsa as string,
      '-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----',
    ]) {
      try {
        parsePublicKey(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect(isYishiError(e) && e.code).toBe('INVALID_INPUT');
      }
    }
    expect(() => parsePrivateKey('-----BEGIN PUBLIC KEY-----')).toThrow(/not an Ed25519 private key/);
  });
});
