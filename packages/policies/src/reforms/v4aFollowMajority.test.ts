import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v4aFollowMajority } from './v4aFollowMajority.js';

describe('V4: 从众 — non-voters join the majority', () => {
  const reg = estate(Array(10).fill('50.00'));
  it('turns a quorum failure into a pass when the majority is clear', () => {
    const s = {
      registry: reg,
      ballots: ballots(['agree', 'agree', 'agree', 'agree', 'agree', 'oppose']),
      matter: 'hireManager' as const,
    };
    expect(tallyUnder(s).outcome).toBe('noQuorum');
    const r = tallyUnder(s, [v4aFollowMajority]);
    expect(r.passed).toBe(true);
    expect(r.counts.followMajority).toEqual({ applied: true, side: 'agree' });
  });
  it('is not applied when agree and oppose tie', () => {
    const s = {
      registry: reg,
      ballots: ballots(['agree', 'agree', 'oppose', 'oppose']),
      matter: 'hireManager' as const,
    };
    const r = tallyUnder(s, [v4aFollowMajority]);
    expect(r.counts.followMajority.applied).toBe(false);
    expect(r.outcome).toBe('noQuorum');
  });
});
