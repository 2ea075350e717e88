/**
 * Verifying with the hashing on a second thread (`verifyAlongside`) gives exactly what verifying in
 * order gives — the same first bad entry, reason and message — on honest and tampered logs, with
 * the bad entry in the first batch handed to the thread or a later one; and where there is no
 * second thread, `verify` still answers, in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashThread } from './hashThread.js';
import { appendEntry, type EntryFields, entryHash, headOf, type LogEntry } from './logEntry.js';
import { verify, verifyAlongside, verifyInOrder } from './verify.js';

const DAY = 86_400_000;
const staff = { id: 'staff-1', role: 'residentsCommitteeStaff' } as const;
const system = { id: 'system', role: 'system' } as const;

/** A notice created, posted, objected to, then ticked daily: `n` entries. */
function honestLog(n: number): LogEntry[] {
  const log: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const f: Omit<EntryFields, 'at'> =
      i === 0
        ? {
            process: 'n-1',
            kind: 'publicNotice',
            actor: staff,
            channel: 'web',
            event: { type: 'CREATE', input: { id: 'n-1' } },
          }
        : i % 97 === 1
          ? {
              process: 'n-1',
              kind: 'publicNotice',
              actor: { id: `owner-${i}`, role: 'owner' },
              channel: 'mobile',
              event: { type: 'OBJECT', on: '2024-09-22', objectionId: `o${i}`, text: '面积有误\n见附件"' },
            }
          : {
              process: 'n-1',
              kind: 'publicNotice',
              actor: system,
              channel: 'system',
              event: { type: 'TICK', n: i },
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

const rehash = (e: LogEntry): LogEntry => {
  const { hash: _h, ...rest } = e;
  return { ...rest, hash: entryHash(rest) } as LogEntry;
};
const forge = (e: LogEntry): LogEntry => {
  try {
    return rehash(e);
  } catch {
    return e;
  }
};

const tamper = fc.constantFrom(
  (e: LogEntry) => ({ ...e, hash: e.hash.toUpperCase() }),
  (e: LogEntry) => ({ ...e, hash: `${e.hash.slice(0, 63)}0` }),
  (e: LogEntry) => forge({ ...e, prev: e.prev.toUpperCase() }),
  (e: LogEntry) => forge({ ...e, seq: e.seq + 1 }),
  (e: LogEntry) => ({ ...e, seq: e.seq + 1 }),
  (e: LogEntry) => forge({ ...e, at: e.at + 0.5 }),
  (e: LogEntry) => ({ ...e, event: { ...e.event, text: '已改' } }),
  (e: LogEntry) => forge({ ...e, event: { ...e.event, text: '已改' } }),
  (e: LogEntry) => ({ ...e, extra: 1 }),
  (e: LogEntry) => ({ ...e, actor: { ...e.actor, role: 'mayor' } }),
  (e: LogEntry) => ({ ...e, event: { ...e.event, n: Number.NaN } }),
  (e: LogEntry) => ({ ...e, event: { ...e.event, n: 10n } }),
  (e: LogEntry) => ({ ...e, event: { ...e.event, when: new Date(0) } }),
  (e: LogEntry) => forge({ ...e, event: { ...e.event, when: new Date(0) } }),
  (_e: LogEntry) => null,
  (e: LogEntry) => JSON.parse(JSON.stringify(e)) as LogEntry,
);

describe('verifyAlongside', () => {
  it('has a second thread in Node', () => {
    const thread = hashThread();
    expect(thread).toBeDefined();
    thread?.close();
  });

  it('accepts an honest log spanning several batches, with its head', () => {
    const log = honestLog(3000);
    const got = verifyAlongside(log);
    expect(got).toEqual({ result: verifyInOrder(log), visited: true });
    expect(got?.result).toMatchObject({ ok: true, count: 3000, head: headOf(log[2999]!) });
  });

  it('visits every entry in order, and stops visiting (not verifying) when asked', () => {
    const log = honestLog(2500);
    const seen: number[] = [];
    expect(verifyAlongside(log, (e, i) => seen.push(i) > 0 && e.seq === i + 1)?.result.ok).toBe(true);
    expect(seen).toEqual(log.map((_, i) => i));
    const bad = [...log];
    bad[2400] = { ...log[2400]!, hash: log[2400]!.hash.toUpperCase() };
    let visits = 0;
    const r = verifyAlongside(bad, () => ++visits < 10);
    expect(visits).toBe(10);
    expect(r?.result).toEqual(verifyInOrder(bad));
    expect(r?.result.ok).toBe(false);
  });

  it('names the first bad entry exactly as verifying in order does (property)', () => {
    const base = honestLog(2300);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), tamper), { minLength: 1, maxLength: 3 }),
        fc.option(fc.nat(base.length - 2)),
        (changes, drop) => {
          const log: unknown[] = [...base];
          for (const [at, change] of changes) if (log[at] !== null) log[at] = change(log[at] as LogEntry);
          if (drop !== null) log.splice(drop, 1);
          const got = verifyAlongside(log);
          expect(got?.result).toEqual(verifyInOrder(log));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('where there are no worker threads, verify answers in order', () => {
    const log = honestLog(5000);
    const proc = globalThis.process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    try {
      expect(hashThread()).toBeUndefined();
      expect(verifyAlongside(log)).toBeUndefined();
      const bad = [...log];
      bad[4500] = { ...log[4500]!, seq: 1 };
      expect(verify(bad)).toEqual(verifyInOrder(bad));
      expect(verify(log)).toEqual(verifyInOrder(log));
    } finally {
      proc.getBuiltinModule = saved;
    }
  });
});
