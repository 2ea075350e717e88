/**
 * `yishi replay`: rebuild every process of an audit log and say where each one stands.
 *
 *   yishi replay project-log.jsonl           → one block per process: kind, state, key figures
 *   yishi replay project-log.jsonl --json    → {"count", "head", "processes": [{ id, kind, state, summary, … }]}
 *
 * The log is verified first (as `yishi verify`), then every entry is re-checked the way the
 * engine accepted it — roles, schemas, stamped dates, the machine's own rules — and applied with
 * the machines' pure transitions. So the figures printed are what the log proves, not what a
 * portal's database says.
 *
 * Every logged policy is re-resolved from the packs yishi ships (`@yishi/policies`, by id and
 * version): a log whose rules were edited, or that was written by a simulation engine, does not
 * replay.
 *
 * Exit 0 replayed; 1 the chain is broken or an entry could not have been accepted; 2 unreadable
 * input or bad arguments.
 */
import type { ProcessKind, ReplayedProcess } from '@yishi/core/engine';
import { parseJsonl, replay, verifyJsonl } from '@yishi/core/engine';
import { policies } from '@yishi/policies';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';
import { parseFileArgs, readLog } from './verify.js';

export const USAGE = `用法 Usage:
  yishi replay <log.jsonl> [--json]

Verifies an audit log, rebuilds every process in it with the yishi machines, and prints each
process's state and key figures (a project: stage and budget coverage; a consultation or meeting:
ballots and outcome per item; a public notice: last day and objections).
  --json   print one JSON object: {"count", "head", "processes": [...]}

Exit codes: 0 replayed; 1 the log is not intact or holds an entry the engine would refuse;
2 unreadable input.
`;

type Ctx = Record<string, unknown>;
const obj = (x: unknown): Ctx => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Ctx) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const countBy = (xs: unknown[], key: string) =>
  xs.reduce<Record<string, number>>((acc, x) => {
    const k = String(obj(x)[key]);
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

/** Each item's outcome, from `results: [{ itemId, result: TallyResult }]` (meetings, consultations). */
function outcomes(c: Ctx) {
  return arr(c.results).map((r) => {
    const result = obj(obj(r).result);
    return { item: obj(r).itemId ?? null, outcome: result.outcome ?? null, passed: result.passed ?? null };
  });
}

/** "¥12,500.00" for "1250000" (fen, 0.01 yuan). */
function yuan(fen: string): string {
  const v = BigInt(fen);
  return `¥${(v / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(v % 100n).toString().padStart(2, '0')}`;
}

/** Approved over budget as a percentage with one decimal, rounded down (never overstated). */
function coverage(approved: bigint, budget: bigint): string {
  if (budget === 0n) return 'n/a';
  const permille = (approved * 1000n) / budget;
  return `${permille / 10n}.${permille % 10n}%`;
}

/** Top-level scalars and array sizes: what any process's context says at a glance. */
function generic(c: Ctx): Ctx {
  const out: Ctx = {};
  for (const [k, v] of Object.entries(c)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
      if (typeof v !== 'string' || v.length <= 60) out[k] = v;
    } else if (Array.isArray(v)) out[k] = `${v.length} item${v.length === 1 ? '' : 's'}`;
    if (Object.keys(out).length >= 12) break;
  }
  return out;
}

/** Key figures per kind; unknown kinds get the generic summary. */
const SUMMARIES: Record<string, (c: Ctx, snapshot: Ctx) => Ctx> = {
  publicNotice: (c) => ({
    title: c.title,
    postedOn: c.postedOn,
    lastDay: c.lastDay,
    objections: countBy(arr(c.objections), 'status'),
    withdrawn: c.withdrawal !== null && c.withdrawal !== undefined,
  }),
  writtenConsultation: (c) => ({
    title: c.title,
    ballots: arr(c.entries).length,
    liveBallots: Object.keys(obj(c.live)).length,
    countedOn: c.countedOn ?? null,
    results: outcomes(c),
  }),
  meeting: (c) => ({
    title: c.title,
    body: c.body,
    meetingDate: obj(c.convening).meetingDate ?? null,
    attendance: arr(c.attendance).length,
    votes: arr(c.votes).length,
    results: outcomes(c),
  }),
  participatoryPlanningProject: (c, snapshot) => {
    const budget = obj(c.budget).amountFen;
    const sources = arr(c.sources).map(obj);
    const approved = sources.filter((x) => x.approval && !x.withdrawal).map((x) => String(x.amountFen));
    const approvedFen = approved.reduce((sum, a) => sum + BigInt(/^\d+$/.test(a) ? a : 0), 0n);
    return {
      title: c.title,
      stage: snapshot.value,
      adoptedPlan: c.adoptedPlanId ?? null,
      budget: typeof budget === 'string' ? yuan(budget) : null,
      approvedFunding: yuan(approvedFen.toString()),
      budgetCoverage:
        typeof budget === 'string' && /^\d+$/.test(budget) ? coverage(approvedFen, BigInt(budget)) : null,
      fundingSources: `${approved.length} approved of ${sources.length}`,
      fundingConfirmed: c.fundingConfirmed !== null && c.fundingConfirmed !== undefined,
      milestones: arr(c.milestones).length,
    };
  },
};

export function summarise(p: ReplayedProcess): Ctx {
  const snapshot = obj(p.persisted);
  const pick = SUMMARIES[p.kind] ?? generic;
  return pick(obj(snapshot.context), snapshot);
}

const stateOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function describe(p: ReplayedProcess): string {
  const s = obj(p.persisted);
  const head = `${p.kind} ${p.id}: ${stateOf(s.value)}${s.status === 'active' ? '' : ` (${String(s.status)})`}`;
  const meta = `  ${p.entries} entries, seq ${p.created.seq}–${p.updated.seq}`;
  const figures = Object.entries(summarise(p)).map(
    ([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return [head, meta, ...figures].join('\n');
}

/** The command over a given set of process kinds (the tests pass their own). */
export function replayCommand(loadKinds: () => Promise<readonly ProcessKind[]>): Command {
  return async (argv: string[], io: Io) => {
    const args = parseFileArgs(argv, io, 'replay', USAGE);
    if (typeof args === 'number') return args;
    const text = await readLog(args.file, io, 'replay');
    if (text === null) return EXIT_BAD_INPUT;
    const chain = verifyJsonl(text);
    if (!chain.ok) {
      io.stdout(
        `✗ 校验失败 NOT intact: ${args.file}:${chain.line} (entry seq ${chain.seq}, ${chain.reason}): ${chain.message}\n`,
      );
      return EXIT_FAILURE;
    }
    const entries = parseJsonl(text, args.file);
    const r = replay(entries, await loadKinds(), { packs: Object.values(policies) });
    if (!r.ok) {
      const line = r.index + 1;
      io.stdout(`✗ 无法重放 cannot replay: ${args.file}:${line}: ${r.error.code}: ${r.error.message}\n`);
      return EXIT_FAILURE;
    }
    if (args.json) {
      const processes = r.processes.map((p) => {
        const s = obj(p.persisted);
        return {
          id: p.id,
          kind: p.kind,
          state: s.value,
          status: s.status,
          entries: p.entries,
          created: p.created,
          updated: p.updated,
          summary: summarise(p),
        };
      });
      io.stdout(`${JSON.stringify({ count: r.count, head: r.head, processes }, null, 2)}\n`);
      return EXIT_OK;
    }
    const head = r.head ? `, head seq ${r.head.seq} sha256 ${r.head.hash}` : '';
    io.stdout(
      `✓ 已重放 replayed ${r.count} entries, ${r.processes.length} process${r.processes.length === 1 ? '' : 'es'}${head}\n\n` +
        r.processes.map(describe).join('\n\n') +
        (r.processes.length ? '\n' : ''),
    );
    return EXIT_OK;
  };
}

/**
 * The yishi machines (public notice, meeting, written consultation, project), loaded when the
 * command runs. The specifier is a variable so the CLI builds before that entry point exists.
 */
const MACHINES = '@yishi/core/machines';
async function yishiKinds(): Promise<readonly ProcessKind[]> {
  const m = (await import(MACHINES)) as { PROCESS_KINDS: readonly ProcessKind[] };
  return m.PROCESS_KINDS;
}

export const command: Command = replayCommand(yishiKinds);
