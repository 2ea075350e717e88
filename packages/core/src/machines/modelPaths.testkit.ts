/**
 * Model-based testing of a process kind with @xstate/graph (test support, not shipped).
 *
 * `getShortestPaths` walks the machine over *abstract* states (`serialize`) with events from a
 * generator; the graph keeps one concrete snapshot per abstract state, so a path's events are
 * replayed by meaning: at each step the generator is asked again on the concrete snapshot
 * reached so far and the event with the same label is sent — through `stepProcess`, i.e. with the
 * kind's zod schema and role permissions, as the engine would — and the result must land in the
 * same abstract state. At every step the snapshot is also persisted, sent through JSON, restored,
 * and must accept exactly the same generated events and reach the same context.
 */
import { getShortestPaths, type StatePath } from '@xstate/graph';
import { expect } from 'vitest';
import {
  type AnyStateMachine,
  type AnyTransitionDefinition,
  createActor,
  type EventFromLogic,
  getMicrosteps,
  type SnapshotFrom,
} from 'xstate';
import { type MachineKind, restoreProcess, startProcess, stepProcess } from './processKind.js';

type Ev = { type: string; on: string; actor: { id: string; role: string } };

const LABEL = new WeakMap<object, string>();

/** Name an event by what it means ("TICK>last", "SIGN_IN o3"), independent of its dates. */
export function label<E extends object>(event: E, name: string): E {
  LABEL.set(event, name);
  return event;
}

export interface Model<M extends AnyStateMachine> {
  name: string;
  kind: MachineKind<M>;
  input: unknown;
  events: (s: SnapshotFrom<M>) => Ev[];
  serialize: (s: SnapshotFrom<M>) => string;
  /** Legal invariants every reachable snapshot keeps. */
  check?: (s: SnapshotFrom<M>, prev: SnapshotFrom<M>) => void;
  /** Do not explore beyond states where this holds (they are still reached and checked). */
  stopWhen?: (s: SnapshotFrom<M>) => boolean;
}

export interface Step<M extends AnyStateMachine> {
  before: SnapshotFrom<M>;
  event: Ev;
  after: SnapshotFrom<M>;
}

export function shortestPaths<M extends AnyStateMachine>(model: Model<M>) {
  return getShortestPaths(model.kind.machine, {
    input: model.input as never,
    events: (s) => model.events(s as SnapshotFrom<M>) as never,
    serializeState: (s) => model.serialize(s as SnapshotFrom<M>),
    ...(model.stopWhen ? { stopWhen: (s: unknown) => model.stopWhen!(s as SnapshotFrom<M>) } : {}),
  }) as unknown as StatePath<SnapshotFrom<M>, EventFromLogic<M>>[];
}

const REPLAYS = new WeakMap<object, unknown>();

/** Replay a path by meaning, through the engine's checks, keeping the invariants (memoised per path). */
export function replay<M extends AnyStateMachine>(
  model: Model<M>,
  path: StatePath<SnapshotFrom<M>, EventFromLogic<M>>,
): Step<M>[] {
  const known = REPLAYS.get(path) as Step<M>[] | undefined;
  if (known) return known;
  const steps = replayOnce(model, path);
  REPLAYS.set(path, steps);
  return steps;
}

function replayOnce<M extends AnyStateMachine>(
  model: Model<M>,
  path: StatePath<SnapshotFrom<M>, EventFromLogic<M>>,
): Step<M>[] {
  const steps: Step<M>[] = [];
  let before = startProcess(model.kind, model.input);
  for (const step of path.steps) {
    if (step.event.type === 'xstate.init') continue;
    const want = LABEL.get(step.event);
    const event = model.events(before).find((e) => LABEL.get(e) === want);
    if (!event) throw new Error(`${model.name}: no "${want}" event from ${model.serialize(before)}`);
    const r = stepProcess(model.kind, before, event, { on: event.on, actor: event.actor as never });
    if (!r.ok)
      throw new Error(`${model.name}: ${want} refused from ${model.serialize(before)}: ${r.error.message}`);
    expect(model.serialize(r.snapshot)).toBe(model.serialize(step.state));
    model.check?.(r.snapshot, before);
    steps.push({ before, event, after: r.snapshot });
    before = r.snapshot;
  }
  return steps;
}

type Snap = { value: unknown; context: unknown };

const can = (s: unknown, e: Ev) => (s as { can(e: unknown): boolean }).can(e);

/** Persist → JSON → restore at `s`: the restored snapshot accepts the same events and gets the same results. */
export function checkRestore<M extends AnyStateMachine>(model: Model<M>, s: SnapshotFrom<M>): void {
  const actor = createActor(model.kind.machine, { snapshot: s } as never).start();
  const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
  actor.stop();
  const back = restoreProcess(model.kind, stored) as unknown as Snap;
  const here = s as unknown as Snap;
  expect(back.value).toEqual(here.value);
  expect(back.context).toEqual(here.context);
  for (const e of model.events(s)) {
    expect(can(back, e)).toBe(can(s, e));
    if (!can(s, e)) continue;
    const a = stepProcess(model.kind, s, e, { on: e.on, actor: e.actor as never });
    const b = stepProcess(model.kind, back as never, e, { on: e.on, actor: e.actor as never });
    expect(b.ok).toBe(a.ok);
    if (a.ok && b.ok)
      expect((b.snapshot as unknown as Snap).context).toEqual((a.snapshot as unknown as Snap).context);
  }
}

/** Every transition definition of a flat machine, eventless ones included. */
export function definedTransitions(machine: AnyStateMachine): Set<AnyTransitionDefinition> {
  const defined = new Set<AnyTransitionDefinition>();
  for (const node of Object.values(machine.states)) {
    for (const list of node.transitions.values()) for (const t of list) defined.add(t);
    for (const t of node.always ?? []) defined.add(t);
  }
  return defined;
}

/** The transitions taken by `event` from `before`, the eventless ones it triggers included. */
export function transitionsTaken<M extends AnyStateMachine>(machine: M, before: SnapshotFrom<M>, event: Ev) {
  const taken: AnyTransitionDefinition[] = [];
  const [first] = machine.getTransitionData(before as never, event as never);
  if (first) taken.push(first);
  const micro = getMicrosteps(machine, before as never, event as never);
  const value = (i: number) => String((micro[i]![0] as unknown as Snap).value);
  for (let i = 0; i + 1 < micro.length; i++) {
    const from = machine.states[value(i)];
    for (const t of from?.always ?? []) if ((t.target?.[0]?.key ?? value(i)) === value(i + 1)) taken.push(t);
  }
  return taken;
}

export const describeTransition = (t: AnyTransitionDefinition) =>
  `${t.source.key} ${t.eventType || '(always)'} → ${t.target?.[0]?.key ?? '(stays)'}`;
