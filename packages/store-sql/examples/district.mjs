// A district on one database: two communities' written consultations on a SQLite file, through
// the stream engine — a retried ballot counted once, signed receipts a resident can check, an
// anchor over every community's head, a published log without names, and an erasure.
//
//   node packages/store-sql/examples/district.mjs        (after `npm test` or `npm run build`)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStreamEngine } from '@yishi/core/engine';
import { PROCESS_KINDS } from '@yishi/core/machines';
import { ed25519, verifyAnchor, verifyReceipt } from '@yishi/core/proof';
import { policies } from '@yishi/policies';
import { openSqliteStreamStore } from '@yishi/store-sql/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'yishi-district-'));
const store = openSqliteStreamStore({ path: join(dir, 'district.db') });
// A test key (RFC 8032's first vector): a portal keeps its own seed secret.
const KEY = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const signer = await ed25519().signer(KEY);
const clock = { t: Date.UTC(2025, 3, 1, 1), now: () => clock.t }; // 2025-04-01 09:00 in Shanghai
const day = (d, h = 9) => Date.UTC(2025, 3, d, h - 8);
const engine = await openStreamEngine({
  store,
  kinds: PROCESS_KINDS,
  packs: Object.values(policies),
  clock,
  signer,
});
const as = (id, role, community, channel = 'web') => ({ actor: { id, role }, channel, community });
const must = (r) => {
  if (!r.ok) throw r.error;
  return r;
};

for (const community of ['梅园居委', '桃园居委']) {
  const sd = as('sd-1', 'subdistrictStaff', community);
  const oc = as(`oc-${community}`, 'ownersCommittee', community);
  clock.t = day(1);
  must(
    await engine.create(
      'roster',
      `roster:${community}`,
      {
        community,
        root: { by: { id: 'sd-1', role: 'subdistrictStaff' }, basis: '街道社区自治办备案' },
        appointments: [
          {
            appointmentId: 'a1',
            personId: 'sd-1',
            role: 'subdistrictStaff',
            from: '2024-01-01',
            basis: '街道',
          },
          {
            appointmentId: 'a2',
            personId: 'staff-1',
            role: 'residentsCommitteeStaff',
            from: '2024-01-01',
            basis: '居委会',
          },
          {
            appointmentId: 'a3',
            personId: oc.actor.id,
            role: 'ownersCommittee',
            from: '2024-01-01',
            until: '2027-12-31',
            basis: '业委会选举备案',
          },
        ],
      },
      sd,
    ),
  );
  must(
    await engine.create(
      'writtenConsultation',
      'wc-1',
      {
        id: 'wc-1',
        title: '使用维修资金更换水泵',
        hasOwnersCommittee: true,
        registry: {
          estate: community,
          units: [
            { id: '1-101', building: '1', area: '80.00', owner: '王五' },
            { id: '1-102', building: '1', area: '60.00', owner: '李四' },
            { id: '1-201', building: '1', area: '90.00', owner: '张三' },
          ],
        },
        items: [{ id: 'fund', title: '更换水泵', matter: 'useMaintenanceFund' }],
        rules: { pack: 'shanghai', at: '2025-04-01' },
      },
      oc,
    ),
  );
  must(
    await engine.send(
      'wc-1',
      {
        type: 'POST_NOTICE',
        opensOn: '2025-04-17',
        closesOn: '2025-04-30',
        channels: [{ channel: 'board', location: '小区公告栏', photoId: 'img-1' }],
      },
      oc,
    ),
  );
  must(await engine.send('wc-1', { type: 'ISSUE_BALLOTS', channels: ['online'] }, oc));
}

// Voting day in 梅园: a phone sends 王五's ballot, hears nothing back, and sends it again.
clock.t = day(17);
await engine.tick('梅园居委');
const ballot = (owner, choice) => ({
  type: 'CAST_BALLOT',
  ballotId: `${owner}-1`,
  owner,
  channel: 'online',
  choices: [{ itemId: 'fund', choice }],
});
const wang = as('王五', 'owner', '梅园居委', 'mobile');
const first = must(await engine.send('wc-1', ballot('王五', 'agree'), { ...wang, requestId: 'phone-7:1' }));
const retry = must(await engine.send('wc-1', ballot('王五', 'agree'), { ...wang, requestId: 'phone-7:1' }));
console.log(
  'retry answered with the first entry:',
  retry.duplicate === true && retry.entry.hash === first.entry.hash,
);
must(await engine.send('wc-1', ballot('李四', 'agree'), as('李四', 'owner', '梅园居委', 'mobile')));

// The stored entry holds commitments, not names; the receipt opens 王五's own.
console.log('the stored entry names nobody:', !JSON.stringify(first.entry).includes('王五'));
const anchor = await engine.anchor();
console.log(
  'anchor over',
  (await verifyAnchor(anchor, signer.publicKey)).heads.length,
  'communities, root',
  anchor.root.slice(0, 16),
);
const published = (await store.readStream('梅园居委')).map((s) => s.entry);
const check = await verifyReceipt(first.receipt, published, { publicKey: signer.publicKey, anchor });
console.log(
  'receipt verifies at version',
  check.version,
  'and opens',
  check.opened.map((o) => o.value).join(', '),
);

// A resident asks to be erased: the chain still verifies, the value is gone from the vault.
const wangCommitment = first.receipt.salts.find((s) => s.value === '王五').commitment;
must(
  await engine.erase(
    '梅园居委',
    { commitment: `~${wangCommitment}`, basis: '个人信息保护法 第47条，本人申请' },
    as('staff-1', 'residentsCommitteeStaff', '梅园居委', 'counter'),
  ),
);
console.log('erased:', !(await store.vault('梅园居委')).some((r) => r.value === '王五'));

await engine.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
