import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { v8aNoElectronicVoting, v8bOfficialPlatformOnly } from './v8ElectronicVoting.js';

describe('V8: electronic voting', () => {
  const reg = estate(Array(9).fill('10.00'));
  const b = ballots(Array(7).fill('agree')).map((x, i) =>
    i < 2 ? { ...x, channel: 'online' as const } : i < 3 ? { ...x, channel: 'officialPlatform' as const } : x,
  );
  const s = { registry: reg, ballots: b, matter: 'hireManager' as const };
  it('combined (baseline) counts all channels', () => {
    expect(tallyUnder(s).counts.participating.owners).toBe(7);
  });
  it('v8a: none — online ballots are not counted', () => {
    const r = tallyUnder(s, [v8aNoElectronicVoting]);
    expect(r.counts.excludedByChannel.ballots).toBe(3);
    expect(r.outcome).toBe('noQuorum');
  });
  it('v8b: official platform only', () => {
    const r = tallyUnder(s, [v8bOfficialPlatformOnly]);
    expect(r.counts.excludedByChannel.ballots).toBe(2);
    expect(r.counts.participating.owners).toBe(5);
  });
});
