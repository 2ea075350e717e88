import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v4bDeliveredCounts } from './v4bDeliveredCounts.js';

describe('V4: delivery counts as participation', () => {
  it('meets the quorum but makes approval harder', () => {
    const s = {
      registry: estate(Array(10).fill('50.00')),
      ballots: ballots(Array(5).fill('agree')),
      matter: 'hireManager' as const,
    };
    expect(tallyUnder(s).outcome).toBe('noQuorum');
    const r = tallyUnder(s, [v4bDeliveredCounts]);
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false); // 5 of 10 participants is not more than half
    const six = tallyUnder({ ...s, ballots: ballots(Array(6).fill('agree')) }, [v4bDeliveredCounts]);
    expect(six.passed).toBe(true);
  });
});
