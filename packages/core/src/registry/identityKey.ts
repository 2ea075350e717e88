import { z } from 'zod';

/**
 * An identity key (unit id, owner, building, resident/villager/member id, household, voter):
 * surrounding white space is trimmed and the text is normalised to Unicode NFC, so "张三 " and
 * "张三", or an "é" typed as e + combining accent and as one character, are the same person in
 * every entry point (JSON, CSV, a portal's objects). Keys that still differ only by case or by
 * full-width/half-width form are reported by `findKeyCollisions`.
 */
export const IdentityKey = z.string().trim().normalize('NFC').min(1).meta({
  description:
    'an identity key: compared after trimming surrounding whitespace and Unicode NFC normalisation; keys that differ only by case or full-/half-width form are reported',
});

/** `IdentityKey`'s normal form, for a fast check that must agree with the schema. */
export function normaliseKey(s: string): string {
  return s.trim().normalize('NFC');
}
