/**
 * Property: for any sequence of ballots, repeats, corrections and withdrawals (some after the
 * close, some from outside the register), under each `ownersAssembly.repeatBallot` setting,
 * (1) the consultation accepts exactly what an independent one-vote-per-owner model says it
 * should (an owner's own online ballot is never replaced by a paper or proxy ballot except under
 * `paperOverridesOnline`), (2) the paper batch holds exactly the paper ballots accepted and the
 * count waits for its closure, and (3) the count equals `tallyOwnersAssembly` over that model's
 * effective ballots.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays } from '../../calendar/plainDate.js';
import type { Ballot, Choice } from '../../registry/ballots.js';
import { tallyOwnersAssembly } from '../../tally/ownersAssembly.js';
import {
  committee,
  engineFixturePolicy,
  fixtureUnits,
  play,
  type Scripted,
  system,
} from '../../testing/fixtureEngine.js';
import { startProcess, stepProcess } from '../processKind.js';
import type { RepeatBallot } from './ballotLedger.js';
import { writtenConsultationKind as kind } from './writtenConsultation.kind.js';
import type { WrittenConsultationMachine } from './writtenConsultation.machine.js';

const OPENS = '2025-04-16';
const CLOSES = '2025-04-30';
const ITEMS = [
  { id: 'fund', title: '使用维修资金', matter: 'useMaintenanceFund' as const },
  { id: 'rebuild', title: '改建', matter: 'rebuild' as const },
];
const VOTERS = ['o1', 'o2', 'o3', 'o4', 'o5', 'developer'];
const CHANNELS = ['online', 'officialPlatform', 'paper', 'proxy'] as const;
type Channel = (typeof CHANNELS)[number];
const HOLDER: Actor = { id: 'h-1', role: 'resident' };

const written = (c: Channel) => c === 'paper' || c === 'proxy';
const ownersOwn = (c: Channel) => c === 'online' || c === 'officialPlatform';
const CHECKER: Actor = { id: 'oc-2', role: 'ownersCommittee' };

interface Op {
  kind: 'cast' | 'correct' | 'withdraw';
  owner: string;
  channel: Channel;
  choices: Choice[];
  day: number;
}

const op = fc.record({
  kind: fc.constantFrom('cast', 'cast', 'correct', 'withdraw'),
  owner: fc.constantFrom(...VOTERS, 'stranger'),
  channel: fc.constantFrom(...CHANNELS),
  choices: fc.tuple(
    fc.constantFrom<Choice>('agree', 'oppose', 'abstain', 'invalid'),
    fc.constantFrom<Choice>('agree', 'oppose', 'abstain'),
  ),
  // Days from the opening; 15 and 16 fall after the close (2025-04-30).
  day: fc.nat({ max: 16 }),
}) as fc.Arbitrary<Op>;

type Live = { channel: Channel; choices: Choice[] };

/** Who submits through a channel: the owner online, the committee for paper, the holder for a proxy. */
const actorFor = (owner: string, channel: Channel): Actor =>
  channel === 'paper' ? committee : channel === 'proxy' ? HOLDER : { id: owner, role: 'owner' };

function open(repeat: RepeatBallot) {
  const s = startProcess(kind, {
    id: 'wc',
    title: '书面表决',
    items: ITEMS,
    policy: engineFixturePolicy({ 'ownersAssembly.repeatBallot': repeat }),
    registry: fixtureUnits,
    hasOwnersCommittee: true,
  });
  return play(
    kind,
    s,
    [
      {
        type: 'POST_NOTICE',
        opensOn: OPENS,
        closesOn: CLOSES,
        channels: [{ channel: 'online', platform: '社区云', postId: 'p' }],
      },
      '2025-04-01',
      committee,
    ],
    [{ type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, '2025-04-01', committee],
    // Every owner on the register has a registered proxy held by HOLDER.
    ...VOTERS.map(
      (owner): Scripted => [
        {
          type: 'REGISTER_PROXY',
          proxyId: `px-${owner}`,
          owner,
          holder: HOLDER.id,
          written: true,
          scope: ['fund', 'rebuild'],
          validUntil: CLOSES,
          authorisationRef: `auth-${owner}`,
          authorisationScanId: `scan-auth-${owner}`,
        },
        '2025-04-01',
        committee,
      ],
    ),
  );
}

function run(repeat: RepeatBallot, ops: Op[]) {
  let s: SnapshotFrom<WrittenConsultationMachine> = open(repeat);
  const model = new Map<string, Live>();
  let paperCasts = 0;
  // Dates never go backwards: the sequence is applied in date order (stable for equal days).
  const sorted = ops.map((o, i) => ({ ...o, i })).sort((a, b) => a.day - b.day || a.i - b.i);
  for (const o of sorted) {
    const on = addDays(OPENS, o.day);
    const inWindow = on <= CLOSES;
    const onRegister = VOTERS.includes(o.owner);
    const live = model.get(o.owner);
    const choices = o.choices.map((choice, k) => ({ itemId: ITEMS[k]!.id, choice }));
    let event: Record<string, unknown>;
    let actor: Actor;
    let expected: boolean;
    if (o.kind === 'cast') {
      const repeatOk =
        live === undefined ||
        (repeat === 'lastCounts' && (ownersOwn(o.channel) || !ownersOwn(live.channel))) ||
        (repeat === 'paperOverridesOnline' && written(o.channel) && !written(live.channel));
      expected = inWindow && onRegister && repeatOk;
      actor = actorFor(o.owner, o.channel);
      event = {
        type: 'CAST_BALLOT',
        ballotId: `b${o.i}`,
        owner: o.owner,
        channel: o.channel,
        choices,
        ...(o.channel === 'proxy' ? { proxyId: `px-${o.owner}` } : {}),
        ...(o.channel === 'paper' ? { evidence: { scanId: `scan-b${o.i}`, batchId: 'batch' } } : {}),
      };
    } else {
      expected = inWindow && onRegister && live !== undefined;
      actor = actorFor(o.owner, live?.channel ?? o.channel);
      event =
        o.kind === 'correct'
          ? { type: 'CORRECT_BALLOT', owner: o.owner, choices }
          : { type: 'WITHDRAW_BALLOT', owner: o.owner };
    }
    const r = stepProcess(kind, s, event, { on, actor });
    expect(r.ok, `${o.kind} ${o.owner} ${o.channel} on ${on}: ${r.ok ? 'accepted' : r.error.message}`).toBe(
      expected,
    );
    if (!r.ok) {
      if (o.kind === 'cast' && inWindow && onRegister && live !== undefined)
        expect(r.error.code).toBe(
          repeat === 'lastCounts' && ownersOwn(live.channel) ? 'OWN_BALLOT_PROTECTED' : 'DOUBLE_VOTE',
        );
      if (!inWindow) expect(r.error.code).toBe('VOTE_AFTER_CLOSE');
      else if (!onRegister) expect(r.error.code).toBe('NOT_ON_REGISTER');
      continue;
    }
    s = r.snapshot;
    if (o.kind === 'cast' && o.channel === 'paper') paperCasts++;
    if (o.kind === 'withdraw') model.delete(o.owner);
    else if (o.kind === 'correct') model.set(o.owner, { channel: live!.channel, choices: o.choices });
    else model.set(o.owner, { channel: o.channel, choices: o.choices });
  }
  const closed = stepProcess(kind, s, { type: 'TICK' }, { on: addDays(CLOSES, 17), actor: system });
  if (!closed.ok) throw closed.error;
  expect(closed.snapshot.value).toBe(paperCasts > 0 ? 'closing' : 'counted');
  expect(closed.snapshot.context.batches.batch?.ballots ?? 0).toBe(paperCasts);
  if (paperCasts === 0) return { snapshot: closed.snapshot, model };
  const close = (count: number) =>
    stepProcess(
      kind,
      closed.snapshot,
      { type: 'CLOSE_PAPER_BATCH', batchId: 'batch', count, enteredBy: committee.id, checkedBy: CHECKER.id },
      { on: addDays(CLOSES, 18), actor: CHECKER },
    );
  const wrong = close(paperCasts + 1);
  expect(!wrong.ok && wrong.error.code).toBe('BATCH_MISMATCH');
  const counted = close(paperCasts);
  if (!counted.ok) throw counted.error;
  return { snapshot: counted.snapshot, model };
}

describe.each<RepeatBallot>(['firstCounts', 'lastCounts', 'paperOverridesOnline'])(
  'repeatBallot = %s',
  (repeat) => {
    it('accepts what one-vote-per-owner allows, and counts exactly tallyOwnersAssembly over the effective ballots', {
      timeout: 600_000,
    }, () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
          const { snapshot, model } = run(repeat, ops);
          expect(snapshot.value).toBe('counted');
          ITEMS.forEach((item, k) => {
            const ballots: Ballot[] = [...model].map(([owner, b]) => ({
              owner,
              choice: b.choices[k]!,
              channel: b.channel,
            }));
            const expected = tallyOwnersAssembly({
              registry: fixtureUnits,
              ballots,
              matter: item.matter,
              policy: engineFixturePolicy({ 'ownersAssembly.repeatBallot': repeat }),
            });
            expect(snapshot.context.results[k]).toEqual({ itemId: item.id, result: expected });
          });
        }),
        { numRuns: 150 },
      );
    });
  },
);
