import { resolvePolicy, tallyOwnersAssembly } from '@yishi/core';
import { shanghai } from '@yishi/policies';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATE } from './App.js';
import { DEVELOPER, initialChoices, owners, registry, toBallots } from './estate.js';

describe('sample estate', () => {
  it('has 40 units in 3 buildings, with unsold developer units counted as one owner', () => {
    expect(registry.units).toHaveLength(40);
    expect(new Set(registry.units.map((u) => u.building))).toEqual(new Set(['1', '2', '3']));
    expect(registry.units.filter((u) => u.status === 'unsold')).toHaveLength(4);
    expect(owners.filter((o) => o.developer).map((o) => o.owner)).toEqual([DEVELOPER]);
    expect(owners).toHaveLength(36);
    expect(new Set(owners.map((o) => o.owner)).size).toBe(36);
  });

  it('opens just short of the quorum, and four more agreeing owners pass it', () => {
    const policy = resolvePolicy(shanghai, DEFAULT_DATE);
    const choices = initialChoices();
    const before = tallyOwnersAssembly({
      registry,
      ballots: toBallots(choices),
      matter: 'hireManager',
      policy,
    });
    expect(before.outcome).toBe('noQuorum');
    for (const o of owners.slice(0, 4)) {
      expect(choices[o.owner]).toBe('none');
      choices[o.owner] = 'agree';
    }
    const after = tallyOwnersAssembly({
      registry,
      ballots: toBallots(choices),
      matter: 'hireManager',
      policy,
    });
    expect(after.outcome).toBe('passed');
  });
});
