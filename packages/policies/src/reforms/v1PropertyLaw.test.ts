import { describe, expect, it } from 'vitest';
import { cnNational } from '../packs/cnNational.js';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v1PropertyLaw } from './v1PropertyLaw.js';

describe('V1: Property Law art. 76 still applies', () => {
  // 10 equal owners; 4 take part and all agree. Civil Code: no quorum (4/10 < 2/3).
  // Property Law: no quorum rule, but 4/10 of all owners is not more than half: rejected.
  const low = {
    registry: estate(Array(10).fill('50.00')),
    ballots: ballots(['agree', 'agree', 'agree', 'agree']),
    matter: 'hireManager' as const,
  };
  it('drops the quorum and counts approvals over all owners', () => {
    expect(tallyUnder(low).outcome).toBe('noQuorum');
    const r = tallyUnder(low, [v1PropertyLaw]);
    expect(r.quorumMet).toBe(true);
    expect(r.outcome).toBe('rejected');
    expect(r.explanation.lines.find((l) => l.id === 'approval.headcount')?.whole.display).toBe('10');
  });
  it('6 of 10 agreeing passes under the Property Law without a quorum', () => {
    const s = { ...low, ballots: ballots(Array(6).fill('agree')) };
    expect(tallyUnder(s).outcome).toBe('noQuorum');
    expect(tallyUnder(s, [v1PropertyLaw]).passed).toBe(true);
  });
  it('moves using the fund back to the special majority', () => {
    const s = {
      registry: estate(Array(10).fill('50.00')),
      ballots: ballots(Array(6).fill('agree')),
      matter: 'useMaintenanceFund' as const,
    };
    expect(tallyUnder(s, [v1PropertyLaw]).explanation.rule.id).toBe('ownersAssembly.special');
    expect(tallyUnder(s, [v1PropertyLaw]).passed).toBe(false); // 6/10 < 2/3 of all
  });
  it('is what the national pack says for a 2020 vote', () => {
    const s = { ...low, ballots: ballots(Array(6).fill('agree')), at: '2020-12-31', pack: cnNational };
    expect(tallyUnder(s).passed).toBe(true);
    expect(tallyUnder(s).explanation.parameters.find((p) => p.name === 'ownersAssembly.quorum')?.since).toBe(
      '2007-10-01',
    );
  });
});
