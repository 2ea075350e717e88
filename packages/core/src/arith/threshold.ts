import { z } from 'zod';

/**
 * A legal line as an exact fraction with an explicit comparator.
 * - 以上 (e.g. 三分之二以上) includes the bound: `{ num: 2, den: 3, cmp: '>=' }` (民法典 第1259条).
 * - 过半数 excludes it: `{ num: 1, den: 2, cmp: '>' }` (过 = 超过, which 第1259条 excludes).
 * Never a float: `0.6667` is not two thirds.
 */
export const Comparator = z.enum(['>=', '>']);
export type Comparator = z.infer<typeof Comparator>;

export const Threshold = z
  .object({
    num: z.number().int().nonnegative(),
    den: z.number().int().positive(),
    cmp: Comparator,
  })
  .refine((t) => t.num <= t.den, {
    message: 'num must not exceed den (a share cannot be above 1)',
    path: ['num'],
  });
export type Threshold = z.infer<typeof Threshold>;

export const atLeast = (num: number, den: number): Threshold => ({ num, den, cmp: '>=' });
export const moreThan = (num: number, den: number): Threshold => ({ num, den, cmp: '>' });
/** 过半数 */
export const MAJORITY: Threshold = Object.freeze({ num: 1, den: 2, cmp: '>' });

/** part / whole cmp num / den, decided by integer cross-multiplication (BigInt, never floats). */
export function meets(part: bigint | number, whole: bigint | number, t: Threshold): boolean {
  const p = BigInt(part);
  const w = BigInt(whole);
  if (w === 0n) return false; // nothing to be a share of: a line over an empty base is never met
  const lhs = p * BigInt(t.den);
  const rhs = w * BigInt(t.num);
  return t.cmp === '>=' ? lhs >= rhs : lhs > rhs;
}

/**
 * The least amount that must be added to `part` (with `whole` fixed) for the line to be met;
 * 0 when already met. For `>=`: ceil(whole·num/den) − part; for `>`: floor(whole·num/den) + 1 − part.
 */
export function shortfall(part: bigint | number, whole: bigint | number, t: Threshold): bigint {
  const p = BigInt(part);
  const w = BigInt(whole);
  const num = BigInt(t.num);
  const den = BigInt(t.den);
  const prod = w * num;
  const needed = t.cmp === '>=' ? (prod + den - 1n) / den : prod / den + 1n;
  const gap = needed - p;
  return gap > 0n ? gap : 0n;
}

/** The smallest integer count that meets the line over `whole` (e.g. the quorum in persons). */
export function minimumToMeet(whole: bigint | number, t: Threshold): bigint {
  return shortfall(0n, whole, t);
}

/** "2/3", "1/2" */
export function formatFraction(t: Threshold): string {
  return `${t.num}/${t.den}`;
}

/** Legal wording of a threshold: 三分之二以上 / 过半数 / 四分之三以上. */
export function thresholdWording(t: Threshold, locale: 'zh-CN' | 'en'): string {
  const zhNum = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  if (locale === 'zh-CN') {
    if (t.num * 2 === t.den && t.cmp === '>') return '过半数';
    const frac = `${zhNum[t.den] ?? t.den}分之${zhNum[t.num] ?? t.num}`;
    return t.cmp === '>=' ? `${frac}以上` : `超过${frac}`;
  }
  if (t.num * 2 === t.den && t.cmp === '>') return 'more than half';
  return t.cmp === '>=' ? `at least ${t.num}/${t.den}` : `more than ${t.num}/${t.den}`;
}

/**
 * A readable percentage with two decimals, rounded toward zero so a share just under a line never
 * prints as the line (66.66…% prints "66.66%", not "66.67%"). Display only; never decides anything.
 */
export function formatPercent(part: bigint | number, whole: bigint | number): string {
  const p = BigInt(part);
  const w = BigInt(whole);
  if (w === 0n) return '—';
  const basisPoints = (p * 10000n) / w;
  const int = basisPoints / 100n;
  const frac = basisPoints % 100n;
  return `${int}.${frac.toString().padStart(2, '0')}%`;
}
