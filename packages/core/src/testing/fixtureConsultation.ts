// Test and benchmark fixture: an owners' written consultation (书面征求意见) of `owners` owners,
// one unit each, ready to take ballots — as a script of calls any engine can run (the stream
// engine, two engines on one database, a benchmark), with the ballots and the expected count.
//
//   const c = fixtureConsultation({ owners: 2000, seed: 1 });
//   for (const step of c.setup) await engine[step.call](...step.args);   // roster, create, notice, open
//   for (const b of c.ballots) await engine.send('wc', b.event, b.ctx);
import type { Actor } from '../actor/actor.js';
import { chinaMidnight } from '../calendar/plainDate.js';
import type { StreamEngine } from '../engine/streamEngine.js';
import { fixtureRules } from './fixtureEngine.js';
import { fixtureRosterInput, subdistrict } from './fixtureRoster.js';

const HOUR = 3_600_000;
const COMMITTEE: Actor = { id: 'oc-1', role: 'ownersCommittee' };
const SYSTEM: Actor = { id: 'system', role: 'system' };
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const ITEMS = [
  { id: 'fund', title: '使用维修资金更换电梯', matter: 'useMaintenanceFund' },
  { id: 'manager', title: '续聘物业服务企业', matter: 'hireManager' },
] as const;
const CHOICES = ['agree', 'oppose', 'abstain'] as const;
type Choice = (typeof CHOICES)[number];

/** mulberry32: a small seeded PRNG (the core never calls Math.random). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FixtureStep {
  /** Milliseconds: set the clock to this before the call. */
  at: number;
  call: 'create' | 'send';
  kind?: string;
  process: string;
  payload: unknown;
  actor: Actor;
  channel: string;
}

export interface FixtureBallot {
  owner: string;
  event: { type: 'CAST_BALLOT'; ballotId: string; owner: string; channel: 'online'; choices: unknown[] };
  actor: Actor;
  channel: 'mobile';
}

export interface FixtureConsultation {
  community: string;
  process: string;
  setup: FixtureStep[];
  /** Every owner once, in a shuffled order, then a quarter again (a recast replaces: lastCounts). */
  ballots: FixtureBallot[];
  /** The time to cast at (the consultation is open that day). */
  castAt: number;
  /** The time to close at with a TICK (the day after it closes). */
  closeAt: number;
  /** The live 'fund' choice of each owner after every ballot. */
  live: Map<string, Choice>;
}

export function fixtureConsultation(o: {
  owners: number;
  seed?: number;
  community?: string;
  process?: string;
}): FixtureConsultation {
  const rand = seeded(o.seed ?? 1);
  const community = o.community ?? 'default';
  const process = o.process ?? 'wc';
  const units = [];
  for (let i = 0; i < o.owners; i++) {
    const area = (3500 + Math.floor(rand() * 14_501)) / 100;
    units.push({
      id: `${Math.floor(i / 100) + 1}-${(i % 100) + 1}`,
      building: String(Math.floor(i / 100) + 1),
      area: area.toFixed(2),
      owner: `o${i}`,
      status: 'delivered' as const,
    });
  }
  const registry = { estate: '基准小区', developer: 'developer', units };
  const rules = fixtureRules({ 'ownersAssembly.repeatBallot': 'lastCounts' });
  const t0 = chinaMidnight('2025-04-01') + 9 * HOUR;
  const setup: FixtureStep[] = [
    {
      at: t0,
      call: 'create',
      kind: 'roster',
      process: `roster:${community}`,
      payload: fixtureRosterInput(community),
      actor: subdistrict,
      channel: 'web',
    },
    {
      at: t0,
      call: 'create',
      kind: 'writtenConsultation',
      process,
      payload: {
        id: process,
        title: '业主大会书面表决',
        items: ITEMS,
        rules,
        registry,
        hasOwnersCommittee: true,
      },
      actor: COMMITTEE,
      channel: 'web',
    },
    {
      at: t0,
      call: 'send',
      process,
      payload: { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [BOARD] },
      actor: COMMITTEE,
      channel: 'web',
    },
    {
      at: t0 + HOUR,
      call: 'send',
      process,
      payload: { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] },
      actor: COMMITTEE,
      channel: 'web',
    },
    {
      at: chinaMidnight('2025-04-16') + HOUR,
      call: 'send',
      process,
      payload: { type: 'TICK' },
      actor: SYSTEM,
      channel: 'system',
    },
  ];
  const order = Array.from({ length: o.owners }, (_, i) => i);
  for (let i = o.owners - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const choice = () => CHOICES[Math.floor(rand() * CHOICES.length)]!;
  const live = new Map<string, Choice>();
  const ballots: FixtureBallot[] = [];
  const cast = (i: number, suffix: string) => {
    const owner = `o${i}`;
    const fund = choice();
    live.set(owner, fund);
    ballots.push({
      owner,
      event: {
        type: 'CAST_BALLOT',
        ballotId: `${owner}-${suffix}`,
        owner,
        channel: 'online',
        choices: [
          { itemId: 'fund', choice: fund },
          { itemId: 'manager', choice: choice() },
        ],
      },
      actor: { id: owner, role: 'owner' },
      channel: 'mobile',
    });
  };
  for (const i of order) cast(i, 'web');
  for (const i of order) if (i % 4 === 0) cast(i, 'web-again');
  return {
    community,
    process,
    setup,
    ballots,
    castAt: chinaMidnight('2025-04-20') + 8 * HOUR,
    closeAt: chinaMidnight('2025-05-01') + HOUR,
    live,
  };
}

/** The count a closed consultation's 'fund' item must show: owners per choice. */
export function expectedFundCount(live: ReadonlyMap<string, Choice>) {
  const out = { agree: 0, oppose: 0, abstain: 0 };
  for (const c of live.values()) out[c]++;
  return out;
}

/**
 * Runs `c.setup` (roster, consultation, notice, ballots issued) through a stream engine, setting
 * `clock.t` to each step's time; throws the first refusal. The clock is left at the last step.
 */
export async function setUpConsultation(
  engine: Pick<StreamEngine, 'create' | 'send'>,
  c: FixtureConsultation,
  clock: { t: number },
): Promise<void> {
  for (const s of c.setup) {
    clock.t = s.at;
    const ctx = { actor: s.actor, channel: s.channel as 'web', community: c.community };
    const r =
      s.call === 'create'
        ? await engine.create(s.kind!, s.process, s.payload, ctx)
        : await engine.send(s.process, s.payload, ctx);
    if (!r.ok) throw r.error;
  }
}
