import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v11WholeEstateScope } from './v11WholeEstateScope.js';

describe('V11: scope of the vote', () => {
  // Building 1 is o0, o2, o4 (even); building 2 is o1, o3, o5.
  const s = {
    registry: estate(Array(6).fill('10.00')),
    ballots: ballots(['agree', null, 'agree', null, 'agree', null]),
    matter: 'useMaintenanceFund' as const,
    buildings: ['1'],
  };
  it('Shanghai lets building 1 decide its shared parts alone (第69条)', () => {
    const r = tallyUnder(s);
    expect(r.body).toBe('buildingSubsetVote');
    expect(r.passed).toBe(true);
  });
  it('v11: the whole estate decides, and the same ballots are short of the quorum', () => {
    const r = tallyUnder(s, [v11WholeEstateScope]);
    expect(r.body).toBe('ownersAssembly');
    expect(r.outcome).toBe('noQuorum');
    expect(r.explanation.notes[0]?.en).toContain('whole estate');
  });
});
