import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../log/canonicalJson.js';
import { toJsonl } from '../log/jsonl.js';
import type { LogEntry } from '../log/logEntry.js';
import type { StreamEntry } from '../log/streamEntry.js';
import { exampleV1, rewrite } from './proof.testkit.js';
import { loggedCommunity, streamsFromLog } from './streamsFromLog.js';
import { verifyStreams, verifyStreamsJsonl } from './verifyStreams.js';

const v1 = exampleV1();
const split = (c: LogEntry) => (c.process.startsWith('n-') ? 'notices' : loggedCommunity(c));
const { entries } = streamsFromLog(v1, split);
const jsonl = (es: readonly unknown[]) => es.map((e) => `${canonicalJson(e)}\n`).join('');
const posOf = (stream: string, version: number) =>
  entries.findIndex((e) => e.stream === stream && e.version === version);

describe('verifyStreams', () => {
  it('verifies interleaved streams, and version 1 logs as before', () => {
    const r = verifyStreams(entries);
    expect(r.ok && r.format === 2 && r.heads.map((h) => h.stream)).toEqual(['default', 'notices']);
    expect(verifyStreams(v1)).toEqual({
      ok: true,
      format: 1,
      count: 559,
      head: { seq: 559, hash: v1.at(-1)!.hash },
    });
    expect(verifyStreamsJsonl(toJsonl(v1))).toMatchObject({ ok: true, format: 1, count: 559 });
    expect(verifyStreams([])).toEqual({ ok: true, format: 2, count: 0, heads: [] });
  });

  it('names the stream, version and reason of the first bad entry', () => {
    const at = posOf('notices', 5);
    const changed = entries.map((e, i) => (i === at ? { ...e, at: e.at + 1 } : e));
    expect(verifyStreams(changed)).toMatchObject({
      ok: false,
      format: 2,
      index: at,
      stream: 'notices',
      version: 5,
      reason: 'hash',
    });

    const removed = entries.filter((_, i) => i !== at);
    expect(verifyStreams(removed)).toMatchObject({
      ok: false,
      stream: 'notices',
      version: 5,
      reason: 'version',
    });
    expect(verifyStreams(removed).ok === false && verifyStreams(removed)).toMatchObject({
      message: expect.stringContaining('expected version 5, found 6: entries are missing'),
    });

    // re-hashed from version 5 on, but the entry before it in the file is unchanged: the chain holds
    const rehashed = rewrite(entries, 'notices', 5, (ev) => ({ ...ev, extra: 1 }));
    expect(verifyStreams(rehashed)).toMatchObject({ ok: true });
    // re-hashed, but one later entry kept as it was: its prev no longer links
    const half = rehashed.map((e, i) => (i === posOf('notices', 7) ? entries[i]! : e));
    expect(verifyStreams(half)).toMatchObject({ ok: false, stream: 'notices', version: 7, reason: 'prev' });

    const mixed = [...entries.slice(0, 3), v1[3], ...entries.slice(4)];
    expect(verifyStreams(mixed)).toMatchObject({ ok: false, index: 3, reason: 'schema' });
  });

  it('from text: names the line, and refuses a line that is not canonical JSON', () => {
    const text = jsonl(entries);
    expect(verifyStreamsJsonl(text)).toMatchObject({ ok: true, format: 2, count: entries.length });
    const lines = text.split('\n');
    const e = entries[10] as StreamEntry;
    lines[10] = JSON.stringify(e, null, 1).replace(/\n/g, '');
    expect(verifyStreamsJsonl(lines.join('\n'))).toMatchObject({
      ok: false,
      line: 11,
      stream: e.stream,
      version: e.version,
      reason: 'canonical',
    });
    lines[10] = '{not json';
    expect(verifyStreamsJsonl(lines.join('\n'))).toMatchObject({ ok: false, line: 11, reason: 'schema' });
  });
});
