import { describe, expect, it } from 'vitest';
import { isYishiError, type YishiError } from '../errors/YishiError.js';
import type { LogEntry } from '../log/logEntry.js';
import { makeAnchor } from './anchor.js';
import { nodeEd25519, webCryptoEd25519 } from './ed25519.js';
import { exampleV1, KEY, OTHER_KEY, rewrite } from './proof.testkit.js';
import { makeReceipt, signHead, verifyReceipt } from './receipt.js';
import { loggedCommunity, streamsFromLog } from './streamsFromLog.js';

const node = nodeEd25519()!;
const web = webCryptoEd25519()!;
const split = (c: LogEntry) => (c.process.startsWith('n-') ? 'notices' : loggedCommunity(c));
const { entries, heads } = streamsFromLog(exampleV1(), split);
const AT = 1_767_225_600_000;

/** The first paper ballot of the example, and the receipt its owner was given when it was accepted. */
const ballot = entries.find((e) => e.event.type === 'CAST_BALLOT')!;
async function receiptAtAcceptance() {
  const signer = await node.signer(KEY.seed);
  const head = await signHead(
    { stream: ballot.stream, version: ballot.version, hash: ballot.hash },
    AT,
    signer,
  );
  return makeReceipt(ballot, head);
}

async function failure(p: Promise<unknown>): Promise<YishiError> {
  try {
    await p;
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
  throw new Error('expected a YishiError');
}

describe('receipts', () => {
  it('a receipt reveals the entry position and hash and a signed head, nothing more', async () => {
    const r = await receiptAtAcceptance();
    expect(Object.keys(r).sort()).toEqual(['hash', 'head', 'stream', 'v', 'version']);
    expect(Object.keys(r.head).sort()).toEqual(['at', 'hash', 'keyId', 'signature', 'stream', 'version']);
    expect(JSON.stringify(r)).not.toContain(String(ballot.event.owner));
  });

  it('verifies against the log, later, with or without an anchor, by either implementation', async () => {
    const r = await receiptAtAcceptance();
    const later = await makeAnchor(heads, AT + 86_400_000, await node.signer(KEY.seed));
    for (const verifier of [node, web]) {
      expect(await verifyReceipt(r, entries, { publicKey: KEY.pub, verifier })).toEqual({
        stream: ballot.stream,
        version: ballot.version,
        hash: ballot.hash,
        head: { version: ballot.version, hash: ballot.hash, at: AT },
      });
      const anchored = heads.find((h) => h.stream === ballot.stream)!;
      expect(
        await verifyReceipt(JSON.parse(JSON.stringify(r)), entries, {
          publicKey: KEY.pub,
          anchor: later,
          verifier,
        }),
      ).toMatchObject({
        anchored: { version: anchored.version, hash: anchored.hash, at: AT + 86_400_000 },
      });
    }
  });

  it('tampering: a ballot rewritten and the stream re-hashed fails at the ballot, with and without the anchor', async () => {
    const r = await receiptAtAcceptance();
    const anchor = await makeAnchor(heads, AT + 1, await node.signer(KEY.seed));
    const forged = rewrite(entries, ballot.stream, ballot.version, (ev) => ({
      ...ev,
      choices: [{ choice: 'disagree', itemId: 'fund' }],
    }));
    for (const options of [{ publicKey: KEY.pub }, { publicKey: KEY.pub, anchor }]) {
      const e = await failure(verifyReceipt(r, forged, options));
      expect(e.code).toBe('LOG_TAMPERED');
      expect(e.message).toContain(`stream "${ballot.stream}" version ${ballot.version}: its hash is`);
      expect(e.issues[0]).toMatchObject({
        path: `${ballot.stream}@${ballot.version}`,
        expected: ballot.hash,
      });
    }
    // a rewrite after the receipt's head but before the anchor's: caught by the anchor only
    const lastVersion = heads.find((h) => h.stream === ballot.stream)!.version;
    const afterwards = rewrite(entries, ballot.stream, lastVersion - 1, (ev) => ({ ...ev, note: 'added' }));
    await expect(verifyReceipt(r, afterwards, { publicKey: KEY.pub })).resolves.toBeDefined();
    const e = await failure(verifyReceipt(r, afterwards, { publicKey: KEY.pub, anchor }));
    expect(e.code).toBe('LOG_TAMPERED');
    expect(e.issues[0]!.path).toBe(`${ballot.stream}@${lastVersion}`);
    // the entry changed but not re-hashed: its own hash fails, at its version
    const changed = entries.map((x) => (x === ballot ? { ...x, event: { ...x.event, owner: '王五' } } : x));
    const c = await failure(verifyReceipt(r, changed, { publicKey: KEY.pub }));
    expect([c.code, c.issues[0]!.path]).toEqual(['LOG_TAMPERED', `${ballot.stream}@${ballot.version}`]);
    // entries removed from the end
    const cut = entries.filter((x) => x.stream !== ballot.stream || x.version < ballot.version);
    expect((await failure(verifyReceipt(r, cut, { publicKey: KEY.pub }))).message).toMatch(
      /ends at version \d+, before version/,
    );
  });

  it('refuses a forged or malformed receipt and a bad anchor', async () => {
    const r = await receiptAtAcceptance();
    const other = rewrite(entries, 'default', 3, (ev) => ev); // unchanged: same hashes
    await expect(verifyReceipt(r, other, { publicKey: KEY.pub })).resolves.toBeDefined();
    const moved = { ...r, version: r.version - 1 };
    expect((await failure(verifyReceipt(moved, entries, { publicKey: KEY.pub }))).code).toBe('LOG_TAMPERED');
    const resigned = { ...r, head: { ...r.head, hash: 'f'.repeat(64) } };
    expect((await failure(verifyReceipt(resigned, entries, { publicKey: KEY.pub }))).message).toMatch(
      /head's signature does not verify/,
    );
    expect((await failure(verifyReceipt(r, entries, { publicKey: OTHER_KEY.pub }))).code).toBe(
      'INVALID_RECEIPT',
    );
    expect((await failure(verifyReceipt({ ...r, v: 2 }, entries, { publicKey: KEY.pub }))).code).toBe(
      'INVALID_RECEIPT',
    );
    expect((await failure(verifyReceipt({ ...r, secret: 1 }, entries, { publicKey: KEY.pub }))).code).toBe(
      'INVALID_RECEIPT',
    );
    const badAnchor = { ...(await makeAnchor(heads, AT, await node.signer(KEY.seed))), at: AT + 5 };
    expect((await failure(verifyReceipt(r, entries, { publicKey: KEY.pub, anchor: badAnchor }))).code).toBe(
      'INVALID_ANCHOR',
    );
    const elsewhere = await makeAnchor(
      [{ stream: 'x', version: 1, hash: 'a'.repeat(64) }],
      AT,
      await node.signer(KEY.seed),
    );
    expect(
      (await failure(verifyReceipt(r, entries, { publicKey: KEY.pub, anchor: elsewhere }))).message,
    ).toMatch(/no head for stream/);
    // room for the owner's salts
    const withSalts = makeReceipt(ballot, r.head, [{ commitment: 'c'.repeat(64), salt: '5'.repeat(32) }]);
    await expect(verifyReceipt(withSalts, entries, { publicKey: KEY.pub })).resolves.toBeDefined();
    expect(() => makeReceipt(ballot, r.head, [{ commitment: 'c', salt: '5' }])).toThrow(
      /not a receipt: salts/,
    );
  });
});
