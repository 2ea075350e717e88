/**
 * Replaying while a second thread checks the hashes (`replayAlongside`, what `replay` does with a
 * long array in Node) gives exactly what replaying in order gives: the same processes byte for
 * byte, the same refusal at the same entry, and LOG_TAMPERED naming the first bad entry whenever
 * the chain is broken — even when an earlier entry already failed to apply, or was applied from
 * a tampered entry before the thread had checked it.
 */
import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../calendar/plainDate.js';
import { canonicalJson } from '../log/canonicalJson.js';
import type { LogEntry } from '../log/logEntry.js';
import { rostered, withRoster } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import { type ReplayOptions, type ReplayResult, replayAlongside, replayInOrder } from './replay.js';
import { BOARD, noticeInput, noticeKind, OWNER, STAFF } from './testing/noticeKind.js';
import { rechain } from './testing/rechain.js';

const KINDS = withRoster([noticeKind]);
const DAY = 86_400_000;

/** Three notices posted, objected to, answered and ticked for two weeks. */
function honestLog(): LogEntry[] {
  const clock = { t: chinaMidnight('2024-09-20') + 10 * 3_600_000, now: () => clock.t };
  const engine = rostered(createEngine({ kinds: KINDS, clock }));
  const must = (r: { ok: boolean; error?: unknown }) => {
    if (!r.ok) throw r.error;
  };
  for (const id of ['n-1', 'n-2', 'n-3']) {
    must(engine.create('publicNotice', id, noticeInput(id), STAFF));
    must(engine.send(id, { type: 'POST', channels: [BOARD] }, STAFF));
  }
  for (let day = 1; day <= 14; day++) {
    clock.t += DAY;
    engine.tick();
    if (day === 2) must(engine.send('n-2', { type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER));
    if (day === 4) {
      const answer = { type: 'ANSWER_OBJECTION', objectionId: 'o1', decision: 'dismissed', reason: '经核实' };
      must(engine.send('n-2', answer, STAFF));
    }
  }
  return engine.log();
}

/** A result as data: processes by their persisted snapshots; a refusal by code, message, entry. */
function summary(r: ReplayResult | undefined) {
  if (r === undefined) return undefined;
  if (r.ok) {
    const processes = r.processes.map((p) => [
      p.id,
      p.kind,
      p.community,
      canonicalJson(p.persisted),
      p.created,
      p.updated,
      p.entries,
    ]);
    return { ok: true, count: r.count, head: r.head, processes };
  }
  const { code, message, issues } = r.error;
  return { ok: false, index: r.index, code, message, issues, tampered: r.tampered };
}

const agree = (log: readonly unknown[], options: ReplayOptions = {}) => {
  const want = summary(replayInOrder(log, KINDS, options));
  // (undefined would hand the log to `replayInOrder`: only for an entry off verify's short road
  // in a log that verifies, which none of these is)
  expect(summary(replayAlongside(log, KINDS, options))).toEqual(want);
  return want;
};

const LOG = honestLog();
const forged = (edit: (entries: LogEntry[]) => void) => rechain(produce(LOG, edit));
const OBJECTION = LOG.findIndex((e) => e.event.type === 'OBJECT');
const LAST = LOG.length - 1;

describe('replayAlongside', () => {
  it('rebuilds an honest log as replaying in order does', () => {
    expect(agree(LOG)?.ok).toBe(true);
    expect(agree(LOG, { check: 'chain' })?.ok).toBe(true);
  });

  it('refuses a forged (re-hashed) entry at that entry, with the same error', () => {
    const cases = [
      forged((d) => {
        d[OBJECTION]!.event.text = '长'.repeat(5_000);
      }),
      forged((d) => {
        d[OBJECTION]!.at = d[1]!.at - 1;
      }),
      forged((d) => {
        d[OBJECTION]!.actor.role = 'system';
        d[OBJECTION]!.event.actor = { ...d[OBJECTION]!.actor, role: 'system' };
      }),
      forged((d) => {
        d[3]!.event.type = 'WITHDRAW';
      }),
    ];
    for (const log of cases) expect(agree(log)?.ok).toBe(false);
  });

  it('a broken chain wins over an entry that could not be applied before it', () => {
    const log: unknown[] = forged((d) => {
      d[OBJECTION]!.event.text = '长'.repeat(5_000);
    });
    log[LAST] = { ...(log[LAST] as LogEntry), at: (log[LAST] as LogEntry).at + 1 };
    expect(agree(log)).toMatchObject({ ok: false, code: 'LOG_TAMPERED', index: LAST });
  });

  it('refused options and kinds are left to replaying in order, which checks the chain first', () => {
    const nonsense = { mode: 'nonsense' as never };
    expect(replayAlongside(LOG, KINDS, nonsense)).toBeUndefined();
    const broken: unknown[] = [...LOG];
    broken[2] = null;
    expect(summary(replayInOrder(broken, KINDS, nonsense))).toMatchObject({ code: 'LOG_TAMPERED', index: 2 });
    const twice = [...KINDS, noticeKind];
    expect(replayAlongside(LOG, twice, {})).toBeUndefined();
  });

  it('agrees on any tampering, forged or not, anywhere in the log (property)', () => {
    const change = fc.constantFrom(
      (e: LogEntry) => ({ ...e, hash: e.hash.toUpperCase() }),
      (e: LogEntry) => ({ ...e, seq: e.seq + 1 }),
      (e: LogEntry) => ({ ...e, event: { ...e.event, text: '已改' } }),
      (e: LogEntry) => ({ ...e, event: { ...e.event, type: 'POST' } }),
      (e: LogEntry) => ({ ...e, event: { ...e.event, on: '2031-01-01' } }),
      (e: LogEntry) => ({ ...e, actor: { ...e.actor, id: 'someone-else' } }),
      (e: LogEntry) => ({ ...e, at: e.at + 365 * DAY }),
      (e: LogEntry) => ({ ...e, event: { ...e.event, n: Number.NaN } }),
      (_e: LogEntry) => null,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(LAST), change), { minLength: 1, maxLength: 2 }),
        fc.boolean(),
        fc.constantFrom<ReplayOptions>({}, { check: 'chain' }),
        (changes, rehashed, options) => {
          let log: unknown[] = [...LOG];
          for (const [at, f] of changes) if (log[at] !== null) log[at] = f(log[at] as LogEntry);
          if (rehashed && !log.includes(null)) {
            try {
              log = rechain(log as LogEntry[]);
            } catch {
              // a NaN cannot be hashed: the log stays tampered
            }
          }
          agree(log, options);
        },
      ),
      { numRuns: 40 },
    );
  });
});
