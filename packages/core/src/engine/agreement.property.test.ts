/**
 * Property (issue 9): for random histories, the live engine and replay agree on every refusal as
 * well as every acceptance. Each attempt is sent to the live engine; then an engine reopened from
 * the log written so far (a full replay) is sent the same attempt at the same time, and must give
 * the same answer: the same refusal code, or the same entry, byte for byte. So nothing the live
 * engine decides depends on state that replay does not rebuild (the world of linked processes, the
 * rules resolved from packs, the clock's last reading, the bounds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role, SubmissionChannel } from '../actor/actor.js';
import { chinaMidnight } from '../calendar/plainDate.js';
import { PROCESS_KINDS } from '../machines/index.js';
import { FIXTURE_PACKS, fixtureRules, fixtureUnits } from '../testing/fixtureEngine.js';
import { rostered } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import { memoryStore } from './store.js';

type Ctx = { actor: { id: string; role: Role }; channel: SubmissionChannel };
const as = (id: string, role: Role, channel: SubmissionChannel = 'web'): Ctx => ({
  actor: { id, role },
  channel,
});
const COMMITTEE = as('oc-1', 'ownersCommittee');
const CHECKER = 'oc-2';
const STAFF = as('staff-1', 'residentsCommitteeStaff');
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const OWNERS = ['o1', 'o2', 'o3', 'o4', 'o5', 'stranger'];

type Attempt =
  | { t: 'create'; kind: string; id: string; input: unknown; who: Ctx }
  | { t: 'send'; to: string; event: Record<string, unknown>; who: Ctx }
  | { t: 'tick' };

const consultation = (rules: unknown): Attempt => ({
  t: 'create',
  kind: 'writtenConsultation',
  id: 'wc',
  input: {
    id: 'wc',
    title: '书面表决',
    items: [{ id: 'fund', title: '使用维修资金', matter: 'useMaintenanceFund' }],
    rules,
    registry: fixtureUnits,
    hasOwnersCommittee: true,
  },
  who: COMMITTEE,
});

const base: Attempt[] = [
  consultation(fixtureRules({ 'ownersAssembly.repeatBallot': 'lastCounts' })),
  {
    t: 'send',
    to: 'wc',
    event: { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [BOARD] },
    who: COMMITTEE,
  },
  { t: 'send', to: 'wc', event: { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, who: COMMITTEE },
];

const attempt: fc.Arbitrary<Attempt> = fc.oneof(
  fc
    .record({
      owner: fc.constantFrom(...OWNERS),
      choice: fc.constantFrom('agree', 'oppose', 'abstain'),
      paper: fc.boolean(),
      evidence: fc.boolean(),
      n: fc.nat(3),
    })
    .map(
      ({ owner, choice, paper, evidence, n }): Attempt => ({
        t: 'send',
        to: 'wc',
        event: {
          type: 'CAST_BALLOT',
          ballotId: `b-${owner}-${n}`,
          owner,
          channel: paper ? 'paper' : 'online',
          choices: [{ itemId: 'fund', choice }],
          ...(paper && evidence ? { evidence: { scanId: `scan-${owner}-${n}`, batchId: 'batch-1' } } : {}),
        },
        who: paper ? { ...COMMITTEE, channel: 'paper' } : as(owner, 'owner', 'mobile'),
      }),
    ),
  fc.nat(4).map(
    (count): Attempt => ({
      t: 'send',
      to: 'wc',
      event: {
        type: 'CLOSE_PAPER_BATCH',
        batchId: 'batch-1',
        count,
        enteredBy: COMMITTEE.actor.id,
        checkedBy: CHECKER,
      },
      who: COMMITTEE,
    }),
  ),
  fc.constant<Attempt>({ t: 'tick' }),
  // the attacks: a policy handed in, a forged rules date, a reform, a wrong role, junk
  fc.constant<Attempt>(consultation({ pack: 'fixture', at: '2025-01-01', reforms: ['x'] })),
  fc.constant<Attempt>({
    t: 'send',
    to: 'wc',
    event: { type: 'ANNOUNCE', channels: [BOARD] },
    who: as('o1', 'owner'),
  }),
  fc.constant<Attempt>({
    t: 'send',
    to: 'wc',
    event: { type: 'ANNOUNCE', channels: [BOARD] },
    who: COMMITTEE,
  }),
  fc.constant<Attempt>({
    t: 'send',
    to: 'wc',
    event: { type: 'AMEND_RULES', rules: fixtureRules(), reason: '更正' },
    who: COMMITTEE,
  }),
  fc.constant<Attempt>({
    t: 'send',
    to: 'wc',
    event: { type: 'AMEND_RULES', rules: { pack: 'nope', at: '2025-01-01' }, reason: '伪造' },
    who: COMMITTEE,
  }),
  fc.constant<Attempt>({ t: 'send', to: 'n-1', event: { type: 'POST', channels: [BOARD] }, who: STAFF }),
  fc.constant<Attempt>({
    t: 'create',
    kind: 'publicNotice',
    id: 'n-1',
    input: { id: 'n-1', kind: 'publicity', title: '公示', period: { days: 7, unit: 'natural' } },
    who: STAFF,
  }),
  fc.constant<Attempt>({
    t: 'send',
    to: 'wc',
    event: { type: 'CAST_BALLOT', ballotId: 'x'.repeat(200) },
    who: COMMITTEE,
  }),
);

/** An attempt's answer: accepted with the entry's hash, refused with its code, or a tick's count. */
function answer(engine: ReturnType<typeof createEngine>, a: Attempt): string {
  if (a.t === 'tick') {
    try {
      return `tick ${engine
        .tick()
        .map((r) => r.entry.hash)
        .join(',')}`;
    } catch (e) {
      return `tick threw ${(e as { code?: string }).code}`;
    }
  }
  const r =
    a.t === 'create' ? engine.create(a.kind, a.id, a.input, a.who) : engine.send(a.to, a.event, a.who);
  return r.ok ? `ok ${r.entry.hash}` : `refused ${r.error.code}`;
}

describe('live engine and replay agree on every refusal and acceptance', () => {
  it('random histories of a written consultation and a notice', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(attempt, fc.integer({ min: 1, max: 4 })), { minLength: 5, maxLength: 30 }),
        (steps) => {
          const clock = { t: chinaMidnight('2025-04-01') + 9 * 3_600_000, now: () => clock.t };
          const store = memoryStore();
          const live = rostered(createEngine({ kinds: PROCESS_KINDS, clock, store, packs: FIXTURE_PACKS }));
          const all: [Attempt, number][] = [...base.map((a): [Attempt, number] => [a, 0]), ...steps];
          for (const [a, days] of all) {
            clock.t += days * 86_400_000 + 60_000;
            // the reopened engine first (it must not see this attempt's entry), at the same reading
            const reopened = createEngine({
              kinds: PROCESS_KINDS,
              clock,
              store: memoryStore(store.entries()),
              packs: FIXTURE_PACKS,
            });
            const replayed = answer(reopened, a);
            const now = answer(live, a);
            expect(replayed, JSON.stringify(a).slice(0, 200)).toBe(now);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
