import type { Reform } from '@yishi/core';
import { v1PropertyLaw } from './v1PropertyLaw.js';
import { v2Regulation } from './v2Regulation.js';
import { v3CivilCode } from './v3CivilCode.js';
import { v4aFollowMajority } from './v4aFollowMajority.js';
import { v4bDeliveredCounts } from './v4bDeliveredCounts.js';
import { v5aAbstentionsExcluded } from './v5aAbstentionsExcluded.js';
import { v5bAbstentionsFollowMajority } from './v5bAbstentionsFollowMajority.js';
import { v5cInvalidExcluded } from './v5cInvalidExcluded.js';
import { v6aDeveloperPerUnit } from './v6aDeveloperPerUnit.js';
import { v6bContractAreaFirst } from './v6bContractAreaFirst.js';
import { v7aExclusiveBounds, v7bInclusiveMajority } from './v7Comparators.js';
import { v8aNoElectronicVoting, v8bOfficialPlatformOnly } from './v8ElectronicVoting.js';
import { v9BeijingAnnouncement } from './v9BeijingAnnouncement.js';
import { v10aHouseholdBase, v10bVillageBothBases } from './v10AttendanceBase.js';
import { v11WholeEstateScope } from './v11WholeEstateScope.js';

const all = [
  v1PropertyLaw,
  v2Regulation,
  v3CivilCode,
  v4aFollowMajority,
  v4bDeliveredCounts,
  v5aAbstentionsExcluded,
  v5bAbstentionsFollowMajority,
  v5cInvalidExcluded,
  v6aDeveloperPerUnit,
  v6bContractAreaFirst,
  v7aExclusiveBounds,
  v7bInclusiveMajority,
  v8aNoElectronicVoting,
  v8bOfficialPlatformOnly,
  v9BeijingAnnouncement,
  v10aHouseholdBase,
  v10bVillageBothBases,
  v11WholeEstateScope,
];

/** Every reform yishi ships, by id (RULES.md V1–V11). */
export const reforms: Readonly<Record<string, Reform>> = Object.freeze(
  Object.fromEntries(all.map((r) => [r.id, r])),
);

export {
  v1PropertyLaw,
  v2Regulation,
  v3CivilCode,
  v4aFollowMajority,
  v4bDeliveredCounts,
  v5aAbstentionsExcluded,
  v5bAbstentionsFollowMajority,
  v5cInvalidExcluded,
  v6aDeveloperPerUnit,
  v6bContractAreaFirst,
  v7aExclusiveBounds,
  v7bInclusiveMajority,
  v8aNoElectronicVoting,
  v8bOfficialPlatformOnly,
  v9BeijingAnnouncement,
  v10aHouseholdBase,
  v10bVillageBothBases,
  v11WholeEstateScope,
};
