import {
  MeetingRecord,
  ResidentRegistry,
  resolvePolicy,
  tallyResidentsMeeting,
  tallyVillagersMeeting,
  VillagerRegistry,
} from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { cnNational } from '../packs/cnNational.js';
import { v10aHouseholdBase, v10bVillageBothBases } from './v10AttendanceBase.js';

const at = '2026-11-27';
describe('V10: attendance bases', () => {
  it('v10a: a residents’ meeting counted by household', () => {
    // 3 households of 3 adults; 2 people from 2 households attend.
    const registry = ResidentRegistry.parse({
      residents: Array.from({ length: 9 }, (_, i) => ({
        id: `r${i}`,
        household: `h${Math.floor(i / 3)}`,
        adult: true,
      })),
    });
    const record = MeetingRecord.parse({
      date: at,
      present: ['r0', 'r3'],
      votes: [
        { voter: 'r0', choice: 'agree' },
        { voter: 'r3', choice: 'agree' },
      ],
    });
    expect(tallyResidentsMeeting({ registry, record, policy: resolvePolicy(cnNational, at) }).quorumMet).toBe(
      false,
    ); // 2/9 adults
    expect(
      tallyResidentsMeeting({
        registry,
        record,
        policy: resolvePolicy(cnNational, at, { reforms: [v10aHouseholdBase] }),
      }).quorumMet,
    ).toBe(true); // 2/3 households
  });
  it('v10b: a village quorum must meet both bases', () => {
    const registry = VillagerRegistry.parse({
      villagers: Array.from({ length: 12 }, (_, i) => ({
        id: `v${i}`,
        household: `h${Math.floor(i / 4)}`,
        villagersGroup: 'g',
        adult: true,
      })),
    });
    const record = MeetingRecord.parse({
      date: at,
      present: ['v0', 'v4'],
      votes: [
        { voter: 'v0', choice: 'agree' },
        { voter: 'v4', choice: 'agree' },
      ],
    });
    expect(tallyVillagersMeeting({ registry, record, policy: resolvePolicy(cnNational, at) }).quorumMet).toBe(
      true,
    );
    expect(
      tallyVillagersMeeting({
        registry,
        record,
        policy: resolvePolicy(cnNational, at, { reforms: [v10bVillageBothBases] }),
      }).quorumMet,
    ).toBe(false);
  });
});
