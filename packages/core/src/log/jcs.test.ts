/**
 * `canonicalJson` is RFC 8785 (JCS): checked against the RFC's own examples and the reference
 * implementations' test data (jcs-vectors/README.md says where each vector comes from).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, inCanonicalOrder } from './canonicalJson.js';

const DIR = join(import.meta.dirname, 'jcs-vectors');
const names = readdirSync(join(DIR, 'input')).map((f) => f.replace(/\.json$/, ''));

/** An IEEE 754 double from its 16 hex digits (big-endian), as RFC 8785 Appendix B gives them. */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe('canonicalJson is RFC 8785 (JCS)', () => {
  it('has the six reference vectors', () => {
    expect(names.sort()).toEqual(['arrays', 'french', 'structures', 'unicode', 'values', 'weird']);
  });

  it.each(names)('reference vector %s: input → output, byte for byte', (name) => {
    const input = JSON.parse(readFileSync(join(DIR, 'input', `${name}.json`), 'utf8')) as unknown;
    const output = readFileSync(join(DIR, 'output', `${name}.json`));
    const text = canonicalJson(input);
    expect(Buffer.from(text, 'utf8').equals(output), text).toBe(true);
    // and the canonical text is a fixed point, whichever road (fast or sorted) it takes
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('RFC 8785 §3.2.2: the example of values (numbers, escapes, literals)', () => {
    const input =
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
      ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}';
    expect(canonicalJson(JSON.parse(input))).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('RFC 8785 §3.2.3: keys sorted by UTF-16 code units, not code points or locale', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // U+1F600 (UTF-16 D83D DE00) sorts before U+FB33: by code point it would come after.
    expect(keys.filter((k) => k !== '1')).toEqual([
      '\r',
      '\u0080',
      '\u00f6',
      '\u20ac',
      '\ud83d\ude00',
      '\ufb33',
    ]);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('RFC 8785 Appendix B: every finite number as ECMAScript Number::toString writes it', () => {
    const table: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, text] of table) {
      expect(canonicalJson(double(bits)), bits).toBe(text);
      // inside an object, on the fast road, the same text
      expect(canonicalJson({ n: double(bits) }), bits).toBe(`{"n":${text}}`);
      expect(canonicalJson({ b: [double(bits)], a: 1 }), bits).toBe(`{"a":1,"b":[${text}]}`);
    }
    // NaN and Infinity (the table's two rows without output) are refused
    for (const bits of ['7fffffffffffffff', '7ff0000000000000']) {
      expect(() => canonicalJson({ n: double(bits) })).toThrow(TypeError);
    }
  });

  it('I-JSON: a lone surrogate is refused, as a member or a key, on both roads', () => {
    const lone = ['\ud800', 'a\udfff', '\ude00\ud83d', 'x\ud83d', '\\\ud800'];
    for (const s of lone) {
      // sorted keys take the JSON.stringify road, unsorted ones the sorting road
      const values: unknown[] = [
        s,
        { s },
        { [s]: 1 },
        [s],
        { a: { b: [1, s] } },
        { b: 1, a: s },
        { b: { [s]: 1 }, a: 1 },
      ];
      for (const v of values) {
        expect(() => canonicalJson(v), JSON.stringify(v)).toThrow(
          /lone surrogate \(U\+D[89A-F][0-9A-F]{2}\)/,
        );
      }
    }
    expect(inCanonicalOrder({ s: '\ud800' })).toBe(true); // the fast road is taken, and its text refused
    // a pair is one character, written as itself; the six characters \ud800 are text, not a surrogate
    expect(canonicalJson({ e: '\ud83d\ude00' })).toBe('{"e":"😀"}');
    expect(canonicalJson({ e: '\\ud800', f: '\\\\ud800' })).toBe('{"e":"\\\\ud800","f":"\\\\\\\\ud800"}');
  });
});
