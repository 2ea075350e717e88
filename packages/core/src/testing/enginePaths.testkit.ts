/**
 * Model-based testing through the engine (test support, not shipped). The per-machine paths
 * tests (`*.paths.test.ts`) replay each path with `stepProcess`: the kind's schema and
 * permissions, but no roster and no other process. Here every path runs in a live engine
 * (`createEngine` with the fixture packs and the fixture roster), so:
 *
 * - each sender's role is checked against the community's roster on the event's date: at every
 *   step sent in a roster role, an impostor claiming that role and someone whose term in it
 *   ended (2000–2001 on the fixture roster) are refused (FORBIDDEN_ROLE, nothing logged);
 * - the process is created from `rules` (pack and date), the engine resolving its policy;
 * - a process that cites others (a project citing meetings, consultations and notices) cites real
 *   processes the model's `setup` created in the same engine and drove to the state it needs,
 *   and before each citing step the model's `refusals` are tried and must be refused with their
 *   codes, changing nothing;
 * - after the path the engine's log is replayed (engine/replay.ts, full checks) and must rebuild
 *   every process's persisted snapshot byte for byte.
 *
 * The graph (@xstate/graph `getShortestPaths`) is walked over the machine alone, from the very
 * snapshot the engine created, over abstract states (`serialize`). A path is then replayed by
 * meaning: at each step the generator is asked again on the engine's snapshot and the event with
 * the same label is sent; the engine stamps its date from the clock, which is set to the event's
 * `on` (a fixed clock: no wall time, no randomness), and the result must land in the path's
 * abstract state.
 */
import { getShortestPaths, type StatePath } from '@xstate/graph';
import { expect } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine, SnapshotFrom } from 'xstate';
import { type Actor, ROSTER_ROLES, type RosterRole, type SubmissionChannel } from '../actor/actor.js';
import { chinaDateAt, chinaMidnight } from '../calendar/plainDate.js';
import { createEngine } from '../engine/createEngine.js';
import type { Engine } from '../engine/engineTypes.js';
import { createRebuilder, kindMap, replay } from '../engine/replay.js';
import { rulesSetup, withRules } from '../engine/rules.js';
import { type Checkpoint, memoryStore, type SyncEventStore } from '../engine/store.js';
import { YishiError, type YishiErrorCode } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import type { LogEntry } from '../log/logEntry.js';
import type { MachineKind } from '../machines/processKind.js';
import { PROCESS_KINDS } from '../machines/processKinds.js';
import { FIXTURE_PACKS } from './fixtureEngine.js';
import { FIXTURE_PEOPLE, fixtureRoster } from './fixtureRoster.js';

/**
 * An event as a model generates it: what is sent, the day it is sent on, by whom, and (when not
 * the web portal) through which channel it reached the portal (`submission`; `channel` is an
 * event field of some kinds).
 */
export type PathEvent = { type: string; on: string; actor: Actor; submission?: SubmissionChannel } & Record<
  string,
  unknown
>;

const LABEL = new WeakMap<object, string>();

/** Name an event by what it means ("TICK>last", "CAST o1 again"), independent of its dates. */
export function label<E extends object>(event: E, name: string): E {
  LABEL.set(event, name);
  return event;
}
export const labelOf = (event: object) => LABEL.get(event);

/** A refusal the engine must give instead of accepting a variant of the path's next event. */
export interface Refusal {
  name: string;
  event: PathEvent;
  code: YishiErrorCode;
}

export interface EngineModel<M extends AnyStateMachine> {
  name: string;
  kind: MachineKind<M>;
  /** The process the graph walks, and its creation as the engine is given it (`rules`, not a policy). */
  id: string;
  input: unknown;
  creator: Actor;
  createdOn: string;
  events: (s: SnapshotFrom<M>) => PathEvent[];
  serialize: (s: SnapshotFrom<M>) => string;
  stopWhen?: (s: SnapshotFrom<M>) => boolean;
  /** People the model's events name besides the fixture roster's (all appointed from 2000). */
  people?: readonly { id: string; role: RosterRole }[];
  /** Processes the path cites, made in the same engine before the process (dated before `createdOn`). */
  setup?: (d: Driver) => void;
  /** Variants of `event` the engine must refuse from `s` (tried before `event` is sent). */
  refusals?: (s: SnapshotFrom<M>, event: PathEvent, d: Driver) => Refusal[];
}

/** An engine on a fixed clock that only moves forward, with the fixture roster. */
export interface Driver {
  engine: Engine;
  /** Moves the clock to `date` (10:00 China time, or a second after the last reading that day). */
  at(date: string): void;
  today(): string;
  /** The clock's reading. */
  now(): number;
  create(kind: string, id: string, input: unknown, actor: Actor): void;
  /** Sends an event that must be accepted. */
  send(
    id: string,
    event: Record<string, unknown> & { type: string },
    actor: Actor,
    channel?: SubmissionChannel,
  ): AnyMachineSnapshot;
}

const HOUR = 3_600_000;

/** Whose appointment in each roster role ended long before any path's dates. */
const formerIn = (role: RosterRole) => `former-${role}`;
const FORMER = ROSTER_ROLES.map((role) => ({
  appointmentId: `former-${role}`,
  personId: formerIn(role),
  role,
  from: '2000-01-01',
  until: '2001-12-31',
  basis: 'fixture: a term that has ended',
}));
const SETUP = rulesSetup({ packs: FIXTURE_PACKS });
const channelOf = (actor: Actor, channel?: SubmissionChannel): SubmissionChannel =>
  channel ?? (actor.role === 'system' ? 'system' : 'web');

/**
 * A new engine with the fixture roster (and `people`), or one opened on `from`: a store holding a
 * log and its checkpoint, restored from the checkpoint (`checkpoints: 'use'`), its clock at `t`.
 */
export function driver(
  people: readonly { id: string; role: RosterRole }[] = [],
  from?: { store: SyncEventStore; t: number },
): Driver {
  const clock = { t: from?.t ?? chinaMidnight('2000-01-03') + 10 * HOUR, now: () => clock.t };
  const engine = from
    ? createEngine({
        kinds: PROCESS_KINDS,
        clock,
        packs: FIXTURE_PACKS,
        store: from.store,
        checkpoints: 'use',
      })
    : createEngine({ kinds: PROCESS_KINDS, clock, packs: FIXTURE_PACKS });
  if (!from) {
    const [kind, id, input, ctx] = fixtureRoster(undefined, [...FIXTURE_PEOPLE, ...people]);
    const r = engine.create(kind, id, { ...input, appointments: [...input.appointments, ...FORMER] }, ctx);
    if (!r.ok) throw r.error;
  }
  const d: Driver = {
    engine,
    now: () => clock.t,
    at(date) {
      const t = Math.max(clock.t + 1000, chinaMidnight(date) + 10 * HOUR);
      if (chinaDateAt(t) !== date) throw new Error(`the clock cannot go back to ${date} from ${d.today()}`);
      clock.t = t;
    },
    today: () => chinaDateAt(clock.t),
    create(kind, id, input, actor) {
      const c = engine.create(kind, id, input, { actor, channel: 'web' });
      if (!c.ok) throw new Error(`create ${kind} ${id}: ${c.error.code}: ${c.error.message}`);
    },
    send(id, event, actor, channel) {
      const s = engine.send(id, event, { actor, channel: channelOf(actor, channel) });
      if (!s.ok) throw new Error(`${id} ${event.type}: ${s.error.code}: ${s.error.message}`);
      return s.snapshot;
    },
  };
  return d;
}

/** Where every path of a model starts: the log and checkpoint after its setup and creation. */
interface Base {
  log: LogEntry[];
  checkpoint: Checkpoint;
  t: number;
}
const BASES = new WeakMap<object, Base>();

/**
 * The model's setup done and its process created, once per model; its log must replay in full
 * (`replay`) to the same snapshots. Each path starts from its checkpoint, so a long setup (the
 * meetings and notices a project cites) is made and checked once, not once per path.
 */
function baseOf<M extends AnyStateMachine>(model: EngineModel<M>): Base {
  const known = BASES.get(model);
  if (known) return known;
  const d = driver(model.people);
  model.setup?.(d);
  d.at(model.createdOn);
  d.create(model.kind.kind, model.id, model.input, model.creator);
  expectReplays(d.engine);
  const base = { log: d.engine.log(), checkpoint: d.engine.checkpoint()!, t: d.now() };
  BASES.set(model, base);
  return base;
}

/** An engine where the model's paths start: opened on its base's log and checkpoint. */
function begin<M extends AnyStateMachine>(model: EngineModel<M>): Driver {
  const base = baseOf(model);
  const store = memoryStore(base.log);
  store.saveSnapshot(base.checkpoint);
  return driver(model.people, { store, t: base.t });
}

const snapshotOf = <M extends AnyStateMachine>(d: Driver, id: string) =>
  d.engine.process(id)!.getSnapshot() as SnapshotFrom<M>;

export type EnginePath<M extends AnyStateMachine> = StatePath<SnapshotFrom<M>, PathEvent>;

/** Every shortest path of the model's machine, from the snapshot the engine creates. */
export function enginePaths<M extends AnyStateMachine>(model: EngineModel<M>): EnginePath<M>[] {
  const fromState = snapshotOf<M>(begin(model), model.id);
  const policyIn = new Set(model.kind.policyIn?.events ?? []);
  // The machine sees an event carrying `rules` with the policy the engine resolves in its place.
  const machineSees = (e: PathEvent) => {
    if (!policyIn.has(e.type)) return e;
    const v = withRules(SETUP, e, false, e.type);
    if (v instanceof YishiError) throw v;
    return label(v as PathEvent, labelOf(e)!);
  };
  return getShortestPaths(model.kind.machine, {
    fromState: fromState as never,
    events: (s) => model.events(s as SnapshotFrom<M>).map(machineSees) as never,
    serializeState: (s) => model.serialize(s as SnapshotFrom<M>),
    ...(model.stopWhen ? { stopWhen: (s: unknown) => model.stopWhen!(s as SnapshotFrom<M>) } : {}),
  }) as unknown as EnginePath<M>[];
}

/** What running the paths saw: the refusals tried, by name and code, and the events accepted. */
export interface PathsRun {
  /** Paths run (each path is the prefix of a run: the shortest paths form a tree). */
  paths: number;
  /** Runs made: one per leaf of the tree. */
  runs: number;
  refused: { name: string; code: YishiErrorCode }[];
  sent: PathEvent[];
}

function refusedHere(d: Driver, id: string, e: PathEvent, code: YishiErrorCode, what: string) {
  const before = d.engine.log().length;
  const snapshot = d.engine.process(id)!.getSnapshot();
  const { type, on: _on, actor, submission, ...fields } = e;
  const r = d.engine.send(id, { type, ...fields }, { actor, channel: channelOf(actor, submission) });
  if (r.ok) throw new Error(`${what}: accepted, expected ${code}`);
  expect(`${what}: ${r.error.code}`).toBe(`${what}: ${code}`);
  // bad input changes nothing
  expect(d.engine.log().length).toBe(before);
  expect(d.engine.process(id)!.getSnapshot()).toBe(snapshot);
}

const eventSteps = <M extends AnyStateMachine>(path: EnginePath<M>) =>
  path.steps.filter((st) => st.event.type !== 'xstate.init');

/**
 * Runs every path. `getShortestPaths` returns a tree (the path to a state is the path to the state
 * it was first reached from, plus one step), so only the paths to its leaves are run, each in a
 * fresh engine; every other path is a prefix of one of them, and is checked where that run
 * passes its end: the abstract state reached, and the log up to there replayed (full checks) to
 * the same persisted snapshot. At every step an impostor in the sender's roster role and the
 * model's refusals are refused, changing nothing; after each run the whole log replays to every
 * process's persisted snapshot, byte for byte.
 */
export function runPaths<M extends AnyStateMachine>(model: EngineModel<M>, paths: EnginePath<M>[]): PathsRun {
  const keyOf = (path: EnginePath<M>) => eventSteps(path).map((st) => model.serialize(st.state));
  const ends = new Set(paths.map((p) => JSON.stringify(keyOf(p))));
  const inner = new Set(paths.map((p) => JSON.stringify(keyOf(p).slice(0, -1))));
  const leaves = paths.filter((p) => !inner.has(JSON.stringify(keyOf(p))));
  const covered = new Set<string>();
  const out: PathsRun = { paths: paths.length, runs: 0, refused: [], sent: [] };
  for (const leaf of leaves) {
    out.runs++;
    const d = begin(model);
    /** Where a path ends along this run: the log's length then, and the process as persisted. */
    const marks: { entries: number; persisted: string }[] = [];
    const key: string[] = [];
    const mark = () => {
      const k = JSON.stringify(key);
      if (!ends.has(k)) return;
      covered.add(k);
      const persisted = canonicalJson(d.engine.process(model.id)!.getPersistedSnapshot());
      marks.push({ entries: d.engine.log().length, persisted });
    };
    mark();
    for (const step of eventSteps(leaf)) {
      const want = labelOf(step.event);
      const s = snapshotOf<M>(d, model.id);
      const event = model.events(s).find((e) => labelOf(e) === want);
      const where = `${model.name}: ${want} from ${model.serialize(s)}`;
      if (!event) throw new Error(`${model.name}: no "${want}" event from ${model.serialize(s)}`);
      d.at(event.on);
      const role = event.actor.role;
      if ((ROSTER_ROLES as readonly string[]).includes(role)) {
        // someone the roster never lists in the role, and someone whose term in it has ended
        const impostor = { ...event, actor: { id: 'impostor', role } };
        refusedHere(d, model.id, impostor, 'FORBIDDEN_ROLE', `${where}, by an impostor`);
        out.refused.push({ name: 'impostor', code: 'FORBIDDEN_ROLE' });
        const former = { ...event, actor: { id: formerIn(role as RosterRole), role } };
        refusedHere(d, model.id, former, 'FORBIDDEN_ROLE', `${where}, by one whose term has ended`);
        out.refused.push({ name: 'term ended', code: 'FORBIDDEN_ROLE' });
      }
      for (const r of model.refusals?.(s, event, d) ?? []) {
        refusedHere(d, model.id, r.event, r.code, `${where}, ${r.name}`);
        out.refused.push({ name: r.name, code: r.code });
      }
      const { type, on: _on, actor, submission, ...fields } = event;
      const r = d.engine.send(
        model.id,
        { type, ...fields },
        { actor, channel: channelOf(actor, submission) },
      );
      if (!r.ok) throw new Error(`${where}: refused: ${r.error.code}: ${r.error.message}`);
      expect(r.entry.event.on).toBe(event.on);
      expect(model.serialize(r.snapshot as SnapshotFrom<M>)).toBe(model.serialize(step.state));
      out.sent.push(event);
      key.push(model.serialize(step.state));
      mark();
    }
    expectReplaysAlong(d.engine, baseOf(model), model.id, marks);
  }
  expect(covered.size).toBe(paths.length);
  return out;
}

/**
 * The log replayed entry by entry with replay's own rebuilder (engine/replay.ts, full checks): at
 * each mark the process as it was persisted live, and at the end every process, byte for byte.
 */
function expectReplaysAlong(
  engine: Engine,
  base: Base,
  id: string,
  marks: { entries: number; persisted: string }[],
) {
  const rebuild = createRebuilder(kindMap(PROCESS_KINDS), 'full', SETUP);
  const persisted = (p: { kind: { machine: AnyStateMachine }; snapshot: AnyMachineSnapshot }) =>
    canonicalJson(p.kind.machine.getPersistedSnapshot(p.snapshot));
  const restored = rebuild.restore(base.checkpoint);
  if (restored) throw restored;
  let next = 0;
  const compare = (entries: number) => {
    while (marks[next]?.entries === entries) {
      expect(persisted(rebuild.processes.get(id)!)).toBe(marks[next]!.persisted);
      next++;
    }
  };
  compare(base.log.length);
  const log = engine.log();
  expect(log.slice(0, base.log.length)).toEqual(base.log);
  for (let i = base.log.length; i < log.length; i++) {
    const e = rebuild.apply(log[i]!, i);
    if (e) throw e;
    compare(i + 1);
  }
  expect(next).toBe(marks.length);
  expect([...rebuild.processes.keys()]).toEqual(engine.processes().map((p) => p.id));
  for (const p of rebuild.processes.values()) {
    expect(persisted(p)).toBe(canonicalJson(engine.process(p.id)!.getPersistedSnapshot()));
  }
}

/** The engine's log replays (`replay`, full checks) to every process's persisted snapshot, byte for byte. */
export function expectReplays(engine: Engine): void {
  const r = replay(engine.log(), PROCESS_KINDS, { packs: FIXTURE_PACKS });
  if (!r.ok) throw r.error;
  expect(r.processes.map((p) => p.id)).toEqual(engine.processes().map((p) => p.id));
  for (const p of r.processes) {
    expect(canonicalJson(p.persisted)).toBe(canonicalJson(engine.process(p.id)!.getPersistedSnapshot()));
  }
}
