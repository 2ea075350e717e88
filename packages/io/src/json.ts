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
  /** Objects: where each key seen so far starts and ends in the text (after/before its quotes). */
  starts: number[];
  ends: number[];
  /** Objects: the text range of the key whose value is being read; arrays: the element index. */
  keyStart: number;
  keyEnd: number;
  index: number;
  expectKey: boolean;
}

/** The key at [start, end) of the text, unescaped. */
function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.includes('\\') ? (JSON.parse(text.slice(start - 1, end + 1)) as string) : raw;
}

function framePath(text: string, stack: readonly Frame[], depth: number): string {
  let out = '';
  // stack[0] is the root container; each later frame is a value of the frame before it
  for (let d = 0; d < depth; d++) {
    const f = stack[d]!;
    if (f.object) {
      const k = keyAt(text, f.keyStart, f.keyEnd);
      out += out === '' ? k : `.${k}`;
    } else out += `[${f.index}]`;
  }
  return out;
}

/** Whether the keys at [a, aEnd) and [b, bEnd) are the same text. */
function sameRaw(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/**
 * Every key written twice in one object of valid JSON `text`, in text order. Keys are compared
 * where they stand in the text, allocating nothing; a text with escapes compares unescaped keys.
 */
export function findDuplicateKeys(text: string, limit = 20): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const escapes = text.includes('\\');
  // Frames are reused per depth, so a register of 100,000 objects allocates a handful.
  const stack: Frame[] = [];
  let depth = -1;
  let top: Frame | undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let j = text.indexOf('"', i + 1);
      if (escapes) {
        while (text.charCodeAt(j - 1) === 92 /* \ */) {
          let k = j - 2;
          while (text.charCodeAt(k) === 92) k--;
          if ((j - 1 - k) % 2 === 0) break; // an even run of backslashes: the quote is real
          j = text.indexOf('"', j + 1);
        }
      }
      if (top?.expectKey) {
        const starts = top.starts;
        const ends = top.ends;
        let first = -1;
        if (escapes) {
          const key = keyAt(text, i + 1, j);
          for (let k = 0; k < starts.length; k++) {
            if (keyAt(text, starts[k]!, ends[k]!) === key) {
              first = k;
              break;
            }
          }
        } else {
          for (let k = 0; k < starts.length; k++) {
            if (sameRaw(text, starts[k]!, ends[k]!, i + 1, j)) {
              first = k;
              break;
            }
          }
        }
        if (first !== -1) {
          const key = keyAt(text, i + 1, j);
          out.push({ key, path: framePath(text, stack, depth), offset: i, firstOffset: starts[first]! - 1 });
          if (out.length >= limit) return out;
        } else {
          starts.push(i + 1);
          ends.push(j);
        }
        top.keyStart = i + 1;
        top.keyEnd = j;
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      top = stack[depth];
      if (top === undefined) {
        top = { object: false, starts: [], ends: [], keyStart: 0, keyEnd: 0, index: 0, expectKey: false };
        stack.push(top);
      }
      top.object = c === 123;
      top.starts.length = 0;
      top.ends.length = 0;
      top.index = 0;
      top.expectKey = c === 123;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      top = depth >= 0 ? stack[depth] : undefined;
    } else if (c === 44 /* , */ && top !== undefined) {
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
