/**
 * Converting a version 1 log (one chain for every community) into version 2 streams (one chain
 * per community): the core of `yishi migrate`. Pure and deterministic, so anyone holding the v1
 * log can run it again and get the same streams, byte for byte — the conversion is itself
 * evidence.
 *
 * - Each entry goes to the stream of its process's community: the `community` its CREATE entry
 *   logged (`event.community`; "default" when absent, as the engine records it).
 * - Each stream starts with a provenance entry (version 1, kind "migration", event
 *   `{ type: 'MIGRATED', from: { v: 1, seq, hash }, entries }`): the v1 log's head seq and hash
 *   it was converted from, and how many v1 entries follow in this stream. Its `at` is the stream's
 *   first converted entry's (a pure function reads no clock; the v1 head fixes when it was made).
 * - Then the v1 entries, in their order, re-chained: the same at, process, kind, actor, channel
 *   and event; new version, prev and hash.
 *
 * The v1 log is verified first: a broken log is not converted (LOG_TAMPERED names the entry).
 */
import { YishiError } from '../errors/YishiError.js';
import { CREATE, type LogEntry, type LogHead } from '../log/logEntry.js';
import { appendStreamEntry, type StreamEntry, type StreamHead, StreamId } from '../log/streamEntry.js';
import { verify } from '../log/verify.js';
import { compareCodePoints } from '../store/checkBatch.js';
import type { AnchorHead } from './anchor.js';

/** The kind and event type of a stream's provenance entry. */
export const MIGRATION_KIND = 'migration';
export const MIGRATED = 'MIGRATED';

/** The community a process belongs to when its CREATE entry logged none (engine/world.ts). */
const DEFAULT_COMMUNITY = 'default';

/** The community of a process, from its CREATE entry, as the engine logs it. */
export const loggedCommunity = (create: LogEntry): string => {
  const c = create.event.community;
  return typeof c === 'string' ? c : DEFAULT_COMMUNITY;
};

export interface Migration {
  /** Every stream's entries, interleaved in the v1 log's order (provenance entries first). */
  entries: StreamEntry[];
  /** The head of every stream, sorted by stream id. */
  heads: AnchorHead[];
  /** The v1 log's head the streams were converted from (`null`: an empty log, no streams). */
  from: LogHead | null;
}

/**
 * Converts a v1 log (parsed entries, in order) into v2 streams. `communityOf` names the stream
 * of a process from its CREATE entry (default: the community the engine logged). Throws
 * LOG_TAMPERED (the v1 log does not verify) or INVALID_INPUT (an entry of a process never
 * created, or a community that is not a valid stream id).
 */
export function streamsFromLog(
  v1Entries: Iterable<unknown>,
  communityOf: (create: LogEntry) => string = loggedCommunity,
): Migration {
  const log = [...v1Entries];
  const checked = verify(log);
  if (!checked.ok) {
    throw new YishiError(
      'LOG_TAMPERED',
      `the version 1 log does not verify, nothing converted: ${checked.message}`,
      [{ message: checked.message, index: checked.index, field: checked.reason }],
    );
  }
  const entries = log as LogEntry[];
  const from = checked.head;
  if (from === null) return { entries: [], heads: [], from };

  const streamOf = new Map<string, string>();
  const counts = new Map<string, number>();
  const firstAt = new Map<string, number>();
  for (const e of entries) {
    let stream: string | undefined;
    if (e.event.type === CREATE && !streamOf.has(e.process)) {
      stream = communityOf(e);
      if (!StreamId.safeParse(stream).success) {
        throw new YishiError(
          'INVALID_INPUT',
          `seq ${e.seq}: process "${e.process}" belongs to community ${JSON.stringify(stream)}, which is not a stream id (1–128 characters, no control characters)`,
          [
            {
              message: 'invalid community',
              index: e.seq - 1,
              path: 'event.community',
              received: String(stream),
            },
          ],
        );
      }
      streamOf.set(e.process, stream);
    } else stream = streamOf.get(e.process);
    if (stream === undefined) {
      throw new YishiError(
        'INVALID_INPUT',
        `seq ${e.seq}: process "${e.process}" has no CREATE entry before it`,
        [{ message: 'process never created', index: e.seq - 1, path: 'process', received: e.process }],
      );
    }
    counts.set(stream, (counts.get(stream) ?? 0) + 1);
    if (!firstAt.has(stream)) firstAt.set(stream, e.at);
  }

  const heads = new Map<string, StreamHead>();
  const out: StreamEntry[] = [];
  const push = (stream: string, fields: Parameters<typeof appendStreamEntry>[2]) => {
    const entry = appendStreamEntry(stream, heads.get(stream) ?? null, fields);
    heads.set(stream, { version: entry.version, hash: entry.hash });
    out.push(entry);
  };
  for (const e of entries) {
    const stream = streamOf.get(e.process)!;
    if (!heads.has(stream)) {
      push(stream, {
        at: firstAt.get(stream)!,
        process: `${MIGRATION_KIND}:${stream}`,
        kind: MIGRATION_KIND,
        actor: { id: 'yishi-migrate', role: 'system' },
        channel: 'system',
        event: {
          type: MIGRATED,
          from: { v: 1, seq: from.seq, hash: from.hash },
          entries: counts.get(stream)!,
        },
      });
    }
    push(stream, {
      at: e.at,
      process: e.process,
      kind: e.kind,
      actor: e.actor,
      channel: e.channel,
      event: e.event,
    });
  }
  const sorted = [...heads]
    .map(([stream, h]) => ({ stream, version: h.version, hash: h.hash }))
    .sort((a, b) => compareCodePoints(a.stream, b.stream));
  return { entries: out, heads: sorted, from };
}
