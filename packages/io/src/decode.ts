/**
 * Bytes to text, with the encodings Chinese offices produce:
 *
 * - UTF-8, with or without a byte-order mark (Excel "CSV UTF-8 (逗号分隔)", every JSON export);
 * - UTF-16 LE or BE with a byte-order mark (Excel "Unicode 文本 (*.txt)", tab-separated);
 * - GB18030 / GBK (Excel's default "CSV (逗号分隔)" on Chinese Windows).
 *
 * Detection: a byte-order mark decides; otherwise the bytes are decoded as strict UTF-8 and, if
 * that fails, as strict GB18030 (a superset of GBK and GB2312). Strict means a byte sequence the
 * encoding cannot hold is an error, never a U+FFFD replacement character, so two different Chinese
 * names can never decode to the same string. An explicit `encoding` skips detection.
 *
 * Decoding uses the platform's `TextDecoder` (WHATWG Encoding: Node 20 with full ICU, every
 * browser), which implements all of GB18030 including its four-byte sequences.
 */
import { type IoIssue, inputError, lineColumn } from './issues.js';

/** The encodings a caller may name, as the CLI's `--encoding` accepts them. */
export const ENCODINGS = ['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Further spellings accepted for `encoding` (case-insensitive). */
const ALIASES = new Map<string, Encoding>([
  ['utf8', 'utf-8'],
  ['utf-8', 'utf-8'],
  ['utf-8-bom', 'utf-8'],
  ['gb18030', 'gb18030'],
  ['gbk', 'gbk'],
  ['gb2312', 'gbk'],
  ['cp936', 'gbk'],
  ['utf-16le', 'utf-16le'],
  ['utf16le', 'utf-16le'],
  ['utf-16', 'utf-16le'],
  ['ucs-2', 'utf-16le'],
  ['unicode', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['utf16be', 'utf-16be'],
]);

/** Every spelling `parseEncoding` accepts, for a usage line. */
export const ENCODING_NAMES: readonly string[] = [...ALIASES.keys()];

/** An encoding name as given (e.g. `--encoding GBK`) → its canonical name; undefined if unknown. */
export function parseEncoding(name: string): Encoding | undefined {
  const key = name.trim().toLowerCase();
  return ALIASES.get(key);
}

export interface Decoded {
  text: string;
  /** What the bytes were read as. */
  encoding: Encoding;
  /** Whether the encoding came from a byte-order mark, from detection or from the caller. */
  by: 'bom' | 'detected' | 'option';
}

const RESAVE =
  'the file is probably not UTF-8 (文件可能不是 UTF-8 编码): in Excel use 另存为 → "CSV UTF-8 (逗号分隔)" (Save As → "CSV UTF-8 (Comma delimited)"), or name the encoding with --encoding gb18030';

function decoderFor(encoding: Encoding, file: string): TextDecoder {
  const label = encoding === 'gbk' ? 'gb18030' : encoding;
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    throw inputError([
      {
        file,
        code: 'UNKNOWN_ENCODING',
        message: `this JavaScript runtime cannot decode ${encoding} (it lacks the ICU data); save the file as UTF-8`,
      },
    ]);
  }
}

/** Where decoding first fails: the line and column after the longest prefix that decodes. */
function failurePlace(
  bytes: Uint8Array,
  encoding: 'utf-8' | 'gb18030',
): { line: number; column: number; byte: number } {
  // With `stream: true` a prefix that stops inside a character is not an error, so "the first
  // k bytes decode" holds for every k up to the bad byte and for none after: binary search.
  const decodes = (k: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, k), {
        stream: true,
      });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0; // decodes
  let hi = bytes.length; // fails (the whole does)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (decodes(mid)) lo = mid;
    else hi = mid;
  }
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, lo), { stream: true });
  const { line, column } = lineColumn(text, text.length);
  // UTF-8: point at the first byte of the bad sequence (a valid prefix re-encodes exactly)
  const byte = encoding === 'utf-8' ? new TextEncoder().encode(text).length : lo;
  return { line, column, byte };
}

function hex(b: number | undefined): string {
  return b === undefined ? '' : b.toString(16).toUpperCase().padStart(2, '0');
}

/** Non-ASCII characters that decode as UTF-8, and replacements where bytes do not. */
function utf8Damage(bytes: Uint8Array): { valid: number; invalid: number } {
  const text = new TextDecoder('utf-8').decode(bytes);
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) continue;
    if (c === 0xfffd) invalid++;
    else if (c < 0xdc00 || c > 0xdfff) valid++; // a surrogate pair counts once
  }
  return { valid, invalid };
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) !== -1;
}

/**
 * An `encoding` the bytes contradict is refused rather than obeyed: a byte-order mark names
 * another encoding, or GB18030/GBK is asked of a file that is valid UTF-8 with Chinese text in it
 * (read as GB18030, 王五 would become 鐜嬩簲: other characters, silently — and other people).
 */
function contradiction(bytes: Uint8Array, file: string, encoding: Encoding, bom: Encoding | undefined): void {
  if (bom !== undefined && bom !== encoding) {
    throw inputError([
      {
        file,
        code: 'ENCODING_CONTRADICTED',
        field: 'encoding',
        received: encoding,
        message: `the file starts with a ${bom} byte-order mark, but --encoding says ${encoding} (文件的字节顺序标记与指定编码不符); drop --encoding, or pass --encoding ${bom}`,
      },
    ]);
  }
  if (bom === undefined && (encoding === 'gb18030' || encoding === 'gbk')) {
    const { valid, invalid } = utf8Damage(bytes);
    if (valid > 0 && invalid === 0) {
      throw inputError([
        {
          file,
          code: 'ENCODING_CONTRADICTED',
          field: 'encoding',
          received: encoding,
          message: `the file is valid UTF-8 with ${valid} non-ASCII characters, and reading it as ${encoding} would turn them into other characters (该文件是 UTF-8 编码，按 ${encoding} 读取会读错汉字); drop --encoding, or pass --encoding utf-8`,
        },
      ]);
    }
  }
}

/** Decode `bytes` (named `file` in messages). Throws `INVALID_INPUT` when they cannot be read faithfully. */
export function decodeText(bytes: Uint8Array, file: string, encoding?: Encoding): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  const utf8Bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const le = b0 === 0xff && b1 === 0xfe;
  const be = b0 === 0xfe && b1 === 0xff;

  if (encoding !== undefined) {
    contradiction(bytes, file, encoding, utf8Bom ? 'utf-8' : le ? 'utf-16le' : be ? 'utf-16be' : undefined);
    let body = bytes;
    if (
      (encoding === 'utf-8' && utf8Bom) ||
      (encoding === 'utf-16le' && le) ||
      (encoding === 'utf-16be' && be)
    )
      body = bytes.subarray(encoding === 'utf-8' ? 3 : 2);
    const dec = decoderFor(encoding, file);
    try {
      return { text: dec.decode(body), encoding, by: 'option' };
    } catch {
      const issue: IoIssue = {
        file,
        code: 'UNDECODABLE',
        message: `the bytes are not valid ${encoding} (--encoding ${encoding}); check the encoding the file was saved in`,
      };
      if (encoding === 'utf-8' || encoding === 'gb18030' || encoding === 'gbk') {
        const at = failurePlace(body, encoding === 'utf-8' ? 'utf-8' : 'gb18030');
        issue.line = at.line;
        issue.column = at.column;
        issue.received = `byte 0x${hex(body[at.byte])} at offset ${at.byte + bytes.length - body.length}`;
      }
      throw inputError([issue]);
    }
  }

  if (utf8Bom || le || be) {
    const enc: Encoding = utf8Bom ? 'utf-8' : le ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(utf8Bom ? 3 : 2);
    const dec = decoderFor(enc, file);
    try {
      return { text: dec.decode(body), encoding: enc, by: 'bom' };
    } catch {
      throw inputError([
        {
          file,
          code: 'UNDECODABLE',
          message: `the file starts with a ${enc} byte-order mark but its bytes are not valid ${enc}; save it again as "CSV UTF-8"`,
        },
      ]);
    }
  }

  if (hasNul(bytes)) {
    throw inputError([
      {
        file,
        code: 'LIKELY_UTF16_WITHOUT_BOM',
        message:
          'the file contains NUL bytes: it is probably UTF-16 without a byte-order mark, or not a text file; pass --encoding utf-16le, or save it as "CSV UTF-8 (逗号分隔)"',
      },
    ]);
  }

  const utf8 = decoderFor('utf-8', file);
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8', by: 'detected' };
  } catch {
    // not UTF-8: try GB18030 below
  }
  // UTF-8 with a few damaged bytes also "decodes" as GB18030, into plausible-looking nonsense.
  // GBK text read as UTF-8 is mostly invalid; damaged UTF-8 is mostly valid: tell them apart.
  const damage = utf8Damage(bytes);
  if (damage.invalid * 10 <= damage.valid) {
    const at = failurePlace(bytes, 'utf-8');
    throw inputError([
      {
        file,
        code: 'NOT_UTF8',
        line: at.line,
        column: at.column,
        message: `the file is UTF-8 (${damage.valid} characters) but has ${damage.invalid} invalid byte sequence${damage.invalid === 1 ? '' : 's'}, the first here: it was damaged, or two encodings were mixed; save it again as "CSV UTF-8 (逗号分隔)", or name the encoding with --encoding`,
        received: `byte 0x${hex(bytes[at.byte])} at offset ${at.byte}`,
      },
    ]);
  }
  const gb = decoderFor('gb18030', file);
  try {
    return { text: gb.decode(bytes), encoding: 'gb18030', by: 'detected' };
  } catch {
    const at = failurePlace(bytes, 'utf-8');
    throw inputError([
      {
        file,
        code: 'NOT_UTF8',
        line: at.line,
        column: at.column,
        message: `cannot be read as UTF-8 nor as GB18030/GBK; ${RESAVE.replace('--encoding gb18030', '--encoding <name>')}`,
        received: `byte 0x${hex(bytes[at.byte])} at offset ${at.byte}`,
      },
    ]);
  }
}

/** The advice given when a value holds U+FFFD: the file was decoded wrongly somewhere before. */
export const REPLACEMENT_ADVICE = RESAVE;
