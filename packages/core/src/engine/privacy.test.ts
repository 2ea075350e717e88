import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../log/sha256.js';
import { writtenConsultationKind } from '../machines/index.js';
import { memoryStreamStore } from '../store/memoryStreamStore.js';
import type { StreamStore } from '../store/streamStore.js';
import {
  type FixtureConsultation,
  fixtureConsultation,
  setUpConsultation,
} from '../testing/fixtureConsultation.js';
import { FIXTURE_PACKS, staff } from '../testing/fixtureEngine.js';
import { withRoster } from '../testing/fixtureRoster.js';
import { COMMITMENT } from './privacy.js';
import { openStreamEngine, type StreamEngine, type StreamResult } from './streamEngine.js';

const KINDS = withRoster([writtenConsultationKind]);

/** Deterministic salts for tests (a portal uses the default, WebCrypto). */
let n = 0;
function counterSalt() {
  return () => sha256Hex(`salt-${n++}`).slice(0, 32);
}

const ok = (r: StreamResult) => {
  if (!r.ok) throw r.error;
  return r;
};

async function run(store: StreamStore, c: FixtureConsultation) {
  const clock = { t: c.setup[0]!.at, now: () => clock.t };
  const engine = await openStreamEngine({
    store,
    kinds: KINDS,
    packs: FIXTURE_PACKS,
    clock,
    salt: counterSalt(),
  });
  await setUpConsultation(engine, c, clock);
  clock.t = c.castAt;
  const receipts = [];
  for (const b of c.ballots) {
    clock.t += 10;
    receipts.push(
      ok(
        await engine.send(c.process, b.event, { actor: b.actor, channel: b.channel, community: c.community }),
      ).receipt,
    );
  }
  return { engine, clock, receipts };
}

async function counted(engine: StreamEngine, c: FixtureConsultation, clock: { t: number }) {
  clock.t = c.closeAt;
  await engine.tick(c.community);
  const snap = (await engine.snapshot(c.community, c.process))!;
  return (snap.context as { results: { result: { counts: unknown } }[] }).results.map((r) => r.result.counts);
}

describe('personal data in a stream: commitments in the entries, values in the vault', () => {
  it('stores no owner id, unit number or ballot id in any entry, and the engine still decides on the values', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 12 });
    const { engine } = await run(store, c);
    const text = JSON.stringify((await store.readStream(c.community)).map((s) => s.entry));
    for (let i = 0; i < 12; i++) {
      expect(text).not.toMatch(new RegExp(`"o${i}"`));
      expect(text).not.toContain(`o${i}-web`);
    }
    expect(text).not.toContain('"1-1"');
    expect(text).toMatch(/"~[0-9a-f]{64}"/);
    // organisers stay public: the committee member who created it
    expect(text).toContain('"oc-1"');
    // the live state holds the values
    const snap = (await engine.snapshot(c.community, c.process))!;
    expect(JSON.stringify(writtenConsultationKind.machine.getPersistedSnapshot(snap))).toContain('"o3"');
  });

  it('one person is one commitment throughout a stream, and another in another stream', async () => {
    const store = memoryStreamStore();
    const a = fixtureConsultation({ owners: 3, community: 'a' });
    const b = fixtureConsultation({ owners: 3, community: 'b' });
    const ra = await run(store, a);
    await run(store, b);
    const [first] = ra.receipts;
    const o = first!.salts.find((s) => s.value === a.ballots[0]!.owner)!;
    const inA = JSON.stringify(await store.readStream('a'));
    expect(inA.split(o.commitment).length - 1).toBeGreaterThanOrEqual(3); // register, ballot owner, actor
    expect(JSON.stringify(await store.readStream('b'))).not.toContain(o.commitment);
  });

  it("a receipt carries the openings of the sender's own entry: commitment = SHA-256(salt:value)", async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 4 });
    const { receipts } = await run(store, c);
    const r = receipts[0]!;
    const [stored] = await store.readStream(c.community, r.version);
    expect(stored!.entry.hash).toBe(r.hash);
    const owner = c.ballots[0]!.owner;
    const mine = r.salts.find((s) => s.value === owner)!;
    expect(`~${mine.commitment}`).toMatch(COMMITMENT);
    expect(sha256Hex(`${mine.salt}:${mine.value}`)).toBe(mine.commitment);
    expect(stored!.entry.actor.id).toBe(`~${mine.commitment}`);
    expect((stored!.entry.event as unknown as { owner: string }).owner).toBe(`~${mine.commitment}`);
    // nobody else's opening
    const others = c.ballots.slice(1).map((b) => b.owner);
    expect(r.salts.filter((s) => s.value !== undefined && others.includes(s.value))).toEqual([]);
  });

  it('replays the same state from the store, and a public copy without the vault counts the same', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 25, seed: 3 });
    const { engine, clock } = await run(store, c);
    const counts = await counted(engine, c, clock);
    const reopened = await openStreamEngine({
      store,
      kinds: KINDS,
      packs: FIXTURE_PACKS,
      clock,
      salt: counterSalt(),
    });
    const p = (e: StreamEngine) =>
      e
        .snapshot(c.community, c.process)
        .then((s) => writtenConsultationKind.machine.getPersistedSnapshot(s!));
    expect(await p(reopened)).toEqual(await p(engine));
    // the published log: the same entries, an empty vault
    const published: StreamStore = { ...store, vault: async () => [] };
    const auditor = await openStreamEngine({
      store: published,
      kinds: KINDS,
      packs: FIXTURE_PACKS,
      clock,
      salt: counterSalt(),
    });
    const snap = (await auditor.snapshot(c.community, c.process))!;
    expect(
      (snap.context as { results: { result: { counts: unknown } }[] }).results.map((r) => r.result.counts),
    ).toEqual(counts);
    expect(JSON.stringify(writtenConsultationKind.machine.getPersistedSnapshot(snap))).not.toContain('"o3"');
  });

  it('erases a person on request: a logged entry, the value gone, the chain and the count unchanged', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 6 });
    const { engine, clock, receipts } = await run(store, c);
    const before = await counted(engine, c, clock);
    const mine = receipts[0]!.salts.find((s) => s.value === c.ballots[0]!.owner)!;
    // an owner may not erase, nor may anyone erase what the vault does not hold
    const byOwner = await engine.erase(
      c.community,
      { commitment: `~${mine.commitment}`, basis: '本人申请' },
      { actor: c.ballots[1]!.actor, channel: 'web', community: c.community },
    );
    expect(byOwner.ok || byOwner.error.code).toBe('FORBIDDEN_ROLE');
    const unknown = await engine.erase(
      c.community,
      { commitment: `~${'0'.repeat(64)}`, basis: '本人申请' },
      { actor: staff, channel: 'counter', community: c.community },
    );
    expect(unknown.ok || unknown.error.code).toBe('INVALID_EVENT');
    const r = ok(
      await engine.erase(
        c.community,
        { commitment: `~${mine.commitment}`, basis: '个人信息保护法 第47条，本人 2025-05-02 申请' },
        { actor: staff, channel: 'counter', community: c.community },
      ),
    );
    expect(r.entry.kind).toBe('vault');
    expect(r.entry.event).toMatchObject({ type: 'ERASE', commitment: `~${mine.commitment}` });
    expect((await store.vault(c.community)).map((v) => v.value)).not.toContain(mine.value);
    // reopened: the same counts, the erased person a commitment nobody can open
    const again = await openStreamEngine({
      store,
      kinds: KINDS,
      packs: FIXTURE_PACKS,
      clock,
      salt: counterSalt(),
    });
    const snap = (await again.snapshot(c.community, c.process))!;
    expect(
      (snap.context as { results: { result: { counts: unknown } }[] }).results.map((x) => x.result.counts),
    ).toEqual(before);
    const persisted = JSON.stringify(writtenConsultationKind.machine.getPersistedSnapshot(snap));
    expect(persisted).toContain(mine.commitment);
    expect(persisted).not.toContain(`"${mine.value}"`);
    // the resident's receipt still opens their own entry
    const [stored] = await store.readStream(c.community, receipts[0]!.version);
    expect(stored!.entry.actor.id).toBe(`~${sha256Hex(`${mine.salt}:${mine.value}`)}`);
  });

  it('commits a value that looks like a commitment too, so nobody can pass off another person’s', async () => {
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 3 });
    const { engine, clock } = await run(store, c);
    const fake = `~${'a'.repeat(64)}`;
    clock.t += 1000;
    const r = await engine.send(
      c.process,
      { ...c.ballots[0]!.event, owner: fake, ballotId: 'x' },
      { actor: { id: fake, role: 'owner' }, channel: 'mobile', community: c.community },
    );
    expect(r.ok).toBe(false); // not on the register, under its own name
  });
});

describe('signed receipts, anchors and notice pins', () => {
  it("a signed receipt verifies against the stored stream and opens the sender's own entry; a rewrite fails it", async () => {
    const { ed25519, verifyReceipt, verifyAnchor } = await import('../proof/index.js');
    const { KEY } = await import('../proof/proof.testkit.js');
    const signer = await ed25519().signer(KEY.seed);
    const store = memoryStreamStore();
    const c = fixtureConsultation({ owners: 5 });
    const clock = { t: c.setup[0]!.at, now: () => clock.t };
    const engine = await openStreamEngine({
      store,
      kinds: KINDS,
      packs: FIXTURE_PACKS,
      clock,
      salt: counterSalt(),
      signer,
    });
    await setUpConsultation(engine, c, clock);
    clock.t = c.castAt;
    const b = c.ballots[0]!;
    const r = ok(
      await engine.send(c.process, b.event, {
        actor: b.actor,
        channel: b.channel,
        community: c.community,
        requestId: 'x',
      }),
    );
    expect(r.receipt.head?.version).toBe(r.entry.version);
    for (const o of c.ballots.slice(1))
      ok(
        await engine.send(c.process, o.event, { actor: o.actor, channel: o.channel, community: c.community }),
      );
    const anchor = await engine.anchor();
    expect((await verifyAnchor(anchor, KEY.pub)).heads).toEqual([
      {
        stream: c.community,
        version: (await store.head(c.community))!.version,
        hash: (await store.head(c.community))!.hash,
      },
    ]);
    const entries = (await store.readStream(c.community)).map((s) => s.entry);
    const check = await verifyReceipt(r.receipt, entries, { publicKey: KEY.pub, anchor });
    expect(check.opened?.map((x) => x.value)).toContain(b.owner);
    // a retry gets the very same receipt
    const again = ok(
      await engine.send(c.process, b.event, {
        actor: b.actor,
        channel: b.channel,
        community: c.community,
        requestId: 'x',
      }),
    );
    expect(again.receipt).toEqual(r.receipt);
    // the ballot flipped and the stream re-hashed: the receipt no longer verifies
    const flipped = entries.map((e) => ({ ...e }));
    const i = r.entry.version - 1;
    flipped[i] = {
      ...flipped[i]!,
      event: { ...flipped[i]!.event, choices: [{ itemId: 'fund', choice: 'oppose' }] },
    };
    const { streamEntryHash } = await import('../log/streamEntry.js');
    for (let k = i; k < flipped.length; k++) {
      const prev = k === 0 ? '0'.repeat(64) : flipped[k - 1]!.hash;
      const e = { ...flipped[k]!, prev };
      flipped[k] = { ...e, hash: streamEntryHash(e) };
    }
    await expect(verifyReceipt(r.receipt, flipped, { publicKey: KEY.pub, anchor })).rejects.toMatchObject({
      code: 'LOG_TAMPERED',
    });
    // a receipt whose opening was altered is refused
    const forged = { ...r.receipt, salts: r.receipt.salts.map((x) => ({ ...x, value: 'o4' })) };
    await expect(verifyReceipt(forged, entries, { publicKey: KEY.pub })).rejects.toMatchObject({
      code: 'INVALID_RECEIPT',
    });
  });

  it('a posted notice carries its pin: its own entry and the latest anchor', async () => {
    const { ed25519 } = await import('../proof/index.js');
    const { KEY } = await import('../proof/proof.testkit.js');
    const { noticeInput, NOTICE_KINDS, BOARD, STAFF } = await import('./testing/noticeKind.js');
    const { fixtureRoster } = await import('../testing/fixtureRoster.js');
    const signer = await ed25519().signer(KEY.seed);
    const store = memoryStreamStore();
    const clock = { t: Date.UTC(2025, 3, 1, 2), now: () => clock.t };
    const engine = await openStreamEngine({
      store,
      kinds: NOTICE_KINDS,
      packs: FIXTURE_PACKS,
      clock,
      salt: counterSalt(),
      signer,
    });
    const [kind, id, input, ctx] = fixtureRoster('c1');
    ok(await engine.create(kind, id, input, { ...ctx, community: 'c1' }));
    ok(await engine.create('publicNotice', 'n-1', noticeInput('n-1'), { ...STAFF, community: 'c1' }));
    const anchor = await engine.anchor();
    const posted = ok(
      await engine.send(
        'n-1',
        { type: 'POST', on: '2025-04-01', channels: [BOARD] },
        { ...STAFF, community: 'c1' },
      ),
    );
    expect(posted.pin).toEqual({
      stream: 'c1',
      version: posted.entry.version,
      hash: posted.entry.hash,
      anchor: { root: anchor.root, at: anchor.at, keyId: anchor.keyId },
    });
    const { pinText } = await import('./streamEngine.js');
    expect(pinText(posted.pin!)).toMatch(/^本公示记录于议事日志：社区 c1 第 3 条/);
  });
});
