import { parseArea } from '../arith/area.js';
import { YishiError } from '../errors/YishiError.js';
import { type AreaSource, DEFAULT_DEVELOPER_KEY, type Unit, type UnitRegistry } from './units.js';

/**
 * The owners who vote, with the area and headcount each carries: the counting rules of
 * 司法解释 第8–9条 applied once to a register, so a tally is a plain loop over typed arrays.
 *
 * - One unit counts as one person (第9条).
 * - One buyer with several units counts as one person; their areas sum.
 * - All unsold and undelivered units together count as one person, the developer (建设单位),
 *   whatever their `owner` field says.
 */
export interface Electorate {
  /** Owner keys, in order of first appearance in the register. */
  readonly owners: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Area per owner in 0.01 m² (integers; exact while the total is below 2^53). */
  readonly area: Float64Array;
  /** Persons each owner counts as (1; or, if the policy counts per unit, the developer's unit count). */
  readonly persons: Uint32Array;
  readonly unitsPerOwner: Uint32Array;
  readonly totalArea: number;
  readonly totalPersons: number;
  readonly unitCount: number;
  readonly developer: string;
  /** Index of the developer in `owners`, or -1 if the developer holds no unit. */
  readonly developerIndex: number;
  /** Buildings in scope (all, unless a building-subset vote). */
  readonly buildings: readonly string[];
}

export interface CountingOptions {
  developerCounting: 'onePerson' | 'perUnit';
  areaSourcePriority: readonly AreaSource[];
  /** Only these buildings' units (上海规定 第69条: parts shared by some owners). */
  buildings?: readonly string[];
}

/** The area the policy's source priority picks for a unit (司法解释 第8条), in 0.01 m². */
export function unitArea(u: Unit, priority: readonly AreaSource[]): number {
  if (u.areas) {
    for (const src of priority) {
      const a = u.areas[src];
      if (a !== undefined) return parseArea(a);
    }
  }
  if (u.area !== undefined) return parseArea(u.area);
  throw new YishiError('INVALID_AREA', `unit "${u.id}" has no area from any of: ${priority.join(', ')}`, [
    { path: 'area', field: 'area', message: 'no area from an allowed source' },
  ]);
}

export function compileElectorate(registry: UnitRegistry, options: CountingOptions): Electorate {
  const developer = registry.developer ?? DEFAULT_DEVELOPER_KEY;
  const scope = options.buildings ? new Set(options.buildings) : null;
  const index = new Map<string, number>();
  const owners: string[] = [];
  const n = registry.units.length;
  const area = new Float64Array(n);
  const unitsPerOwner = new Uint32Array(n);
  const buildings = new Set<string>();
  let unitCount = 0;
  let totalArea = 0;
  for (let i = 0; i < n; i++) {
    const u = registry.units[i]!;
    if (scope !== null && !scope.has(u.building)) continue;
    buildings.add(u.building);
    // 司法解释 第9条: unsold and sold-but-undelivered units are the developer's.
    const key = u.status === 'delivered' ? u.owner : developer;
    let k = index.get(key);
    if (k === undefined) {
      k = owners.length;
      owners.push(key);
      index.set(key, k);
    }
    let a: number;
    try {
      a = unitArea(u, options.areaSourcePriority);
    } catch (e) {
      if (e instanceof YishiError) {
        throw new YishiError(e.code, e.message, [
          { index: i, path: `units[${i}].area`, field: 'area', message: e.message },
        ]);
      }
      throw e;
    }
    area[k]! += a;
    unitsPerOwner[k]! += 1;
    totalArea += a;
    unitCount++;
  }
  if (unitCount === 0) {
    throw new YishiError(
      'EMPTY_ELECTORATE',
      scope ? `no unit lies in buildings ${[...scope].join(', ')}` : 'the registry lists no unit',
      [{ field: 'buildings', message: 'no unit in scope' }],
    );
  }
  if (!Number.isSafeInteger(totalArea)) {
    throw new YishiError('INVALID_AREA', 'total area is too large to count exactly', []);
  }
  const m = owners.length;
  const persons = new Uint32Array(m);
  let totalPersons = 0;
  const developerIndex = index.get(developer) ?? -1;
  for (let k = 0; k < m; k++) {
    const p = k === developerIndex && options.developerCounting === 'perUnit' ? unitsPerOwner[k]! : 1;
    persons[k] = p;
    totalPersons += p;
  }
  return {
    owners,
    index,
    area: area.subarray(0, m),
    persons,
    unitsPerOwner: unitsPerOwner.subarray(0, m),
    totalArea,
    totalPersons,
    unitCount,
    developer,
    developerIndex,
    buildings: [...buildings],
  };
}
