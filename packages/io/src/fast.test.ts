import { Ballots, UnitRegistry } from '@yishi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastBallots, fastUnitRegistry, NFC_STABLE_KEY } from './fast.js';

// Values near every edge of the schemas: white space, NFC, full width, empty, enum look-alikes,
// prototype names, areas at and around 0.00 and the 2-decimal / 9-digit limits.
const key = fc.oneof(
  fc.constantFrom(
    'a',
    ' a',
    'a ',
    '',
    '  ',
    '\t',
    'e\u0301',
    '\u00e9',
    'Ａ',
    '1-101',
    '张三',
    'constructor',
    '__proto__',
  ),
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.constant(null),
);
const area = fc.oneof(
  fc.constantFrom(
    '0',
    '0.0',
    '0.00',
    '0.01',
    '0.1',
    '89.5',
    '89.50',
    '89.500',
    '1e3',
    '-1',
    '01.5',
    '.5',
    '5.',
    '123456789.12',
    '1234567890',
    ' 5',
  ),
  fc.string({ maxLength: 4 }),
  fc.double(),
);
const status = fc.constantFrom(
  'delivered',
  'unsold',
  'undelivered',
  'Delivered',
  '已交付',
  'constructor',
  '',
);
const source = fc.constantFrom('register', 'survey', 'contract', 'toString', 'Survey');
const areas = fc.oneof(
  fc.record({ register: area, survey: area, contract: area }, { requiredKeys: [] }),
  fc.record({ register: area, bogus: area }, { requiredKeys: [] }),
  fc.constant(null),
  fc.constant([]),
);
const unit = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record(
      {
        id: key,
        building: key,
        owner: key,
        area,
        areas,
        status,
        areaSource: source,
        buildingGroup: key,
        note: fc.string(),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);
const registry = fc.record(
  {
    developer: key,
    estate: fc.constantFrom('', 'e', 1),
    units: fc.oneof(
      { weight: 5, arbitrary: fc.array(unit, { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.anything() },
    ),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

// Valid units, so the fast path is shown to be taken (not only declined).
const goodKey = fc.constantFrom('a', ' b ', 'e\u0301', '张三', 'Ａ1', 'x y');
const goodArea = fc.constantFrom('0.01', '1', '89.5', '89.50', '999999999.99');
const goodUnit = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `u${s}`),
    building: goodKey,
    owner: goodKey,
    area: goodArea,
    areas: fc.record({ register: goodArea, survey: goodArea, contract: goodArea }, { requiredKeys: [] }),
    status: fc.constantFrom('delivered', 'unsold', 'undelivered'),
    areaSource: fc.constantFrom('register', 'survey', 'contract'),
    buildingGroup: goodKey,
  },
  { requiredKeys: ['id', 'building', 'owner', 'area'] },
);

/** The in-place mode on a copy: equal to zod's value (key order may follow the input). */
function agreeInPlace(
  raw: unknown,
  fast: (r: unknown, reuse: boolean) => unknown,
  z: { success: boolean; data?: unknown },
): void {
  const copy = structuredClone(raw);
  const r = fast(copy, true);
  if (r === undefined) {
    expect(z.success).toBe(false);
    return;
  }
  expect(r).toBe(copy);
  expect(z.success).toBe(true);
  expect(r).toStrictEqual(z.data);
}

function agree(fast: unknown, z: { success: boolean; data?: unknown }): void {
  if (fast === undefined) {
    expect(z.success).toBe(false);
    return;
  }
  expect(z.success).toBe(true);
  expect(fast).toStrictEqual(z.data);
  // same keys in the same order, as a portal printing JSON would see
  expect(JSON.stringify(fast)).toBe(JSON.stringify(z.data));
}

describe('fast checks agree with the zod schemas', () => {
  it('on random registers, valid and not', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(registry, (raw) => {
        const z = UnitRegistry.safeParse(raw);
        agree(fastUnitRegistry(raw), z);
        agreeInPlace(raw, fastUnitRegistry, z);
      }),
      { numRuns: 3000 },
    );
  });

  it('take the fast path on valid registers', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(goodUnit, {
          minLength: 1,
          maxLength: 8,
          selector: (u) => u.id.trim().normalize('NFC'),
        }),
        (units) => {
          const raw = { developer: 'dev', units };
          const fast = fastUnitRegistry(raw);
          expect(fast).toBeDefined();
          agree(fast, UnitRegistry.safeParse(raw));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on random ballots, valid and not', { timeout: 60_000 }, () => {
    const ballot = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            owner: fc.oneof(key, goodKey),
            choice: fc.constantFrom('agree', 'oppose', 'abstain', 'invalid', '同意', 'valueOf', ''),
            channel: fc.constantFrom(
              'paper',
              'online',
              'officialPlatform',
              'proxy',
              'inPerson',
              'fax',
              '__proto__',
            ),
            extra: fc.string(),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.anything() },
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(ballot, { maxLength: 6 }), fc.anything()), (raw) => {
        const z = Ballots.safeParse(raw);
        agree(fastBallots(raw), z);
        agreeInPlace(raw, fastBallots, z);
      }),
      { numRuns: 3000 },
    );
  });

  it('decline what zod refuses at each edge (examples)', () => {
    const u = { id: '1', building: '1', area: '1.00', owner: 'a' };
    const cases: unknown[] = [
      { units: [] },
      { units: [{ ...u, area: '0.00' }] },
      { units: [{ ...u, owner: '  ' }] },
      { units: [u, { ...u, id: '1 ' }] },
      { units: [{ ...u, status: 'constructor' }] },
      { units: [{ ...u, area: undefined }] },
      { units: [{ id: '1', building: '1', owner: 'a', areas: {} }] },
      { units: [u], developer: '' },
      JSON.parse('{"units":[{"id":"1","building":"1","area":"1.00","owner":"a","__proto__":1}]}'),
    ];
    for (const raw of cases) {
      expect(fastUnitRegistry(raw), JSON.stringify(raw)).toBeUndefined();
      expect(UnitRegistry.safeParse(raw).success, JSON.stringify(raw)).toBe(false);
    }
  });
});

describe('NFC_STABLE_KEY: keys the fast check may take as they are', () => {
  const ranges: [number, number][] = [
    [0x21, 0x7e],
    [0xa1, 0x2ff],
    [0x3001, 0x3029],
    [0x3030, 0x3098],
    [0x309b, 0x9fff],
    [0xac00, 0xd7a3],
    [0xff01, 0xff5e],
  ];
  it('every character of the class is already NFC and trimmed; the neighbours just outside are not in it', () => {
    for (const [lo, hi] of ranges) {
      for (let c = lo; c <= hi; c++) {
        const ch = String.fromCodePoint(c);
        expect(NFC_STABLE_KEY.test(ch)).toBe(true);
        if (ch.normalize('NFC') !== ch || ch.trim() !== ch)
          throw new Error(`U+${c.toString(16)} is not stable`);
      }
    }
    for (const c of [0x20, 0xa0, 0x300, 0x3000, 0x302a, 0x302f, 0x3099, 0x309a, 0xf900, 0xfeff, 0x212b])
      expect(NFC_STABLE_KEY.test(String.fromCodePoint(c))).toBe(false);
  });

  it('a string of them is NFC as a whole (no two of them compose)', () => {
    const stable = fc.oneof(...ranges.map(([lo, hi]) => fc.integer({ min: lo, max: hi })));
    fc.assert(
      fc.property(fc.array(stable, { minLength: 1, maxLength: 12 }), (cs) => {
        const s = String.fromCodePoint(...cs);
        expect(NFC_STABLE_KEY.test(s)).toBe(true);
        expect(s.normalize('NFC')).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
