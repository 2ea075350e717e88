/**
 * `quickNoticeInput` reads the common public-notice input without zod: whatever it accepts, the
 * schema accepts with the same output; whatever else it leaves to the schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PublicNoticeInput, quickNoticeInput } from './noticeSchemas.js';

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('公示', 'n-1', 'x y') },
  fc.constantFrom(' 公示', '公示 ', '', '\u3000题', 'a\u00a0', '\ufeff', '\n'),
  fc.string({ maxLength: 6 }),
);
const days = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 36_600 }) },
  fc.constantFrom<unknown>(0, 36_601, 1.5, -1, Number.NaN, '15', 2 ** 53, undefined),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const input = fc
  .record(
    {
      id: text,
      kind: fc.constantFrom<unknown>('publicity', 'announcement', 'publicity', 'other', 1),
      title: text,
      period: fc.oneof(
        fc.record(
          {
            days,
            unit: maybe(fc.constantFrom<unknown>('natural', 'working', 'weeks')),
            extra: maybe(fc.constant(1)),
          },
          { requiredKeys: ['days'] },
        ),
        fc.constantFrom<unknown>(null, [], 'P15D'),
      ),
      onUpheldObjection: fc.constantFrom<unknown>('extend', 'restart', 'withdraw', 'ignore', undefined),
      extensionDays: days,
    },
    { requiredKeys: ['id', 'kind', 'title', 'period'] },
  )
  .chain((r) =>
    // now and then a member the schema does not know, at the top or in the period
    fc.constantFrom<unknown>(
      r,
      r,
      r,
      { ...r, extra: 'x' },
      typeof r.period === 'object' && r.period !== null ? { ...r, period: { ...r.period, extra: 1 } } : r,
    ),
  )
  .map((r) => JSON.parse(JSON.stringify(r)) as unknown);

describe('quickNoticeInput', () => {
  it('never accepts what the schema refuses, and gives its output (property)', () => {
    let quick = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: input }, fc.anything()), (v) => {
        const got = quickNoticeInput(v);
        if (got === undefined) return;
        quick++;
        const want = PublicNoticeInput.safeParse(v);
        expect(want.success).toBe(true);
        if (want.success) expect(got).toEqual(want.data);
      }),
      { numRuns: 5000 },
    );
    expect(quick).toBeGreaterThan(20); // the quick road is taken, not only refused
  });

  it('takes the everyday input, and leaves an untrimmed title to the schema', () => {
    const ok = { id: 'n-1', kind: 'publicity', title: '公示', period: { days: 15 } };
    expect(quickNoticeInput(ok)).toEqual(PublicNoticeInput.parse(ok));
    expect(quickNoticeInput({ ...ok, title: ' 公示' })).toBeUndefined();
    expect(quickNoticeInput({ ...ok, onUpheldObjection: 'extend' })).toBeUndefined();
  });
});
