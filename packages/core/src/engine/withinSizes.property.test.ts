/**
 * Property: the fast pass of the size bounds (`withinSizes`) is never more lenient than the walk
 * that names the field (`sizeIssue`): whenever it accepts a value, the walk accepts it too, with
 * canonical JSON or `JSON.stringify` as the size. Values are drawn to sit near every limit (ids,
 * texts, keys, the whole size) and include what JSON cannot carry (NaN, a Date, a function, a
 * class instance, a cycle, a toJSON on the prototypes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sizeIssue, withinSizes } from './bounds.js';

const LIMITS = { id: 6, text: 12, event: 160, input: 400 };
const KEYS = [
  'id',
  'ownerId',
  'reviewerIds',
  'enteredBy',
  'Id',
  'text',
  'on',
  'actor',
  'policy',
  'x'.repeat(13),
];

const leaf = fc.oneof(
  fc.string({ maxLength: 14 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('"', '\\', '\u0001', '\ud800', '长'.repeat(12)),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, -1.7976931348623157e308, 5e-324),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom<unknown>(new Date(0), () => 1, Symbol('s'), 10n, new (class Box {})()),
);

const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 })), tie('node'), {
    maxKeys: 5,
  }),
})).node;

const skips = fc.constantFrom<((key: string) => boolean) | undefined>(
  undefined,
  (k) => k === 'policy',
  (k) => k === 'on' || k === 'actor',
);

/** What `checkSizes` is given when `skip` leaves members out (as replay's `bounded` builds it). */
function without(v: unknown, skip: ((key: string) => boolean) | undefined): unknown {
  if (skip === undefined || typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = { ...v };
  for (const k of Object.keys(out)) if (skip(k)) delete out[k];
  return out;
}

const sizes = [(v: unknown) => JSON.stringify(v)?.length ?? 0, undefined];

describe('withinSizes is never more lenient than the walk', () => {
  it('accepts only what sizeIssue accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(value, skips, fc.constantFrom(20, 60, 160, 400), (v, skip, max) => {
        if (!withinSizes(v, LIMITS, max, skip)) return;
        accepted++;
        for (const sizeOf of sizes) {
          expect(
            sizeIssue(without(v, skip), LIMITS, max, 'INVALID_EVENT', 'p', 'event', sizeOf),
          ).toBeUndefined();
        }
      }),
      { numRuns: 3000 },
    );
    // the fast pass does take the common case (else this test would prove nothing)
    expect(accepted).toBeGreaterThan(300);
  });

  it('leaves to the walk a cycle, a deep value, a toJSON on the prototypes, an array given a skip', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(withinSizes(cyclic, LIMITS, 1e9)).toBe(false);
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(withinSizes(deep, LIMITS, 1e9)).toBe(false);
    expect(withinSizes(['a'], LIMITS, 1e9, (k) => k === 'policy')).toBe(false);
    (Object.prototype as { toJSON?: unknown }).toJSON = () => 'x';
    try {
      expect(withinSizes({ a: 1 }, LIMITS, 1e9)).toBe(false);
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
    }
  });

  it('accepts the common case: an event well within its limits', () => {
    const event = {
      type: 'OBJECT',
      objectionId: 'o-1',
      text: '面积数据有误',
      on: '2024-09-21',
      actor: { id: 'x' },
    };
    expect(withinSizes(event, { ...LIMITS, text: 40 }, 1000, (k) => k === 'on' || k === 'actor')).toBe(true);
  });
});
