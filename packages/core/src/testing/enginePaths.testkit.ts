/**
 * Model-based testing through the engine (test support, not shipped). The per-machine paths
 * tests (`*.paths.test.ts`) replay each path with `stepProcess`: the kind's schema and
 * permissions, but no roster and no other process. Here every path runs in a live engine
 * (`createEngine` with the fixture packs and the fixture roster), so:
 *
 * - each sender's role is checked against the community's roster on the event's date, and at
 *   every step an impostor claiming the same role is refused (FORBIDDEN_ROLE, nothing logged);
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
import { replay } from '../engine/replay.js';
import type { YishiErrorCode } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
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
const channelOf = (actor: Actor, channel?: SubmissionChannel): SubmissionChannel =>
  channel ?? (actor.role === 'system' ? 'system' : 'web');

export function driver(people: readonly { id: string; role: RosterRole }[] = []): Driver {
  const clock = { t: chinaMidnight('2000-01-03') + 10 * HOUR, now: () => clock.t };
  const engine = createEngine({ kinds: PROCESS_KINDS, clock, packs: FIXTURE_PACKS });
  const r = engine.create(...fixtureRoster(undefined, [...FIXTURE_PEOPLE, ...people]));
  if (!r.ok) throw r.error;
  const d: Driver = {
    engine,
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

/** A fresh engine with the model's setup done and its process created. */
function begin<M extends AnyStateMachine>(model: EngineModel<M>): Driver {
  const d = driver(model.people);
  model.setup?.(d);
  d.at(model.createdOn);
  d.create(model.kind.kind, model.id, model.input, model.creator);
  return d;
}

const snapshotOf = <M extends AnyStateMachine>(d: Driver, id: string) =>
  d.engine.process(id)!.getSnapshot() as SnapshotFrom<M>;

export type EnginePath<M extends AnyStateMachine> = StatePath<SnapshotFrom<M>, PathEvent>;

/** Every shortest path of the model's machine, from the snapshot the engine creates. */
export function enginePaths<M extends AnyStateMachine>(model: EngineModel<M>): EnginePath<M>[] {
  const fromState = snapshotOf<M>(begin(model), model.id);
  return getShortestPaths(model.kind.machine, {
    fromState: fromState as never,
    events: (s) => model.events(s as SnapshotFrom<M>) as never,
    serializeState: (s) => model.serialize(s as SnapshotFrom<M>),
    ...(model.stopWhen ? { stopWhen: (s: unknown) => model.stopWhen!(s as SnapshotFrom<M>) } : {}),
  }) as unknown as EnginePath<M>[];
}

/** What running a path saw: the refusals tried, by code, and the events accepted. */
export interface PathRun {
  engine: Engine;
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

/**
 * Runs a path in a fresh engine: every step accepted and landing in the path's abstract state,
 * an impostor refused at each step taken in a roster role, the model's refusals refused; then the
 * log replays to the same persisted snapshots.
 */
export function runPath<M extends AnyStateMachine>(model: EngineModel<M>, path: EnginePath<M>): PathRun {
  const d = begin(model);
  const run: PathRun = { engine: d.engine, refused: [], sent: [] };
  for (const step of path.steps) {
    if (step.event.type === 'xstate.init') continue;
    const want = labelOf(step.event);
    const s = snapshotOf<M>(d, model.id);
    const event = model.events(s).find((e) => labelOf(e) === want);
    if (!event) throw new Error(`${model.name}: no "${want}" event from ${model.serialize(s)}`);
    d.at(event.on);
    const where = `${model.name}: ${want} from ${model.serialize(s)}`;
    if ((ROSTER_ROLES as readonly string[]).includes(event.actor.role)) {
      const impostor = { ...event, actor: { id: 'impostor', role: event.actor.role } };
      refusedHere(d, model.id, impostor, 'FORBIDDEN_ROLE', `${where}, by an impostor`);
      run.refused.push({ name: 'impostor', code: 'FORBIDDEN_ROLE' });
    }
    for (const r of model.refusals?.(s, event, d) ?? []) {
      refusedHere(d, model.id, r.event, r.code, `${where}, ${r.name}`);
      run.refused.push({ name: r.name, code: r.code });
    }
    const { type, on: _on, actor, submission, ...fields } = event;
    const r = d.engine.send(model.id, { type, ...fields }, { actor, channel: channelOf(actor, submission) });
    if (!r.ok) throw new Error(`${where}: refused: ${r.error.code}: ${r.error.message}`);
    expect(r.entry.event.on).toBe(event.on);
    expect(model.serialize(r.snapshot as SnapshotFrom<M>)).toBe(model.serialize(step.state));
    run.sent.push(event);
  }
  expectReplays(d.engine);
  return run;
}

/** The engine's log replays (full checks) to every process's persisted snapshot, byte for byte. */
export function expectReplays(engine: Engine): void {
  const r = replay(engine.log(), PROCESS_KINDS, { packs: FIXTURE_PACKS });
  if (!r.ok) throw r.error;
  expect(r.processes.map((p) => p.id)).toEqual(engine.processes().map((p) => p.id));
  for (const p of r.processes) {
    expect(canonicalJson(p.persisted)).toBe(canonicalJson(engine.process(p.id)!.getPersistedSnapshot()));
  }
}
