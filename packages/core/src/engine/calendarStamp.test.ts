// The calendar a log was written on is recorded and checked (issue 9): a log replayed on another
// calendar could end its periods on other days, so replay refuses it.
import { describe, expect, it } from 'vitest';
import { chinaHolidays } from '../calendar/chinaHolidays.js';
import { chinaMidnight } from '../calendar/plainDate.js';
import { createProcessKinds, PROCESS_KINDS } from '../machines/processKinds.js';
import { YEAR_2027 } from '../testing/fixtureHolidays.js';
import { rostered } from '../testing/fixtureRoster.js';
import { calendarStamp } from './calendarStamp.js';
import { createEngine } from './createEngine.js';
import { replay } from './replay.js';
import { noticeInput, STAFF } from './testing/noticeKind.js';

function log() {
  const engine = rostered(
    createEngine({ kinds: PROCESS_KINDS, clock: { now: () => chinaMidnight('2026-03-02') } }),
  );
  const r = engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
  if (!r.ok) throw r.error;
  return engine.log();
}

describe('the calendar in the log', () => {
  it('every CREATE of a kind that counts periods names its calendar', () => {
    const entry = log()[1]!;
    expect(entry.event.calendar).toBe(calendarStamp(chinaHolidays));
    expect(entry.event.calendar).toMatch(/^\d{4}-\d{4}:[0-9a-f]{16}$/);
  });

  it('replay on another calendar is refused; on the same one it holds', () => {
    const other = createProcessKinds({ calendar: chinaHolidays.withYears(YEAR_2027) });
    const r = replay(log(), other);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CALENDAR_MISMATCH');
    expect(replay(log(), PROCESS_KINDS).ok).toBe(true);
    expect(calendarStamp(chinaHolidays.withYears(YEAR_2027))).not.toBe(calendarStamp(chinaHolidays));
  });
});
