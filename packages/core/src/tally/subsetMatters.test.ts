import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { isYishiError, type YishiError } from '../errors/YishiError.js';
import { MATTERS, type Matter } from '../policy/matters.js';
import { parsePolicyPack } from '../policy/pack.js';
import { setParameter } from '../policy/reform.js';
import { resolvePolicy } from '../policy/resolve.js';
import type { Ballot, Choice } from '../registry/ballots.js';
import { UnitRegistry } from '../registry/units.js';
import { fixturePack, fixturePolicy as policy } from '../testing/fixturePolicy.js';
import { tallyOwnersAssembly } from './ownersAssembly.js';

/** Building A: owners a0…a(n-1), 10.00 m² each; building B: two owners b0, b1. */
function estate(n: number): UnitRegistry {
  const a = Array.from({ length: n }, (_, i) => ({
    id: `A${i}`,
    building: 'A',
    area: '10.00',
    owner: `a${i}`,
  }));
  const b = [0, 1].map((i) => ({ id: `B${i}`, building: 'B', area: '10.00', owner: `b${i}` }));
  return UnitRegistry.parse({ units: [...a, ...b] });
}
const inA = (choices: readonly Choice[]): Ballot[] =>
  choices.map((choice, i) => ({ owner: `a${i}`, choice }));
const agreeOf = (n: number, agree: number): Ballot[] =>
  inA(Array.from({ length: n }, (_, i): Choice => (i < agree ? 'agree' : 'oppose')));

function refusal(f: () => unknown): YishiError {
  try {
    f();
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
  throw new Error('expected a YishiError');
}

const COVERED: readonly Matter[] = ['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild'];
const NOT_COVERED = MATTERS.filter((m) => !COVERED.includes(m));

describe('building-subset vote: only the matters of 上海规定 第69条', () => {
  it('lists every other matter as not covered', () => {
    expect(NOT_COVERED).toEqual([
      'rulesOfProcedure',
      'managementCovenant',
      'electCommittee',
      'hireManager',
      'changeCommonUse',
      'otherMajor',
    ]);
  });

  it.each(NOT_COVERED)('refuses a subset vote on %s, citing 民法典 第278条', (matter) => {
    const e = refusal(() =>
      tallyOwnersAssembly({ registry: estate(4), ballots: agreeOf(4, 4), matter, policy, buildings: ['A'] }),
    );
    expect(e.code).toBe('SUBSET_MATTER_NOT_COVERED');
    expect(e.message).toContain('民法典 第278条');
    expect(e.message).toContain(matter);
    expect(e.issues).toEqual([
      expect.objectContaining({
        field: 'matter',
        received: matter,
        expected: expect.stringContaining('rebuild'),
      }),
    ]);
  });

  it.each(COVERED)('tallies a subset vote on %s among the building’s owners', (matter) => {
    const r = tallyOwnersAssembly({
      registry: estate(4),
      ballots: agreeOf(4, 4),
      matter,
      policy,
      buildings: ['A'],
    });
    expect(r.body).toBe('buildingSubsetVote');
    expect(r.counts.total.owners).toBe(4);
    expect(r.explanation.parameters.map((p) => p.name)).toContain('buildingSubsetVote.matters');
  });

  it('still tallies the same matters for the whole estate', () => {
    const r = tallyOwnersAssembly({
      registry: estate(4),
      ballots: agreeOf(4, 4),
      matter: 'electCommittee',
      policy,
    });
    expect(r.body).toBe('ownersAssembly');
    expect(r.passed).toBe(true);
  });

  it('where the policy has no subset vote, the whole estate decides any matter (no refusal)', () => {
    const pack = produce(fixturePack, (d) => {
      setParameter(d, 'buildingSubsetVote.allowed', false, { reference: 'test' });
    });
    const r = tallyOwnersAssembly({
      registry: estate(4),
      ballots: agreeOf(4, 4),
      matter: 'electCommittee',
      policy: resolvePolicy(pack, '2026-01-01'),
      buildings: ['A'],
    });
    expect(r.body).toBe('ownersAssembly');
    expect(r.counts.total.owners).toBe(6);
  });

  it('refuses before reading a single ballot, so nothing is counted', () => {
    const e = refusal(() =>
      tallyOwnersAssembly({
        registry: estate(4),
        ballots: [{ owner: 'nobody', choice: 'agree' }],
        matter: 'hireManager',
        policy,
        buildings: ['A'],
      }),
    );
    expect(e.code).toBe('SUBSET_MATTER_NOT_COVERED');
  });
});

describe('building-subset vote on a 3/4 matter uses the 3/4 lines', () => {
  // Eight owners of building A, all taking part (quorum 8/8); agree 5, 6, 7 of 8: 6/8 is exactly 3/4.
  const tally = (matter: Matter, agree: number, p = policy) =>
    tallyOwnersAssembly({
      registry: estate(8),
      ballots: agreeOf(8, agree),
      matter,
      policy: p,
      buildings: ['A'],
    });

  it('raiseMaintenanceFund: below, at and above 3/4 of participants', () => {
    expect(tally('raiseMaintenanceFund', 5).passed).toBe(false);
    expect(tally('raiseMaintenanceFund', 5).explanation.rule.id).toBe('buildingSubsetVote.special');
    expect(tally('raiseMaintenanceFund', 6).passed).toBe(true);
    expect(tally('raiseMaintenanceFund', 7).passed).toBe(true);
  });

  it('useMaintenanceFund is an ordinary subset matter: at half fails, above passes', () => {
    expect(tally('useMaintenanceFund', 4).passed).toBe(false);
    expect(tally('useMaintenanceFund', 5).passed).toBe(true);
    expect(tally('useMaintenanceFund', 5).explanation.rule.id).toBe('buildingSubsetVote.ordinary');
  });

  it('a matter special for the whole estate is special for a subset too', () => {
    // A pack that lets a subset decide changeCommonUse but forgot its special line.
    const pack = produce(fixturePack, (d) => {
      setParameter(d, 'buildingSubsetVote.matters', [...COVERED, 'changeCommonUse'], { reference: 'test' });
    });
    const p = resolvePolicy(pack, '2026-01-01');
    expect(tally('changeCommonUse', 5, p).passed).toBe(false);
    expect(tally('changeCommonUse', 5, p).explanation.rule.id).toBe('buildingSubsetVote.special');
    expect(tally('changeCommonUse', 6, p).passed).toBe(true);
    expect(tally('changeCommonUse', 7, p).passed).toBe(true);
    expect(tally('changeCommonUse', 6, p).explanation.notes[0]!.en).toContain('special majority');
  });
});

describe('policy packs: building-subset matters', () => {
  it('refuses a pack that allows subset votes without saying on which matters', () => {
    const bad = produce(fixturePack, (d) => {
      delete d.parameters['buildingSubsetVote.matters'];
    });
    const e = refusal(() => parsePolicyPack(bad));
    expect(e.code).toBe('INVALID_POLICY');
    expect(e.issues[0]!.path).toBe('parameters["buildingSubsetVote.allowed"].values["2021-01-01"].value');
  });
  it('refuses a special subset line for a matter a subset cannot decide', () => {
    const bad = produce(fixturePack, (d) => {
      setParameter(d, 'buildingSubsetVote.specialMatters', ['rebuild', 'hireManager'], { reference: 'test' });
    });
    const e = refusal(() => parsePolicyPack(bad));
    expect(e.code).toBe('INVALID_POLICY');
    expect(e.message).toContain('"hireManager" has a special line for subset votes');
  });
  it('refuses an empty or repeated list of matters', () => {
    for (const value of [[], ['rebuild', 'rebuild']]) {
      const bad = produce(fixturePack, (d) => {
        d.parameters['buildingSubsetVote.matters']!.values['2021-01-01']!.value = value;
      });
      expect(refusal(() => parsePolicyPack(bad)).code).toBe('INVALID_POLICY');
    }
  });
});
