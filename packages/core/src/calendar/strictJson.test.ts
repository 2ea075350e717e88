import { describe, expect, it } from 'vitest';
import { JsonReadError, jsonPath, readStrictJson } from './strictJson.js';

function problem(text: string) {
  try {
    readStrictJson(text);
  } catch (e) {
    if (e instanceof JsonReadError) return e.problem;
    throw e;
  }
  throw new Error('expected a JsonReadError');
}

describe('readStrictJson', () => {
  it('reads what JSON.parse reads', () => {
    const samples = [
      '{"a":1,"b":[true,false,null,-0.5e3,"x\\u00e9\\n"],"c":{}}',
      '[]',
      '"春节"',
      ' \n{ "years" : { "2027" : { "holidays" : [ ] } } }\n',
      '0',
    ];
    for (const s of samples) expect(readStrictJson(s)).toEqual(JSON.parse(s));
  });

  it('skips a byte-order mark', () => {
    expect(readStrictJson('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const v = readStrictJson('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('refuses a key given twice, with its path and both places', () => {
    const text = '{\n  "years": {\n    "2027": {},\n    "2027": {}\n  }\n}';
    expect(problem(text)).toEqual({
      message: 'key "2027" appears twice in years (first at line 3, column 5); each key may appear once',
      line: 4,
      column: 5,
      path: 'years',
    });
    expect(problem('[{"a":1},{"b":{"c":1,"c":2}}]')).toMatchObject({ path: '[1].b', line: 1, column: 22 });
  });

  it.each([
    ['{"a":1,}', 1, 8, 'expected a key in double quotes, found "}"'],
    ['[1,]', 1, 4, 'expected a value, found "]"'],
    ['{"a":1\n "b":2}', 2, 2, 'expected "," or "}" after the value of "a", found "\\""'],
    ['{"a": tru}', 1, 7, 'expected a value, found "t"'],
    ["{'a':1}", 1, 2, 'expected a key in double quotes, found "\'"'],
    ['{"a":"x', 1, 6, 'a string is never closed'],
    ['{"a":1} x', 1, 9, 'unexpected "x" after the end of the JSON value'],
    ['', 1, 1, 'expected a value, found the end of the file'],
    ['{"a":01}', 1, 7, 'expected "," or "}" after the value of "a", found "1"'],
    ['// c\n{}', 1, 1, 'expected a value, found "/"'],
  ])('refuses %j at line %i, column %i', (text, line, column, message) => {
    expect(problem(text)).toEqual({ message, line, column });
  });

  it('refuses U+FFFD, the mark of a file not read as UTF-8', () => {
    expect(problem('{"name":"\uFFFD\uFFFD"}')).toMatchObject({ line: 1, column: 10 });
    expect(problem('{"name":"\uFFFD"}').message).toContain('re-save it as UTF-8');
  });

  it('jsonPath', () => {
    expect(jsonPath(['years', '2027', 'holidays', 2, 'dates', 1])).toBe('years["2027"].holidays[2].dates[1]');
    expect(jsonPath([])).toBe('(top level)');
  });
});
