import { z } from 'zod';
import { Ballots, MeetingRecord } from './ballots.js';
import { MemberRegistry, ResidentRegistry, VillagerRegistry } from './people.js';
import { UnitRegistry } from './units.js';

/**
 * JSON Schemas (draft 2020-12) of every registry and ballot file, so a Java or Python portal can
 * validate the same files before sending them. Generated from the zod schemas; they cannot drift.
 */
export function registryJsonSchemas(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  return {
    'unit-registry': z.toJSONSchema(UnitRegistry, opts),
    ballots: z.toJSONSchema(Ballots, opts),
    'resident-registry': z.toJSONSchema(ResidentRegistry, opts),
    'villager-registry': z.toJSONSchema(VillagerRegistry, opts),
    'member-registry': z.toJSONSchema(MemberRegistry, opts),
    'meeting-record': z.toJSONSchema(MeetingRecord, opts),
  };
}
