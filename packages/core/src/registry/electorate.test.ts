import { describe, expect, it } from 'vitest';
import { compileElectorate } from './electorate.js';
import { UnitRegistry } from './units.js';

const opts = {
  developerCounting: 'onePerson',
  areaSourcePriority: ['register', 'survey', 'contract'],
} as const;

describe('counting rules (司法解释 第8–9条)', () => {
  const registry = UnitRegistry.parse({
    developer: 'dev',
    units: [
      { id: '1-101', building: '1', area: '80.00', owner: 'a' },
      { id: '1-102', building: '1', area: '60.25', owner: 'b' },
      { id: '1-201', building: '1', area: '70.50', owner: 'b' }, // one buyer, two units
      { id: '2-101', building: '2', area: '90.00', owner: 'c', status: 'unsold' },
      { id: '2-102', building: '2', area: '95.00', owner: 'd', status: 'undelivered' },
      { id: '2-201', building: '2', area: '55.55', owner: 'e' },
    ],
  });

  it('one unit is one person; one buyer with several units is one person whose areas sum', () => {
    const el = compileElectorate(registry, opts);
    expect(el.owners).toEqual(['a', 'b', 'dev', 'e']);
    expect(el.area[el.index.get('b')!]).toBe(6025 + 7050);
    expect(el.persons[el.index.get('b')!]).toBe(1);
  });

  it('all unsold and undelivered units together are one person: the developer', () => {
    const el = compileElectorate(registry, opts);
    const k = el.index.get('dev')!;
    expect(el.persons[k]).toBe(1);
    expect(el.area[k]).toBe(9000 + 9500);
    expect(el.index.has('c')).toBe(false);
    expect(el.index.has('d')).toBe(false);
  });

  it('conserves area and headcount', () => {
    const el = compileElectorate(registry, opts);
    expect(el.totalArea).toBe(8000 + 6025 + 7050 + 9000 + 9500 + 5555);
    expect(el.totalPersons).toBe(4);
    expect(el.unitCount).toBe(6);
  });

  it('can count the developer per unit (a reform)', () => {
    const el = compileElectorate(registry, { ...opts, developerCounting: 'perUnit' });
    expect(el.persons[el.index.get('dev')!]).toBe(2);
    expect(el.totalPersons).toBe(5);
  });

  it('restricts to a building subset (上海规定 第69条)', () => {
    const el = compileElectorate(registry, { ...opts, buildings: ['2'] });
    expect(el.owners).toEqual(['dev', 'e']);
    expect(el.totalArea).toBe(9000 + 9500 + 5555);
  });

  it('takes area by source priority (第8条: register, survey, contract)', () => {
    const reg = UnitRegistry.parse({
      units: [
        { id: 'u1', building: '1', owner: 'a', areas: { survey: '88.00', contract: '90.00' } },
        { id: 'u2', building: '1', owner: 'b', areas: { register: '70.00', contract: '72.00' } },
      ],
    });
    const el = compileElectorate(reg, opts);
    expect([...el.area]).toEqual([8800, 7000]);
    const byContract = compileElectorate(reg, {
      ...opts,
      areaSourcePriority: ['contract', 'survey', 'register'],
    });
    expect([...byContract.area]).toEqual([9000, 7200]);
  });

  it('rejects duplicate unit ids and units without area, naming the row', () => {
    const dup = UnitRegistry.safeParse({
      units: [
        { id: 'u1', building: '1', owner: 'a', area: '1.00' },
        { id: 'u1', building: '1', owner: 'b', area: '1.00' },
      ],
    });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.path).toEqual(['units', 1, 'id']);
    const noArea = UnitRegistry.safeParse({ units: [{ id: 'u1', building: '1', owner: 'a' }] });
    expect(noArea.error?.issues[0]?.path).toEqual(['units', 0, 'area']);
    const negative = UnitRegistry.safeParse({
      units: [{ id: 'u1', building: '1', owner: 'a', area: '-3.00' }],
    });
    expect(negative.error?.issues[0]?.path).toEqual(['units', 0, 'area']);
  });
});
