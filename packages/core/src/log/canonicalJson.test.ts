import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, inCanonicalOrder } from './canonicalJson.js';

/** The previous implementation, kept as the reference the faster one must equal byte for byte. */
function reference(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

/** The same value with every object's keys in another order, and some undefined members added. */
function shuffled(value: unknown, rand: () => number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => shuffled(v, rand));
  const entries = Object.entries(value).map(([k, v]) => [k, shuffled(v, rand)] as const);
  entries.sort(() => rand() - 0.5);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    // an undefined member under a key the value does not have (`u` + "" is "u", which it may)
    const extra = `u${k}`;
    if (rand() < 0.2 && !Object.hasOwn(value, extra)) out[extra] = undefined;
    out[k] = v;
  }
  return out;
}

const keyish = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('0', '1', '9', '10', 'a', 'B', '议', '__proto__x'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyish, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonicalJson', () => {
  it('sorts keys, drops undefined, keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: '议' }] })).toBe('{"a":[3,{"c":"议"}],"b":1}');
    // integer-like keys sort as strings, not in the order objects enumerate them
    expect(canonicalJson({ 9: 'a', 10: 'b', x: 1 })).toBe('{"10":"b","9":"a","x":1}');
    expect(canonicalJson([1, undefined, -0])).toBe('[1,null,0]');
  });

  it('equals the reference on any JSON value, in any key order (property)', () => {
    fc.assert(
      fc.property(json, fc.integer(), (v, seed) => {
        let a = seed >>> 0;
        const rand = () => {
          a = (a * 1103515245 + 12345) >>> 0;
          return a / 2 ** 32;
        };
        const w = shuffled(v, rand);
        expect(canonicalJson(v)).toBe(reference(v));
        expect(canonicalJson(w)).toBe(reference(v));
        // read back from canonical JSON, keys are in order and the short road is taken
        const back = JSON.parse(canonicalJson(v)) as unknown;
        // (objects enumerate integer-like keys first, in numeric order: those take the long road)
        if (typeof back === 'object' && back !== null && !/"(0|[1-9][0-9]*)":/.test(canonicalJson(v)))
          expect(inCanonicalOrder(back)).toBe(true);
        expect(canonicalJson(back)).toBe(reference(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the short road only where JSON.stringify writes the canonical text (property)', () => {
    fc.assert(
      fc.property(json, (v) => {
        if (typeof v === 'object' && v !== null && inCanonicalOrder(v))
          expect(JSON.stringify(v)).toBe(reference(v));
      }),
      { numRuns: 1000 },
    );
    expect(inCanonicalOrder({ b: 1, a: 2 })).toBe(false);
    expect(inCanonicalOrder({ a: 1, b: { d: 1, c: 2 } })).toBe(false);
    expect(inCanonicalOrder({ a: new Date(0) })).toBe(false);
    expect(inCanonicalOrder({ a: Number.POSITIVE_INFINITY })).toBe(false);
    expect(inCanonicalOrder([() => 1])).toBe(false);
  });

  it('is the reference for what is not plain data: class instances, null prototypes, toJSON', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    for (const v of [{ d: new Date(0), m: new Map([[1, 2]]) }, bare, { x: [bare] }]) {
      expect(canonicalJson(v)).toBe(reference(v));
    }
    // a toJSON put on Object.prototype is ignored, as the reference ignores it
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'polluted', configurable: true });
    try {
      expect(canonicalJson({ a: 1, b: [{ c: 2 }] })).toBe('{"a":1,"b":[{"c":2}]}');
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
    }
  });

  it('refuses what JSON cannot carry, wherever it is', () => {
    for (const [i, bad] of [
      Number.NaN,
      () => 1,
      { a: Number.POSITIVE_INFINITY },
      { a: { b: () => 1 } },
      [Symbol('s')],
      { a: 1n },
    ].entries()) {
      expect(() => canonicalJson(bad), `case ${i}`).toThrow(TypeError);
    }
  });
});
