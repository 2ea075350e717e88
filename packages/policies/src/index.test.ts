import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@yishi/policies public API', () => {
  it('is exactly this list', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'cnNational',
        'getPolicy',
        'getReform',
        'policies',
        'reforms',
        'shanghai',
        'v10aHouseholdBase',
        'v10bVillageBothBases',
        'v11WholeEstateScope',
        'v1PropertyLaw',
        'v2Regulation',
        'v3CivilCode',
        'v4aFollowMajority',
        'v4bDeliveredCounts',
        'v5aAbstentionsExcluded',
        'v5bAbstentionsFollowMajority',
        'v5cInvalidExcluded',
        'v6aDeveloperPerUnit',
        'v6bContractAreaFirst',
        'v7aExclusiveBounds',
        'v7bInclusiveMajority',
        'v8aNoElectronicVoting',
        'v8bOfficialPlatformOnly',
        'v9BeijingAnnouncement',
      ].sort(),
    );
  });
  it('every reform is reachable by id and covers V1–V11', () => {
    const variants = new Set(Object.values(api.reforms).map((r) => r.variant));
    for (let i = 1; i <= 11; i++) expect(variants.has(`V${i}`)).toBe(true);
    for (const id of Object.keys(api.reforms)) expect(api.getReform(id).id).toBe(id);
    expect(() => api.getReform('v99')).toThrow(/unknown reform/);
  });
});
