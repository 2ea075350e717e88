/**
 * Engine benchmark: verify and replay a 100,000-entry audit log, against a bare xstate
 * `transition()` loop over the same events as the floor. Deterministic data (mulberry32): public
 * notices created, posted, objected to, answered (some objections upheld: restarts and
 * extensions), withdrawn, and ticked daily by the system clock — the log a busy subdistrict's
 * notices would write. Prints figures and PASS/MISS against the targets (replay + verify
 * ≥ 100,000 events/s, verify alone ≥ 300,000), with both floors in the same run; writes nothing.
 *
 *   cd packages/core && node --import tsx bench/engine.ts     (BENCH_RUNS=3 BENCH_WARMUP=1 by default)
 *
 * Variants, each over the same parsed log (as `yishi replay` reads it from the JSONL file):
 * - verify          hash chain only (`verify`): shape, SHA-256 of canonical JSON, seq, prev
 * - replay full     `replay(log, kinds)`: verify, then re-decide every entry (schemas, roles,
 *                   stamped on/actor, the machine's `can`) and transition — the default
 * - replay chain    `replay(log, kinds, { check: 'chain' })`: verify, then transition only
 * - floor           xstate's own `initialTransition` / `transition()` per event, nothing else
 * - floor (scope)   `machine.transition(snapshot, event, scope)` with one inert scope per
 *                   process — the stepping replay itself uses, nothing else
 */
import { cpus } from 'node:os';
import { type AnyActorScope, type AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { chinaMidnight } from '../src/calendar/plainDate.js';
import { inertScope } from '../src/engine/decide.js';
import { createEngine, parseJsonl, replay, toJsonl, verify } from '../src/engine/index.js';
import { BOARD, NOTICE_KINDS as KINDS, noticeKind } from '../src/engine/testing/noticeKind.js';
import { canonicalJson } from '../src/log/canonicalJson.js';
import type { LogEntry } from '../src/log/logEntry.js';
import { sha256Implementation } from '../src/log/sha256.js';
import { rostered } from '../src/testing/fixtureRoster.js';
import { measure, sink } from './measure.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
/** Targets (issue 9), events/s in Node: replay (full, the default) including its verify, and verify alone. */
const TARGET_REPLAY = 100_000;
const TARGET_VERIFY = 300_000;
const SEED = 20_240_920;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAFF = { actor: { id: 'staff-1', role: 'residentsCommitteeStaff' }, channel: 'web' } as const;
const SYSTEM = { actor: { id: 'system', role: 'system' }, channel: 'system' } as const;
const POLICIES = [
  {},
  { onUpheldObjection: 'extend', extensionDays: 5 },
  { onUpheldObjection: 'restart' },
  { onUpheldObjection: 'withdraw', period: { days: 10, unit: 'working' } },
];

/** Drives the live engine through ~EVENTS accepted events over simulated days (2021–2026). */
function generate(target: number): { log: LogEntry[]; live: Map<string, string>; notices: number } {
  const rand = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const clock = { t: chinaMidnight('2021-01-04') + 9 * HOUR, now: () => clock.t };
  const engine = rostered(createEngine({ kinds: KINDS, clock }));
  let n = 0;
  const full = () => engine.head()?.seq ?? 0;
  while (full() < target) {
    // a working day: new notices posted, objections filed and answered, then midnight ticks
    for (let k = Math.floor(rand() * 40); k > 0 && full() < target - 1; k--) {
      const id = `notice-${++n}`;
      const input = {
        id,
        kind: 'publicity',
        title: `公示 ${n}`,
        period: { days: 15, unit: 'natural' },
        ...pick(POLICIES),
      };
      engine.create('publicNotice', id, input, STAFF);
      engine.send(id, { type: 'POST', channels: [BOARD] }, STAFF);
    }
    for (const p of engine.processes().filter((x) => x.kind === noticeKind.kind)) {
      if (full() >= target) break;
      const s = p.getSnapshot();
      if (s.status !== 'active' || s.value === 'draft') continue;
      const r = rand();
      const who = {
        actor: { id: `owner-${Math.floor(rand() * 5000)}`, role: 'owner' },
        channel: 'mobile',
      } as const;
      if (r < 0.04)
        engine.send(p.id, { type: 'OBJECT', objectionId: `o-${full()}`, text: '面积数据有误' }, who);
      else if (r < 0.05)
        engine.send(
          p.id,
          { type: 'ADD_CHANNEL', channel: { channel: 'online', platform: '社区云', postId: `p-${n}` } },
          STAFF,
        );
      else if (r < 0.052) engine.send(p.id, { type: 'WITHDRAW', reason: '方案调整' }, STAFF);
      const pending = (s.context.objections as { id: string; status: string }[]).find(
        (o) => o.status === 'pending',
      );
      if (pending && rand() < 0.5 && full() < target) {
        const decision = rand() < 0.15 ? 'upheld' : 'dismissed';
        engine.send(
          p.id,
          { type: 'ANSWER_OBJECTION', objectionId: pending.id, decision, reason: '经核实' },
          STAFF,
        );
      }
    }
    clock.t += DAY;
    for (const p of engine.processes().filter((x) => x.kind === noticeKind.kind)) {
      if (full() >= target) break;
      if (p.getSnapshot().status === 'active' && p.getSnapshot().value !== 'draft')
        engine.send(p.id, { type: 'TICK' }, SYSTEM);
    }
  }
  const live = new Map(engine.processes().map((p) => [p.id, canonicalJson(p.getPersistedSnapshot())]));
  return { log: engine.log(), live, notices: n };
}

function floorTransition(log: readonly LogEntry[]) {
  const snaps = new Map<string, AnyMachineSnapshot>();
  const m = noticeKind.machine;
  for (const e of log) {
    if (e.kind !== noticeKind.kind) continue; // the roster's one entry
    const s = snaps.get(e.process);
    if (s === undefined) snaps.set(e.process, initialTransition(m, e.event.input as never)[0]);
    else snaps.set(e.process, transition(m, s as never, e.event as never)[0]);
  }
  return snaps;
}

function floorScope(log: readonly LogEntry[]) {
  const procs = new Map<string, { scope: AnyActorScope; snapshot: AnyMachineSnapshot }>();
  const m = noticeKind.machine;
  for (const e of log) {
    if (e.kind !== noticeKind.kind) continue; // the roster's one entry
    const p = procs.get(e.process);
    if (p === undefined) {
      const scope = inertScope();
      procs.set(e.process, { scope, snapshot: m.getInitialSnapshot(scope, e.event.input as never) });
    } else p.snapshot = m.transition(p.snapshot as never, e.event as never, p.scope);
  }
  return procs;
}

/**
 * The log to time, parsed from its JSONL text as `yishi replay` reads it, after checking that
 * replay, the live engine and xstate's `transition()` agree on it byte for byte.
 */
function prepare(): LogEntry[] {
  let t = performance.now();
  const { log: generated, live, notices } = generate(EVENTS);
  const genMs = performance.now() - t;
  t = performance.now();
  const text = toJsonl(generated);
  const log = parseJsonl(text);
  const ioMs = performance.now() - t;
  const counts = new Map<string, number>();
  for (const e of log) counts.set(e.event.type, (counts.get(e.event.type) ?? 0) + 1);
  console.log(
    `data: ${log.length} entries (${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}), ${notices} notices, ` +
      `${(text.length / 1e6).toFixed(1)} MB JSONL`,
  );
  console.log(
    `setup (not compared): live engine ${(genMs / 1000).toFixed(1)} s (${Math.round(log.length / (genMs / 1000))} events/s incl. appends) · JSONL write + parse ${ioMs.toFixed(0)} ms\n`,
  );

  // Correctness before timing: the chain holds and replay rebuilds the live engine byte for byte.
  const check = replay(log, KINDS);
  if (!check.ok) throw check.error;
  for (const p of check.processes) {
    if (canonicalJson(p.persisted) !== live.get(p.id))
      throw new Error(`replay of ${p.id} differs from the live engine`);
  }
  const viaXstate = floorTransition(log);
  for (const [id, s] of viaXstate) {
    if (canonicalJson(noticeKind.machine.getPersistedSnapshot(s as never)) !== live.get(id))
      throw new Error(`floor differs on ${id}`);
  }
  console.log(`replay = live engine = xstate transition(), byte for byte, for all ${live.size} processes\n`);

  return log;
}

function main() {
  console.log(
    `yishi engine bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}`,
  );
  console.log(`${WARMUP} warm-up + ${RUNS} timed runs per variant\n`);

  const log = prepare();
  // What `prepare` built to check against (the live engine, its entries, the JSONL text) is
  // garbage by now: only the parsed log is kept, as in a process that reads a log and replays it.

  const rows: [string, { median: number; min: number }][] = [
    ['verify', measure(() => verify(log), WARMUP, RUNS)],
    ['replay full (default)', measure(() => replay(log, KINDS), WARMUP, RUNS)],
    ['replay chain', measure(() => replay(log, KINDS, { check: 'chain' }), WARMUP, RUNS)],
    ['floor: xstate transition()', measure(() => floorTransition(log), WARMUP, RUNS)],
    ['floor: transition, scope kept', measure(() => floorScope(log), WARMUP, RUNS)],
  ];
  const rate = (ms: number) => Math.round(log.length / (ms / 1000));
  console.log('variant                        |  median ms |   events/s (median) |  events/s (best)');
  console.log('-------------------------------|------------|---------------------|-----------------');
  for (const [name, m] of rows) {
    console.log(
      `${name.padEnd(31)}|${m.median.toFixed(0).padStart(11)} |${rate(m.median).toLocaleString('en').padStart(20)} |${rate(m.min).toLocaleString('en').padStart(17)}`,
    );
  }
  const verifyRate = rate(rows[0]![1].median);
  const full = rate(rows[1]![1].median);
  const floor = rate(rows[3]![1].median);
  const floorKept = rate(rows[4]![1].median);
  console.log(
    `\nreplay full / floor transition(): ${(full / floor).toFixed(2)}× the floor's rate ` +
      `(the floor builds an inert actor per call; replay builds one per process)`,
  );
  console.log(
    `replay full / floor, scope kept: ${(full / floorKept).toFixed(2)}× the floor's rate ` +
      `(the floor only steps the machine: no hashing, no schemas, no roles)`,
  );
  console.log(`sha256: ${sha256Implementation()}`);
  const verdict = (name: string, got: number, target: number) =>
    console.log(
      `target: ${name} ≥ ${target.toLocaleString('en')} events/s → ${got >= target ? 'PASS' : 'MISS'} ` +
        `(${got.toLocaleString('en')}; floors: transition() ${floor.toLocaleString('en')}, ` +
        `scope kept ${floorKept.toLocaleString('en')})`,
    );
  verdict('replay + verify', full, TARGET_REPLAY);
  verdict('verify alone', verifyRate, TARGET_VERIFY);
  if (sink === Symbol.for('never')) console.log(sink);
}

main();
