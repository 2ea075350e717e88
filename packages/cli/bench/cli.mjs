/**
 * `pnpm bench` (packages/cli): `yishi tally` end to end — a spawned process reading a 100,000-unit
 * register and 70,000 ballots from files, validating them and counting — beside a plain Node
 * script (and a plain Python script where python3 exists) doing the same exact integer count on
 * the same files, in the same run. Both must give the same totals. Prints medians, the ratio and
 * PASS/MISS against the target: no slower than the plain script. Writes only to a temp dir.
 *
 *   cd packages/cli && node bench/cli.mjs        (BENCH_RUNS=7 by default; BENCH_UNITS, BENCH_BALLOTS, BENCH_DIR)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '../bin/yishi.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const UNITS = Number(process.env.BENCH_UNITS ?? 100_000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 70_000);
const TARGET = 1; // yishi / plain script ≤ 1×

/** mulberry32, as packages/core/bench/data.ts: the same input on every run and machine. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ~100,000 units in 400 buildings, 8% of owners with 2–3 units, 3% developer-held; ballots from distinct eligible owners. */
function generate() {
  const rnd = mulberry32(20240601);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const units = [];
  let owner = 0;
  while (units.length < UNITS) {
    const k = rnd() < 0.08 ? int(2, 3) : 1;
    const key = `o${++owner}`;
    for (let j = 0; j < k && units.length < UNITS; j++) {
      const n = units.length;
      const r = rnd();
      const status = r < 0.02 ? 'unsold' : r < 0.03 ? 'undelivered' : 'delivered';
      units.push({
        id: `${(n % 400) + 1}-${Math.floor(n / 400) + 101}`,
        building: String((n % 400) + 1),
        area: `${int(35, 179)}.${String(int(0, 99)).padStart(2, '0')}`,
        owner: status === 'unsold' ? 'developer' : key,
        status,
      });
    }
  }
  const eligible = [...new Set(units.map((u) => (u.status === 'delivered' ? u.owner : 'developer')))];
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
  }
  const choices = ['agree', 'agree', 'agree', 'oppose', 'abstain', 'invalid'];
  const channels = ['paper', 'online', 'inPerson'];
  const ballots = eligible.slice(0, BALLOTS).map((o) => ({
    owner: o,
    choice: choices[Math.floor(rnd() * choices.length)],
    channel: channels[Math.floor(rnd() * channels.length)],
  }));
  return { units, ballots };
}

function writeFiles(dir) {
  const { units, ballots } = generate();
  const files = {
    json: { units: join(dir, 'units.json'), ballots: join(dir, 'ballots.json') },
    csv: { units: join(dir, 'units.csv'), ballots: join(dir, 'ballots.csv') },
  };
  writeFileSync(files.json.units, JSON.stringify({ developer: 'developer', units }));
  writeFileSync(files.json.ballots, JSON.stringify(ballots));
  const uCsv = [
    'id,building,area,owner,status',
    ...units.map((u) => `${u.id},${u.building},${u.area},${u.owner},${u.status}`),
  ];
  writeFileSync(files.csv.units, `${uCsv.join('\r\n')}\r\n`);
  const bCsv = ['owner,choice,channel', ...ballots.map((b) => `${b.owner},${b.choice},${b.channel}`)];
  writeFileSync(files.csv.ballots, `${bCsv.join('\r\n')}\r\n`);
  return { files, units: units.length, ballots: ballots.length };
}

function time(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Alternate the commands run by run, so a busy moment of the machine hits both alike. */
function measure(cmds) {
  const out = cmds.map(() => ({ times: [], stdout: '' }));
  // one warm-up each (file cache, compiled code cache)
  cmds.forEach(([c, a], i) => {
    out[i].stdout = time(c, a).stdout;
  });
  for (let r = 0; r < RUNS; r++) {
    cmds.forEach(([c, a], i) => {
      out[i].times.push(time(c, a).ms);
    });
  }
  return out.map((o) => ({ median: median(o.times), min: Math.min(...o.times), stdout: o.stdout }));
}

function yishiTotals(stdout) {
  const c = JSON.parse(stdout).counts;
  const pick = (x) => ({ area: x.area, owners: x.owners });
  return {
    total: pick(c.total),
    agree: pick(c.agree),
    oppose: pick(c.oppose),
    abstain: pick(c.abstain),
    invalid: pick(c.invalid),
  };
}

function hasPython() {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// BENCH_DIR keeps the files there (to profile: node --cpu-prof bin/yishi.mjs tally …)
const keep = process.env.BENCH_DIR;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'yishi-bench-cli-'));
let missed = false;
try {
  const { files, units, ballots } = writeFiles(dir);
  const python = hasPython();
  console.log(
    `yishi tally end to end: ${units} units, ${ballots} ballots; median of ${RUNS} runs (ms), spawned processes`,
  );
  // Without the build's code cache (or with one this Node refuses), yishi starts ~40 ms slower.
  const { compileBundle } = await import('../bin/bundle.mjs');
  console.log(
    `code cache: ${compileBundle().cachedDataRejected === false ? 'used' : 'NOT used (run the build)'}`,
  );
  for (const format of ['json', 'csv']) {
    const f = files[format];
    const cmds = [
      [
        process.execPath,
        [
          CLI,
          'tally',
          '--registry',
          f.units,
          '--ballots',
          f.ballots,
          '--policy',
          'cn-national',
          '--matter',
          'hireManager',
          '--at',
          '2025-06-01',
          '--json',
        ],
      ],
      [process.execPath, [join(here, 'count.mjs'), f.units, f.ballots]],
    ];
    if (python) cmds.push(['python3', [join(here, 'count.py'), f.units, f.ballots]]);
    const [y, node, py] = measure(cmds);
    const want = yishiTotals(y.stdout);
    for (const [name, r] of [
      ['node script', node],
      ['python script', py],
    ]) {
      if (!r) continue;
      const got = JSON.parse(r.stdout);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new Error(
          `${format}: ${name} and yishi disagree:\n yishi  ${JSON.stringify(want)}\n script ${JSON.stringify(got)}`,
        );
      }
    }
    const line = (name, r) =>
      `  ${name.padEnd(22)} ${r.median.toFixed(0).padStart(6)} ms  (min ${r.min.toFixed(0)})`;
    console.log(
      `\n${format.toUpperCase()}: same totals from every counter (total ${want.total.area} m², ${want.total.owners} owners)`,
    );
    console.log(line('yishi tally', y));
    console.log(line('plain node script', node));
    if (py) console.log(line('plain python3 script', py));
    for (const [name, r] of [
      ['node', node],
      ['python3', py],
    ]) {
      if (!r) continue;
      const ratio = y.median / r.median;
      const pass = ratio <= TARGET;
      if (!pass) missed = true;
      console.log(
        `  yishi / ${name.padEnd(8)} ${ratio.toFixed(2)}×  target ≤ ${TARGET}×  ${pass ? 'PASS' : 'MISS'}`,
      );
    }
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
// A MISS is reported, not failed: timings depend on the machine (see docs/benchmarks.md).
if (missed) console.log('\nsome targets were missed on this machine');
