import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREA_PATTERN, AreaString, formatArea, parseArea } from './area.js';

describe('area in 0.01 m²', () => {
  it('parses decimal strings exactly', () => {
    expect(parseArea('89.50')).toBe(8950);
    expect(parseArea('89.5')).toBe(8950);
    expect(parseArea('0.01')).toBe(1);
    expect(parseArea('120')).toBe(12000);
    expect(formatArea(8950)).toBe('89.50');
    expect(formatArea(1)).toBe('0.01');
  });

  it('rejects negative, malformed and over-precise areas', () => {
    for (const bad of ['-1.00', '1.234', 'abc', '', '1e3', '01.00', '.5', '1.', ' 1.00']) {
      expect(AreaString.safeParse(bad).success, bad).toBe(false);
      expect(() => parseArea(bad)).toThrow(RangeError);
    }
  });

  it('sums exactly where floating point does not', () => {
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(parseArea('0.10') + parseArea('0.20')).toBe(parseArea('0.30'));
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (c) => {
        expect(parseArea(formatArea(c))).toBe(c);
      }),
    );
  });
});

describe('parseArea agrees with AREA_PATTERN on every input (property)', () => {
  it('accepts exactly what the pattern accepts, with the same value', () => {
    const chars = fc.constantFrom('0', '1', '5', '9', '.', '-', 'e', ' ');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 14 }).map((a) => a.join('')),
        (s) => {
          const ok = AREA_PATTERN.test(s);
          if (!ok) {
            expect(() => parseArea(s)).toThrow(RangeError);
            return;
          }
          const [int, frac = ''] = s.split('.');
          expect(parseArea(s)).toBe(Number(int) * 100 + Number(frac.padEnd(2, '0')));
        },
      ),
      { numRuns: 5000 },
    );
  });
  it('handles the longest integer part', () => {
    expect(parseArea('999999999.99')).toBe(99999999999);
    expect(() => parseArea('1000000000.00')).toThrow(RangeError);
  });
});

describe('PositiveAreaString: an exclusive part has a positive area', () => {
  it('refuses 0, 0.0 and 0.00, accepts 0.01 and above', async () => {
    const { PositiveAreaString } = await import('./area.js');
    for (const zero of ['0', '0.0', '0.00'])
      expect(PositiveAreaString.safeParse(zero).success, zero).toBe(false);
    for (const ok of ['0.01', '0.1', '1', '89.50'])
      expect(PositiveAreaString.safeParse(ok).success, ok).toBe(true);
    const r = PositiveAreaString.safeParse('0.00');
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'expected an area above 0.00 m²; an exclusive part (专有部分) has a positive area',
    ]);
    // a malformed value gets one message, the format's
    expect(PositiveAreaString.safeParse('abc').error?.issues).toHaveLength(1);
  });
});
