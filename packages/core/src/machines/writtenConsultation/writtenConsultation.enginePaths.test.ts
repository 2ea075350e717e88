/**
 * The written consultation's shortest paths (under each `ownersAssembly.repeatBallot` covenant
 * choice; two owners voting online, on paper and by proxy, repeating, correcting, withdrawing)
 * run through a live engine with the fixture roster: the committee members entering and checking
 * a paper batch (双人录入) and the proxy holder are checked on the roster on each event's date, an
 * impostor is refused at every step taken in a roster role, and each path's log replays to the
 * same persisted snapshot (testing/enginePaths.testkit.ts). The consultation is created from
 * `rules` (the fixture pack on a date, the covenant choice), and so is each amendment of its rules.
 */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays } from '../../calendar/plainDate.js';
import {
  type EngineModel,
  enginePaths,
  label,
  type PathEvent,
  runPaths,
} from '../../testing/enginePaths.testkit.js';
import { committee, fixtureRules, fixtureUnits, system } from '../../testing/fixtureEngine.js';
import { ledgerSize, liveBallotOf, type RepeatBallot } from './ballotLedger.js';
import { writtenConsultationKind as kind } from './writtenConsultation.kind.js';
import type { WrittenConsultationMachine } from './writtenConsultation.machine.js';

type S = SnapshotFrom<WrittenConsultationMachine>;
const D0 = '2025-04-01';
const BOARD = { channel: 'board', location: '公告栏', photoId: 'img' } as const;
const HOLDER: Actor = { id: 'h-1', role: 'resident' };

const input = (repeat: RepeatBallot) => ({
  id: 'wc',
  title: '书面表决',
  items: [{ id: 'fund', title: '使用维修资金', matter: 'useMaintenanceFund' }],
  rules: fixtureRules({ 'ownersAssembly.repeatBallot': repeat }),
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
    ...(channel === 'online' ? {} : { submission: 'paper' as const }),
  };
}

function eventsFor(s: S) {
  const c = s.context;
  const today = c.today ?? D0;
  const ev = (name: string, e: Record<string, unknown>, on = today, actor: Actor = committee) =>
    label({ ...e, on, actor } as PathEvent, name);
  const tick = (name: string, on: string) => ev(name, { type: 'TICK' }, on, system);
  // One amendment per path: the rules while in draft (of a later date: in a live engine only a
  // covenant choice is the estate's), the register later; both give one abstract state.
  const amend =
    c.amendments.length > 0
      ? []
      : s.value === 'draft'
        ? [
            ev('AMEND_RULES', {
              type: 'AMEND_RULES',
              rules: fixtureRules({ 'ownersAssembly.repeatBallot': c.rules.repeatBallot }, today),
              reason: '按新日期适用规则',
            }),
          ]
        : [
            ev('AMEND_REGISTER', {
              type: 'AMEND_REGISTER',
              registry: produce(fixtureUnits, (d) => {
                d.units[0]!.area = '81.00';
              }),
              reason: '更正面积',
            }),
          ];
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

const SETTINGS: RepeatBallot[] = ['firstCounts', 'lastCounts', 'paperOverridesOnline'];
const models = SETTINGS.map(
  (repeat): EngineModel<WrittenConsultationMachine> => ({
    name: repeat,
    kind,
    id: 'wc',
    input: input(repeat),
    creator: committee,
    createdOn: D0,
    events: eventsFor,
    serialize,
    // the second committee member, who checks the paper batches the first entered
    people: [{ id: CHECKER.id, role: 'ownersCommittee' }],
    refusals: (_s, e) =>
      e.type === 'CLOSE_PAPER_BATCH'
        ? [
            // 双人录入: the checker must be on the roster in a paper-entry role on that day
            {
              name: 'checked by nobody on the roster',
              event: { ...e, checkedBy: 'x-9' },
              code: 'FORBIDDEN_ROLE',
            },
          ]
        : [],
  }),
);

describe.each(models.map((m) => [m.name, m] as const))(
  'written consultation (repeatBallot %s): every shortest path through the engine',
  (_name, model) => {
    const paths = enginePaths(model);

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

    it('runs each path with the roster checking every sender and cited person, and replays its log byte for byte', {
      timeout: 600_000,
    }, () => {
      const sent = new Set<string>();
      const refused = new Set<string>();
      const run = runPaths(model, paths);
      expect(run.paths).toBe(paths.length);
      for (const e of run.sent) sent.add(e.type);
      for (const r of run.refused) refused.add(r.name);
      expect(sent).toContain('AMEND_RULES');
      expect(sent).toContain('AMEND_REGISTER');
      expect(sent).toContain('CLOSE_PAPER_BATCH');
      expect([...refused].sort()).toEqual(['checked by nobody on the roster', 'impostor', 'term ended']);
    });
  },
);
