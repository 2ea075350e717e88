/**
 * The conformance suite every `StreamStore` passes (issue 10: "same contract, same test suite").
 * Harness-free, so it runs under vitest in Node and inside a page in the real Chromium: each case
 * is `{ name, run(make) }`, where `make()` opens a fresh, empty store, and a failed check throws.
 *
 *   for (const c of streamStoreConformance) it(c.name, () => c.run(() => openMyStore()));
 */
import { isYishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import {
  appendStreamEntry,
  type StreamEntry,
  type StreamEntryFields,
  type StreamHead,
} from '../log/streamEntry.js';
import type { AppendBatch, AppendOutcome, StreamStore } from './streamStore.js';

export interface ConformanceOptions {
  /** The store's `maxEntryBytes`, when the factory was asked for a small one (see `make`). */
  maxEntryBytes?: number;
}

/** Opens a fresh, empty store; `maxEntryBytes` asks for that entry size limit. */
export type StoreFactory = (options?: { maxEntryBytes?: number }) => Promise<StreamStore>;

export interface ConformanceCase {
  name: string;
  run(make: StoreFactory): Promise<void>;
}

class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new ConformanceFailure(message);
}

const json = (x: unknown) => JSON.stringify(x);

// Compared as canonical JSON: an object's key order is not part of an entry (its hash is over the
// canonical text), and a store that keeps that text as its evidence reads keys back sorted.
const canon = (x: unknown) => (x === undefined ? 'undefined' : canonicalJson(x));

function same(a: unknown, b: unknown, what: string) {
  check(canon(a) === canon(b), `${what}: expected ${json(b)}, got ${json(a)}`);
}

async function refused(p: Promise<unknown>, code: string, what: string) {
  try {
    await p;
  } catch (e) {
    check(isYishiError(e) && e.code === code, `${what}: expected ${code}, got ${String(e)}`);
    return;
  }
  throw new ConformanceFailure(`${what}: expected ${code}, but it was accepted`);
}

const T0 = Date.UTC(2026, 0, 5, 1);
const owner = (i: number) => ({ id: `owner-${i}`, role: 'owner' as const });

function fields(i: number, extra: Record<string, unknown> = {}): StreamEntryFields {
  return {
    at: T0 + i * 1000,
    process: 'wc-1',
    kind: 'writtenConsultation',
    actor: owner(i),
    channel: 'web',
    event: { type: 'CAST_BALLOT', ballotId: `b-${i}`, choices: { fund: 'agree' }, ...extra },
  };
}

/** `n` chained entries of `stream` following `head`. */
export function chainOf(stream: string, head: StreamHead | null, n: number, from = 0): StreamEntry[] {
  const out: StreamEntry[] = [];
  let h = head;
  for (let i = 0; i < n; i++) {
    const e = appendStreamEntry(stream, h, fields(from + i));
    out.push(e);
    h = { version: e.version, hash: e.hash };
  }
  return out;
}

const batchOf = (stream: string, expectedVersion: number, entries: StreamEntry[], ids?: string[]) =>
  ({
    stream,
    expectedVersion,
    entries: entries.map((entry, i) => (ids?.[i] === undefined ? { entry } : { entry, requestId: ids[i]! })),
  }) satisfies AppendBatch;

async function ok(store: StreamStore, batch: AppendBatch): Promise<Extract<AppendOutcome, { ok: true }>> {
  const r = await store.append(batch);
  check(r.ok, `append to ${batch.stream} at ${batch.expectedVersion}: expected ok, got ${json(r)}`);
  return r;
}

async function unchanged(store: StreamStore, stream: string, version: number, what: string) {
  const h = await store.head(stream);
  same(h?.version ?? 0, version, `${what}: the stream's version`);
  same((await store.readStream(stream)).length, version, `${what}: entries stored`);
}

const HEX = (c: string, n: number) => c.repeat(n);

export const streamStoreConformance: readonly ConformanceCase[] = [
  {
    name: 'an empty store has no streams, no heads, no entries',
    async run(make) {
      const s = await make();
      try {
        same(await s.head('c1'), null, 'head');
        same(await s.readStream('c1'), [], 'readStream');
        same(await s.readAll(), [], 'readAll');
        same(await s.listStreams(), [], 'listStreams');
        same(await s.findRequest('c1', 'r1'), null, 'findRequest');
        same(await s.loadSnapshot('c1'), null, 'loadSnapshot');
        same(await s.vault('c1'), [], 'vault');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'appended entries read back unchanged, in version order, with their request ids',
    async run(make) {
      const s = await make();
      try {
        const es = chainOf('居委-甲', null, 3);
        es[1] = appendStreamEntry('居委-甲', es[0]!, {
          ...fields(1, { note: '王五 “同意” \u2028 😀 \\ "q"', big: 12345678901234, neg: -0.5 }),
        });
        es[2] = appendStreamEntry('居委-甲', es[1]!, fields(2));
        const r = await ok(s, batchOf('居委-甲', 0, es, ['req-1', undefined as never, 'req-3']));
        same(r.head, { version: 3, hash: es[2]!.hash }, 'outcome head');
        same(r.positions.length, 3, 'positions');
        const back = await s.readStream('居委-甲');
        same(
          back.map((x) => x.entry),
          es,
          'entries',
        );
        same(
          back.map((x) => x.requestId),
          ['req-1', null, 'req-3'],
          'request ids',
        );
        same(
          back.map((x) => x.position),
          r.positions,
          'positions from readStream',
        );
        same(
          (await s.readStream('居委-甲', 2)).map((x) => x.entry.version),
          [2, 3],
          'readStream from version 2',
        );
        same(await s.head('居委-甲'), { version: 3, hash: es[2]!.hash }, 'head');
        same((await s.findRequest('居委-甲', 'req-3'))?.entry, es[2], 'findRequest');
        same(await s.findRequest('居委-乙', 'req-3'), null, 'findRequest in another stream');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'an append expecting another version is a VERSION_CONFLICT and stores nothing',
    async run(make) {
      const s = await make();
      try {
        const es = chainOf('c1', null, 2);
        await ok(s, batchOf('c1', 0, es));
        const next = chainOf('c1', es[1]!, 1, 2);
        for (const expected of [0, 1, 3]) {
          const stale = appendStreamEntry(
            'c1',
            expected === 0 ? null : { version: expected, hash: es[0]!.hash },
            fields(9),
          );
          const r = await s.append(batchOf('c1', expected, [stale]));
          check(!r.ok && r.code === 'VERSION_CONFLICT', `expected ${expected}: got ${json(r)}`);
          if (!r.ok && r.code === 'VERSION_CONFLICT')
            same(r.head, { version: 2, hash: es[1]!.hash }, 'conflict head');
        }
        await unchanged(s, 'c1', 2, 'after conflicts');
        await ok(s, batchOf('c1', 2, next));
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'of concurrent appends at the same version exactly one is stored',
    async run(make) {
      const s = await make();
      try {
        const base = chainOf('c1', null, 1);
        await ok(s, batchOf('c1', 0, base));
        const rivals = Array.from({ length: 8 }, (_, i) => [
          appendStreamEntry('c1', base[0]!, fields(100 + i)),
        ]);
        const rs = await Promise.all(rivals.map((es) => s.append(batchOf('c1', 1, es))));
        same(rs.filter((r) => r.ok).length, 1, 'winners');
        same(rs.filter((r) => !r.ok && r.code === 'VERSION_CONFLICT').length, 7, 'conflicts');
        await unchanged(s, 'c1', 2, 'after the race');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'a fork (right version, wrong prev) is LOG_TAMPERED and stores nothing',
    async run(make) {
      const s = await make();
      try {
        const es = chainOf('c1', null, 2);
        await ok(s, batchOf('c1', 0, es));
        const fork = appendStreamEntry('c1', { version: 2, hash: HEX('a', 64) }, fields(7));
        await refused(s.append(batchOf('c1', 2, [fork])), 'LOG_TAMPERED', 'fork');
        await unchanged(s, 'c1', 2, 'after the fork');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'malformed batches are INVALID_ENTRY and store nothing, not even their good entries',
    async run(make) {
      const s = await make();
      try {
        const [a, b] = chainOf('c1', null, 2) as [StreamEntry, StreamEntry];
        const bad: Array<[string, unknown]> = [
          ['a wrong hash', { ...b, hash: HEX('0', 64) }],
          ['a changed field', { ...b, at: b.at + 1 }],
          ['another stream', appendStreamEntry('c2', a, fields(1))],
          ['a version gap', appendStreamEntry('c1', { version: 2, hash: a.hash }, fields(1))],
          ['a broken chain', appendStreamEntry('c1', { version: 1, hash: HEX('b', 64) }, fields(1))],
          ['a missing field', (({ channel: _c, ...rest }) => rest)(b)],
          ['an extra field', { ...b, extra: 1 }],
          ['v 1', { ...b, v: 1 }],
          ['no event type', appendStreamEntry('c1', a, { ...fields(1), event: { type: '' } })],
          ['an unknown role', { ...b, actor: { id: 'x', role: 'mayor' } }],
          ['a lone surrogate', { ...b, event: { ...b.event, note: 'half \ud800' } }],
        ];
        for (const [what, second] of bad) {
          await refused(
            s.append({
              stream: 'c1',
              expectedVersion: 0,
              entries: [{ entry: a }, { entry: second as StreamEntry }],
            }),
            'INVALID_ENTRY',
            what,
          );
          await unchanged(s, 'c1', 0, what);
        }
        const first = appendStreamEntry('c1', { version: 5, hash: HEX('c', 64) }, fields(0));
        await refused(
          s.append({ stream: 'c1', expectedVersion: 0, entries: [{ entry: { ...first, version: 1 } }] }),
          'INVALID_ENTRY',
          'a first entry that does not start the chain',
        );
        await refused(s.append({ stream: 'c1', expectedVersion: 0, entries: [] }), 'INVALID_ENTRY', 'empty');
        await refused(
          s.append({ stream: '', expectedVersion: 0, entries: [{ entry: a }] }),
          'INVALID_ENTRY',
          'empty stream id',
        );
        await refused(
          s.append({ stream: 'c1', expectedVersion: -1, entries: [{ entry: a }] }),
          'INVALID_ENTRY',
          'negative version',
        );
        await refused(
          s.append({ ...batchOf('c1', 0, [a, b], ['same', 'same']) }),
          'INVALID_ENTRY',
          'a request id twice in a batch',
        );
        await refused(
          s.append({ ...batchOf('c1', 0, [a], ['x'.repeat(129)]) }),
          'INVALID_ENTRY',
          'a request id of 129 characters',
        );
        await refused(
          s.append({ ...batchOf('c1', 0, [a], ['req\u0000-1']) }),
          'INVALID_ENTRY',
          'a request id with a control character',
        );
        await refused(
          s.append({ ...batchOf('c1', 0, [a]), vault: [{ commitment: 'nope', salt: 'aa', value: 'v' }] }),
          'INVALID_ENTRY',
          'a malformed vault record',
        );
        await unchanged(s, 'c1', 0, 'after every refusal');
        same(await s.readAll(), [], 'readAll after every refusal');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'an entry over maxEntryBytes is ENTRY_TOO_LARGE and stores nothing',
    async run(make) {
      const s = await make({ maxEntryBytes: 4096 });
      try {
        const small = appendStreamEntry('c1', null, fields(0, { text: '议'.repeat(1000) }));
        await ok(s, batchOf('c1', 0, [small]));
        const big = appendStreamEntry('c1', small, fields(1, { text: '议'.repeat(1400) }));
        await refused(s.append(batchOf('c1', 1, [big])), 'ENTRY_TOO_LARGE', '4,200 bytes of text');
        await unchanged(s, 'c1', 1, 'after the big entry');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'a request id already stored in the stream is a DUPLICATE_REQUEST, with the first entry',
    async run(make) {
      const s = await make();
      try {
        const es = chainOf('c1', null, 3);
        await ok(s, batchOf('c1', 0, es.slice(0, 2), ['r-1', 'r-2']));
        const r = await s.append(batchOf('c1', 2, es.slice(2), ['r-1']));
        check(!r.ok && r.code === 'DUPLICATE_REQUEST', `got ${json(r)}`);
        if (!r.ok && r.code === 'DUPLICATE_REQUEST') {
          same(r.requestId, 'r-1', 'request id');
          same(r.existing.entry, es[0], 'the first entry');
        }
        await unchanged(s, 'c1', 2, 'after the duplicate');
        // The same request id in another stream is another request.
        await ok(s, batchOf('c2', 0, chainOf('c2', null, 1), ['r-1']));
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'readAll pages through every stream in position order without skipping or repeating',
    async run(make) {
      const s = await make();
      try {
        const heads = new Map<string, StreamEntry | null>();
        const appended: string[] = [];
        for (let round = 0; round < 5; round++) {
          for (const stream of ['c3', 'c1', 'c2']) {
            const head = heads.get(stream) ?? null;
            const es = chainOf(stream, head, 1 + (round % 2), round * 10);
            await ok(s, batchOf(stream, head?.version ?? 0, es));
            heads.set(stream, es[es.length - 1]!);
            appended.push(...es.map((e) => e.hash));
          }
        }
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await s.readAll(after === undefined ? { limit: 4 } : { after, limit: 4 });
          if (page.length === 0) break;
          check(page.length <= 4, 'page size');
          seen.push(...page.map((x) => x.entry.hash));
          after = page[page.length - 1]!.position;
        }
        same(seen, appended, 'every entry once, in commit order');
        same(
          (await s.listStreams()).map((x) => [x.stream, x.version]),
          [
            ['c1', 7],
            ['c2', 7],
            ['c3', 7],
          ],
          'listStreams',
        );
        same(
          (await s.listStreams({ after: 'c1', limit: 1 })).map((x) => x.stream),
          ['c2'],
          'listStreams after c1, limit 1',
        );
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'streams are listed by code point, whatever the script',
    async run(make) {
      const s = await make();
      try {
        const ids = ['梅园居委', 'b', 'B', 'a-2', 'a', '𠀀村', '\uff41'];
        for (const id of ids) await ok(s, batchOf(id, 0, chainOf(id, null, 1)));
        const expected = [...ids].sort((x, y) => {
          const a = [...x].map((c) => c.codePointAt(0)!);
          const b = [...y].map((c) => c.codePointAt(0)!);
          for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
          return a.length - b.length;
        });
        same(
          (await s.listStreams()).map((x) => x.stream),
          expected,
          'order',
        );
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'snapshots are kept per stream and replaced by the next one',
    async run(make) {
      const s = await make();
      try {
        const es = chainOf('c1', null, 2);
        await ok(s, batchOf('c1', 0, es));
        await s.saveSnapshot('c1', { version: 1, hash: es[0]!.hash, data: { a: [1, '二'] } });
        await s.saveSnapshot('c1', { version: 2, hash: es[1]!.hash, data: { a: [2, '三'], b: null } });
        same(
          await s.loadSnapshot('c1'),
          { version: 2, hash: es[1]!.hash, data: { a: [2, '三'], b: null } },
          'c1',
        );
        same(await s.loadSnapshot('c2'), null, 'c2');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'vault records are stored with their batch, not with a refused one, and can be erased',
    async run(make) {
      const s = await make();
      try {
        const es = chainOf('c1', null, 1);
        const rec = (c: string, v: string) => ({ commitment: HEX(c, 64), salt: HEX('5', 32), value: v });
        await ok(s, { ...batchOf('c1', 0, es.slice(0, 1)), vault: [rec('1', '王五'), rec('2', '李四')] });
        const r = await s.append({
          ...batchOf('c1', 0, chainOf('c1', null, 1, 5)),
          vault: [rec('3', '张三')],
        });
        check(!r.ok, 'a stale batch is refused');
        const values = async () => (await s.vault('c1')).map((x) => x.value).sort();
        same(await values(), ['李四', '王五'], 'vault after the refused batch');
        same(await s.erase('c1', HEX('1', 64)), true, 'erase');
        same(await s.erase('c1', HEX('1', 64)), false, 'erase again');
        same(await values(), ['李四'], 'vault after erasure');
        same((await s.readStream('c1')).length, 1, 'erasure leaves the entries');
      } finally {
        await s.close();
      }
    },
  },
  {
    name: 'a long stream reads back whole and in order',
    async run(make) {
      const s = await make();
      try {
        let head: StreamEntry | null = null;
        const all: string[] = [];
        for (let i = 0; i < 20; i++) {
          const es = chainOf('c1', head, 50, i * 50);
          await ok(s, batchOf('c1', head?.version ?? 0, es));
          head = es[es.length - 1]!;
          all.push(...es.map((e) => e.hash));
        }
        same(
          (await s.readStream('c1')).map((x) => x.entry.hash),
          all,
          '1,000 entries',
        );
        same((await s.readStream('c1', 1000)).length, 1, 'from version 1,000');
      } finally {
        await s.close();
      }
    },
  },
];
