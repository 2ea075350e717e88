import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys } from './json.js';

describe('findDuplicateKeys', () => {
  it('finds none in what JSON.stringify writes (which never repeats a key)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (v, space) => {
        expect(findDuplicateKeys(JSON.stringify(v, null, space))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a key repeated in any object, however deep and however escaped', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.jsonValue(), fc.boolean(), (v, k, w, escaped) => {
        // {"<k>": v, "<k>": w} nested as the value of an array element and of a key
        const key = JSON.stringify(k);
        const again = escaped ? key.replace(/[a-z]/, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`) : key;
        const inner = `{${key}:${JSON.stringify(v)},${again}:${JSON.stringify(w)}}`;
        const text = `{"outer":[1,{"x":${inner}}]}`;
        const found = findDuplicateKeys(text);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ key: k, path: 'outer[1].x' });
      }),
      { numRuns: 2000 },
    );
  });
});
