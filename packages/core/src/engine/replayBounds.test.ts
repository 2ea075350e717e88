// Replay checks the bounds the live engine applied (issue 9): a forger who writes past the engine
// (oversized text, time set back) and re-hashes the log is refused at that entry.
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../calendar/plainDate.js';
import type { LogEntry } from '../log/logEntry.js';
import { rostered, withRoster } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import { replay } from './replay.js';
import { memoryStore } from './store.js';
import { BOARD, noticeInput, noticeKind, OWNER, STAFF } from './testing/noticeKind.js';
import { rechain } from './testing/rechain.js';

const KINDS = withRoster([noticeKind]);

function honestLog(): LogEntry[] {
  const clock = { t: chinaMidnight('2024-09-20') + 10 * 3_600_000, now: () => clock.t };
  const engine = rostered(createEngine({ kinds: KINDS, clock }));
  const must = (r: { ok: boolean; error?: unknown }) => {
    if (!r.ok) throw r.error;
  };
  must(engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF));
  clock.t += 60_000;
  must(engine.send('n-1', { type: 'POST', channels: [BOARD] }, STAFF));
  clock.t += 86_400_000;
  engine.tick();
  clock.t += 60_000;
  must(engine.send('n-1', { type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER));
  return engine.log();
}

const forge = (edit: (entries: LogEntry[]) => void) => rechain(produce(honestLog(), edit));

describe('replay applies the engine’s bounds to the logged entries', () => {
  it('accepts the honest log', () => {
    expect(replay(honestLog(), KINDS).ok).toBe(true);
  });

  it('a 10 MB objection written past the engine and re-hashed', () => {
    const log = forge((d) => {
      d[4]!.event.text = '长'.repeat(10 * 1024 * 1024);
    });
    const r = replay(log, KINDS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_EVENT');
      expect(r.index).toBe(4);
      expect(r.error.message).toContain('event.text');
    }
  });

  it('an entry dated before the one before it', () => {
    const log = forge((d) => {
      d[4]!.at = d[2]!.at - 1;
    });
    const r = replay(log, KINDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CLOCK_BACKWARDS');
  });

  it('an entry dated in 2150', () => {
    const log = forge((d) => {
      d[4]!.at = Date.UTC(2150, 0, 1);
    });
    const r = replay(log, KINDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CLOCK_OUT_OF_RANGE');
  });

  it('an engine reopening a store with a forged entry refuses to open', () => {
    const store = memoryStore();
    for (const e of forge((d) => {
      d[4]!.event.text = 'x'.repeat(5_000);
    }))
      store.append(e);
    expect(() => createEngine({ kinds: KINDS, clock: { now: () => Date.UTC(2024, 9, 1) }, store })).toThrow(
      /limit of 4000/,
    );
  });
});
