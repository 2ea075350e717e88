import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atLeast,
  formatPercent,
  MAJORITY,
  meets,
  minimumToMeet,
  moreThan,
  shortfall,
  thresholdWording,
} from './threshold.js';

describe('meets: exact comparison at the legal line', () => {
  const cases = [
    { t: MAJORITY, whole: 100, below: 50, at: 50, above: 51, atMeets: false }, // 过半数: exactly half fails
    { t: atLeast(2, 3), whole: 99, below: 65, at: 66, above: 67, atMeets: true }, // 三分之二以上
    { t: atLeast(3, 4), whole: 100, below: 74, at: 75, above: 76, atMeets: true }, // 四分之三以上
    { t: moreThan(2, 3), whole: 99, below: 65, at: 66, above: 67, atMeets: false },
  ];
  for (const c of cases) {
    it(`${c.t.cmp} ${c.t.num}/${c.t.den}: below, at and above`, () => {
      expect(meets(c.below, c.whole, c.t)).toBe(false);
      expect(meets(c.at, c.whole, c.t)).toBe(c.atMeets);
      expect(meets(c.above, c.whole, c.t)).toBe(true);
    });
  }

  it('never meets a line over an empty base', () => {
    expect(meets(0, 0, MAJORITY)).toBe(false);
    expect(meets(0, 0, atLeast(0, 1))).toBe(false);
  });

  it('works beyond 2^53 (BigInt cross-multiplication)', () => {
    const whole = 3n * 10n ** 20n;
    expect(meets(2n * 10n ** 20n, whole, atLeast(2, 3))).toBe(true);
    expect(meets(2n * 10n ** 20n - 1n, whole, atLeast(2, 3))).toBe(false);
  });

  it('agrees with rational arithmetic for any counts (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (part, whole, den, strict) => {
          const num = Number(part % BigInt(den + 1)); // 0..den
          const t = strict ? moreThan(num, den) : atLeast(num, den);
          const lhs = part * BigInt(den);
          const rhs = whole * BigInt(num);
          expect(meets(part, whole, t)).toBe(strict ? lhs > rhs : lhs >= rhs);
        },
      ),
    );
  });
});

describe('shortfall', () => {
  it('is the least amount that meets the line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        (p, w, strict) => {
          const t = strict ? MAJORITY : atLeast(2, 3);
          const gap = shortfall(p, w, t);
          expect(meets(BigInt(p) + gap, w, t)).toBe(true);
          if (gap > 0n) expect(meets(BigInt(p) + gap - 1n, w, t)).toBe(false);
        },
      ),
    );
  });

  it('gives the statutory minimum headcount', () => {
    expect(minimumToMeet(9, atLeast(2, 3))).toBe(6n);
    expect(minimumToMeet(10, atLeast(2, 3))).toBe(7n);
    expect(minimumToMeet(10, MAJORITY)).toBe(6n);
    expect(minimumToMeet(11, MAJORITY)).toBe(6n);
  });
});

describe('wording and display', () => {
  it('uses the statute’s words', () => {
    expect(thresholdWording(atLeast(2, 3), 'zh-CN')).toBe('三分之二以上');
    expect(thresholdWording(atLeast(3, 4), 'zh-CN')).toBe('四分之三以上');
    expect(thresholdWording(MAJORITY, 'zh-CN')).toBe('过半数');
    expect(thresholdWording(MAJORITY, 'en')).toBe('more than half');
    expect(thresholdWording(atLeast(2, 3), 'en')).toBe('at least 2/3');
  });

  it('truncates percentages so a share under the line never prints as the line', () => {
    expect(formatPercent(2, 3)).toBe('66.66%');
    expect(formatPercent(1, 2)).toBe('50.00%');
    expect(formatPercent(0, 0)).toBe('—');
  });
});
