/**
 * The checks every store runs on an append before it writes anything (streamStore.ts header), so
 * that every store refuses the same batches with the same codes. Two halves: `checkBatch` needs
 * only the batch (run it before opening a transaction); `checkAgainstHead` needs the stored head
 * (run it inside the transaction).
 */
import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { GENESIS } from '../log/logEntry.js';
import {
  isStreamEntry,
  StreamEntry,
  type StreamHead,
  StreamId,
  streamEntryHash,
} from '../log/streamEntry.js';
import { type AppendBatch, MAX_ENTRY_BYTES, REQUEST_ID_MAX, type VaultRecord } from './streamStore.js';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX_SALT = /^[0-9a-f]{32,128}$/;

function invalid(message: string, issue: YishiIssue): never {
  throw new YishiError('INVALID_ENTRY', `append refused, nothing stored: ${message}`, [issue]);
}

const show = (x: unknown) => {
  try {
    const s = typeof x === 'string' ? x : JSON.stringify(x);
    return s === undefined ? String(x) : s.length > 80 ? `${s.slice(0, 77)}…` : s;
  } catch {
    return String(x);
  }
};

/**
 * The batch on its own: well-formed entries of `batch.stream`, right hashes, versions following
 * `expectedVersion`, prev chained within the batch, sizes, request ids, vault records. Returns the
 * canonical JSON line of each entry (a store keeps it as the entry's text). Throws INVALID_ENTRY or
 * ENTRY_TOO_LARGE.
 */
export function checkBatch(batch: AppendBatch, maxEntryBytes = MAX_ENTRY_BYTES): string[] {
  if (typeof batch !== 'object' || batch === null) {
    invalid('a batch must be an object', { message: 'not an object', received: show(batch) });
  }
  const stream = StreamId.safeParse(batch.stream);
  if (!stream.success) {
    invalid(`stream id: ${stream.error.issues[0]?.message}`, {
      message: 'invalid stream id',
      path: 'stream',
      received: show(batch.stream),
      expected: '1–128 characters, no control characters',
    });
  }
  if (!Number.isSafeInteger(batch.expectedVersion) || batch.expectedVersion < 0) {
    invalid('expectedVersion must be a whole number ≥ 0', {
      message: 'invalid expected version',
      path: 'expectedVersion',
      received: show(batch.expectedVersion),
      expected: 'a whole number ≥ 0',
    });
  }
  if (!Array.isArray(batch.entries) || batch.entries.length === 0) {
    invalid('a batch holds at least one entry', {
      message: 'no entries',
      path: 'entries',
      received: show(batch.entries),
    });
  }
  const lines: string[] = [];
  const requests = new Set<string>();
  let prev: string | null = null;
  batch.entries.forEach((item, i) => {
    const path = `entries.${i}`;
    const entry = (item as { entry?: unknown } | null)?.entry;
    if (!isStreamEntry(entry)) {
      const r = StreamEntry.safeParse(entry);
      const first = r.success ? undefined : r.error.issues[0];
      const at = first ? [path, 'entry', ...first.path.map(String)].join('.') : `${path}.entry`;
      invalid(`${at}: ${first?.message ?? 'not a stream entry'}`, {
        message: first?.message ?? 'not a stream entry',
        path: at,
        expected: 'a stream entry (v 2)',
      });
    }
    if (entry.stream !== batch.stream) {
      invalid(`${path}: entry of stream "${entry.stream}" in a batch for "${batch.stream}"`, {
        message: 'wrong stream',
        path: `${path}.entry.stream`,
        received: show(entry.stream),
        expected: show(batch.stream),
      });
    }
    const version = batch.expectedVersion + i + 1;
    if (entry.version !== version) {
      invalid(`${path}: version ${entry.version}, expected ${version}`, {
        message: 'version out of sequence',
        path: `${path}.entry.version`,
        received: String(entry.version),
        expected: String(version),
      });
    }
    if (prev !== null && entry.prev !== prev) {
      invalid(`${path}: prev does not chain to the entry before it`, {
        message: 'prev does not chain',
        path: `${path}.entry.prev`,
        received: entry.prev,
        expected: prev,
      });
    }
    if (version === 1 && entry.prev !== GENESIS) {
      invalid(`${path}: a stream's first entry has prev ${GENESIS}`, {
        message: 'first entry must start the chain',
        path: `${path}.entry.prev`,
        received: entry.prev,
        expected: GENESIS,
      });
    }
    let line: string;
    try {
      line = canonicalJson(entry);
    } catch (e) {
      // e.g. a lone surrogate: not I-JSON, so it has no canonical form and no hash (RFC 8785)
      invalid(`${path}.entry is not canonical JSON: ${e instanceof Error ? e.message : String(e)}`, {
        message: 'not canonical JSON',
        path: `${path}.entry`,
        expected: 'well-formed Unicode text and finite numbers (RFC 8785)',
      });
    }
    const bytes = line.length > maxEntryBytes / 3 ? utf8Length(line) : line.length;
    if (bytes > maxEntryBytes) {
      throw new YishiError(
        'ENTRY_TOO_LARGE',
        `append refused, nothing stored: ${path} is ${bytes} bytes, more than the limit of ${maxEntryBytes}`,
        [
          {
            message: 'entry too large',
            path,
            received: `${bytes} bytes`,
            expected: `at most ${maxEntryBytes}`,
          },
        ],
      );
    }
    const hash = streamEntryHash(entry);
    if (hash !== entry.hash) {
      invalid(`${path}: hash does not match the entry`, {
        message: 'hash mismatch',
        path: `${path}.entry.hash`,
        received: entry.hash,
        expected: hash,
      });
    }
    const requestId = (item as { requestId?: unknown }).requestId;
    if (requestId !== undefined) {
      if (
        typeof requestId !== 'string' ||
        requestId.length === 0 ||
        requestId.length > REQUEST_ID_MAX ||
        /\p{Cc}/u.test(requestId)
      ) {
        invalid(`${path}.requestId must be 1–${REQUEST_ID_MAX} characters, no control characters`, {
          message: 'invalid request id',
          path: `${path}.requestId`,
          received: show(requestId),
          expected: `1–${REQUEST_ID_MAX} characters, no control characters`,
        });
      }
      if (requests.has(requestId)) {
        invalid(`${path}.requestId "${requestId}" appears twice in the batch`, {
          message: 'request id repeated',
          path: `${path}.requestId`,
          received: requestId,
        });
      }
      requests.add(requestId);
    }
    prev = entry.hash;
    lines.push(line);
  });
  checkVault(batch.vault);
  return lines;
}

function checkVault(vault: readonly VaultRecord[] | undefined) {
  if (vault === undefined) return;
  if (!Array.isArray(vault)) {
    invalid('vault must be an array', { message: 'not an array', path: 'vault', received: show(vault) });
  }
  vault.forEach((r, i) => {
    const ok =
      typeof r === 'object' &&
      r !== null &&
      typeof r.commitment === 'string' &&
      HEX64.test(r.commitment) &&
      typeof r.salt === 'string' &&
      HEX_SALT.test(r.salt) &&
      typeof r.value === 'string';
    if (!ok) {
      invalid(`vault.${i}: expected { commitment: 64 hex, salt: 32–128 hex, value: string }`, {
        message: 'invalid vault record',
        path: `vault.${i}`,
        received: show(r),
      });
    }
  });
}

/**
 * The batch against the stored head (inside the transaction): 'conflict' when the stream moved on
 * (or is behind) `expectedVersion`; throws LOG_TAMPERED when the version matches but the first
 * entry's prev is not the head's hash (a fork).
 */
export function checkAgainstHead(batch: AppendBatch, head: StreamHead | null): 'ok' | 'conflict' {
  const version = head?.version ?? 0;
  if (version !== batch.expectedVersion) return 'conflict';
  const first = batch.entries[0]!.entry;
  const expected = head?.hash ?? GENESIS;
  if (first.prev !== expected) {
    throw new YishiError(
      'LOG_TAMPERED',
      `append refused, nothing stored: stream "${batch.stream}" version ${first.version}'s prev is not the stored head's hash`,
      [{ message: 'fork', path: 'entries.0.entry.prev', received: first.prev, expected }],
    );
  }
  return 'ok';
}

/** UTF-8 length of a string, without Buffer (browsers have none). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Orders stream ids by Unicode code point — the order of their UTF-8 bytes, which SQLite's BINARY
 * and PostgreSQL's "C" collation give — so every store lists streams in the same order.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
