/**
 * A strict JSON reader for data files a person edits by hand (a new year's holiday notice).
 *
 * `JSON.parse` keeps the last of two equal keys and reports a syntax error by character offset
 * only, in a wording that changes between Node versions. This reader accepts exactly RFC 8259
 * JSON (a leading byte-order mark allowed), and refuses with the line and column (both 1-based):
 * a syntax error, a key given twice in one object (naming its path), and a U+FFFD replacement
 * character, the mark of a file that was not UTF-8 when it was read.
 */

export interface JsonProblem {
  message: string;
  line: number;
  column: number;
  /** JSON path of the object holding a duplicate key, e.g. 'years["2027"]'. */
  path?: string;
}

export class JsonReadError extends Error {
  override readonly name = 'JsonReadError';
  constructor(readonly problem: JsonProblem) {
    super(`line ${problem.line}, column ${problem.column}: ${problem.message}`);
  }
}

/** 'years["2027"].holidays[2]' for ['years', '2027', 'holidays', 2]. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out || '(top level)';
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** Parses `text` as strict JSON; throws `JsonReadError` with line and column. */
export function readStrictJson(text: string): unknown {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const path: PropertyKey[] = [];

  const where = (at: number) => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < text.length; i++) {
      if (text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: at - lineStart + 1 };
  };
  const fail = (message: string, at = pos, extra: Partial<JsonProblem> = {}): never => {
    throw new JsonReadError({ message, ...where(at), ...extra });
  };
  const shown = (at: number) => (at >= text.length ? 'the end of the file' : JSON.stringify(text[at]));

  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    fail('found U+FFFD (a replacement character): the file was not read as UTF-8; re-save it as UTF-8', bad);
  }

  const skip = () => {
    while (pos < text.length && WS.has(text[pos]!)) pos++;
  };
  const expect = (ch: string, what: string) => {
    skip();
    if (text[pos] !== ch) fail(`expected ${what}, found ${shown(pos)}`);
    pos++;
  };

  const string = (): string => {
    const start = pos;
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail('a string is never closed', start);
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20)
        fail('a control character (such as a line break) inside a string; write it as \\n, \\t …');
      if (c === 0x5c) {
        const e = text[pos + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(pos + 2, pos + 6)))
            fail('\\u must be followed by 4 hex digits');
          pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail(`unknown escape \\${e ?? ''} in a string`);
        pos += 2;
        continue;
      }
      pos++;
    }
    pos++; // closing quote
    return JSON.parse(text.slice(start, pos)) as string;
  };

  const number = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m) fail(`expected a value, found ${shown(pos)}`);
    pos += m![0].length;
    return Number(m![0]);
  };

  const literal = (word: string, value: unknown) => {
    if (text.startsWith(word, pos)) {
      pos += word.length;
      return value;
    }
    return fail(`expected a value, found ${shown(pos)}`);
  };

  const value = (): unknown => {
    skip();
    const c = text[pos];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    return fail(`expected a value, found ${shown(pos)}`);
  };

  const object = (): Record<string, unknown> => {
    pos++;
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    skip();
    if (text[pos] === '}') {
      pos++;
      return out;
    }
    for (;;) {
      skip();
      if (text[pos] !== '"') fail(`expected a key in double quotes, found ${shown(pos)}`);
      const keyAt = pos;
      const key = string();
      const first = seen.get(key);
      if (first !== undefined) {
        const was = where(first);
        fail(
          `key ${JSON.stringify(key)} appears twice in ${jsonPath(path)} (first at line ${was.line}, column ${was.column}); each key may appear once`,
          keyAt,
          { path: jsonPath(path) },
        );
      }
      seen.set(key, keyAt);
      expect(':', `":" after key ${JSON.stringify(key)}`);
      path.push(key);
      // defineProperty: a key such as "__proto__" stays an ordinary own property, as in JSON.parse.
      Object.defineProperty(out, key, {
        value: value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      path.pop();
      skip();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return out;
      }
      fail(`expected "," or "}" after the value of ${JSON.stringify(key)}, found ${shown(pos)}`);
    }
  };

  const array = (): unknown[] => {
    pos++;
    const out: unknown[] = [];
    skip();
    if (text[pos] === ']') {
      pos++;
      return out;
    }
    for (;;) {
      path.push(out.length);
      out.push(value());
      path.pop();
      skip();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return out;
      }
      fail(`expected "," or "]" after an array item, found ${shown(pos)}`);
    }
  };

  const result = value();
  skip();
  if (pos < text.length) fail(`unexpected ${shown(pos)} after the end of the JSON value`);
  return result;
}
