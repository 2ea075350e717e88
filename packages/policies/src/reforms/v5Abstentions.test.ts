import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v5aAbstentionsExcluded } from './v5aAbstentionsExcluded.js';
import { v5bAbstentionsFollowMajority } from './v5bAbstentionsFollowMajority.js';
import { v5cInvalidExcluded } from './v5cInvalidExcluded.js';

describe('V5: abstentions and invalid ballots', () => {
  const reg = estate(Array(9).fill('50.00'));
  // 9 owners all vote: 4 agree, 3 oppose, 2 abstain.
  const s = {
    registry: reg,
    ballots: ballots([
      'agree',
      'agree',
      'agree',
      'agree',
      'oppose',
      'oppose',
      'oppose',
      'abstain',
      'abstain',
    ]),
    matter: 'hireManager' as const,
  };
  it('baseline: abstentions are participating non-approvals → 4/9 fails', () => {
    expect(tallyUnder(s).passed).toBe(false);
  });
  it('v5a: abstentions excluded → 4/7 passes (7 of 9 still make the quorum)', () => {
    const r = tallyUnder(s, [v5aAbstentionsExcluded]);
    expect(r.counts.participating.owners).toBe(7);
    expect(r.passed).toBe(true);
  });
  it('v5b: abstentions follow the majority → 6/9 passes', () => {
    const r = tallyUnder(s, [v5bAbstentionsFollowMajority]);
    expect(r.counts.agree.owners).toBe(6);
    expect(r.passed).toBe(true);
  });
  it('v5c: invalid ballots excluded from participation → 4 of 6 valid ballots pass', () => {
    const inv = {
      ...s,
      ballots: ballots([
        'agree',
        'agree',
        'agree',
        'agree',
        'oppose',
        'oppose',
        'invalid',
        'invalid',
        'invalid',
      ]),
    };
    const base = tallyUnder(inv);
    expect(base.counts.participating.owners).toBe(9);
    expect(base.passed).toBe(false); // 4 of 9 participants
    const r = tallyUnder(inv, [v5cInvalidExcluded]);
    expect(r.counts.participating.owners).toBe(6);
    expect(r.quorumMet).toBe(true); // 6 of 9 is exactly 2/3: 以上 includes it
    expect(r.passed).toBe(true);
  });
});
