import { z } from 'zod';

/**
 * Floor area (专有部分面积) is held internally as an integer count of 0.01 m² (GLOSSARY: `area`),
 * so sums are exact. 0.1 + 0.2 does not equal 0.3 in floating point; 10 + 20 centi-m² equals 30.
 */
export const AREA_PATTERN = /^(0|[1-9]\d{0,8})(\.\d{1,2})?$/;

export const AreaString = z
  .string()
  .regex(AREA_PATTERN, { message: 'expected a non-negative area in m² with at most 2 decimals, e.g. "89.50"' });

/** "89.5" → 8950. Throws RangeError on malformed input: validate with `AreaString` at the boundary. */
export function parseArea(s: string): number {
  if (!AREA_PATTERN.test(s)) throw new RangeError(`malformed area "${s}"`);
  const dot = s.indexOf('.');
  if (dot < 0) return Number(s) * 100;
  const int = Number(s.slice(0, dot));
  const frac = s.slice(dot + 1);
  return int * 100 + Number(frac.length === 1 ? `${frac}0` : frac);
}

/** 8950 → "89.50" */
export function formatArea(centi: bigint | number): string {
  const c = BigInt(centi);
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
