/**
 * JSON text to a value, refusing what `JSON.parse` would silently resolve: a key written twice in
 * one object (`"area"` twice in one unit keeps only the last value). The check is a scanner of its
 * own over the text, run after `JSON.parse` has accepted it (so the text is known to be valid
 * JSON): it jumps from quote to quote with `indexOf` and keeps the keys of each open object.
 */
import { type IoIssue, inputError, lineColumn } from './issues.js';

export interface DuplicateKey {
  key: string;
  /** Path of the object holding the key, e.g. `units[12]`. */
  path: string;
  offset: number;
  firstOffset: number;
}

interface Frame {
  object: boolean;
  /** Keys seen (objects): key → offset of the first. */
  keys: Map<string, number> | null;
  /** Objects: the key whose value is being read; arrays: the index of the element. */
  key: string;
  index: number;
  expectKey: boolean;
}

function framePath(stack: readonly Frame[]): string {
  let out = '';
  // stack[0] is the root container; each later frame is a value of the frame before it
  for (let d = 0; d < stack.length - 1; d++) {
    const f = stack[d]!;
    if (f.object) out += out === '' ? f.key : `.${f.key}`;
    else out += `[${f.index}]`;
  }
  return out;
}

/** Every key written twice in one object of valid JSON `text`, in text order. */
export function findDuplicateKeys(text: string, limit = 20): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let top: Frame | undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let j = text.indexOf('"', i + 1);
      for (;;) {
        let k = j - 1;
        while (text.charCodeAt(k) === 92 /* \ */) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (top?.object && top.expectKey) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        if (top.keys === null) top.keys = new Map();
        const keys = top.keys;
        const first = keys.get(key);
        if (first !== undefined) {
          out.push({ key, path: framePath(stack), offset: i, firstOffset: first });
          if (out.length >= limit) return out;
        } else keys.set(key, i);
        top.key = key;
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      top = { object: c === 123, keys: null, key: '', index: 0, expectKey: c === 123 };
      stack.push(top);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      top = stack[stack.length - 1];
    } else if (c === 44 /* , */ && top) {
      if (top.object) top.expectKey = true;
      else top.index++;
    }
    i++;
  }
  return out;
}

/** Parse JSON text, with errors naming the file, line and column; duplicate keys refused. */
export function parseJsonText(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const issue: IoIssue = { file, code: 'MALFORMED_JSON', message: `malformed JSON: ${msg}` };
    if (pos) {
      const at = lineColumn(text, Number(pos[1]));
      issue.message = `malformed JSON at line ${at.line}, column ${at.column}: ${msg}`;
    }
    throw inputError([issue]);
  }
  if (typeof value === 'object' && value !== null) {
    const dups = findDuplicateKeys(text);
    if (dups.length > 0) {
      throw inputError(
        dups.map((d) => {
          const at = lineColumn(text, d.offset);
          const first = lineColumn(text, d.firstOffset);
          const issue: IoIssue = {
            file,
            code: 'DUPLICATE_JSON_KEY',
            line: at.line,
            column: at.column,
            field: d.key,
            message: `key "${d.key}" appears twice in one object (first at line ${first.line}, column ${first.column}); JSON would keep only the last value, so write it once`,
          };
          issue.path = d.path === '' ? d.key : `${d.path}.${d.key}`;
          return issue;
        }),
      );
    }
  }
  return value;
}
