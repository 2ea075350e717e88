/**
 * Model-based tests of the written consultation: every shortest path (@xstate/graph) under each
 * `ownersAssembly.repeatBallot` setting, with three owners voting online, on paper and by proxy,
 * repeating, correcting and withdrawing. Each path is replayed through the engine's checks and a
 * JSON-restored snapshot; at every step the live ballots equal a replay of the ledger, and once
 * counted the results equal `tallyOwnersAssembly` over the ledger's effective ballots.
 */

import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays } from '../../calendar/plainDate.js';
import { tallyOwnersAssembly } from '../../tally/ownersAssembly.js';
import { committee, engineFixturePolicy, fixtureUnits, system } from '../../testing/fixtureEngine.js';
import { fingerprint, policyOf } from '../frozenPolicy.js';
import {
  checkRestore,
  definedTransitions,
  describeTransition,
  label,
  type Model,
  replay,
  shortestPaths,
  transitionsTaken,
} from '../modelPaths.testkit.js';
import {
  ballotEntries,
  castWithId,
  effectiveBallots,
  ledgerSize,
  liveBallotOf,
  liveBallots,
  liveFromLedger,
  type RepeatBallot,
} from './ballotLedger.js';
import { replacedBallots } from './consultationRules.js';
import type { ConsultationInput, PersistedConsultationContext } from './consultationSchemas.js';
import { trieEntries } from './hashTrie.js';
import { writtenConsultationKind as kind } from './writtenConsultation.kind.js';
import type { WrittenConsultationMachine } from './writtenConsultation.machine.js';

type S = SnapshotFrom<WrittenConsultationMachine>;
const D0 = '2025-04-01';
const BOARD = { channel: 'board', location: '公告栏', photoId: 'img' } as const;
const HOLDER: Actor = { id: 'h-1', role: 'resident' };

const input = (repeat: RepeatBallot): ConsultationInput => ({
  id: 'wc',
  title: '书面表决',
  items: [{ id: 'fund', title: '使用维修资金', matter: 'useMaintenanceFund' }],
  policy: engineFixturePolicy({ 'ownersAssembly.repeatBallot': repeat }),
  registry: fixtureUnits,
  hasOwnersCommittee: true,
});

/**
 * How each owner votes first: o1 online (a repeat comes on paper), o3 by proxy, a paper proxy
 * ballot the committee enters with its scan in a paper batch (a repeat comes online).
 * Paper-first ballots and the other owners are covered by the unit and property tests; two owners
 * keep the graph small enough to walk every shortest path in seconds.
 */
const FIRST = { o1: 'online', o3: 'proxy' } as const;
type Owner = keyof typeof FIRST;
const CHECKER: Actor = { id: 'oc-2', role: 'ownersCommittee' };

/** The batch the committee enters into: the open one, or a new one after each closure. */
const batchFor = (s: S) => {
  const open = Object.values(s.context.batches).find((b) => b.closure === null);
  return open?.batchId ?? `b${Object.keys(s.context.batches).length}`;
};

function ballot(s: S, owner: Owner, channel: 'online' | 'paper' | 'proxy', choice: string, on: string) {
  const n = ledgerSize(s.context.entries);
  const actor: Actor = channel === 'online' ? { id: owner, role: 'owner' } : committee;
  const proxy = channel === 'proxy' ? { proxyId: `px-${owner}` } : {};
  const evidence =
    channel === 'online' ? {} : { evidence: { scanId: `scan-${owner}-${n}`, batchId: batchFor(s) } };
  return {
    type: 'CAST_BALLOT',
    ballotId: `${owner}-${n}`,
    owner,
    channel,
    choices: [{ itemId: 'fund', choice }],
    ...proxy,
    ...evidence,
    on,
    actor,
  };
}

function eventsFor(s: S) {
  const c = s.context;
  const today = c.today ?? D0;
  const ev = (name: string, e: Record<string, unknown>, on = today, actor: Actor = committee) =>
    label({ ...e, on, actor } as { type: string; on: string; actor: Actor }, name);
  const tick = (name: string, on: string) => ev(name, { type: 'TICK' }, on, system);
  const amend =
    c.amendments.length === 0
      ? [
          ev('AMEND_REGISTER', {
            type: 'AMEND_REGISTER',
            registry: produce(fixtureUnits, (d) => {
              d.units[0]!.area = '81.00';
            }),
            reason: '更正面积',
          }),
          ev('AMEND_RULES', {
            type: 'AMEND_RULES',
            policy: engineFixturePolicy({
              'ownersAssembly.repeatBallot': c.rules.repeatBallot,
              'publicity.meetingResultDays': 5,
            }),
            reason: '调整公告期',
          }),
        ]
      : [];
  const n = c.notices.at(-1);
  const cancel = ev('CANCEL', { type: 'CANCEL', reason: '取消' });
  // o3's proxy: registered by the committee, then revoked by o3 (withdrawing a live proxy ballot).
  const px = c.proxies['px-o3'];
  const proxyEvents = !px
    ? [
        ev('REGISTER_PROXY o3', {
          type: 'REGISTER_PROXY',
          proxyId: 'px-o3',
          owner: 'o3',
          holder: HOLDER.id,
          written: true,
          scope: ['fund'],
          validUntil: '2025-12-31',
          authorisationRef: '授权委托书-o3',
          authorisationScanId: 'scan-授权委托书-o3',
        }),
      ]
    : px.revoked === null
      ? [
          ev('REVOKE_PROXY o3', { type: 'REVOKE_PROXY', proxyId: 'px-o3' }, today, {
            id: 'o3',
            role: 'owner',
          }),
          // The owner's own confirmation (a self-loop for the graph: the scan already stands).
          ...(px.confirmed === null
            ? [
                ev('CONFIRM_PROXY o3', { type: 'CONFIRM_PROXY', proxyId: 'px-o3' }, today, {
                  id: 'o3',
                  role: 'owner',
                }),
              ]
            : []),
        ]
      : [];
  const openBatch = Object.values(c.batches).find((b) => b.closure === null);
  const closeBatch = openBatch
    ? [
        ev(
          'CLOSE_PAPER_BATCH',
          {
            type: 'CLOSE_PAPER_BATCH',
            batchId: openBatch.batchId,
            count: openBatch.ballots,
            enteredBy: committee.id,
            checkedBy: CHECKER.id,
          },
          today,
          CHECKER,
        ),
      ]
    : [];
  /** o3 votes by proxy while it holds, online otherwise. */
  const firstOf = (owner: Owner) => (owner === 'o3' && px?.revoked !== null ? 'online' : FIRST[owner]);
  switch (String(s.value)) {
    case 'draft':
      return [
        ev('POST_NOTICE', {
          type: 'POST_NOTICE',
          opensOn: addDays(today, 15),
          closesOn: addDays(today, 29),
          channels: [BOARD],
        }),
        ...amend,
        cancel,
        tick('TICK', today),
      ];
    case 'noticed':
      return [
        ev('ISSUE_BALLOTS', { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }),
        ...proxyEvents,
        ...amend,
        cancel,
        tick('TICK', today),
      ];
    case 'issued':
      return [
        label(ballot(s, 'o1', 'online', 'agree', n!.opensOn), 'CAST o1 first'),
        tick('TICK open', n!.opensOn),
        ...proxyEvents,
        ...amend,
        cancel,
        tick('TICK', today),
      ];
    case 'collecting': {
      const out = [];
      for (const owner of Object.keys(FIRST) as Owner[]) {
        const live = liveBallotOf(c.live, owner);
        if (!live) {
          out.push(label(ballot(s, owner, firstOf(owner), 'agree', today), `CAST ${owner} first`));
          continue;
        }
        const other = live.channel === 'online' ? 'paper' : 'online';
        out.push(label(ballot(s, owner, other, 'oppose', today), `CAST ${owner} again`));
        const flip = live.choices[0]?.choice === 'agree' ? 'oppose' : 'agree';
        const who =
          live.channel === 'online'
            ? { id: owner, role: 'owner' as const }
            : live.channel === 'proxy'
              ? HOLDER
              : committee;
        out.push(
          ev(
            `CORRECT ${owner}`,
            { type: 'CORRECT_BALLOT', owner, choices: [{ itemId: 'fund', choice: flip }] },
            today,
            who,
          ),
        );
        out.push(ev(`WITHDRAW ${owner}`, { type: 'WITHDRAW_BALLOT', owner }, today, who));
      }
      return [
        ...out,
        ...closeBatch,
        ...proxyEvents,
        ...amend,
        cancel,
        tick('TICK', today),
        tick('TICK>close', addDays(n!.closesOn, 1)),
      ];
    }
    case 'closing':
      return [...closeBatch, cancel, tick('TICK', today)];
    case 'counted':
      return [ev('ANNOUNCE', { type: 'ANNOUNCE', channels: [BOARD] }), tick('TICK', today)];
    case 'announcing':
      return [tick('TICK', today), tick('TICK>last', addDays(c.announcement!.lastDay, 1))];
    default:
      return [];
  }
}

function serialize(s: S): string {
  const c = s.context;
  const live = Object.keys(FIRST).map((o) => {
    const b = liveBallotOf(c.live, o);
    return b ? `${b.channel}:${b.choices.map((x) => x.choice).join('')}` : '-';
  });
  const px = c.proxies['px-o3'];
  const proxy = px ? (px.revoked ? 'revoked' : 'registered') : 'none';
  const batches = Object.values(c.batches);
  const batch = batches.length === 0 ? 'none' : batches.some((b) => b.closure === null) ? 'open' : 'closed';
  return JSON.stringify([
    s.value,
    live,
    proxy,
    batch,
    c.amendments.length,
    c.results.map((r) => r.result.outcome),
  ]);
}

function check(s: S): void {
  const c = s.context;
  const persisted = (
    kind.machine.getPersistedSnapshot(s) as unknown as { context: PersistedConsultationContext }
  ).context;
  expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
  const entries = ballotEntries(c);
  expect(persisted.entries).toEqual(entries);
  // the owner index holds exactly the live ballots the ledger leaves
  expect(Object.fromEntries(trieEntries(c.live))).toEqual(liveFromLedger(entries));
  expect(persisted.live).toEqual(liveFromLedger(entries));
  expect(c.live.size).toBe(Object.keys(persisted.live).length);
  for (const e of entries) if (e.kind === 'cast') expect(castWithId(c.entries, e.ballotId!)).toBe(e.seq);
  expect(c.registerHash).toBe(fingerprint(c.registry));
  const { policyId: id, version, at, reforms, mode, parameters } = c.policy;
  expect(c.policy.rulesHash).toBe(fingerprint({ id, version, at, reforms, mode, parameters }));
  if (c.freeze) {
    expect(c.freeze.registerHash).toBe(c.registerHash);
    expect(c.freeze.rulesHash).toBe(c.policy.rulesHash);
  }
  const n = c.notices.at(-1);
  for (const e of entries) {
    expect(e.on >= n!.opensOn && e.on <= n!.closesOn).toBe(true);
    expect(c.voters[e.owner]).toBe(1);
  }
  if (entries.length > 0) expect(c.freeze).not.toBeNull();
  // each batch holds exactly the casts that name it; a closed one was closed with that count
  for (const b of Object.values(c.batches)) {
    const casts = entries.filter((e) => e.kind === 'cast' && e.evidence?.batchId === b.batchId);
    expect(b.ballots).toBe(casts.length);
    if (b.closure) expect(b.closure.count).toBe(b.ballots);
  }
  // only a ballot someone else entered carries evidence, and each does
  for (const e of entries)
    if (e.kind === 'cast')
      expect(e.evidence !== undefined).toBe(e.by.id !== e.owner && e.by.id !== HOLDER.id);
  if (String(s.value) === 'counted') {
    expect(Object.values(c.batches).every((b) => b.closure !== null)).toBe(true);
    expect(c.replacedBallots).toEqual(replacedBallots(entries));
  }
  if (['counted', 'announcing', 'completed'].includes(String(s.value))) {
    const live = liveFromLedger(entries);
    const expected = tallyOwnersAssembly({
      registry: c.registry,
      ballots: effectiveBallots(live, 'fund'),
      matter: 'useMaintenanceFund',
      policy: policyOf(c.policy),
    });
    expect(c.results[0]?.result).toEqual(expected);
  }
}

const SETTINGS: RepeatBallot[] = ['firstCounts', 'lastCounts', 'paperOverridesOnline'];
const models = SETTINGS.map(
  (repeat): Model<WrittenConsultationMachine> => ({
    name: repeat,
    kind,
    input: input(repeat),
    events: eventsFor,
    serialize,
    check,
  }),
);
const PATHS = new Map(models.map((m) => [m, shortestPaths(m)]));

describe.each(models.map((m) => [m.name, m] as const))(
  'written consultation (repeatBallot %s): every shortest path',
  (_name, model) => {
    const paths = PATHS.get(model)!;

    it('reaches every state', () => {
      expect([...new Set(paths.map((p) => String(p.state.value)))].sort()).toEqual(
        [
          'announcing',
          'cancelled',
          'closing',
          'collecting',
          'completed',
          'counted',
          'draft',
          'issued',
          'noticed',
        ].sort(),
      );
    });

    it('replays each path through the engine’s checks with the ledger invariants; snapshots restore from JSON', {
      timeout: 600_000,
    }, () => {
      for (const path of paths) {
        const steps = replay(model, path);
        const last = steps.at(-1);
        if (last) checkRestore(model, last.after);
      }
    });

    it('a repeat ballot lands where the setting says', () => {
      const repeats = paths.flatMap((p) => p.steps).filter((st) => st.event.type === 'CAST_BALLOT');
      const kinds = new Set(
        paths.map((p) =>
          Object.values(liveBallots(p.state.context))
            .map((b) => b.channel)
            .join(','),
        ),
      );
      expect(repeats.length).toBeGreaterThan(0);
      if (model.name === 'firstCounts') {
        // Nobody's live ballot ever changed channel by a repeat: it is the owner's first cast
        // since their last withdrawal (o3 votes online while no proxy holds for them).
        for (const p of paths) {
          const entries = ballotEntries(p.state.context);
          for (const [o, b] of Object.entries(liveBallots(p.state.context))) {
            const mine = entries.filter((e) => e.owner === o);
            const lastWithdrawal = mine.map((e) => e.kind).lastIndexOf('withdrawal');
            const since = mine.slice(lastWithdrawal + 1);
            expect(b.channel).toBe(since.find((e) => e.kind === 'cast')?.channel);
          }
        }
      } else if (model.name === 'lastCounts') {
        // The committee's paper never replaces o1's own online ballot; o1's own online ballot
        // does replace o3's proxy ballot the committee entered.
        for (const p of paths) expect(liveBallots(p.state.context).o1?.channel ?? 'online').toBe('online');
        expect(paths.some((p) => p.state.context.replacedBallots.some((r) => r.owner === 'o3'))).toBe(true);
      } else {
        expect([...kinds].some((k) => k.includes('paper') && k.split(',')[0] === 'paper')).toBe(true);
      }
    });
  },
);

describe('written consultation: coverage of the machine definition', () => {
  it('from the reachable states, every transition the machine defines is taken', { timeout: 600_000 }, () => {
    const taken = new Set<unknown>();
    for (const [model, paths] of PATHS) {
      for (const path of paths) {
        const steps = replay(model, path);
        const s = steps.at(-1)?.after ?? path.state;
        for (const { before, event } of steps)
          for (const t of transitionsTaken(kind.machine, before, event)) taken.add(t);
        for (const e of model.events(s))
          if (s.can(e as never)) for (const t of transitionsTaken(kind.machine, s, e)) taken.add(t);
      }
    }
    const missing = [...definedTransitions(kind.machine)]
      .filter((t) => !taken.has(t))
      .map(describeTransition);
    expect(missing).toEqual([]);
  });
});
