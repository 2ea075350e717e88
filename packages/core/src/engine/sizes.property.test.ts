/**
 * `checkSizes` takes plain JSON data on a short road (no paths built, `JSON.stringify`'s length);
 * the walk that names the field at fault decides everything else. Both must give the same answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../log/canonicalJson.js';
import { checkSizes, isIdKeyQuick, limitsOf } from './bounds.js';

const isIdKey = (key: string) => key === 'id' || /[a-z0-9](Id|Ids|By)$/.test(key);
const limits = limitsOf({ id: 6, text: 12 });
const key = fc.oneof(
  fc.constantFrom(
    'id',
    'ownerId',
    'itemIds',
    'enteredBy',
    'Id',
    'xId',
    'By',
    '__proto__',
    'toJSON',
    'reason',
  ),
  fc.string({ maxLength: 14 }),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 14 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('checkSizes', () => {
  it('recognises id keys as the pattern does', () => {
    fc.assert(
      fc.property(fc.oneof(key, fc.stringMatching(/^[a-zA-Z0-9]{0,3}(Id|Ids|By|d|s|y)$/)), (k) => {
        expect(isIdKeyQuick(k)).toBe(isIdKey(k));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the walk’s answer, and the canonical size, for any value', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 120 }), (v, max) => {
        const quick = checkSizes(v, limits, max, 'INVALID_EVENT', 'e', 'event');
        const walked = checkSizes(
          v,
          limits,
          max,
          'INVALID_EVENT',
          'e',
          'event',
          (x) => canonicalJson(x).length,
        );
        expect(quick?.message).toBe(walked?.message);
        expect(quick?.issues).toEqual(walked?.issues);
      }),
      { numRuns: 3000 },
    );
  });
});
