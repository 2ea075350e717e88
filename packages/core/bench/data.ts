/**
 * Deterministic benchmark data: a large estate register and one vote on it, from a seeded PRNG so
 * every run (and every machine) measures the same input.
 */
import type { Ballot, Channel, Choice, UnitRegistryInput } from '../src/index.js';

export const DEVELOPER = 'developer';

import { seeded } from '../src/testing/fixtureConsultation.js';

/** mulberry32, the seeded PRNG the test fixtures use too. */
export const mulberry32 = seeded;

export interface BenchData {
  registry: UnitRegistryInput;
  ballots: Ballot[];
  stats: {
    units: number;
    buildings: number;
    owners: number;
    multiUnitOwners: number;
    developerUnits: number;
    ballots: number;
  };
}

export interface GenerateOptions {
  seed?: number;
  units?: number;
  buildings?: number;
  ballots?: number;
}

/**
 * ~100,000 units over ~400 buildings; ~8% of owners hold 2–3 units (anywhere in the estate);
 * ~3% of units are unsold (held by the developer) or sold but undelivered (a buyer's name on the
 * contract, yet they vote as the developer, 司法解释 第9条); areas 35.00–180.00 m² with two decimals.
 * Ballots come from distinct eligible owners (the developer included), in random order, with a mix
 * of agree / oppose / abstain over paper, online and in-person channels.
 */
export function generate(options: GenerateOptions = {}): BenchData {
  const seed = options.seed ?? 20240601;
  const unitCount = options.units ?? 100_000;
  const buildingCount = options.buildings ?? 400;
  const ballotCount = options.ballots ?? 70_000;
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  // Owners: 92% hold one unit, 8% hold two or three.
  const holdings: number[] = [];
  let multiUnitOwners = 0;
  for (let left = unitCount; left > 0; ) {
    let k = rnd() < 0.08 ? int(2, 3) : 1;
    if (k > 1) multiUnitOwners++;
    k = Math.min(k, left);
    holdings.push(k);
    left -= k;
  }
  // Unit slots in random order so one owner's units fall in different buildings.
  const slotOwner = new Int32Array(unitCount);
  for (let o = 0, s = 0; o < holdings.length; o++) for (let j = 0; j < holdings[o]!; j++) slotOwner[s++] = o;
  shuffle(slotOwner, rnd);

  const ownerKey = (o: number) => `O${String(o).padStart(6, '0')}`;
  const units: UnitRegistryInput['units'] = [];
  const perBuilding = Math.ceil(unitCount / buildingCount);
  const eligible = new Uint8Array(holdings.length);
  let developerUnits = 0;
  for (let i = 0; i < unitCount; i++) {
    const b = Math.floor(i / perBuilding) + 1;
    const floor = Math.floor((i % perBuilding) / 4) + 1;
    const door = (i % 4) + 1;
    const centi = int(3500, 18000);
    const area = `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
    const r = rnd();
    const o = slotOwner[i]!;
    const id = `${b}-${floor}${String(door).padStart(2, '0')}`;
    if (r < 0.015) {
      units.push({ id, building: `B${b}`, area, owner: DEVELOPER, status: 'unsold' });
      developerUnits++;
    } else if (r < 0.03) {
      units.push({ id, building: `B${b}`, area, owner: ownerKey(o), status: 'undelivered' });
      developerUnits++;
    } else {
      units.push({ id, building: `B${b}`, area, owner: ownerKey(o), status: 'delivered' });
      eligible[o] = 1;
    }
  }

  // Distinct voters: eligible owners (and the developer), shuffled, first `ballotCount`.
  const voters: string[] = [];
  for (let o = 0; o < holdings.length; o++) if (eligible[o]) voters.push(ownerKey(o));
  if (developerUnits > 0) voters.push(DEVELOPER);
  shuffleArray(voters, rnd);
  if (voters.length < ballotCount)
    throw new Error(`only ${voters.length} eligible voters for ${ballotCount} ballots`);
  const ballots: Ballot[] = [];
  for (let i = 0; i < ballotCount; i++) {
    const c = rnd();
    const choice: Choice = c < 0.62 ? 'agree' : c < 0.9 ? 'oppose' : 'abstain';
    const h = rnd();
    const channel: Channel = h < 0.55 ? 'paper' : h < 0.9 ? 'online' : 'inPerson';
    ballots.push({ owner: voters[i]!, choice, channel });
  }

  return {
    registry: { developer: DEVELOPER, estate: 'bench-estate', units },
    ballots,
    stats: {
      units: unitCount,
      buildings: Math.ceil(unitCount / perBuilding),
      owners: holdings.length,
      multiUnitOwners,
      developerUnits,
      ballots: ballots.length,
    },
  };
}

function shuffle(a: Int32Array, rnd: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

function shuffleArray<T>(a: T[], rnd: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
