import { UnitRegistry } from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v6aDeveloperPerUnit } from './v6aDeveloperPerUnit.js';
import { v6bContractAreaFirst } from './v6bContractAreaFirst.js';

describe('V6: counting', () => {
  it('v6a: the developer counted per unit changes the headcount base', () => {
    // 6 owners + 4 unsold units. Baseline: 7 persons; 5 agreeing owners = 5/7 ≥ 2/3.
    const reg = estate(Array(10).fill('10.00'), [6, 7, 8, 9]);
    const s = { registry: reg, ballots: ballots(Array(5).fill('agree')), matter: 'hireManager' as const };
    expect(tallyUnder(s).counts.total.owners).toBe(7);
    const r = tallyUnder(s, [v6aDeveloperPerUnit]);
    expect(r.counts.total.owners).toBe(10);
    expect(r.explanation.failures.map((f) => f.code)).toContain('QUORUM_HEADCOUNT_NOT_MET');
  });
  it('v6b: contract area first changes the area line', () => {
    const registry = UnitRegistry.parse({
      units: [
        { id: 'a', building: '1', owner: 'o0', areas: { register: '60.00', contract: '70.00' } },
        { id: 'b', building: '1', owner: 'o1', areas: { register: '60.00', contract: '50.00' } },
        { id: 'c', building: '1', owner: 'o2', area: '60.00' },
      ],
    });
    const s = { registry, ballots: ballots(['agree', 'agree', 'oppose']), matter: 'hireManager' as const };
    expect(tallyUnder(s).counts.total.area).toBe('180.00');
    expect(tallyUnder(s, [v6bContractAreaFirst]).counts.agree.area).toBe('120.00');
  });
});
