/**
 * Issue 9, "roles are bound to people", at the machine level, written as the attacks: a paper
 * ballot typed in by the committee without evidence, a batch nobody checked, the committee's paper
 * ballot over an owner's own online vote, and the self-proxy. Each failed on the code before.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import type { ParameterName, ParameterValue } from '../../policy/parameters.js';
import {
  committee,
  engineFixturePolicy,
  fixtureUnits,
  ownerActor,
  play,
  refusal,
  type Scripted,
  system,
} from '../../testing/fixtureEngine.js';
import { restoreProcess, startProcess } from '../processKind.js';
import { liveBallots } from './ballotLedger.js';
import { consultationProxyHolders, writtenConsultationKind as kind } from './writtenConsultation.kind.js';

type Overrides = Partial<{ [N in ParameterName]: ParameterValue<N> }>;
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const CHECKER: Actor = { id: 'oc-2', role: 'ownersCommittee' };
const HOLDER: Actor = { id: 'h-1', role: 'resident' };
const CHOICES = [{ itemId: 'fund', choice: 'agree' }];

function collecting(over: Overrides = {}) {
  const s = startProcess(kind, {
    id: 'wc-9',
    title: '书面表决',
    items: [{ id: 'fund', title: '使用维修资金', matter: 'useMaintenanceFund' }],
    policy: engineFixturePolicy(over),
    registry: fixtureUnits,
    hasOwnersCommittee: true,
  });
  return play(
    kind,
    s,
    [
      { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [BOARD] },
      '2025-04-01',
      committee,
    ],
    [{ type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, '2025-04-02', committee],
    [{ type: 'TICK' }, '2025-04-16', system],
  );
}

const online = (owner: string, on = '2025-04-20', ballotId = `${owner}-web-${on}`): Scripted => [
  { type: 'CAST_BALLOT', ballotId, owner, channel: 'online', choices: CHOICES },
  on,
  ownerActor(owner),
];
const paper = (
  owner: string,
  {
    on = '2025-04-21',
    batchId = 'b-1',
    scanId = undefined as string | undefined,
    by = committee as Actor,
  } = {},
): Scripted => [
  {
    type: 'CAST_BALLOT',
    ballotId: `${owner}-paper-${on}`,
    owner,
    channel: 'paper',
    choices: CHOICES,
    evidence: { scanId: scanId ?? `scan-${owner}-${on}`, batchId },
  },
  on,
  by,
];
const bare = (owner: string, on = '2025-04-21'): Scripted => [
  { type: 'CAST_BALLOT', ballotId: `${owner}-paper-${on}`, owner, channel: 'paper', choices: CHOICES },
  on,
  committee,
];
const close = (
  count: number,
  { batchId = 'b-1', enteredBy = committee.id, checkedBy = CHECKER.id, by = CHECKER, on = '2025-04-25' } = {},
): Scripted => [{ type: 'CLOSE_PAPER_BATCH', batchId, count, enteredBy, checkedBy }, on, by];
const register = (
  owner: string,
  { holder = HOLDER.id, scan = true as boolean, by = committee as Actor, on = '2025-04-16' } = {},
): Scripted => [
  {
    type: 'REGISTER_PROXY',
    proxyId: `px-${owner}`,
    owner,
    holder,
    written: true,
    scope: ['fund'],
    validUntil: '2025-04-30',
    authorisationRef: `授权委托书-${owner}`,
    ...(scan ? { authorisationScanId: `scan-委托书-${owner}` } : {}),
  },
  on,
  by,
];
const viaProxy = (owner: string, actor: Actor = HOLDER, on = '2025-04-20', extra = {}): Scripted => [
  {
    type: 'CAST_BALLOT',
    ballotId: `${owner}-px-${on}-${actor.id}`,
    owner,
    channel: 'proxy',
    choices: CHOICES,
    proxyId: `px-${owner}`,
    ...extra,
  },
  on,
  actor,
];
const tick = (on: string): Scripted => [{ type: 'TICK' }, on, system];

describe('paper ballots carry evidence', () => {
  const s = collecting();

  it('the committee’s paper ballot without evidence is refused, INVALID_EVENT naming the field', () => {
    const e = refusal(kind, s, bare('o2'));
    expect(e.code).toBe('INVALID_EVENT');
    expect(e.issues[0]?.field).toBe('evidence');
    expect(e.message).toContain('evidence.scanId');
    expect(e.message).toContain('evidence.batchId');
    expect(liveBallots(s.context).o2).toBeUndefined();
  });

  it('so is a proxy ballot the staff enter for the holder without evidence; the holder casting needs none', () => {
    const r = play(kind, s, register('o3'));
    expect(refusal(kind, r, viaProxy('o3', committee)).code).toBe('INVALID_EVENT');
    expect(
      play(
        kind,
        r,
        viaProxy('o3', committee, '2025-04-20', { evidence: { scanId: 'sc-px', batchId: 'b-1' } }),
      ).context.batches['b-1']?.ballots,
    ).toBe(1);
    expect(liveBallots(play(kind, r, viaProxy('o3')).context).o3?.channel).toBe('proxy');
  });

  it('an owner’s own online ballot carries no batch (it cannot be counted into a paper batch)', () => {
    const e = refusal(kind, s, [
      { ...online('o1')[0], evidence: { scanId: 'x', batchId: 'b-1' } },
      '2025-04-20',
      ownerActor('o1'),
    ]);
    expect(e.code).toBe('INVALID_EVENT');
    expect(e.issues[0]?.field).toBe('evidence');
  });

  it('one paper, one ballot: a scan id already in the ledger is refused', () => {
    const one = play(kind, s, paper('o2', { scanId: 'scan-1' }));
    expect(refusal(kind, one, paper('o4', { scanId: 'scan-1' })).message).toContain('scan-1 is already');
  });
});

describe('paper batches are closed by two people with the count', () => {
  const s = play(kind, collecting(), paper('o2'), paper('o4'));

  it('records each batch with its ballots and who entered them', () => {
    expect(s.context.batches['b-1']).toEqual({
      batchId: 'b-1',
      openedOn: '2025-04-21',
      ballots: 2,
      enteredBy: [committee.id],
      closure: null,
    });
  });

  it('the count must equal the ballots in the batch: one below and one above are refused, at it accepted', () => {
    for (const n of [1, 3]) {
      const e = refusal(kind, s, close(n));
      expect(e.code).toBe('BATCH_MISMATCH');
      expect(e.message).toContain(`holds 2 ballots in the ledger; the closure counts ${n}`);
    }
    expect(play(kind, s, close(2)).context.batches['b-1']?.closure).toEqual({
      on: '2025-04-25',
      by: CHECKER,
      count: 2,
      enteredBy: committee.id,
      checkedBy: CHECKER.id,
    });
  });

  it('双人录入: two different people, one of whom sends the closure; the one who entered is named', () => {
    expect(refusal(kind, s, close(2, { checkedBy: committee.id, by: committee })).code).toBe(
      'DUAL_ENTRY_REQUIRED',
    );
    const outsider: Actor = { id: 'oc-3', role: 'ownersCommittee' };
    expect(refusal(kind, s, close(2, { by: outsider })).code).toBe('DUAL_ENTRY_REQUIRED');
    const wrong = refusal(kind, s, close(2, { enteredBy: 'oc-3', by: CHECKER }));
    expect(wrong.code).toBe('BATCH_MISMATCH');
    expect(wrong.message).toContain('were entered by oc-1');
    expect(refusal(kind, s, close(0, { batchId: 'b-none' })).message).toContain('no ballot was entered');
    // a second person enters into a batch of their own, so every batch can be closed
    const other = refusal(kind, s, paper('o5', { by: CHECKER }));
    expect(other.code).toBe('BATCH_MISMATCH');
    expect(other.message).toContain('being entered by oc-1');
    expect(
      play(kind, s, paper('o5', { by: CHECKER, batchId: 'b-2' })).context.batches['b-2']?.enteredBy,
    ).toEqual([CHECKER.id]);
    expect(refusal(kind, s, [close(2)[0], '2025-04-25', ownerActor('o1')]).code).toBe('FORBIDDEN_ROLE');
  });

  it('a closed batch takes no ballot, no correction and no second closure', () => {
    const closed = play(kind, s, close(2));
    expect(refusal(kind, closed, paper('o5', { on: '2025-04-26' })).code).toBe('BATCH_CLOSED');
    expect(refusal(kind, closed, close(2, { on: '2025-04-26' })).code).toBe('BATCH_CLOSED');
    const correct: Scripted = [
      { type: 'CORRECT_BALLOT', owner: 'o2', choices: [{ itemId: 'fund', choice: 'oppose' }] },
      '2025-04-26',
      committee,
    ];
    expect(refusal(kind, closed, correct).code).toBe('BATCH_CLOSED');
    // Before the closure the entering staff may still correct an entry error.
    expect(liveBallots(play(kind, s, correct).context).o2?.choices[0]?.choice).toBe('oppose');
    // A new batch is opened by its first ballot.
    expect(
      play(kind, closed, paper('o5', { on: '2025-04-26', batchId: 'b-2' })).context.batches['b-2']?.ballots,
    ).toBe(1);
  });

  it('the count waits (closing) while a batch holding ballots is open; the result lists the batches', () => {
    const waiting = play(kind, s, tick('2025-05-01'));
    expect(waiting.value).toBe('closing');
    expect(waiting.context.results).toEqual([]);
    const announce: Scripted = [{ type: 'ANNOUNCE', channels: [BOARD] }, '2025-05-02', committee];
    const e = refusal(kind, waiting, announce);
    expect(e.code).toBe('BATCH_OPEN');
    expect(e.message).toContain('b-1 (2 ballots)');
    expect(refusal(kind, waiting, paper('o5', { on: '2025-05-01' })).code).toBe('VOTE_AFTER_CLOSE');
    // Stored and restored while waiting, it still waits and closes the same way.
    const actor = createActor(kind.machine, { snapshot: waiting }).start();
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const back = restoreProcess(kind, stored);
    expect(back.value).toBe('closing');
    const counted = play(kind, back, close(2, { on: '2025-05-02' }));
    expect(counted.value).toBe('counted');
    expect(counted.context).toEqual(play(kind, waiting, close(2, { on: '2025-05-02' })).context);
    expect(counted.context.countedOn).toBe('2025-05-02');
    const done = play(kind, counted, announce, tick('2025-05-30'));
    expect(done.output?.paperBatches).toEqual([
      expect.objectContaining({ batchId: 'b-1', ballots: 2, closure: expect.objectContaining({ count: 2 }) }),
    ]);
  });

  it('without paper ballots the count is at the close, as before', () => {
    expect(play(kind, collecting(), online('o1'), tick('2025-05-01')).value).toBe('counted');
  });
});

describe('an owner’s own ballot is never replaced by one someone else entered', () => {
  it('lastCounts: the committee’s paper ballot over the owner’s online vote is refused (OWN_BALLOT_PROTECTED)', () => {
    const s = play(kind, collecting({ 'ownersAssembly.repeatBallot': 'lastCounts' }), online('o1'));
    const e = refusal(kind, s, paper('o1'));
    expect(e.code).toBe('OWN_BALLOT_PROTECTED');
    expect(e.message).toContain('voted in their own name (online');
    expect(liveBallots(s.context).o1?.channel).toBe('online');
    // nor a proxy's ballot, even from its holder
    const r = play(kind, s, register('o1', { on: '2025-04-20' }));
    expect(refusal(kind, r, viaProxy('o1')).code).toBe('OWN_BALLOT_PROTECTED');
    // the owner re-voting themself is the last that counts, and is listed as a replacement
    const again = play(kind, s, online('o1', '2025-04-22'), tick('2025-05-01'));
    expect(again.context.replacedBallots).toEqual([
      {
        owner: 'o1',
        on: '2025-04-22',
        replaced: { seq: 0, ballotId: 'o1-web-2025-04-20', channel: 'online', by: ownerActor('o1') },
        replacing: {
          seq: 1,
          ballotId: 'o1-web-2025-04-22',
          channel: 'online',
          by: ownerActor('o1'),
          evidence: null,
        },
      },
    ]);
  });

  it('firstCounts: refused as a repeat (DOUBLE_VOTE)', () => {
    const s = play(kind, collecting(), online('o1'));
    expect(refusal(kind, s, paper('o1')).code).toBe('DOUBLE_VOTE');
  });

  it('paperOverridesOnline (the covenant’s choice): paper prevails, and the result lists the replaced ballot and who entered the new one', () => {
    const s = play(
      kind,
      collecting({ 'ownersAssembly.repeatBallot': 'paperOverridesOnline' }),
      online('o1'),
      paper('o1'),
    );
    expect(liveBallots(s.context).o1?.channel).toBe('paper');
    const counted = play(kind, s, close(1), tick('2025-05-01'));
    expect(counted.value).toBe('counted');
    const listed = {
      owner: 'o1',
      on: '2025-04-21',
      replaced: { seq: 0, ballotId: 'o1-web-2025-04-20', channel: 'online', by: ownerActor('o1') },
      replacing: {
        seq: 1,
        ballotId: 'o1-paper-2025-04-21',
        channel: 'paper',
        by: committee,
        evidence: { scanId: 'scan-o1-2025-04-21', batchId: 'b-1' },
      },
    };
    expect(counted.context.replacedBallots).toEqual([listed]);
    const done = play(
      kind,
      counted,
      [{ type: 'ANNOUNCE', channels: [BOARD] }, '2025-05-06', committee],
      tick('2025-05-30'),
    );
    expect(done.output?.replacedBallots).toEqual([listed]);
  });
});

describe('proxies rest on evidence, and an organiser cannot hold one', () => {
  const s = collecting();

  it('the self-proxy: the committee registering a proxy naming itself as holder is refused (PROXY_INVALID)', () => {
    const e = refusal(kind, s, register('o3', { holder: committee.id }));
    expect(e.code).toBe('PROXY_INVALID');
    expect(e.message).toContain('self-proxy');
    expect(e.message).toContain('proxy.organiserMayHold');
    // Where the pack allows it, the registration stands.
    const allowed = collecting({ 'proxy.organiserMayHold': true });
    expect(
      play(kind, allowed, register('o3', { holder: committee.id })).context.proxies['px-o3']?.holder,
    ).toBe(committee.id);
  });

  it('a holder voting as an organiser is refused unless the pack allows it', () => {
    const r = play(kind, s, register('o3', { holder: CHECKER.id }));
    const e = refusal(kind, r, viaProxy('o3', CHECKER));
    expect(e.code).toBe('PROXY_INVALID');
    expect(e.message).toContain('may not hold an owner');
    const allowed = play(
      kind,
      collecting({ 'proxy.organiserMayHold': true }),
      register('o3', { holder: CHECKER.id }),
    );
    expect(liveBallots(play(kind, allowed, viaProxy('o3', CHECKER)).context).o3?.proxyId).toBe('px-o3');
  });

  it('without the 授权委托书’s scan or the owner’s confirmation a proxy carries no ballot; CONFIRM_PROXY by the owner makes it good', () => {
    const r = play(kind, s, register('o3', { scan: false }));
    const e = refusal(kind, r, viaProxy('o3'));
    expect(e.code).toBe('PROXY_INVALID');
    expect(e.message).toContain('has no evidence');
    const confirm: Scripted = [{ type: 'CONFIRM_PROXY', proxyId: 'px-o3' }, '2025-04-18', ownerActor('o3')];
    expect(refusal(kind, r, [confirm[0], '2025-04-18', ownerActor('o2')]).code).toBe('PROXY_INVALID');
    expect(refusal(kind, r, [confirm[0], '2025-04-18', committee]).code).toBe('FORBIDDEN_ROLE');
    const ok = play(kind, r, confirm);
    expect(ok.context.proxies['px-o3']?.confirmed).toEqual({ on: '2025-04-18', by: ownerActor('o3') });
    expect(refusal(kind, ok, confirm).message).toContain('already confirmed');
    expect(liveBallots(play(kind, ok, viaProxy('o3')).context).o3?.channel).toBe('proxy');
    // The owner registering it themself is their confirmation.
    const own = play(kind, s, register('o4', { scan: false, by: ownerActor('o4') }));
    expect(liveBallots(play(kind, own, viaProxy('o4')).context).o4?.channel).toBe('proxy');
  });

  it('consultationProxyHolders names the holders an event would create (for the roster check)', () => {
    expect(consultationProxyHolders(register('o3')[0])).toEqual([HOLDER.id]);
    expect(consultationProxyHolders(online('o1')[0])).toEqual([]);
  });
});

describe('a snapshot stored before paper batches', () => {
  it('restores with no batches, no replaced ballots and organisers holding no proxy; its proxies need the owner’s confirmation', () => {
    const s = play(kind, collecting(), register('o3'), online('o1'));
    const actor = createActor(kind.machine, { snapshot: s }).start();
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    delete stored.context.batches;
    delete stored.context.replacedBallots;
    delete stored.context.rules.organiserMayHold;
    delete stored.context.proxies['px-o3'].authorisationScanId;
    delete stored.context.proxies['px-o3'].confirmed;
    const back = restoreProcess(kind, stored);
    expect(back.context.batches).toEqual({});
    expect(back.context.rules.organiserMayHold).toBe(false);
    expect(refusal(kind, back, viaProxy('o3')).message).toContain('has no evidence');
    const next = play(kind, back, paper('o2'), close(1), tick('2025-05-01'));
    expect(next.value).toBe('counted');
  });
});
