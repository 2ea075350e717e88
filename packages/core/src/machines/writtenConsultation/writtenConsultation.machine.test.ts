import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { ParameterName, ParameterValue } from '../../policy/parameters.js';
import { tallyOwnersAssembly } from '../../tally/ownersAssembly.js';
import {
  committee,
  engineFixturePolicy,
  fixtureUnits,
  ownerActor,
  play,
  refusal,
  type Scripted,
  staff,
  system,
} from '../../testing/fixtureEngine.js';
import { fingerprint } from '../frozenPolicy.js';
import { restoreProcess, startProcess } from '../processKind.js';
import { ballotEntries, liveBallots } from './ballotLedger.js';
import type { ConsultationInput } from './consultationSchemas.js';
import { writtenConsultationKind as kind } from './writtenConsultation.kind.js';

const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
type Overrides = Partial<{ [N in ParameterName]: ParameterValue<N> }>;

const input = (over: Overrides = {}, extra: Partial<ConsultationInput> = {}): ConsultationInput => ({
  id: 'wc-1',
  title: '2025 年业主大会书面表决',
  items: [
    { id: 'fund', title: '使用维修资金更换水泵', matter: 'useMaintenanceFund' },
    { id: 'covenant', title: '修改管理规约', matter: 'managementCovenant' },
  ],
  policy: engineFixturePolicy(over),
  registry: fixtureUnits,
  hasOwnersCommittee: true,
  ...extra,
});

const postNotice: Scripted = [
  { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [BOARD] },
  '2025-04-01',
  committee,
];
const issue: Scripted = [{ type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, '2025-04-02', committee];
const tick = (on: string): Scripted => [{ type: 'TICK' }, on, system];

const both = (choice: string) => [
  { itemId: 'fund', choice },
  { itemId: 'covenant', choice },
];
const online = (
  owner: string,
  choice = 'agree',
  on = '2025-04-20',
  ballotId = `${owner}-web-${on}`,
): Scripted => [
  { type: 'CAST_BALLOT', ballotId, owner, channel: 'online', choices: both(choice) },
  on,
  ownerActor(owner),
];
const paper = (
  owner: string,
  choice = 'agree',
  on = '2025-04-20',
  ballotId = `${owner}-paper-${on}`,
): Scripted => [
  {
    type: 'CAST_BALLOT',
    ballotId,
    owner,
    channel: 'paper',
    choices: both(choice),
    evidence: { scanId: `scan-${ballotId}`, batchId: 'batch-1' },
  },
  on,
  committee,
];
const CHECKER = { id: 'oc-2', role: 'ownersCommittee' } as const;
/** The batch closed with its count: entered by one committee member (oc-1), checked by another. */
const closeBatch = (count: number, on = '2025-05-01', batchId = 'batch-1'): Scripted => [
  { type: 'CLOSE_PAPER_BATCH', batchId, count, enteredBy: committee.id, checkedBy: CHECKER.id },
  on,
  CHECKER,
];
const HOLDER = { id: 'h-1', role: 'resident' } as const;
const observerActor = { id: 'obs-1', role: 'observer' } as const;
const registerProxy = (
  owner: string,
  validUntil = '2025-04-30',
  scope = ['fund', 'covenant'],
  on = '2025-04-16',
  extra: { written?: boolean; holder?: string } = {},
): Scripted => [
  {
    type: 'REGISTER_PROXY',
    proxyId: `px-${owner}`,
    owner,
    holder: extra.holder ?? HOLDER.id,
    written: extra.written ?? true,
    scope,
    validUntil,
    authorisationRef: `授权委托书-${owner}`,
    authorisationScanId: `scan-授权委托书-${owner}`,
  },
  on,
  committee,
];
const proxyBallot = (
  owner: string,
  on = '2025-04-20',
  actor: Scripted[2] = HOLDER,
  proxyId = `px-${owner}`,
  choice = 'agree',
): Scripted => [
  {
    type: 'CAST_BALLOT',
    ballotId: `${owner}-proxy-${on}-${actor.id}`,
    owner,
    channel: 'proxy',
    choices: both(choice),
    proxyId,
  },
  on,
  actor,
];

function collecting(over: Overrides = {}) {
  return play(kind, startProcess(kind, input(over)), postNotice, issue, tick('2025-04-16'));
}

describe('a written consultation, end to end', () => {
  it('freezes register and rules at notice, counts each item with tallyOwnersAssembly, announces and completes', () => {
    const start = startProcess(kind, input());
    let s = play(kind, start, postNotice);
    expect(s.value).toBe('noticed');
    expect(s.context.freeze).toMatchObject({
      registerHash: fingerprint(s.context.registry),
      rulesHash: fingerprint(
        (({ id, version, at, reforms, parameters }) => ({ id, version, at, reforms, parameters }))(
          engineFixturePolicy(),
        ),
      ),
      voters: 6,
      acceptedChannels: ['paper', 'online', 'officialPlatform', 'proxy'],
    });
    s = play(kind, s, issue);
    expect(s.context.issue?.ballots).toBe(6);
    s = play(kind, s, tick('2025-04-16'));
    expect(s.value).toBe('collecting');
    s = play(
      kind,
      s,
      registerProxy('o3'),
      online('o1'),
      paper('o2'),
      proxyBallot('o3'),
      online('o4', 'oppose'),
      paper('developer', 'abstain'),
      tick('2025-04-30'),
    );
    expect(s.value).toBe('collecting');
    s = play(kind, s, tick('2025-05-01'));
    // Two paper ballots in batch-1, not yet closed: the count waits.
    expect(s.value).toBe('closing');
    s = play(kind, s, closeBatch(2));
    expect(s.value).toBe('counted');
    expect(s.context.countedOn).toBe('2025-05-01');
    const ballots = [
      { owner: 'o1', choice: 'agree', channel: 'online' },
      { owner: 'o2', choice: 'agree', channel: 'paper' },
      { owner: 'o3', choice: 'agree', channel: 'proxy' },
      { owner: 'o4', choice: 'oppose', channel: 'online' },
      { owner: 'developer', choice: 'abstain', channel: 'paper' },
    ] as const;
    const expected = tallyOwnersAssembly({
      registry: s.context.registry,
      ballots: [...ballots],
      matter: 'useMaintenanceFund',
      policy: engineFixturePolicy(),
    });
    expect(s.context.results[0]?.result).toEqual(expected);
    expect(s.context.results.map((r) => r.result.outcome)).toEqual(['passed', 'passed']);
    s = play(kind, s, [{ type: 'ANNOUNCE', channels: [BOARD] }, '2025-05-06', committee]);
    expect(s.value).toBe('announcing');
    // Counted 05-01 (a holiday week); the 3-day posting deadline ends 05-06, the first working day after 劳动节.
    expect(s.context.announcement).toMatchObject({
      deadline: '2025-05-06',
      late: false,
      lastDay: '2025-05-13',
    });
    s = play(kind, s, tick('2025-05-14'));
    expect(s.value).toBe('completed');
    expect(s.output?.results.map((r) => r.outcome)).toEqual(['passed', 'passed']);
  });

  it('refuses a notice with less than 15 days’ lead, and a window before the notice', () => {
    const start = startProcess(kind, input());
    const late = refusal(kind, start, [{ ...postNotice[0], opensOn: '2025-04-15' }, '2025-04-01', committee]);
    expect(late.message).toContain('ownersAssembly.noticeDays');
    expect(
      refusal(kind, start, [{ ...postNotice[0], opensOn: '2025-03-30' }, '2025-04-01', committee]).code,
    ).toBe('EVENT_NOT_ALLOWED');
  });

  it('takes a ballot dated on the opening day even before that day’s TICK', () => {
    const s = play(kind, startProcess(kind, input()), postNotice, issue);
    expect(refusal(kind, s, online('o1', 'agree', '2025-04-15')).message).toContain('opens on 2025-04-16');
    const t = play(kind, s, online('o1', 'agree', '2025-04-16'));
    expect(t.value).toBe('collecting');
    expect(ballotEntries(t.context)).toHaveLength(1);
  });
});

describe('refusals', () => {
  const s = collecting();

  it('VOTE_AFTER_CLOSE: after the last day, before and after the closing TICK', () => {
    expect(refusal(kind, s, online('o1', 'agree', '2025-05-01')).code).toBe('VOTE_AFTER_CLOSE');
    const counted = play(kind, s, tick('2025-05-01'));
    expect(refusal(kind, counted, online('o1', 'agree', '2025-05-01')).code).toBe('VOTE_AFTER_CLOSE');
  });

  it('NOT_ON_REGISTER: a stranger, or an owner not on the register frozen at notice', () => {
    expect(refusal(kind, s, paper('stranger')).code).toBe('NOT_ON_REGISTER');
  });

  it('DOUBLE_VOTE under firstCounts, across channels', () => {
    const one = play(kind, s, online('o1'));
    const e = refusal(kind, one, paper('o1', 'oppose', '2025-04-21'));
    expect(e.code).toBe('DOUBLE_VOTE');
    expect(e.message).toContain('firstCounts');
  });

  it('PROXY_INVALID: expired, out of scope, without writing', () => {
    const expired = refusal(kind, play(kind, s, registerProxy('o3', '2025-04-19')), proxyBallot('o3'));
    expect(expired.code).toBe('PROXY_INVALID');
    expect(expired.message).toContain('expired at the end of 2025-04-19');
    expect(
      refusal(kind, play(kind, s, registerProxy('o3', '2025-04-30', ['fund'])), proxyBallot('o3')).message,
    ).toContain('does not cover covenant');
    const unwritten = refusal(
      kind,
      s,
      registerProxy('o3', '2025-04-30', ['fund'], '2025-04-16', { written: false }),
    );
    expect(unwritten.code).toBe('PROXY_INVALID');
    expect(unwritten.message).toContain('written authorisation');
    expect(refusal(kind, s, registerProxy('o3', '2025-04-30', ['nope'])).message).toContain(
      'not in this consultation',
    );
  });

  it('PROXY_INVALID: a proxy the organisers did not register, or one held by someone else, or for another owner', () => {
    // The reviewer's forgery: o2 names themself holder of a proxy nobody registered.
    const forged = refusal(kind, s, proxyBallot('o1', '2025-04-20', ownerActor('o2'), 'made-up'));
    expect(forged.code).toBe('PROXY_INVALID');
    expect(forged.message).toContain('no proxy made-up is registered');
    const registered = play(kind, s, registerProxy('o3'));
    const notHolder = refusal(kind, registered, proxyBallot('o3', '2025-04-20', ownerActor('o2')));
    expect(notHolder.code).toBe('PROXY_INVALID');
    expect(notHolder.message).toContain('held by h-1, not o2');
    const otherOwner = refusal(kind, registered, proxyBallot('o1', '2025-04-20', HOLDER, 'px-o3'));
    expect(otherOwner.message).toContain('for owner o3, not o1');
    // The organisers register, or the owner for themself; another owner cannot; a ballot
    // without a proxyId on channel proxy is refused.
    expect(refusal(kind, s, [registerProxy('o3')[0], '2025-04-16', ownerActor('o2')]).message).toContain(
      'or the owner o3 themself',
    );
    expect(
      play(kind, s, [registerProxy('o3')[0], '2025-04-16', ownerActor('o3')]).context.proxies['px-o3']
        ?.confirmed,
    ).toEqual({ on: '2025-04-16', by: ownerActor('o3') });
    expect(refusal(kind, s, [registerProxy('o3')[0], '2025-04-16', observerActor]).code).toBe(
      'FORBIDDEN_ROLE',
    );
    const bare = { ...proxyBallot('o3')[0] } as Record<string, unknown>;
    delete bare.proxyId;
    expect(refusal(kind, registered, [bare as Scripted[0], '2025-04-20', HOLDER]).message).toContain(
      'names its registered proxy',
    );
  });

  it('REVOKE_PROXY: the owner revokes; a live proxy ballot is withdrawn and the proxy no longer carries one', () => {
    const voted = play(
      kind,
      collecting({ 'ownersAssembly.repeatBallot': 'paperOverridesOnline' }),
      registerProxy('o3'),
      online('o3', 'agree', '2025-04-17'),
      proxyBallot('o3', '2025-04-18', HOLDER, 'px-o3', 'oppose'),
    );
    expect(liveBallots(voted.context).o3).toMatchObject({ channel: 'proxy', proxyId: 'px-o3' });
    const revoke: Scripted = [
      { type: 'REVOKE_PROXY', proxyId: 'px-o3', reason: '本人投票' },
      '2025-04-19',
      ownerActor('o3'),
    ];
    expect(refusal(kind, voted, [revoke[0], '2025-04-19', ownerActor('o2')]).message).toContain(
      'only the owner',
    );
    const revoked = play(kind, voted, revoke);
    expect(liveBallots(revoked.context).o3).toBeUndefined();
    expect(ballotEntries(revoked.context).at(-1)).toMatchObject({
      kind: 'withdrawal',
      owner: 'o3',
      supersedes: 1,
    });
    expect(revoked.context.proxies['px-o3']?.revoked).toMatchObject({ on: '2025-04-19', reason: '本人投票' });
    expect(refusal(kind, revoked, proxyBallot('o3', '2025-04-20', HOLDER)).message).toContain(
      'revoked on 2025-04-19',
    );
    expect(refusal(kind, revoked, revoke).message).toContain('already revoked');
    // The owner votes again themself.
    expect(
      liveBallots(play(kind, revoked, online('o3', 'agree', '2025-04-20', 'again')).context).o3?.channel,
    ).toBe('online');
    // Without revoking, the owner may withdraw the proxy's ballot; (no revocation needed).
    const withdrawn = play(kind, voted, [
      { type: 'WITHDRAW_BALLOT', owner: 'o3' },
      '2025-04-19',
      ownerActor('o3'),
    ]);
    expect(liveBallots(withdrawn.context).o3).toBeUndefined();
  });

  it('an owner cannot submit a paper ballot over the web (paper is entered by the counting staff)', () => {
    const s2 = collecting({ 'ownersAssembly.repeatBallot': 'paperOverridesOnline' });
    const own = play(kind, s2, online('o1'));
    const selfPaper = refusal(kind, own, [
      paper('o1', 'oppose', '2025-04-21')[0],
      '2025-04-21',
      ownerActor('o1'),
    ]);
    expect(selfPaper.code).toBe('EVENT_NOT_ALLOWED');
    // The owner may withdraw a paper ballot entered for them, but only staff correct it.
    const p = play(kind, s2, paper('o2'));
    const correct: Scripted = [
      { type: 'CORRECT_BALLOT', owner: 'o2', choices: [{ itemId: 'fund', choice: 'oppose' }] },
      '2025-04-21',
      ownerActor('o2'),
    ];
    expect(refusal(kind, p, correct).code).toBe('EVENT_NOT_ALLOWED');
    expect(
      liveBallots(
        play(kind, p, [{ type: 'WITHDRAW_BALLOT', owner: 'o2' }, '2025-04-21', ownerActor('o2')]).context,
      ).o2,
    ).toBeUndefined();
  });

  it('RULES_FROZEN once a ballot is in; before that an amendment un-freezes and needs a new notice', () => {
    const amendRules: Scripted = [
      {
        type: 'AMEND_RULES',
        policy: engineFixturePolicy({ 'ownersAssembly.repeatBallot': 'lastCounts' }),
        reason: '改规则',
      },
      '2025-04-17',
      committee,
    ];
    const back = play(kind, s, amendRules);
    expect(back.value).toBe('draft');
    expect(back.context.freeze).toBeNull();
    expect(back.context.amendments[0]).toMatchObject({ what: 'rules', unfroze: true });
    expect(back.context.rules.repeatBallot).toBe('lastCounts');
    const voted = play(kind, s, online('o1', 'agree', '2025-04-17'));
    const frozen = refusal(kind, voted, amendRules);
    expect(frozen.code).toBe('RULES_FROZEN');
    const amendRegister: Scripted = [
      { type: 'AMEND_REGISTER', registry: fixtureUnits, reason: '更正面积' },
      '2025-04-17',
      committee,
    ];
    expect(refusal(kind, voted, amendRegister).code).toBe('RULES_FROZEN');
    expect(refusal(kind, play(kind, voted, tick('2025-05-01')), amendRegister).code).toBe('RULES_FROZEN');
  });

  it('only the owner casts online; the counting staff enter paper; a policy without e-voting refuses online ballots', () => {
    expect(refusal(kind, s, [online('o1')[0], '2025-04-20', ownerActor('o2')]).message).toContain(
      'only from the owner',
    );
    expect(refusal(kind, s, [online('o1')[0], '2025-04-20', staff]).code).toBe('EVENT_NOT_ALLOWED');
    const none = collecting({ 'ownersAssembly.electronicVoting': 'none' });
    expect(refusal(kind, none, online('o1')).message).toContain('does not count online');
  });
});

describe('repeat ballots, corrections and withdrawals', () => {
  it('lastCounts: the later ballot replaces the earlier; both stay in the ledger', () => {
    const s = play(
      kind,
      collecting({ 'ownersAssembly.repeatBallot': 'lastCounts' }),
      paper('o1'),
      online('o1', 'oppose', '2025-04-21'),
      online('o1', 'agree', '2025-04-22'),
    );
    expect(ballotEntries(s.context).map((e) => [e.kind, e.channel, e.supersedes])).toEqual([
      ['cast', 'paper', null],
      ['cast', 'online', 0],
      ['cast', 'online', 1],
    ]);
    expect(liveBallots(s.context).o1).toMatchObject({ castSeq: 2, channel: 'online' });
  });

  it('paperOverridesOnline: paper replaces online, never the other way', () => {
    const s = collecting({ 'ownersAssembly.repeatBallot': 'paperOverridesOnline' });
    const t = play(kind, s, online('o1'), paper('o1', 'oppose', '2025-04-21'));
    expect(liveBallots(t.context).o1?.channel).toBe('paper');
    expect(refusal(kind, t, online('o1', 'agree', '2025-04-22', 'again')).code).toBe('DOUBLE_VOTE');
    expect(refusal(kind, play(kind, s, paper('o2')), online('o2', 'agree', '2025-04-22')).code).toBe(
      'DOUBLE_VOTE',
    );
  });

  it('a correction and a withdrawal are new entries; after a withdrawal the owner may vote again', () => {
    let s = play(kind, collecting(), online('o1'), [
      {
        type: 'CORRECT_BALLOT',
        owner: 'o1',
        choices: [{ itemId: 'fund', choice: 'oppose' }],
        reason: '选错了',
      },
      '2025-04-21',
      ownerActor('o1'),
    ]);
    expect(liveBallots(s.context).o1?.choices).toEqual([{ itemId: 'fund', choice: 'oppose' }]);
    s = play(kind, s, [{ type: 'WITHDRAW_BALLOT', owner: 'o1' }, '2025-04-22', ownerActor('o1')]);
    expect(liveBallots(s.context).o1).toBeUndefined();
    expect(ballotEntries(s.context).map((e) => e.kind)).toEqual(['cast', 'correction', 'withdrawal']);
    expect(ballotEntries(s.context)[0]?.choices).toEqual(both('agree')); // never overwritten
    s = play(kind, s, paper('o1', 'abstain', '2025-04-23'));
    expect(liveBallots(s.context).o1?.castSeq).toBe(3);
    expect(
      refusal(kind, s, [{ type: 'WITHDRAW_BALLOT', owner: 'o2' }, '2025-04-23', ownerActor('o2')]).message,
    ).toContain('no ballot');
  });
});

describe('persistence', () => {
  it('restores a collecting consultation through JSON; the same next events give the same context', () => {
    const s = play(kind, collecting(), online('o1'));
    const actor = createActor(kind.machine, { snapshot: s }).start();
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const back = restoreProcess(kind, stored);
    expect(back.value).toBe('collecting');
    const next = [paper('o2'), tick('2025-05-01')] as const;
    expect(play(kind, back, ...next).context).toEqual(play(kind, s, ...next).context);
    expect(() => restoreProcess(kind, { ...stored, value: 'nowhere' })).toThrow(/stored writtenConsultation/);
  });
});
