import { Ballots, UnitRegistry } from '@yishi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastBallots, fastUnitRegistry } from './fast.js';
import { parseJsonText } from './json.js';
import type { Source } from './locate.js';
import { replacementInJson, validate } from './parse.js';
import { scanBallots, scanUnitRegistry } from './scan.js';

const source: Source = { file: 'f.json', format: 'json', lines: null, encoding: 'utf-8' };

/** What the loader gave before the scan: parse, duplicate keys, U+FFFD, fast check or zod. */
function full(text: string, what: 'units' | 'ballots'): { ok: true; data: unknown } | { ok: false } {
  try {
    const raw = parseJsonText(text, 'f.json');
    replacementInJson(raw, text, 'f.json');
    const data =
      what === 'units'
        ? validate(UnitRegistry, raw, source, 'units', (r) => fastUnitRegistry(r, true))
        : validate(Ballots, raw, source, null, (r) => fastBallots(r, true));
    return { ok: true, data };
  } catch {
    return { ok: false };
  }
}

/** The scan declines, or gives exactly the full path's value (keys in the same order). */
function agree(text: string, what: 'units' | 'ballots'): boolean {
  const scanned = what === 'units' ? scanUnitRegistry(text) : scanBallots(text);
  if (scanned === undefined) return false;
  const f = full(text, what);
  expect(f.ok, text).toBe(true);
  if (f.ok) {
    expect(scanned).toStrictEqual(f.data);
    expect(JSON.stringify(scanned)).toBe(JSON.stringify(f.data));
  }
  return true;
}

// ── texts ──────────────────────────────────────────────────────────────────────────────────

/** JSON written with the given whitespace between tokens (cycled), as exports and hands write it. */
function write(v: unknown, spaces: readonly string[]): string {
  let n = 0;
  const ws = () => (spaces.length === 0 ? '' : spaces[n++ % spaces.length]!);
  const go = (x: unknown): string => {
    if (Array.isArray(x)) return `[${ws()}${x.map((e) => `${go(e)}${ws()}`).join(`,${ws()}`)}]`;
    if (x !== null && typeof x === 'object') {
      const parts = Object.entries(x).map(([k, e]) => `${JSON.stringify(k)}${ws()}:${ws()}${go(e)}${ws()}`);
      return `{${ws()}${parts.join(`,${ws()}`)}}`;
    }
    return JSON.stringify(x) ?? 'null';
  };
  return `${ws()}${go(v)}${ws()}`;
}

const spaces = fc.array(fc.constantFrom('', ' ', '\n', '\r\n', '\t', '  ', '\n    '), { maxLength: 4 });

// Keys and values near every edge: white space and control characters, NFC, full width, escapes,
// U+FFFD, prototype names, non-strings.
const key = fc.oneof(
  fc.constantFrom(
    'a',
    'o1',
    ' a',
    'a ',
    'x y',
    '',
    ' ',
    'a\tb',
    'a\u0001',
    'a"b',
    'a\\b',
    'e\u0301',
    '\u00e9',
    'Ａ',
    '1-101',
    '张三',
    '\uFFFD',
    'constructor',
    '__proto__',
  ),
  fc.string({ maxLength: 3 }),
  fc.integer(),
  fc.constant(null),
);
const area = fc.oneof(
  fc.constantFrom('0.00', '0.01', '89.5', '89.50', '89.500', '01.5', '1e3', ' 5', '999999999.99'),
  fc.double(),
);
const status = fc.constantFrom('delivered', 'unsold', 'undelivered', 'Delivered', 'valueOf', '', 1);
const unit = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        id: key,
        building: key,
        owner: key,
        area,
        status,
        buildingGroup: key,
        areaSource: fc.constantFrom('register', 'survey', 'contract', 'toString'),
        areas: fc.constantFrom({ register: '1.00' }, {}, null),
        note: fc.string({ maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);
const registry = fc.record(
  {
    developer: key,
    estate: fc.constantFrom('', 'e', 'a\nb', 1),
    units: fc.oneof({ weight: 5, arbitrary: fc.array(unit, { maxLength: 5 }) }, fc.anything()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);
const ballot = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        owner: key,
        choice: fc.constantFrom('agree', 'oppose', 'abstain', 'invalid', '同意', 'valueOf', ''),
        channel: fc.constantFrom('paper', 'online', 'officialPlatform', 'proxy', 'inPerson', 'fax', 2),
        extra: fc.string({ maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);
const ballots = fc.oneof({ weight: 5, arbitrary: fc.array(ballot, { maxLength: 6 }) }, fc.anything());

// Valid inputs in any key order, so the scan is shown to be taken (not only declined).
const goodKey = fc.constantFrom('a', 'b1', '1-101', '张三', 'Ａ1', 'x y', ' c ', 'e\u0301');
const goodUnit = fc
  .record(
    {
      id: fc.oneof(
        fc.nat(999).map((n) => `u${n}`),
        fc.constantFrom('甲1', 'Ａ2', ' u3', 'e\u0301'),
      ),
      building: goodKey,
      owner: goodKey,
      area: fc.constantFrom('0.01', '1', '89.5', '89.50', '999999999.99'),
      status: fc.constantFrom('delivered', 'unsold', 'undelivered'),
      buildingGroup: goodKey,
      areaSource: fc.constantFrom('register', 'survey', 'contract'),
    },
    { requiredKeys: ['id', 'building', 'owner', 'area'] },
  )
  .chain((u) =>
    fc.shuffledSubarray(Object.keys(u), { minLength: Object.keys(u).length }).map((ks) => ({ u, ks })),
  )
  .map(({ u, ks }) => Object.fromEntries(ks.map((k) => [k, (u as Record<string, unknown>)[k]])));

/** One change at one place: a character added, removed or replaced. */
const edit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'replace'),
  ch: fc.constantFrom(
    '"',
    ',',
    ':',
    '{',
    '}',
    '[',
    ']',
    '\\',
    ' ',
    '\n',
    '\u0001',
    '\u00a0',
    'a',
    '0',
    '\uFFFD',
    '\uFEFF',
  ),
});
function applyEdit(text: string, e: { at: number; op: string; ch: string }): string {
  const i = e.at % (text.length + 1);
  if (e.op === 'insert') return text.slice(0, i) + e.ch + text.slice(i);
  if (e.op === 'delete') return text.slice(0, i) + text.slice(i + 1);
  return text.slice(0, i) + e.ch + text.slice(i + 1);
}

describe('the one-pass scan agrees with parse + checks', () => {
  it('on random registers, valid and not, in any layout', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(registry, spaces, (raw, ws) => {
        agree(write(raw, ws), 'units');
      }),
      { numRuns: 3000 },
    );
  });

  it('on random ballots, valid and not, in any layout', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(ballots, spaces, (raw, ws) => {
        agree(write(raw, ws), 'ballots');
      }),
      { numRuns: 3000 },
    );
  });

  it('on texts with one character added, removed or replaced', { timeout: 120_000 }, () => {
    const units = fc.uniqueArray(goodUnit, {
      minLength: 1,
      maxLength: 3,
      selector: (u) => String(u.id).trim(),
    });
    fc.assert(
      fc.property(units, spaces, edit, (list, ws, e) => {
        agree(applyEdit(write({ developer: 'dev', units: list }, ws), e), 'units');
        const bs = list.map((u) => ({ owner: u.owner, choice: 'agree', channel: 'paper' }));
        agree(applyEdit(write(bs, ws), e), 'ballots');
      }),
      { numRuns: 4000 },
    );
  });

  it('takes the scan on valid registers and ballots, whatever the key order and layout', {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(goodUnit, { minLength: 1, maxLength: 6, selector: (u) => String(u.id).trim() }),
        spaces,
        (list, ws) => {
          expect(agree(write({ developer: 'dev', estate: '某小区', units: list }, ws), 'units')).toBe(true);
          expect(agree(write({ units: list }, ws), 'units')).toBe(true);
          const bs = list.map((u, i) =>
            i % 2 ? { choice: 'oppose', owner: u.id } : { owner: u.id, choice: 'agree', channel: 'online' },
          );
          expect(agree(write(bs, ws), 'ballots')).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('declines what it leaves to the full path (examples)', () => {
    const u = '{"id":"1","building":"1","area":"1.00","owner":"a"}';
    const units = [
      `{"units":[${u.replace('"a"', '"a\\u0062"')}]}`, // an escape
      `{"units":[${u.replace('"a"', '"a\uFFFD"')}]}`, // U+FFFD
      `{"units":[${u.replace('"owner":"a"', '"owner":"a","owner":"b"')}]}`, // a key twice
      `{"units":[${u}],"units":[${u}]}`,
      `{"units":[${u},]}`, // trailing comma
      `{"units":[${u}]} x`,
      `{"units":[${u.replace('"a"', '"x\ty"')}]}`, // a raw tab in a string
      `{"estate":"a\nb","units":[${u}]}`,
      `{"units":[${u.replace('"area":"1.00"', '"areas":{"register":"1.00"}')}]}`, // nested: full path
      `{"units":[${u.replace('"1.00"', '1')}]}`, // a number
      `{"units":[${u},${u.replace('"id":"1"', '"id":" 1"')}]}`, // the same id after trimming
      '{"units":[]}',
      '{}',
      `\uFEFF{"units":[${u}]}`,
    ];
    for (const text of units) {
      expect(scanUnitRegistry(text), text).toBeUndefined();
    }
    expect(scanUnitRegistry(`{"units":[${u}]}`)).toStrictEqual({
      units: [{ id: '1', building: '1', area: '1.00', owner: 'a', status: 'delivered' }],
    });
    for (const text of ['[{"owner":"a"}]', '[{"owner":"a","choice":"agree"} {}]', '[1]', '{"owner":"a"}']) {
      expect(scanBallots(text), text).toBeUndefined();
    }
    expect(scanBallots(' [ ] ')).toStrictEqual([]);
  });
});
