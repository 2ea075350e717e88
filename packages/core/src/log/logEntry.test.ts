import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Role, SubmissionChannel } from '../actor/actor.js';
import { canonicalJson } from './canonicalJson.js';
import {
  appendEntry,
  chainedHash,
  type EntryFields,
  entryHash,
  GENESIS,
  headOf,
  isLogEntry,
  LogEntry,
  shapedEntryHash,
} from './logEntry.js';

const fields = (over: Partial<EntryFields> = {}): EntryFields => ({
  at: 1_726_797_600_000,
  process: 'n-1',
  kind: 'publicNotice',
  actor: { id: 'staff-1', role: 'residentsCommitteeStaff' },
  channel: 'web',
  event: {
    type: 'POST',
    on: '2024-09-20',
    channels: [{ channel: 'online', platform: '社区云', postId: 'p-1' }],
  },
  ...over,
});

describe('appendEntry', () => {
  it('starts a log at seq 1 after GENESIS and chains each entry to the one before', () => {
    const a = appendEntry(null, fields());
    const b = appendEntry(headOf(a), fields({ event: { type: 'TICK', on: '2024-09-21' } }));
    expect([a.v, a.seq, a.prev]).toEqual([1, 1, GENESIS]);
    expect([b.seq, b.prev]).toEqual([2, a.hash]);
    expect(LogEntry.parse(a)).toEqual(a);
  });

  it('hashes the canonical JSON of the entry without its hash — the published recipe', () => {
    const e = appendEntry(null, fields());
    const { hash, ...rest } = e;
    const text =
      '{"actor":{"id":"staff-1","role":"residentsCommitteeStaff"},"at":1726797600000,"channel":"web",' +
      '"event":{"channels":[{"channel":"online","platform":"社区云","postId":"p-1"}],"on":"2024-09-20","type":"POST"},' +
      `"kind":"publicNotice","prev":"${GENESIS}","process":"n-1","seq":1,"v":1}`;
    expect(canonicalJson(rest)).toBe(text);
    expect(hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(entryHash(e)).toBe(hash);
  });

  it('keeps only id and role of the actor', () => {
    const actor = { id: 'x', role: 'owner', name: '王建国' } as unknown as EntryFields['actor'];
    expect(appendEntry(null, fields({ actor })).actor).toEqual({ id: 'x', role: 'owner' });
  });
});

const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
const arbFields: fc.Arbitrary<EntryFields> = fc.record({
  at: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  process: fc.string({ minLength: 1, unit: 'grapheme' }),
  kind: fc.string({ minLength: 1 }),
  actor: fc.record({
    id: fc.string({ minLength: 1, unit: 'grapheme' }),
    role: fc.constantFrom(...Role.options),
  }),
  channel: fc.constantFrom(...SubmissionChannel.options),
  event: fc
    .tuple(fc.string({ minLength: 1 }), fc.dictionary(fc.string(), json, { maxKeys: 5 }))
    .map(([type, rest]) => ({ ...rest, type })),
});

describe('the fast paths agree with the reference', () => {
  it('chainedHash equals entryHash (sha256 of canonicalJson) for any entry', () => {
    fc.assert(
      fc.property(arbFields, (f) => {
        const e = appendEntry(null, f);
        expect(e.hash).toBe(entryHash(e));
        expect(chainedHash(e)).toBe(entryHash(e));
        expect(shapedEntryHash(e)).toBe(entryHash(e));
      }),
    );
  });

  it('isLogEntry never accepts what the LogEntry schema refuses', () => {
    const mutate = fc.oneof(
      fc.constant((e: Record<string, unknown>) => ({ ...e, extra: 1 })),
      fc
        .constantFrom('v', 'seq', 'at', 'process', 'kind', 'actor', 'channel', 'event', 'prev', 'hash')
        .chain((k) =>
          fc
            .oneof(json, fc.constant(undefined))
            .map((v) => (e: Record<string, unknown>) => ({ ...e, [k]: v })),
        ),
      fc.oneof(json, fc.constant(undefined)).map((v) => (e: Record<string, unknown>) => ({
        ...e,
        actor: { ...(e.actor as object), role: v },
      })),
    );
    fc.assert(
      fc.property(arbFields, mutate, (f, m) => {
        const changed = m(appendEntry(null, f) as unknown as Record<string, unknown>);
        if (isLogEntry(changed)) expect(LogEntry.safeParse(changed).success).toBe(true);
      }),
    );
  });

  it('isLogEntry accepts every entry appendEntry writes', () => {
    fc.assert(fc.property(arbFields, (f) => isLogEntry(appendEntry(null, f))));
  });
});
