/**
 * Ballot intake benchmark: a written consultation with 2,000, 10,000 and 50,000 owners, each
 * casting one ballot through `engine.send`, then a quarter of them casting again (the policy's
 * `ownersAssembly.repeatBallot = lastCounts`, so each recast is accepted and replaces the live
 * ballot). Beside it, as the floor, the ballot box (`ballotBoxFor`) takes in the same owners'
 * ballots. Each size runs in a fresh child process (after a 2,000-owner warm-up there; the median
 * of 5 runs at 2,000 owners, 2 at 10,000, 1 at 50,000), so its peak RSS is its own. Prints
 * figures and PASS/MISS against the targets; writes nothing. Beside the wall-clock figures (the
 * targets), each size prints the process's CPU time a ballot for both, engine and ballot box:
 * on a machine shared with other work, wall time stretches with the load and CPU time far less.
 *
 *   pnpm bench:intake                                  (from the repository root)
 *   cd packages/core && node --import tsx bench/intake.ts
 *   BENCH_INTAKE_SIZES=2000,10000 node --import tsx bench/intake.ts
 *
 * The lines `intake <owners> owners: <n> ballots/s, peak <m> MB` and
 * `intake cost ratio 50000/2000: <r>` are read by scripts: keep their wording.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chinaMidnight } from '../src/calendar/plainDate.js';
import { createEngine } from '../src/engine/index.js';
import type { Ballot } from '../src/index.js';
import { ballotBoxFor, electorateFor, UnitRegistry } from '../src/index.js';
import { writtenConsultationKind } from '../src/machines/index.js';
import { engineFixturePolicy, FIXTURE_PACKS, fixtureRules } from '../src/testing/fixtureEngine.js';
import { rostered, withRoster } from '../src/testing/fixtureRoster.js';
import { mulberry32 } from './data.js';
import { measure, sink } from './measure.js';

const SIZES = (process.env.BENCH_INTAKE_SIZES ?? '2000,10000,50000').split(',').map(Number);
const WARMUP_OWNERS = 2000;
/** Timed consultations per size: 5 at 2,000 owners, 2 at 10,000, 1 at 50,000. */
const repetitions = (owners: number) => Math.min(5, Math.max(1, Math.round(20_000 / owners)));
const TARGET_RATIO = 1.5; // cost per ballot at the largest size / at the smallest
const TARGET_RATE = 5000; // ballots/s at 50,000 owners
const TARGET_FLOOR = 20; // engine cost per ballot / ballot box cost per ballot
const HOUR = 3_600_000;
const COMMITTEE = { actor: { id: 'oc-1', role: 'ownersCommittee' }, channel: 'web' } as const;
const SYSTEM = { actor: { id: 'system', role: 'system' }, channel: 'system' } as const;
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const ITEMS = [
  { id: 'fund', title: '使用维修资金更换电梯', matter: 'useMaintenanceFund' },
  { id: 'manager', title: '续聘物业服务企业', matter: 'hireManager' },
] as const;
const CHOICES = ['agree', 'oppose', 'abstain'] as const;

interface ChildResult {
  owners: number;
  ballots: number;
  ms: number;
  /** µs per ballot over the first and the last tenth of the casts. */
  firstTenth: number;
  lastTenth: number;
  boxMs: number;
  /** Process CPU time (user + system, all threads) over the timed casts and a box intake, ms. */
  cpuMs: number;
  boxCpuMs: number;
  peakMb: number;
  counted: number;
}

/** One owner per unit, 100 units a building, areas 35.00–180.00 m². */
function registryOf(owners: number, rand: () => number) {
  const units = [];
  for (let i = 0; i < owners; i++) {
    const area = (3500 + Math.floor(rand() * 14_501)) / 100;
    units.push({
      id: `${Math.floor(i / 100) + 1}-${(i % 100) + 1}`,
      building: String(Math.floor(i / 100) + 1),
      area: area.toFixed(2),
      owner: `o${i}`,
      status: 'delivered' as const,
    });
  }
  return { estate: '基准小区', developer: 'developer', units };
}

/** A consultation through the engine: every owner casts once, a quarter cast again. */
/** CPU time of the process so far (user + system, all threads), ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function consult(
  owners: number,
  seed: number,
): Omit<ChildResult, 'boxMs' | 'boxCpuMs' | 'peakMb'> & { live: Ballot[] } {
  const rand = mulberry32(seed);
  const registry = registryOf(owners, rand);
  const clock = { t: chinaMidnight('2025-04-01') + 9 * HOUR, now: () => clock.t };
  const engine = rostered(
    createEngine({ kinds: withRoster([writtenConsultationKind]), clock, packs: FIXTURE_PACKS }),
  );
  const rules = fixtureRules({ 'ownersAssembly.repeatBallot': 'lastCounts' });
  const input = {
    id: 'wc',
    title: '业主大会书面表决',
    items: ITEMS,
    rules,
    registry,
    hasOwnersCommittee: true,
  };
  const ok = (r: { ok: boolean; error?: unknown }) => {
    if (!r.ok) throw r.error;
  };
  ok(engine.create('writtenConsultation', 'wc', input, COMMITTEE));
  ok(
    engine.send(
      'wc',
      { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [BOARD] },
      COMMITTEE,
    ),
  );
  clock.t += HOUR;
  ok(engine.send('wc', { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, COMMITTEE));
  clock.t = chinaMidnight('2025-04-16') + HOUR;
  ok(engine.send('wc', { type: 'TICK' }, SYSTEM));

  // The casting order is shuffled; the events are built before the clock starts.
  const order = Array.from({ length: owners }, (_, i) => i);
  for (let i = owners - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const choiceOf = () => CHOICES[Math.floor(rand() * CHOICES.length)]!;
  const live = new Map<string, Ballot['choice']>();
  const sends: { owner: string; event: object }[] = [];
  for (const i of order) {
    const owner = `o${i}`;
    const fund = choiceOf();
    live.set(owner, fund);
    const choices = [
      { itemId: 'fund', choice: fund },
      { itemId: 'manager', choice: choiceOf() },
    ];
    sends.push({
      owner,
      event: { type: 'CAST_BALLOT', ballotId: `${owner}-web`, owner, channel: 'online', choices },
    });
  }
  for (const i of order) {
    if (i % 4 !== 0) continue;
    const owner = `o${i}`;
    const fund = choiceOf();
    live.set(owner, fund);
    const choices = [
      { itemId: 'fund', choice: fund },
      { itemId: 'manager', choice: choiceOf() },
    ];
    sends.push({
      owner,
      event: { type: 'CAST_BALLOT', ballotId: `${owner}-web-again`, owner, channel: 'online', choices },
    });
  }

  clock.t = chinaMidnight('2025-04-20') + 8 * HOUR;
  const tenth = Math.max(1, Math.floor(sends.length / 10));
  const marks: number[] = [];
  const c0 = cpuMs();
  const t0 = performance.now();
  for (let k = 0; k < sends.length; k++) {
    if (k % tenth === 0) marks.push(performance.now());
    const s = sends[k]!;
    clock.t += 10;
    const r = engine.send('wc', s.event, { actor: { id: s.owner, role: 'owner' }, channel: 'mobile' });
    if (!r.ok) throw r.error;
  }
  const t1 = performance.now();
  const c1 = cpuMs();
  marks.push(t1);

  // Not timed: the close and the count, checked against what was cast.
  clock.t = chinaMidnight('2025-05-01') + HOUR;
  ok(engine.send('wc', { type: 'TICK' }, SYSTEM));
  const snap = engine.process('wc')!.getSnapshot();
  if (snap.value !== 'counted') throw new Error(`expected counted, got ${String(snap.value)}`);
  const results = (
    snap.context as { results: { result: { counts: { participating: { owners: number } } } }[] }
  ).results;
  const counted = results[0]!.result.counts.participating.owners;
  if (counted !== owners) throw new Error(`the count has ${counted} participating owners, not ${owners}`);
  const us = (a: number, b: number, n: number) => ((b - a) * 1000) / n;
  const n = sends.length;
  return {
    owners,
    ballots: n,
    ms: t1 - t0,
    cpuMs: c1 - c0,
    firstTenth: us(marks[0]!, marks[1]!, tenth),
    lastTenth: us(marks.at(-2)!, marks.at(-1)!, n - tenth * (marks.length - 2)),
    counted,
    live: [...live].map(([owner, choice]) => ({ owner, choice, channel: 'online' as const })),
  };
}

/**
 * The floor: the ballot box taking in the same owners' ballots (median of 7 runs), and its CPU
 * time (the mean of 7 more runs).
 */
function boxIntake(owners: number, ballots: readonly Ballot[]): { ms: number; cpuMs: number } {
  const registry = UnitRegistry.parse(registryOf(owners, mulberry32(owners)));
  const policy = engineFixturePolicy({ 'ownersAssembly.repeatBallot': 'lastCounts' });
  const electorate = electorateFor(registry, policy);
  const ms = measure(() => ballotBoxFor(electorate, ballots), 2, 7).median;
  const c0 = cpuMs();
  for (let i = 0; i < 7; i++) measure(() => ballotBoxFor(electorate, ballots), 0, 1);
  return { ms, cpuMs: (cpuMs() - c0) / 7 };
}

function child(owners: number): void {
  consult(Math.min(WARMUP_OWNERS, owners), 1); // warm-up: the JIT, not the figures
  // Short runs are repeated (the median run is reported), so a busy moment weighs less.
  const runs = Array.from({ length: repetitions(owners) }, (_, k) => consult(owners, owners + k));
  runs.sort((a, b) => a.ms - b.ms);
  const r = runs[runs.length >> 1]!;
  const box = boxIntake(owners, r.live);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const { live: _live, ...rest } = r;
  const result = { ...rest, boxMs: box.ms, boxCpuMs: box.cpuMs, peakMb } satisfies ChildResult;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (sink === Symbol.for('never')) console.log(sink);
}

function parent(): void {
  console.log(
    `yishi intake bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}`,
  );
  console.log(
    'written consultation through engine.send: every owner casts once online, a quarter cast again (lastCounts); ' +
      'each size in a fresh process after a 2,000-owner warm-up, the median of up to 5 runs\n',
  );
  const script = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  for (const owners of SIZES) {
    const out = execFileSync(process.execPath, [...process.execArgv, script, '--child', String(owners)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
    results.push(r);
    const rate = Math.round(r.ballots / (r.ms / 1000));
    const boxRate = Math.round(r.owners / (r.boxMs / 1000));
    const perBallot = (r.ms * 1000) / r.ballots;
    const boxPerBallot = (r.boxMs * 1000) / r.owners;
    console.log(`intake ${r.owners} owners: ${rate} ballots/s, peak ${Math.round(r.peakMb)} MB`);
    console.log(
      `  ${r.ballots} ballots in ${r.ms.toFixed(0)} ms, ${perBallot.toFixed(1)} µs a ballot ` +
        `(first tenth ${r.firstTenth.toFixed(1)} µs, last tenth ${r.lastTenth.toFixed(1)} µs); counted ${r.counted} owners`,
    );
    console.log(
      `  floor: ballot box intake of the same ${r.owners} ballots: ${boxRate} ballots/s, ${boxPerBallot.toFixed(2)} µs a ballot ` +
        `(engine / box ${(perBallot / boxPerBallot).toFixed(0)}×)`,
    );
    const cpuPerBallot = (r.cpuMs * 1000) / r.ballots;
    const boxCpuPerBallot = (r.boxCpuMs * 1000) / r.owners;
    console.log(
      `  cpu time: ${cpuPerBallot.toFixed(1)} µs a ballot, box ${boxCpuPerBallot.toFixed(2)} µs ` +
        `(engine / box ${(cpuPerBallot / boxCpuPerBallot).toFixed(0)}×)`,
    );
  }
  const cost = (r: ChildResult) => r.ms / r.ballots;
  const first = results[0]!;
  const last = results.at(-1)!;
  const ratio = cost(last) / cost(first);
  console.log(`intake cost ratio ${last.owners}/${first.owners}: ${ratio.toFixed(2)}`);
  const lastRate = Math.round(last.ballots / (last.ms / 1000));
  const floorRatio = cost(last) / (last.boxMs / last.owners);
  const pass = (b: boolean) => (b ? 'PASS' : 'MISS');
  console.log(
    `\ntarget: cost ratio ≤ ${TARGET_RATIO}× → ${pass(ratio <= TARGET_RATIO)} (${ratio.toFixed(2)}×)`,
  );
  console.log(
    `target: ≥ ${TARGET_RATE} ballots/s at ${last.owners} owners → ${pass(lastRate >= TARGET_RATE)} (${lastRate})`,
  );
  console.log(
    `target: within ${TARGET_FLOOR}× of the ballot-box floor at ${last.owners} owners → ${pass(floorRatio <= TARGET_FLOOR)} (${floorRatio.toFixed(0)}×)`,
  );
}

const at = process.argv.indexOf('--child');
if (at !== -1) child(Number(process.argv[at + 1]));
else parent();
