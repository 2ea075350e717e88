// Scenario helpers for reform tests: a small estate, ballots by owner index, and a tally
// under the baseline pack and under a reform, so each test states what the reform changes.
import {
  type Ballot,
  type Choice,
  type Matter,
  type PolicyPack,
  type Reform,
  resolvePolicy,
  tallyOwnersAssembly,
  UnitRegistry,
} from '@yishi/core';
import { shanghai } from '../packs/shanghai.js';

/** Owners o0…on, one unit each, with the given areas (m²) and status. */
export function estate(areas: readonly string[], unsold: readonly number[] = []): UnitRegistry {
  return UnitRegistry.parse({
    developer: 'dev',
    units: areas.map((area, i) => ({
      id: `u${i}`,
      building: i % 2 === 0 ? '1' : '2',
      area,
      owner: `o${i}`,
      status: unsold.includes(i) ? 'unsold' : 'delivered',
    })),
  });
}

export const ballots = (choices: readonly (Choice | null)[]): Ballot[] =>
  choices.flatMap((choice, i) => (choice ? [{ owner: `o${i}`, choice }] : []));

export interface Scenario {
  registry: UnitRegistry;
  ballots: Ballot[];
  matter: Matter;
  at?: string;
  pack?: PolicyPack;
  buildings?: string[];
}

export function tallyUnder(s: Scenario, reforms: Reform[] = []) {
  const policy = resolvePolicy(s.pack ?? shanghai, s.at ?? '2026-11-27', { reforms });
  return tallyOwnersAssembly({
    registry: s.registry,
    ballots: s.ballots,
    matter: s.matter,
    policy,
    ...(s.buildings ? { buildings: s.buildings } : {}),
  });
}
