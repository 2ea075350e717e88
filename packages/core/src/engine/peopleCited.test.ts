// The people an event names are checked against the roster (issue 9): the committee cannot make
// one of its own the owners' proxy, and a paper batch is closed by two people on the roster.
import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../calendar/plainDate.js';
import { PROCESS_KINDS } from '../machines/index.js';
import { FIXTURE_PACKS, fixtureRules, fixtureUnits } from '../testing/fixtureEngine.js';
import { rostered } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import { replay } from './replay.js';

const COMMITTEE = { actor: { id: 'oc-1', role: 'ownersCommittee' }, channel: 'web' } as const;
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;

function collecting() {
  const clock = { t: chinaMidnight('2025-04-01') + 9 * 3_600_000, now: () => clock.t };
  const engine = rostered(createEngine({ kinds: PROCESS_KINDS, clock, packs: FIXTURE_PACKS }));
  const must = (r: { ok: boolean; error?: unknown }) => {
    if (!r.ok) throw r.error;
  };
  must(
    engine.create(
      'writtenConsultation',
      'wc',
      {
        id: 'wc',
        title: '书面表决',
        items: [{ id: 'fund', title: '使用维修资金', matter: 'useMaintenanceFund' }],
        rules: fixtureRules(),
        registry: fixtureUnits,
        hasOwnersCommittee: true,
      },
      COMMITTEE,
    ),
  );
  must(
    engine.send(
      'wc',
      { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [BOARD] },
      COMMITTEE,
    ),
  );
  must(engine.send('wc', { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, COMMITTEE));
  clock.t = chinaMidnight('2025-04-20') + 9 * 3_600_000;
  return engine;
}

const proxy = (holder: string) => ({
  type: 'REGISTER_PROXY',
  proxyId: `px-${holder}`,
  owner: 'o3',
  holder,
  written: true,
  scope: ['fund'],
  validUntil: '2025-12-31',
  authorisationRef: '授权委托书-o3',
  authorisationScanId: 'scan-auth-o3',
});

describe('people an event names, on the roster', () => {
  it('the committee registers one of the residents’ committee staff as an owner’s proxy: refused', () => {
    const engine = collecting();
    const before = engine.log().length;
    const r = engine.send('wc', proxy('staff-1'), COMMITTEE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('FORBIDDEN_ROLE');
      expect(r.error.message).toContain('staff-1');
    }
    expect(engine.log()).toHaveLength(before);
    // a neighbour who holds no office may hold it
    expect(engine.send('wc', proxy('neighbour-7'), COMMITTEE).ok).toBe(true);
    expect(replay(engine.log(), PROCESS_KINDS, { packs: FIXTURE_PACKS }).ok).toBe(true);
  });

  it('a paper batch checked by someone not on the roster is not closed', () => {
    const engine = collecting();
    const paper = { ...COMMITTEE, channel: 'paper' } as const;
    expect(
      engine.send(
        'wc',
        {
          type: 'CAST_BALLOT',
          ballotId: 'b-o2',
          owner: 'o2',
          channel: 'paper',
          choices: [{ itemId: 'fund', choice: 'agree' }],
          evidence: { scanId: 'scan-o2', batchId: 'batch-1' },
        },
        paper,
      ).ok,
    ).toBe(true);
    const close = (checkedBy: string) =>
      engine.send(
        'wc',
        { type: 'CLOSE_PAPER_BATCH', batchId: 'batch-1', count: 1, enteredBy: 'oc-1', checkedBy },
        COMMITTEE,
      );
    const r = close('friend-of-oc-1');
    expect(r.ok || r.error.code).toBe('FORBIDDEN_ROLE');
    expect(close('staff-1').ok).toBe(true);
  });
});

describe('allowedActions asks the roster too', () => {
  it('a claimed owners’ committee member is offered nothing; the one on the roster is', () => {
    const engine = collecting();
    const wc = engine.process('wc')!;
    expect(wc.allowedActions({ id: 'oc-1', role: 'ownersCommittee' })).toContain('CAST_BALLOT');
    expect(wc.allowedActions({ id: 'impostor', role: 'ownersCommittee' })).toEqual([]);
    // owners are checked by the register, not the roster
    expect(wc.allowedActions({ id: 'o1', role: 'owner' })).toContain('CAST_BALLOT');
  });
});
