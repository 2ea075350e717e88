import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isYishiError } from '../errors/YishiError.js';
import { canonicalJson } from './canonicalJson.js';
import { jsonlLines, parseJsonl, toJsonl, verifyJsonl } from './jsonl.js';
import {
  appendEntry,
  type EntryFields,
  entryHash,
  GENESIS,
  headOf,
  type LogEntry,
  LogEntry as LogEntrySchema,
} from './logEntry.js';
import { verify } from './verify.js';

const DAY = 86_400_000;
const owner = { id: 'owner-201', role: 'owner' } as const;
const staff = { id: 'staff-1', role: 'residentsCommitteeStaff' } as const;

/** A small realistic log: a notice created, posted, objected to, answered and ticked. */
function sampleLog(n = 8): LogEntry[] {
  const events: Omit<EntryFields, 'at'>[] = [
    {
      process: 'n-1',
      kind: 'publicNotice',
      actor: staff,
      channel: 'web',
      event: { type: 'CREATE', input: { id: 'n-1', title: '加装电梯方案公示' } },
    },
    {
      process: 'n-1',
      kind: 'publicNotice',
      actor: staff,
      channel: 'web',
      event: { type: 'POST', on: '2024-09-20', actor: staff },
    },
    {
      process: 'n-1',
      kind: 'publicNotice',
      actor: owner,
      channel: 'paper',
      event: { type: 'OBJECT', on: '2024-09-22', actor: owner, objectionId: 'o1', text: '面积有误\n见附件' },
    },
  ];
  const log: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const f = events[i] ?? {
      process: 'n-1',
      kind: 'publicNotice',
      actor: { id: 'system', role: 'system' as const },
      channel: 'system' as const,
      event: { type: 'TICK', on: `2024-10-${String(i).padStart(2, '0')}` },
    };
    log.push(
      appendEntry(log.length ? headOf(log[log.length - 1]!) : null, {
        ...f,
        at: 1_726_797_600_000 + i * DAY,
      }),
    );
  }
  return log;
}

/** Re-hashes an entry after a change, as a forger would. */
const rehash = (e: LogEntry): LogEntry => ({ ...e, hash: entryHash(e) });

describe('verify', () => {
  it('accepts an intact log and reports its head; an empty log has no head', () => {
    const log = sampleLog();
    expect(verify(log)).toEqual({ ok: true, count: 8, head: { seq: 8, hash: log[7]!.hash } });
    expect(verify([])).toEqual({ ok: true, count: 0, head: null });
  });

  it("names a changed entry by 'hash'", () => {
    const log = sampleLog();
    log[2] = { ...log[2]!, event: { ...log[2]!.event, text: '面积无误' } };
    expect(verify(log)).toMatchObject({ ok: false, index: 2, seq: 3, reason: 'hash' });
  });

  it("names the entry after a changed-and-rehashed one by 'prev'", () => {
    const log = sampleLog();
    log[2] = rehash({ ...log[2]!, channel: 'web' });
    const r = verify(log);
    expect(r).toMatchObject({ ok: false, index: 3, seq: 4, reason: 'prev' });
  });

  it("names a gap or a repeat by 'seq'", () => {
    const gap = sampleLog();
    gap.splice(4, 1);
    expect(verify(gap)).toMatchObject({ ok: false, index: 4, reason: 'seq' });
    expect(!verify(gap).ok && verify(gap)).toMatchObject({
      message: expect.stringContaining('expected seq 5, found 6'),
    });
    const repeat = sampleLog();
    repeat.splice(5, 0, repeat[4]!);
    expect(verify(repeat)).toMatchObject({ ok: false, index: 5, reason: 'seq' });
    const swapped = sampleLog();
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    expect(verify(swapped)).toMatchObject({ ok: false, index: 5, reason: 'seq' });
  });

  it("names a malformed entry by 'schema'", () => {
    const log: unknown[] = sampleLog();
    const { channel: _drop, ...noChannel } = log[1] as LogEntry;
    expect(verify([log[0], noChannel])).toMatchObject({ ok: false, index: 1, reason: 'schema' });
    expect(verify([{ ...(log[0] as object), extra: true }])).toMatchObject({
      ok: false,
      index: 0,
      reason: 'schema',
    });
    expect(verify([{ ...(log[0] as object), hash: 'ABC' }])).toMatchObject({ ok: false, reason: 'schema' });
    expect(verify(['not an entry'])).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('a first entry must start at seq 1 after GENESIS', () => {
    const log = sampleLog();
    expect(verify(log.slice(1))).toMatchObject({ ok: false, index: 0, reason: 'seq' });
    expect(verify([rehash({ ...log[0]!, prev: 'f'.repeat(64) })])).toMatchObject({
      ok: false,
      reason: 'prev',
    });
    expect(log[0]!.prev).toBe(GENESIS);
  });
});

describe('JSONL', () => {
  it('writes one canonical JSON line per entry and reads it back', () => {
    const log = sampleLog();
    const text = toJsonl(log);
    const lines = text.split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[8]).toBe('');
    expect(lines[0]).toBe(canonicalJson(log[0]));
    expect(parseJsonl(text)).toEqual(log);
    expect(verifyJsonl(text)).toEqual({ ok: true, count: 8, head: { seq: 8, hash: log[7]!.hash } });
  });

  it('accepts CRLF line ends and blank lines, and numbers lines as an editor does', () => {
    const text = `\r\n${toJsonl(sampleLog(3)).replaceAll('\n', '\r\n')}\r\n`;
    expect(jsonlLines(text).map((l) => l.line)).toEqual([2, 3, 4]);
    expect(verifyJsonl(text)).toMatchObject({ ok: true, count: 3 });
  });

  it('reports a line that is not JSON as a malformed entry, with its line number', () => {
    const lines = toJsonl(sampleLog(4)).split('\n');
    lines[2] = lines[2]!.slice(0, -1);
    const text = `\n${lines.join('\n')}`;
    expect(verifyJsonl(text)).toMatchObject({ ok: false, index: 2, seq: 3, line: 4, reason: 'schema' });
    try {
      parseJsonl(text, 'log.jsonl');
      expect.unreachable();
    } catch (e) {
      expect(isYishiError(e) && [e.code, e.issues[0]?.row, e.issues[0]?.file]).toEqual([
        'INVALID_INPUT',
        4,
        'log.jsonl',
      ]);
      expect((e as Error).message).toMatch(/^log\.jsonl: line 4: not JSON/);
    }
  });

  it('parseJsonl checks the entry schema but not the chain (verify does)', () => {
    const log = sampleLog(3);
    const text = toJsonl([log[0]!, { ...log[1]!, hash: 'f'.repeat(64) }]);
    expect(parseJsonl(text)).toHaveLength(2);
    expect(() => parseJsonl(`${canonicalJson({ ...log[0]!, seq: 0 })}\n`)).toThrow(
      /line 1: not a log entry: seq/,
    );
  });
});

describe('tampering', () => {
  const text = toJsonl(sampleLog());
  const lines = text.slice(0, -1).split('\n');
  const alphabet = [...'0123456789abcdefABCDEF{}[]":, \\-_.tnrufalse面积', 'é', '\u0000'];

  it('any changed character of any entry is detected, at that entry', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: lines.length - 1 }),
        fc.nat(),
        fc.constantFrom(...alphabet),
        (lineIndex, pos, ch) => {
          const line = lines[lineIndex]!;
          const at = pos % line.length;
          fc.pre(line[at] !== ch);
          const changed = [...lines];
          changed[lineIndex] = line.slice(0, at) + ch + line.slice(at + 1);
          const r = verifyJsonl(`${changed.join('\n')}\n`);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.line).toBe(lineIndex + 1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a removed, repeated or swapped line is detected', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: lines.length - 2 }),
        fc.constantFrom('remove', 'repeat', 'swap'),
        (i, how) => {
          const changed = [...lines];
          if (how === 'remove') changed.splice(i, 1);
          if (how === 'repeat') changed.splice(i, 0, lines[i]!);
          if (how === 'swap') [changed[i], changed[i + 1]] = [lines[i + 1]!, lines[i]!];
          expect(verifyJsonl(`${changed.join('\n')}\n`).ok).toBe(false);
        },
      ),
    );
  });
});

/** The checks of `verify` one by one, as it made them before it had a short road for good entries. */
function referenceVerify(log: readonly unknown[]) {
  let prev: { seq: number; hash: string } | null = null;
  for (let index = 0; index < log.length; index++) {
    const value = log[index];
    const parsed = LogEntrySchema.safeParse(value);
    if (!parsed.success) return { ok: false, index, reason: 'schema' };
    const entry = parsed.data;
    let computed: string;
    try {
      computed = entryHash(entry);
    } catch {
      return { ok: false, index, reason: 'schema' };
    }
    if (computed !== entry.hash) return { ok: false, index, reason: 'hash' };
    if (entry.seq !== (prev === null ? 1 : prev.seq + 1)) return { ok: false, index, reason: 'seq' };
    if (entry.prev !== (prev === null ? GENESIS : prev.hash)) return { ok: false, index, reason: 'prev' };
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return { ok: true, count: log.length, head: prev };
}

/** `rehash`, or the entry unchanged when it cannot be hashed (a NaN planted by an earlier change). */
const forge = (e: LogEntry): LogEntry => {
  try {
    return rehash(e);
  } catch {
    return e;
  }
};

describe("verify's short road for good entries", () => {
  const tamper = fc.oneof(
    fc.constant((e: LogEntry) => ({ ...e, hash: e.hash.toUpperCase() })),
    fc.constant((e: LogEntry) => forge({ ...e, prev: e.prev.toUpperCase() })),
    fc.constant((e: LogEntry) => forge({ ...e, prev: `${e.prev.slice(0, 63)}"` })),
    fc.constant((e: LogEntry) => forge({ ...e, prev: `${e.prev}0` })),
    fc.constant((e: LogEntry) => ({ ...e, seq: e.seq + 1 })),
    fc.constant((e: LogEntry) => forge({ ...e, seq: e.seq + 1 })),
    fc.constant((e: LogEntry) => forge({ ...e, at: e.at + 0.5 })),
    fc.constant((e: LogEntry) => ({ ...e, event: { ...e.event, text: '已改' } })),
    fc.constant((e: LogEntry) => forge({ ...e, event: { ...e.event, text: '已改' } })),
    fc.constant((e: LogEntry) => ({ ...e, extra: 1 })),
    fc.constant((e: LogEntry) => ({ ...e, actor: { ...e.actor, role: 'mayor' } })),
    fc.constant((e: LogEntry) => ({ ...e, event: { ...e.event, n: Number.NaN } })),
    fc.constant((e: LogEntry) => JSON.parse(JSON.stringify(e)) as LogEntry),
  );

  it('reaches the verdict of the one-by-one checks on any tampering (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.nat(), tamper), { maxLength: 3 }),
        fc.boolean(),
        (n, changes, drop) => {
          const log: unknown[] = sampleLog(n);
          for (const [at, change] of changes) log[at % n] = change(log[at % n] as LogEntry);
          if (drop && n > 2) log.splice(1, 1);
          const got = verify(log);
          const want = referenceVerify(log);
          expect(got.ok).toBe(want.ok);
          if (!got.ok && !want.ok)
            expect({ index: got.index, reason: got.reason }).toEqual({
              index: want.index,
              reason: want.reason,
            });
          if (got.ok && want.ok)
            expect({ count: got.count, head: got.head }).toEqual({ count: want.count, head: want.head });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
