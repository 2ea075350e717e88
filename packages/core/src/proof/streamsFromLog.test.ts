import { describe, expect, it } from 'vitest';
import { DEFAULT_COMMUNITY } from '../engine/world.js';
import { isYishiError } from '../errors/YishiError.js';
import { toJsonl } from '../log/jsonl.js';
import { appendEntry, type LogEntry } from '../log/logEntry.js';
import { streamEntryHash } from '../log/streamEntry.js';
import { exampleV1 } from './proof.testkit.js';
import { loggedCommunity, MIGRATED, MIGRATION_KIND, streamsFromLog } from './streamsFromLog.js';
import { verifyStreams, verifyStreamsJsonl } from './verifyStreams.js';

const v1 = exampleV1();
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isYishiError(e) ? e.code : String(e);
  }
  return 'no error';
};

describe('streamsFromLog (v1 → v2)', () => {
  it('converts the example project log: one stream per community, provenance first, every entry kept', () => {
    const m = streamsFromLog(v1);
    const last = v1.at(-1)!;
    expect(m.from).toEqual({ seq: 559, hash: last.hash });
    expect(m.heads.map((h) => [h.stream, h.version])).toEqual([['default', 560]]);
    const [first, ...rest] = m.entries;
    expect(first).toMatchObject({
      v: 2,
      stream: 'default',
      version: 1,
      kind: MIGRATION_KIND,
      at: v1[0]!.at,
      event: { type: MIGRATED, from: { v: 1, seq: 559, hash: last.hash }, entries: 559 },
    });
    // the same entries, in the same order, with only the chain fields new
    expect(rest.length).toBe(v1.length);
    rest.forEach((e, i) => {
      const o = v1[i]!;
      expect([e.at, e.process, e.kind, e.actor, e.channel, e.event]).toEqual([
        o.at,
        o.process,
        o.kind,
        o.actor,
        o.channel,
        o.event,
      ]);
      expect(e.version).toBe(i + 2);
      expect(e.hash).toBe(streamEntryHash(e));
    });
    expect(verifyStreams(m.entries)).toEqual({ ok: true, format: 2, count: 560, heads: m.heads });
  });

  it('is deterministic: the same v1 log gives the same streams, byte for byte', () => {
    const a = toJsonl(streamsFromLog(v1).entries as never);
    expect(toJsonl(streamsFromLog(exampleV1()).entries as never)).toBe(a);
    expect(verifyStreamsJsonl(a)).toMatchObject({ ok: true, format: 2, count: 560 });
  });

  it('splits by community and interleaves the streams in the v1 order', () => {
    // the notices of the example in a community of their own
    const communityOf = (c: LogEntry) => (c.process.startsWith('n-') ? 'notices' : loggedCommunity(c));
    const m = streamsFromLog(v1, communityOf);
    expect(m.heads.map((h) => h.stream)).toEqual(['default', 'notices']);
    const notices = m.entries.filter((e) => e.stream === 'notices');
    expect(notices[0]!.kind).toBe(MIGRATION_KIND);
    expect(notices.slice(1).every((e) => e.process.startsWith('n-'))).toBe(true);
    expect(notices[0]!.event.entries).toBe(notices.length - 1);
    // the provenance entry comes right before the stream's first entry
    const i = m.entries.indexOf(notices[0]!);
    expect(m.entries[i + 1]).toBe(notices[1]);
    expect(m.entries.length).toBe(v1.length + 2);
    const r = verifyStreams(m.entries);
    expect(r).toMatchObject({ ok: true, format: 2, count: v1.length + 2 });
  });

  it('reads the community the engine logged on CREATE (default when none)', () => {
    expect(DEFAULT_COMMUNITY).toBe('default');
    const at = 1_700_000_000_000;
    const sys = { id: 's', role: 'system' } as const;
    const a = appendEntry(null, {
      at,
      process: 'p1',
      kind: 'k',
      actor: sys,
      channel: 'system',
      event: { type: 'CREATE', community: '东湖村' },
    });
    const b = appendEntry(a, {
      at,
      process: 'p2',
      kind: 'k',
      actor: sys,
      channel: 'system',
      event: { type: 'CREATE' },
    });
    const c = appendEntry(b, {
      at,
      process: 'p1',
      kind: 'k',
      actor: sys,
      channel: 'system',
      event: { type: 'TICK' },
    });
    const m = streamsFromLog([a, b, c]);
    expect(m.entries.map((e) => [e.stream, e.version, e.process])).toEqual([
      ['东湖村', 1, 'migration:东湖村'],
      ['东湖村', 2, 'p1'],
      ['default', 1, 'migration:default'],
      ['default', 2, 'p2'],
      ['东湖村', 3, 'p1'],
    ]);
    // a process never created, a community that is no stream id, a broken v1 log
    const orphan = appendEntry(a, {
      at,
      process: 'p9',
      kind: 'k',
      actor: sys,
      channel: 'system',
      event: { type: 'TICK' },
    });
    expect(codeOf(() => streamsFromLog([a, orphan]))).toBe('INVALID_INPUT');
    expect(codeOf(() => streamsFromLog([a], () => ''))).toBe('INVALID_INPUT');
    expect(codeOf(() => streamsFromLog([a, { ...c, event: { type: 'TOCK' } }]))).toBe('LOG_TAMPERED');
    expect(streamsFromLog([])).toEqual({ entries: [], heads: [], from: null });
  });
});
