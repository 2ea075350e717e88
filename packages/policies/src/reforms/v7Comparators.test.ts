import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v7aExclusiveBounds, v7bInclusiveMajority } from './v7Comparators.js';

describe('V7: comparators at the boundary', () => {
  const reg = estate(Array(12).fill('10.00'));
  it('v7a: exactly 2/3 taking part is no longer a quorum', () => {
    const s = { registry: reg, ballots: ballots(Array(8).fill('agree')), matter: 'hireManager' as const };
    expect(tallyUnder(s).quorumMet).toBe(true);
    expect(tallyUnder(s, [v7aExclusiveBounds]).quorumMet).toBe(false);
  });
  it('v7b: exactly half agreeing now passes', () => {
    const s = {
      registry: reg,
      ballots: ballots([...Array(6).fill('agree'), ...Array(6).fill('oppose')]),
      matter: 'hireManager' as const,
    };
    expect(tallyUnder(s).passed).toBe(false);
    expect(tallyUnder(s, [v7bInclusiveMajority]).passed).toBe(true);
  });
});
