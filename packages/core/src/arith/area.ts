import { z } from 'zod';

/**
 * Floor area (专有部分面积) is held internally as an integer count of 0.01 m² (GLOSSARY: `area`),
 * so sums are exact. 0.1 + 0.2 does not equal 0.3 in floating point; 10 + 20 centi-m² equals 30.
 */
export const AREA_PATTERN = /^(0|[1-9]\d{0,8})(\.\d{1,2})?$/;

export const AreaString = z.string().regex(AREA_PATTERN, {
  message: 'expected a non-negative area in m² with at most 2 decimals, e.g. "89.50"',
});

/**
 * True for an area string above 0.00: some digit other than 0. A string that is not an area at
 * all passes here, so that `AreaString`'s own message is the only one about it.
 */
export function isPositiveAreaString(s: string): boolean {
  if (!AREA_PATTERN.test(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

/**
 * The area of an exclusive part (专有部分): a unit with 0.00 m² has no exclusive part to own, and
 * would count as an owner with no weight, so it is refused.
 */
export const PositiveAreaString = AreaString.refine(isPositiveAreaString, {
  message: 'expected an area above 0.00 m²; an exclusive part (专有部分) has a positive area',
}).meta({
  // the same rule for the JSON Schemas (schemas/*.schema.json), which cannot carry the refinement
  pattern: '^(?!0(\\.0{1,2})?$)(0|[1-9]\\d{0,8})(\\.\\d{1,2})?$',
  description: 'area in m² above 0.00, at most 2 decimals, as a string, e.g. "89.50"',
});

/**
 * "89.5" → 8950, in one pass over character codes (a register of 100,000 units is parsed on
 * every count of an unfrozen register). Accepts exactly `AREA_PATTERN`; throws RangeError
 * otherwise — validate with `AreaString` at the boundary for a message naming the field.
 */
export function parseArea(s: string): number {
  const n = s.length;
  let i = 0;
  let int = 0;
  let c = n > 0 ? s.charCodeAt(0) : -1;
  if (c === 48 /* 0 */) {
    i = 1;
  } else if (c >= 49 && c <= 57) {
    // 1–9 digits before the point, no leading zero
    while (i < n && i < 9) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      int = int * 10 + (c - 48);
      i++;
    }
  } else {
    throw new RangeError(`malformed area "${s}"`);
  }
  let frac = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46 /* . */ || n - i < 2 || n - i > 3)
      throw new RangeError(`malformed area "${s}"`);
    const d1 = s.charCodeAt(i + 1) - 48;
    const d2 = n - i === 3 ? s.charCodeAt(i + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) throw new RangeError(`malformed area "${s}"`);
    frac = d1 * 10 + d2;
  }
  return int * 100 + frac;
}

/** 8950 → "89.50" */
export function formatArea(centi: bigint | number): string {
  const c = BigInt(centi);
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
