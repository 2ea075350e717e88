import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v2Regulation } from './v2Regulation.js';

describe('V2: regulation art. 12 (quorum over half; lines over the totals)', () => {
  const reg = estate(Array(12).fill('40.00'));
  it('7 of 12 taking part and agreeing: passes under V2, no quorum under the Civil Code', () => {
    const s = { registry: reg, ballots: ballots(Array(7).fill('agree')), matter: 'hireManager' as const };
    expect(tallyUnder(s).outcome).toBe('noQuorum');
    expect(tallyUnder(s, [v2Regulation]).passed).toBe(true);
  });
  it('6 of 12 is exactly half: no quorum under V2', () => {
    const s = { registry: reg, ballots: ballots(Array(6).fill('agree')), matter: 'hireManager' as const };
    expect(tallyUnder(s, [v2Regulation]).explanation.failures.map((f) => f.code)).toContain(
      'QUORUM_HEADCOUNT_NOT_MET',
    );
  });
});
