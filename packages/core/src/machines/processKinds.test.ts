import { describe, expect, it } from 'vitest';
import { chinaHolidays } from '../calendar/chinaHolidays.js';
import { provisional } from '../calendar/provisional.js';
import { YEAR_2027 } from '../testing/fixtureHolidays.js';
import { startProcess, stepProcess } from './processKind.js';
import { createProcessKinds, PROCESS_KINDS } from './processKinds.js';
import type { publicNoticeKind } from './publicNotice/publicNotice.kind.js';

const staff = {
  actor: { id: 'staff-1', role: 'residentsCommitteeStaff' as const },
  channel: 'counter' as const,
};
/** The public-notice kind is the fourth of the four. */
const notice = (kinds: ReturnType<typeof createProcessKinds>): typeof publicNoticeKind => kinds[3];
const input = {
  id: 'n1',
  kind: 'publicity',
  title: '加装电梯方案公示',
  period: { days: 15, unit: 'natural' },
};
const post = {
  type: 'POST',
  channels: [{ channel: 'board', location: '1号楼门厅', photoSha256: 'ab'.repeat(32) }],
};

describe('createProcessKinds', () => {
  it('without a calendar gives the bundled kinds', () => {
    expect(createProcessKinds()).toBe(PROCESS_KINDS);
    expect(createProcessKinds({ calendar: chinaHolidays })).toBe(PROCESS_KINDS);
  });

  it('a notice posted on 2026-12-20 runs into 2027: refused on the bundled calendar, counted on one with the 2027 notice', () => {
    const stamp = { ...staff, on: '2026-12-20' };
    const bundled = notice(PROCESS_KINDS);
    const refused = stepProcess(bundled, startProcess(bundled, input), post, stamp);
    expect(refused.ok).toBe(false);

    expect(bundled.kind).toBe('publicNotice');
    const kinds = createProcessKinds({ calendar: chinaHolidays.withYears(YEAR_2027) });
    expect(kinds.map((k) => k.kind)).toEqual(PROCESS_KINDS.map((k) => k.kind));
    const kind = notice(kinds);
    const posted = stepProcess(kind, startProcess(kind, input), post, stamp);
    expect(posted.ok).toBe(true);
    if (!posted.ok) return;
    // 15 days from 12-21 end on 2027-01-04, a Monday and a working day.
    expect(JSON.stringify(posted.snapshot.context)).toContain('2027-01-04');
  });

  it('on a provisional calendar the same notice is counted, and its period says it is provisional', () => {
    const kind = notice(createProcessKinds({ calendar: provisional(chinaHolidays) }));
    const posted = stepProcess(kind, startProcess(kind, input), post, { ...staff, on: '2026-12-20' });
    expect(posted.ok).toBe(true);
    if (!posted.ok) return;
    const context = JSON.stringify(posted.snapshot.context);
    expect(context).toContain('2027-01-04');
    expect(context).toContain('"provisional":true');
  });
});
