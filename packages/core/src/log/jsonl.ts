/**
 * The log as JSON Lines: one entry per line, each written as its canonical JSON (keys sorted, no
 * spaces), `\n` after every line. That is the file a committee publishes and `yishi verify` reads.
 * Readers accept `\r\n` and skip blank lines, and report problems by 1-based line number.
 */
import { YishiError } from '../errors/YishiError.js';
import { canonicalJson } from './canonicalJson.js';
import { isLogEntry, type LogEntry, LogEntry as LogEntrySchema, type LogHead } from './logEntry.js';
import { type VerifyFailure, type VerifyResult, verifyNext } from './verify.js';

/** The log as JSONL text: canonical JSON per entry, one per line, ending with a newline. */
export function toJsonl(log: Iterable<LogEntry>): string {
  let out = '';
  for (const entry of log) out += `${canonicalJson(entry)}\n`;
  return out;
}

/** A non-blank line of a JSONL text: its 1-based line number and its text. */
export interface JsonlLine {
  line: number;
  text: string;
}

/** The non-blank lines of a JSONL text, numbered from 1 (`\r\n` and `\n` both end a line). */
export function jsonlLines(text: string): JsonlLine[] {
  const out: JsonlLine[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.endsWith('\r') ? raw[i]!.slice(0, -1) : raw[i]!;
    if (t.trim() !== '') out.push({ line: i + 1, text: t });
  }
  return out;
}

export type JsonlVerifyResult =
  | Extract<VerifyResult, { ok: true }>
  | (VerifyFailure & {
      /** 1-based line of the bad entry in the text. */
      line: number;
    });

/**
 * Verifies a JSONL log straight from its text: a line that is not JSON counts as a malformed
 * entry (reason 'schema'), so the first bad line is named whatever went wrong with it. Each line
 * must also be exactly the canonical JSON of its entry, as `toJsonl` writes it (reason
 * 'canonical'): a line with a key twice, say, shows one value and parses to another.
 */
export function verifyJsonl(text: string): JsonlVerifyResult {
  let prev: LogHead | null = null;
  let index = 0;
  for (const { line, text: t } of jsonlLines(text)) {
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        index,
        seq: index + 1,
        line,
        reason: 'schema',
        message: `line ${line} is not JSON: ${why}`,
      };
    }
    const r = verifyNext(value, index, prev);
    if (!r.ok) return { ...r, line, message: `line ${line}: ${r.message}` };
    if (canonicalJson(r.entry) !== t) {
      return {
        ok: false,
        index,
        seq: index + 1,
        line,
        reason: 'canonical',
        message:
          `line ${line} (entry seq ${r.entry.seq}) is not in canonical form (keys sorted, no spaces, ` +
          'each key once): what it shows may not be what a JSON parser reads',
      };
    }
    prev = { seq: r.entry.seq, hash: r.entry.hash };
    index++;
  }
  return { ok: true, count: index, head: prev };
}

/**
 * The entries of a JSONL log, each parsed and checked against the `LogEntry` schema — but not
 * chained: pass the result to `verify` (or `replay`, which verifies first). Throws
 * `INVALID_INPUT` naming the line of the first line that is not JSON or not an entry.
 */
export function parseJsonl(text: string, file?: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const { line, text: t } of jsonlLines(text)) {
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (e) {
      throw bad(line, `not JSON: ${e instanceof Error ? e.message : String(e)}`, file);
    }
    // The common case without zod (`isLogEntry` never accepts what the schema refuses): the
    // parsed value itself, its keys still in the file's canonical order.
    if (isLogEntry(value)) {
      entries.push(value);
      continue;
    }
    const parsed = LogEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      throw bad(
        line,
        `not a log entry: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`,
        file,
        path,
      );
    }
    entries.push(parsed.data);
  }
  return entries;
}

function bad(line: number, why: string, file: string | undefined, path?: string): YishiError {
  const issue = path ? { message: why, row: line, path } : { message: why, row: line };
  const e = new YishiError('INVALID_INPUT', `line ${line}: ${why}`, [issue]);
  return file === undefined ? e : e.inFile(file);
}
