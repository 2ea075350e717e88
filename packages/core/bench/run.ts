/**
 * `pnpm bench`: yishi's owners'-assembly tally against a bare typed-array floor and against the
 * SQL a portal would write (better-sqlite3, in memory), on one deterministic 100,000-unit estate.
 * Prints figures and ratios only; writes nothing. See docs/benchmarks.md.
 *
 *   cd packages/core && node --import tsx bench/run.ts      (BENCH_RUNS=15 BENCH_WARMUP=3 by default)
 */
import { cpus } from 'node:os';
import {
  type Ballot,
  ballotBoxFor,
  electorateFor,
  type Matter,
  type PolicyPack,
  param,
  parseArea,
  parsePolicyPack,
  resolvePolicy,
  type TallyResult,
  tallyOwnersAssembly,
  UnitRegistry,
} from '../src/index.js';
import type { OwnersAssemblyCounts } from '../src/tally/ownersAssembly.js';
import {
  floorBoxTally,
  floorCompile,
  floorFull,
  floorTally,
  type Lines,
  sqliteSetup,
  type Totals,
} from './baselines.js';
import { DEVELOPER, generate } from './data.js';
import { measure, sink } from './measure.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const AT = '2025-06-01';
const MATTER: Matter = 'hireManager';
const TARGET_FLOOR = 3; // yishi / floor ≤ 3×
const TARGET_SQLITE = 5; // sqlite / yishi ≥ 5×

/**
 * The real Shanghai pack, from the policies package's source. The specifier is a variable so that
 * core's `tsc` does not pull policies (typed against core's built dist) into its program; the pack
 * is re-validated with core's own schema instead.
 */
const POLICIES_SRC = '../../policies/src/index.js';
async function loadShanghai(): Promise<PolicyPack> {
  const mod = (await import(POLICIES_SRC)) as { shanghai?: unknown };
  return parsePolicyPack(mod.shanghai, 'shanghai pack');
}

function timeOnce<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

function yishiTotals(r: TallyResult<OwnersAssemblyCounts>): Totals {
  const c = r.counts;
  return {
    totalArea: parseArea(c.total.area),
    totalOwners: c.total.owners,
    participatingArea: parseArea(c.participating.area),
    participatingOwners: c.participating.owners,
    agreeArea: parseArea(c.agree.area),
    agreeOwners: c.agree.owners,
    quorumMet: r.quorumMet === true,
    passed: r.passed === true,
  };
}

function assertSame(name: string, want: Totals, got: Totals): void {
  for (const k of Object.keys(want) as (keyof Totals)[]) {
    if (want[k] !== got[k]) {
      throw new Error(`${name}: ${k} is ${String(got[k])}, yishi says ${String(want[k])}`);
    }
  }
}

const ms = (x: number) => x.toFixed(2).padStart(9);
const ratio = (x: number) => `${x.toFixed(2)}×`;

async function main(): Promise<void> {
  console.log(
    `yishi bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}`,
  );
  console.log(`${WARMUP} warm-up + ${RUNS} timed runs per variant; times in ms\n`);

  // ── data and one-off setup (not compared) ───────────────────────────────────────────────────
  const [data, genMs] = timeOnce(() => generate());
  const [registry, validateMs] = timeOnce(() => UnitRegistry.parse(data.registry));
  const ballots: readonly Ballot[] = data.ballots;
  const policy = resolvePolicy(await loadShanghai(), AT);
  const quorum = param(policy, 'ownersAssembly.quorum').value;
  const special = param(policy, 'ownersAssembly.specialMatters').value.includes(MATTER);
  const approval = param(
    policy,
    special ? 'ownersAssembly.approval.special' : 'ownersAssembly.approval.ordinary',
  ).value;
  if (quorum === null || approval.base !== 'participants')
    throw new Error('bench expects a quorum and approval over participants');
  for (const p of ['abstentions', 'invalidBallots'] as const) {
    if (param(policy, `ownersAssembly.${p}`).value !== 'participatingNonApproval')
      throw new Error(`bench expects ownersAssembly.${p} = participatingNonApproval`);
  }
  if (param(policy, 'ownersAssembly.nonVoters').value !== 'notCounted')
    throw new Error('bench expects nonVoters = notCounted');
  if (param(policy, 'ownersAssembly.developerCounting').value !== 'onePerson')
    throw new Error('bench expects onePerson');
  const lines: Lines = { quorum, approval };
  const acceptOnline = param(policy, 'ownersAssembly.electronicVoting').value === 'combined';
  const [electorate, compileMs] = timeOnce(() => electorateFor(registry, policy));
  const floorEl = floorCompile(registry, DEVELOPER);
  const sql = sqliteSetup(registry, DEVELOPER, ballots, lines);

  const s = data.stats;
  console.log(
    `data: ${s.units} units, ${s.buildings} buildings, ${s.owners} buyers (${s.multiUnitOwners} with 2–3 units), ` +
      `${s.developerUnits} unsold/undelivered units, ${s.ballots} ballots; policy ${policy.id} @ ${AT}, matter ${MATTER}`,
  );
  console.log(
    `setup (once, not compared): generate ${genMs.toFixed(0)} ms · zod UnitRegistry.parse ${validateMs.toFixed(0)} ms · ` +
      `electorateFor ${compileMs.toFixed(1)} ms (cold) · sqlite load+index ${sql.loadMs.toFixed(0)} ms · ` +
      `sqlite freeze electorate ${sql.freezeMs.toFixed(0)} ms\n`,
  );

  // ── identical totals before any timing ──────────────────────────────────────────────────────
  const runYishiFull = () => tallyOwnersAssembly({ registry, ballots, matter: MATTER, policy });
  const runYishiFrozen = () => tallyOwnersAssembly({ electorate, ballots, matter: MATTER, policy });
  // (c) the count from a ballot box: ballots checked and resolved to owner indexes on intake.
  const box = ballotBoxFor(electorate, ballots);
  const fOwner = new Int32Array(ballots.length);
  const fChoice = new Uint8Array(ballots.length);
  const fOnline = new Uint8Array(ballots.length);
  const codes = { agree: 0, oppose: 1, abstain: 2, invalid: 3 } as const;
  ballots.forEach((b, i) => {
    fOwner[i] = floorEl.index.get(b.owner)!;
    fChoice[i] = codes[b.choice];
    fOnline[i] = b.channel === 'online' ? 1 : 0;
  });
  const runYishiBox = () => tallyOwnersAssembly({ electorate, ballotBox: box, matter: MATTER, policy });
  const runFloorBox = () => floorBoxTally(floorEl, fOwner, fChoice, fOnline, acceptOnline, lines);
  const runFloorFull = () => floorFull(registry, DEVELOPER, ballots, acceptOnline, lines);
  const runFloorFrozen = () => floorTally(floorEl, ballots, acceptOnline, lines);
  const want = yishiTotals(runYishiFull());
  assertSame('yishi (b)', want, yishiTotals(runYishiFrozen()));
  assertSame('yishi (c)', want, yishiTotals(runYishiBox()));
  assertSame('floor (c)', want, runFloorBox());
  assertSame('floor (a)', want, runFloorFull());
  assertSame('floor (b)', want, runFloorFrozen());
  assertSame('sqlite (a)', want, sql.full());
  assertSame('sqlite (b)', want, sql.frozen());
  console.log(
    `totals agree (yishi = floor = sqlite): total ${want.totalOwners} owners / ${want.totalArea} c·m², ` +
      `participating ${want.participatingOwners} / ${want.participatingArea}, agree ${want.agreeOwners} / ${want.agreeArea}, ` +
      `quorum ${want.quorumMet ? 'met' : 'not met'}, ${want.passed ? 'passed' : 'not passed'}\n`,
  );

  // ── timing ──────────────────────────────────────────────────────────────────────────────────
  const t = {
    yishi: {
      a: measure(runYishiFull, WARMUP, RUNS),
      b: measure(runYishiFrozen, WARMUP, RUNS),
      c: measure(runYishiBox, WARMUP, RUNS),
    },
    floor: {
      a: measure(runFloorFull, WARMUP, RUNS),
      b: measure(runFloorFrozen, WARMUP, RUNS),
      c: measure(runFloorBox, WARMUP, RUNS),
    },
    sqlite: {
      a: measure(sql.full, WARMUP, RUNS),
      b: measure(sql.frozen, WARMUP, RUNS),
      c: measure(sql.frozen, WARMUP, RUNS),
    },
  };
  sql.close();

  console.log(
    'variant   | (a) full: median       min | (b) frozen: median       min | (c) ballot box: median       min',
  );
  console.log(
    '----------|---------------------------|-----------------------------|---------------------------------',
  );
  for (const [name, v] of Object.entries(t)) {
    console.log(
      `${name.padEnd(9)} |      ${ms(v.a.median)} ${ms(v.a.min)} |        ${ms(v.b.median)} ${ms(v.b.min)} |            ${ms(v.c.median)} ${ms(v.c.min)}`,
    );
  }
  console.log('');
  const checks = [
    ['yishi / floor  (a) full  ', t.yishi.a.median / t.floor.a.median, `≤ ${TARGET_FLOOR}×`, 'le'],
    ['yishi / floor  (b) frozen', t.yishi.b.median / t.floor.b.median, `≤ ${TARGET_FLOOR}×`, 'le'],
    ['sqlite / yishi (a) full  ', t.sqlite.a.median / t.yishi.a.median, `≥ ${TARGET_SQLITE}×`, 'ge'],
    ['sqlite / yishi (b) frozen', t.sqlite.b.median / t.yishi.b.median, `≥ ${TARGET_SQLITE}×`, 'ge'],
    ['yishi / floor  (c) box   ', t.yishi.c.median / t.floor.c.median, `≤ ${TARGET_FLOOR}×`, 'le'],
    ['sqlite / yishi (c) box   ', t.sqlite.c.median / t.yishi.c.median, `≥ ${TARGET_SQLITE}×`, 'ge'],
    [
      'sqlite load+query / yishi (a), end to end',
      (sql.loadMs + t.sqlite.a.median) / t.yishi.a.median,
      `≥ ${TARGET_SQLITE}×`,
      'ge',
    ],
  ] as const;
  for (const [label, r, target, dir] of checks) {
    const pass = dir === 'le' ? r <= TARGET_FLOOR : r >= TARGET_SQLITE;
    console.log(`${label}  ${ratio(r).padStart(8)}   target ${target}   ${pass ? 'PASS' : 'MISS'}`);
  }
  console.log('\n(ratios of medians; sqlite query time excludes loading, reported above)');
  if (process.env.BENCH_PLAN) for (const line of sql.plan) console.log(`  plan ${line}`);
  if (sink === undefined) console.log('');
}

await main();
