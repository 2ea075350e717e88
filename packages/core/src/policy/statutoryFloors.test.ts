import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { engineFixturePack } from '../testing/fixtureEngine.js';
import { setParameter } from './reform.js';
import { resolvePolicy } from './resolve.js';
import { STATUTORY_FLOORS, statutoryViolations, thresholdAtLeast } from './statutoryFloors.js';

const t = (num: number, den: number, cmp: '>=' | '>') => ({ num, den, cmp });

describe('thresholdAtLeast: exact, comparator included', () => {
  it('below, at and above two thirds (以上, ≥)', () => {
    const floor = t(2, 3, '>=');
    expect(thresholdAtLeast(t(6666, 10000, '>='), floor)).toBe(false);
    expect(thresholdAtLeast(t(6666, 10000, '>'), floor)).toBe(false);
    expect(thresholdAtLeast(t(4, 6, '>='), floor)).toBe(true);
    expect(thresholdAtLeast(t(2, 3, '>'), floor)).toBe(true);
    expect(thresholdAtLeast(t(6667, 10000, '>='), floor)).toBe(true);
  });
  it('below, at and above a majority (过半数, >)', () => {
    const floor = t(1, 2, '>');
    expect(thresholdAtLeast(t(1, 2, '>='), floor)).toBe(false);
    expect(thresholdAtLeast(t(49, 100, '>'), floor)).toBe(false);
    expect(thresholdAtLeast(t(2, 4, '>'), floor)).toBe(true);
    expect(thresholdAtLeast(t(51, 100, '>='), floor)).toBe(true);
  });
  it('is exact for large denominators (no float rounding)', () => {
    const big = 2 ** 52;
    // 2^52 / (2^53 − 1) is a hair above one half, (2^52 − 1) / (2^53 − 1) a hair below
    expect(thresholdAtLeast(t(big, 2 * big - 1, '>'), t(1, 2, '>'))).toBe(true);
    expect(thresholdAtLeast(t(big - 1, 2 * big - 1, '>='), t(1, 2, '>='))).toBe(false);
  });
});

const at = (pack: typeof engineFixturePack, date: string) => statutoryViolations(resolvePolicy(pack, date));

describe('statutoryViolations', () => {
  it('the engine fixture (the Civil Code lines) is within the law', () => {
    expect(at(engineFixturePack, '2025-01-01')).toEqual([]);
  });

  it('a quorum one step below 2/3, no quorum, or a majority over those present instead of all', () => {
    const low = produce(engineFixturePack, (d) => {
      setParameter(
        d,
        'ownersAssembly.quorum',
        { area: t(2, 3, '>='), headcount: t(65, 100, '>=') },
        { reference: 'x' },
      );
    });
    expect(at(low, '2025-01-01').map((i) => i.path)).toEqual(['parameters["ownersAssembly.quorum"]']);
    const none = produce(engineFixturePack, (d) => {
      setParameter(d, 'ownersAssembly.quorum', null, { reference: 'x' });
    });
    expect(at(none, '2025-01-01')).toHaveLength(1);
    // under the Property Law (2007–2020) there was no quorum, and null is lawful then
    expect(at(none, '2020-06-01').map((i) => i.path)).not.toContain('parameters["ownersAssembly.quorum"]');
  });

  it('approval: ≥ 3/4 is the floor of the special line; > 3/4 and over all owners are stricter, ≥ 74/100 is not', () => {
    const special = (value: unknown) =>
      at(
        produce(engineFixturePack, (d) => {
          setParameter(d, 'ownersAssembly.approval.special', value as never, { reference: 'x' });
        }),
        '2025-01-01',
      ).length;
    expect(special({ area: t(3, 4, '>='), headcount: t(3, 4, '>='), base: 'participants' })).toBe(0);
    expect(special({ area: t(3, 4, '>'), headcount: t(3, 4, '>='), base: 'all' })).toBe(0);
    expect(special({ area: t(74, 100, '>='), headcount: t(3, 4, '>='), base: 'participants' })).toBe(1);
  });

  it('the special matters must include items 6–8; notice no shorter than 15 days', () => {
    const p = produce(engineFixturePack, (d) => {
      setParameter(d, 'ownersAssembly.specialMatters', ['raiseMaintenanceFund', 'rebuild'], {
        reference: 'x',
      });
      setParameter(d, 'ownersAssembly.noticeDays', 14, { reference: 'x' });
    });
    expect(
      at(p, '2025-01-01')
        .map((i) => i.path)
        .sort(),
    ).toEqual(['parameters["ownersAssembly.noticeDays"]', 'parameters["ownersAssembly.specialMatters"]']);
    const fifteen = produce(engineFixturePack, (d) => {
      setParameter(d, 'ownersAssembly.noticeDays', 15, { reference: 'x' });
    });
    expect(at(fifteen, '2025-01-01')).toEqual([]);
  });

  it('every floor names its article', () => {
    for (const f of STATUTORY_FLOORS) expect(f.reference).toMatch(/第\d+条/);
  });
});
