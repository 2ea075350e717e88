import { describe, expect, it } from 'vitest';
import { Ballot, MeetingRecord } from './ballots.js';
import { IdentityKey } from './identityKey.js';
import { Resident } from './people.js';
import { UnitRegistry } from './units.js';

describe('identity keys are trimmed and NFC-normalised in the schemas', () => {
  it('trims white space and refuses a key that is only white space', () => {
    expect(IdentityKey.parse('  张三 ')).toBe('张三');
    expect(IdentityKey.safeParse('   ').success).toBe(false);
    expect(IdentityKey.safeParse('').success).toBe(false);
  });

  it('maps a decomposed accent to the composed form (NFC)', () => {
    const decomposed = 'Rene\u0301';
    const composed = 'Ren\u00e9';
    expect(decomposed).not.toBe(composed);
    expect(IdentityKey.parse(decomposed)).toBe(composed);
  });

  it('applies to JSON registers, ballots, meeting records and people registers', () => {
    const reg = UnitRegistry.parse({
      developer: ' dev ',
      units: [{ id: ' 1-101 ', building: ' 1', area: '50.00', owner: 'Rene\u0301 ' }],
    });
    expect(reg.developer).toBe('dev');
    expect(reg.units[0]).toMatchObject({ id: '1-101', building: '1', owner: 'Ren\u00e9' });
    expect(Ballot.parse({ owner: ' Rene\u0301', choice: 'agree' }).owner).toBe('Ren\u00e9');
    const rec = MeetingRecord.parse({
      date: '2025-01-02',
      present: [' a '],
      votes: [{ voter: 'a ', choice: 'agree' }],
    });
    expect(rec.present).toEqual(['a']);
    expect(rec.votes[0]!.voter).toBe('a');
    expect(Resident.parse({ id: ' r1', household: 'h1 ', adult: true })).toMatchObject({
      id: 'r1',
      household: 'h1',
    });
  });

  it('catches a unit listed twice when the ids differ only by white space', () => {
    const r = UnitRegistry.safeParse({
      units: [
        { id: '1-101', building: '1', area: '50.00', owner: 'a' },
        { id: '1-101 ', building: '1', area: '50.00', owner: 'b' },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/appears twice/);
  });
});
