import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v3CivilCode } from './v3CivilCode.js';

describe('V3: Civil Code lines at every date', () => {
  it('re-counts a 2019 vote under today’s law', () => {
    const s = {
      registry: estate(Array(10).fill('50.00')),
      ballots: ballots(Array(6).fill('agree')),
      matter: 'hireManager' as const,
      at: '2019-06-01',
    };
    expect(tallyUnder(s).passed).toBe(true); // Property Law: 6/10 > 1/2 of all
    const r = tallyUnder(s, [v3CivilCode]);
    expect(r.outcome).toBe('noQuorum'); // 6/10 < 2/3 participation
  });
});
