// Every reform, one file each (RULES.md V1–V11). `index.ts` builds the table by id from this list.
export { v1PropertyLaw } from './v1PropertyLaw.js';
export { v2Regulation } from './v2Regulation.js';
export { v3CivilCode } from './v3CivilCode.js';
export { v4aFollowMajority } from './v4aFollowMajority.js';
export { v4bDeliveredCounts } from './v4bDeliveredCounts.js';
export { v5aAbstentionsExcluded } from './v5aAbstentionsExcluded.js';
export { v5bAbstentionsFollowMajority } from './v5bAbstentionsFollowMajority.js';
export { v5cInvalidExcluded } from './v5cInvalidExcluded.js';
export { v6aDeveloperPerUnit } from './v6aDeveloperPerUnit.js';
export { v6bContractAreaFirst } from './v6bContractAreaFirst.js';
export { v7aExclusiveBounds, v7bInclusiveMajority } from './v7Comparators.js';
export { v8aNoElectronicVoting, v8bOfficialPlatformOnly } from './v8ElectronicVoting.js';
export { v9BeijingAnnouncement } from './v9BeijingAnnouncement.js';
export { v10aHouseholdBase, v10bVillageBothBases } from './v10AttendanceBase.js';
export { v11WholeEstateScope } from './v11WholeEstateScope.js';
