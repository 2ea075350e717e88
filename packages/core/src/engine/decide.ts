/**
 * Steps 1–5 of the contract (contract.ts) as pure functions, shared by the live engine and by
 * replay, so that a log is replayed by exactly the checks that accepted it:
 *
 *   1. parse the event with the kind's schema           → INVALID_EVENT
 *   2. the actor's role against `permissions[type]`      → FORBIDDEN_ROLE
 *   3. stamp `on` (China date of the entry's `at`) and `actor`
 *   4. snapshot.can(event)                              → EVENT_NOT_ALLOWED, explained
 *   5. the next snapshot, computed purely               → a refusal if it fails or changes nothing
 *
 * Steps 4 and 5 evaluate the machine's guards once: the transition is computed, and whether
 * `can(event)` holds is read from the transitions it selected (the ones `can` would select; see
 * `inertScope`), so the answer and the refusal are exactly those of `can` then `transition`.
 *
 * Nothing here stores, publishes or reads a clock: the caller passes `at`.
 *
 * Pure transitions: xstate's `transition(logic, snapshot, event)` builds a fresh inert actor
 * scope on every call, which for a machine whose context needs input means constructing an actor
 * and failing its initial snapshot each time — about 20 µs, more than the step itself. Here an
 * inert scope is built once per process (`inertScope`) and each step calls
 * `machine.transition(snapshot, event, scope)`: the same pure macrostep `transition()` runs, with
 * actions handed to an executor that drops them. Tests and the benchmark check that both give
 * the same persisted snapshots, byte for byte.
 */
import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  createActor,
  fromTransition,
  getNextTransitions,
  type InspectionEvent,
} from 'xstate';
import { Actor, SubmissionChannel } from '../actor/actor.js';
import { chinaDateAt } from '../calendar/plainDate.js';
import { isYishiError, YishiError, type YishiIssue } from '../errors/YishiError.js';
import { canonicalJson, inCanonicalOrder } from '../log/canonicalJson.js';
import { cloneJson } from '../log/immutable.js';
import { CREATE, type LoggedEvent } from '../log/logEntry.js';
import type { ProcessKind } from '../machines/processKind.js';
import { bind } from './bind.js';
import { calendarStamp } from './calendarStamp.js';
import { rulesSetup, withRules } from './rules.js';
import { DEFAULT_COMMUNITY, isolatedWorld, type World } from './world.js';

/** Who sends an event and how it reached the portal. */
export interface SendContext {
  actor: Actor;
  channel: SubmissionChannel;
}

/** A creation's context: who creates it, how, and the community it belongs to. */
export interface CreateContext extends SendContext {
  /** The community (居委会/村委会 area) the process belongs to; default: the engine's. */
  community?: string;
}

export type Refusal = { ok: false; error: YishiError };

/** Where a step is decided: the world, and for a creation the entry's time and origin. */
export interface DecideEnv {
  world?: World;
  /** The entry's time (ms): its China date is what binders see as `on`. */
  at?: number;
  /** Replay: the input or event is the logged one (its `policy` is checked, not resolved). */
  logged?: boolean;
}

/** A world that has no packs and no processes: what a step decided outside an engine sees. */
const NOWHERE: World = isolatedWorld(rulesSetup());

export type Decision =
  | {
      ok: true;
      event: LoggedEvent;
      next: AnyMachineSnapshot;
      /** The event's canonical JSON, when it was written here (not in replay): for its hash. */
      json?: string;
    }
  | Refusal;

export type CreateDecision =
  | {
      ok: true;
      event: LoggedEvent;
      input: unknown;
      community: string;
      snapshot: AnyMachineSnapshot;
      scope: AnyActorScope;
    }
  | Refusal;

/** A kind may explain its own refusals (optional; not part of the contract's required fields). */
type Explainer = (snapshot: AnyMachineSnapshot, event: LoggedEvent) => YishiError | undefined;

const refuse = (code: YishiError['code'], message: string, issues: readonly YishiIssue[] = []): Refusal => ({
  ok: false,
  error: new YishiError(code, message, issues),
});

function zodIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => ({ message: i.message, path: i.path.map(String).join('.') }));
}

/** A value as it reads back from the log: a JSON round trip through canonical JSON. */
export function normalise(value: unknown): unknown {
  return JSON.parse(canonicalJson(value));
}

/**
 * Whether `a` is `b` once written as JSON (`b` being plain JSON data): members that are
 * `undefined` are dropped, as canonical JSON drops them. Cheaper than comparing serialisations.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || Number.isFinite(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] === undefined ? null : a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k) || x[k] === undefined) continue;
    if (!Object.hasOwn(y, k) || !sameJson(x[k], y[k])) return false;
    n++;
  }
  return n === Object.keys(y).length;
}

/** The logic of the placeholder `self` of inert scopes: an actor that is never started. */
const PLACEHOLDER = fromTransition((state: null) => state, null);

/** A transition as `can` looks at it: allowed unless it has neither a target nor actions. */
interface SelectedTransition {
  target?: unknown;
  actions: readonly unknown[];
}

/**
 * What the event's own microstep selected, caught from the inert system's inspection stream
 * while `decideEvent` computes a transition (`armed`). Everything here is synchronous and
 * `decideEvent` does not re-enter itself, so one probe serves every scope.
 */
const probe: { armed: boolean; selected: readonly SelectedTransition[] | undefined } = {
  armed: false,
  selected: undefined,
};

/**
 * A fresh inert actor scope for the pure transitions of one process (see the header). As in
 * xstate's own `transition()`, `self` is an actor that is never started (there, one of the
 * machine whose initial snapshot failed for want of input; here, a placeholder, which is cheaper)
 * and actions are handed to an executor that drops them. Each process gets its own, so child
 * actors a machine spawns with a `systemId` register in a system of their own process.
 *
 * Its system watches for the `@xstate.microstep` of `self` that a macrostep reports first:
 * its `_transitions` are `machine.getTransitionData(snapshot, event)`, the very list
 * `snapshot.can(event)` computes. That is how steps 4 and 5 evaluate guards once.
 */
export function inertScope(): AnyActorScope {
  const self = createActor(PLACEHOLDER);
  // This system is the scope's own and nobody inspects it, so its inspection hook is replaced
  // rather than subscribed to (a subscriber would have every event copied for it). Should a
  // future xstate report microsteps otherwise, nothing is caught and `decideEvent` asks `can`.
  (self.system as unknown as { _sendInspectionEvent: (ev: InspectionEvent) => void })._sendInspectionEvent = (
    ev,
  ) => {
    if (
      probe.armed &&
      probe.selected === undefined &&
      ev.type === '@xstate.microstep' &&
      ev.actorRef === self
    )
      probe.selected = ev._transitions;
  };
  return {
    self,
    id: '',
    sessionId: '',
    logger: ignore,
    defer: ignore,
    emit: ignore,
    system: self.system,
    stopChild: ignore,
    actionExecutor: ignore,
  };
}

/** What an inert scope does with logs, deferred work, emitted events, stopped children, actions. */
function ignore(): void {}

const ROLES: ReadonlySet<string> = new Set(Actor.shape.role.options);
const CHANNELS: ReadonlySet<string> = new Set(SubmissionChannel.options);

/** The common case without zod: a well-formed `{ actor: { id, role }, channel }`. */
function isSendContext(c: Partial<SendContext>): c is SendContext {
  const a = c.actor as Record<string, unknown> | undefined;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.id === 'string' &&
    a.id.length > 0 &&
    typeof a.role === 'string' &&
    ROLES.has(a.role) &&
    Object.keys(a).length === 2 &&
    typeof c.channel === 'string' &&
    CHANNELS.has(c.channel)
  );
}

function checkContext(ctx: unknown, what: string): SendContext | Refusal {
  const c = (ctx ?? {}) as Partial<SendContext>;
  if (isSendContext(c)) return c;
  const actor = Actor.safeParse(c.actor);
  if (!actor.success) {
    return refuse(
      'INVALID_EVENT',
      `${what}: actor must be { id, role } with a known role`,
      zodIssues(actor.error),
    );
  }
  const channel = SubmissionChannel.safeParse(c.channel);
  if (!channel.success) {
    return refuse('INVALID_EVENT', `${what}: unknown submission channel "${String(c.channel)}"`, [
      { message: 'unknown channel', field: 'channel', received: String(c.channel) },
    ]);
  }
  return { actor: actor.data, channel: channel.data };
}

const isRefusal = (x: unknown): x is Refusal => (x as Refusal).ok === false;

/**
 * No C0 control character and no DEL. (Read by code units: a surrogate is never below U+0020, so
 * this is the test by characters, without splitting the string into an array.)
 */
function noControls(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

const isCommunityId = (id: unknown): id is string =>
  typeof id === 'string' && /^\S{1,128}$/.test(id) && noControls(id);

/** 1–200 characters, no spaces or control characters: ids go into messages, file names, URLs. */
const isProcessId = (id: unknown): id is string =>
  typeof id === 'string' && /^\S{1,200}$/.test(id) && noControls(id);

/**
 * Per events schema, the event types whose bare event `{ type }` the schema takes as it is (its
 * parse is `{ type }` again), or refuses (false). Schemas are pure, so the answer for a bare event
 * is the schema's own answer, asked once: a daily TICK is otherwise parsed afresh by zod each day.
 */
const bareTypes = new WeakMap<object, Map<string, boolean>>();

/** The type of a plain object whose only member is a string `type`; undefined for anything else. */
function bareType(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null || Object.getPrototypeOf(event) !== Object.prototype)
    return undefined;
  let type: unknown;
  for (const k in event) {
    if (k !== 'type' || !Object.hasOwn(event, k)) return undefined;
    type = (event as { type: unknown }).type;
  }
  return typeof type === 'string' ? type : undefined;
}

/** `schema.safeParse(event)`, without zod for a bare event whose answer is known (`bareTypes`). */
export function parseEvent(
  schema: ProcessKind['events'],
  event: unknown,
): ReturnType<ProcessKind['events']['safeParse']> {
  const type = bareType(event);
  if (type === undefined) return schema.safeParse(event);
  let known = bareTypes.get(schema);
  if (known === undefined) {
    known = new Map();
    bareTypes.set(schema, known);
  }
  if (known.get(type) === true) return { success: true, data: { type } };
  const parsed = schema.safeParse(event);
  // remembered only when the parse is exactly `{ type }` (zod returns it as a fresh object)
  if (known.size < 256) known.set(type, parsed.success && bareType(parsed.data) === type);
  return parsed;
}

/** Creation (a `CREATE` entry): creator role, input schema, then the machine's initial snapshot. */
export function decideCreate(
  kind: ProcessKind,
  id: string,
  input: unknown,
  ctx: CreateContext,
  env: DecideEnv = {},
): CreateDecision {
  const world = env.world ?? NOWHERE;
  if (!isProcessId(id)) {
    return refuse(
      'INVALID_INPUT',
      `process id must be 1–200 characters without spaces, got ${JSON.stringify(id)}`,
    );
  }
  const c = checkContext(ctx, `create ${id}`);
  if (isRefusal(c)) return c;
  if (!kind.creators.includes(c.actor.role)) {
    return refuse('FORBIDDEN_ROLE', `role ${c.actor.role} may not create a ${kind.kind}`, [
      {
        message: 'role may not create',
        field: 'role',
        received: c.actor.role,
        expected: kind.creators.join('|'),
      },
    ]);
  }
  const community = (ctx as CreateContext).community ?? DEFAULT_COMMUNITY;
  if (!isCommunityId(community)) {
    return refuse('INVALID_INPUT', `create ${id}: community must be 1–128 characters without spaces`, [
      { message: 'invalid community id', field: 'community', received: JSON.stringify(community) },
    ]);
  }
  const ruled = kind.policyIn?.input
    ? withRules(world.rules, input, env.logged === true, `${kind.kind} ${id}`)
    : input;
  if (isYishiError(ruled)) return { ok: false, error: ruled };
  const parsed = kind.input.safeParse(ruled);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return refuse(
      'INVALID_INPUT',
      `${kind.kind} ${id}: ${issues[0]?.path || 'input'}: ${issues[0]?.message}`,
      issues,
    );
  }
  // The machine and the log get separate copies: a machine keeping part of its input in its
  // context must not share objects with the logged entry.
  const json = canonicalJson(parsed.data);
  const normal = JSON.parse(json) as unknown;
  const bound = bind(world, {
    kind,
    process: id,
    community,
    actor: c.actor,
    on: chinaDateAt(env.at ?? 0),
    event: { type: CREATE, input: JSON.parse(json) },
  });
  if (bound) return { ok: false, error: bound };
  const scope = inertScope();
  let snapshot: AnyMachineSnapshot;
  try {
    snapshot = kind.machine.getInitialSnapshot(scope, normal) as AnyMachineSnapshot;
  } catch (e) {
    if (isYishiError(e)) return { ok: false, error: e };
    throw e;
  }
  if (snapshot.status === 'error') {
    const e = snapshot.error;
    if (isYishiError(e)) return { ok: false, error: e };
    return refuse('INVALID_INPUT', `${kind.kind} ${id}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const event: LoggedEvent = { type: CREATE, community, input: JSON.parse(json) };
  if (kind.calendar) event.calendar = calendarStamp(kind.calendar);
  return {
    ok: true,
    event,
    input: normal,
    community,
    snapshot,
    scope,
  };
}

/**
 * Steps 1–5 for one event to a process. `at` is the entry time (ms); the event gets
 * `on = chinaDateAt(at)` and `actor` before the machine sees it. Pure.
 *
 * With `logged` (replay), the stamped event must be exactly the logged one, a copy of which the
 * machine then receives; otherwise the stamped event is read back through canonical JSON, so the
 * live machine sees what a replay from the JSONL file will see. Either way the machine's copy is
 * not the returned `event` (the one to log).
 */
export function decideEvent(
  kind: ProcessKind,
  processId: string,
  snapshot: AnyMachineSnapshot,
  scope: AnyActorScope,
  event: unknown,
  ctx: SendContext,
  at: number,
  logged?: LoggedEvent,
  where?: { world: World; community: string },
): Decision {
  const world = where?.world ?? NOWHERE;
  const type = (event as { type?: unknown } | null)?.type;
  const what = `${kind.kind} ${processId}: ${typeof type === 'string' ? type : 'event'}`;
  if (typeof type !== 'string') return refuse('INVALID_EVENT', `${what}: an event needs a string "type"`);
  if (type === CREATE)
    return refuse('INVALID_EVENT', `${what}: CREATE is the engine's own event (use create)`);
  const c = checkContext(ctx, what);
  if (isRefusal(c)) return c;

  // 1. schema, once `rules` are resolved into a policy (rules.ts)
  const ruled = kind.policyIn?.events.includes(type)
    ? withRules(world.rules, event, logged !== undefined, what)
    : event;
  if (isYishiError(ruled)) return { ok: false, error: ruled };
  // A kind's own quick check first (never more lenient than its schema), else the schema.
  const quick = kind.quickEvent?.(ruled);
  const parsed =
    quick !== undefined ? { success: true as const, data: quick } : parseEvent(kind.events, ruled);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const first = issues[0];
    return refuse(
      'INVALID_EVENT',
      `${what}: ${first?.path ? `${first.path}: ` : ''}${first?.message}`,
      issues,
    );
  }
  // 2. role
  const roles = Object.hasOwn(kind.permissions, type) ? kind.permissions[type] : undefined;
  if (!roles?.includes(c.actor.role)) {
    return refuse('FORBIDDEN_ROLE', `${what}: role ${c.actor.role} may not send ${type}`, [
      {
        message: 'role may not send this event',
        field: type,
        received: c.actor.role,
        expected: roles?.join('|') ?? '',
      },
    ]);
  }
  // 3. stamp
  const fresh = stamp(parsed.data, chinaDateAt(at), { id: c.actor.id, role: c.actor.role });
  // `stamped` is what the machine receives, `entry` what is logged: never the same object, so a
  // machine keeping part of an event in its context shares nothing with the log.
  let stamped: LoggedEvent;
  let entry: LoggedEvent;
  let json: string | undefined;
  if (logged === undefined) {
    json = canonicalJson(fresh);
    // A quick check's event, in canonical order, is already what its JSON reads back as: new
    // objects holding only strings (quickEvent's contract). The machine may have it as it is.
    stamped = (quick !== undefined && inCanonicalOrder(fresh) ? fresh : JSON.parse(json)) as LoggedEvent;
    entry = JSON.parse(json) as LoggedEvent;
  } else if (sameJson(fresh, logged)) {
    stamped = cloneJson(logged);
    entry = logged;
  } else
    return refuse(
      'INVALID_EVENT',
      `${what}: the logged event is not the event the engine would have stamped`,
    );
  // 2b. what the event claims of the world: the processes it cites, the people behind roles
  const bound = bind(world, {
    kind,
    process: processId,
    community: where?.community ?? DEFAULT_COMMUNITY,
    actor: c.actor,
    on: fresh.on,
    event: stamped,
    snapshot,
  });
  if (bound) return { ok: false, error: bound };
  // 4 and 5: the transition, purely, and whether `can` holds, from the same evaluation of guards
  if (snapshot.status !== 'active') {
    return { ok: false, error: explainRefusal(kind, processId, snapshot, stamped) };
  }
  let next: AnyMachineSnapshot | undefined;
  let failure: { error: unknown } | undefined;
  probe.selected = undefined;
  probe.armed = true;
  try {
    next = kind.machine.transition(snapshot, stamped, scope) as AnyMachineSnapshot;
  } catch (e) {
    failure = { error: e };
  } finally {
    probe.armed = false;
  }
  // (read through a cast: TypeScript cannot see that the transition above set it)
  const selected = probe.selected as readonly SelectedTransition[] | undefined;
  probe.selected = undefined;
  // `can`'s own test on the selected transitions; asked of `can` itself when nothing was caught
  // (a scope not made by `inertScope`, or a transition that failed before its microstep ended).
  const allowed =
    selected === undefined
      ? snapshot.can(stamped)
      : selected.some((t) => t.target !== undefined || t.actions.length > 0);
  if (!allowed) return { ok: false, error: explainRefusal(kind, processId, snapshot, stamped) };
  if (failure !== undefined) {
    if (isYishiError(failure.error)) return { ok: false, error: failure.error };
    throw failure.error;
  }
  if (next === undefined) throw new Error('unreachable: a transition neither returned nor threw');
  if (next.status === 'error') {
    const e = next.error;
    if (isYishiError(e)) return { ok: false, error: e };
    return refuse(
      'EVENT_NOT_ALLOWED',
      `${what}: the machine failed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (next === snapshot) return { ok: false, error: explainRefusal(kind, processId, snapshot, stamped) };
  return json === undefined ? { ok: true, event: entry, next } : { ok: true, event: entry, next, json };
}

/**
 * `{ ...data, on, actor }`, its keys in ascending order when `data`'s are (the stamp's two merged
 * in their places), so that canonical JSON can write it with `JSON.stringify`
 * (log/canonicalJson.ts). Otherwise, or when `data` has its own `on`, `actor` or `__proto__`,
 * the spread itself: canonical JSON sorts the keys, so either gives the same bytes.
 */
function stamp(data: { type: string }, on: string, actor: Actor): Stamped {
  const d = data as Record<string, unknown>;
  const keys = Object.keys(d);
  let sorted = true;
  for (let i = 0; i < keys.length && sorted; i++) {
    const k = keys[i]!;
    sorted = k !== 'on' && k !== 'actor' && k !== '__proto__' && (i === 0 || keys[i - 1]! < k);
  }
  if (!sorted) return { ...d, on, actor } as Stamped;
  const out: Record<string, unknown> = {};
  let needActor = true;
  let needOn = true;
  for (const k of keys) {
    if (needActor && k > 'actor') {
      out.actor = actor;
      needActor = false;
    }
    if (needOn && k > 'on') {
      out.on = on;
      needOn = false;
    }
    out[k] = d[k];
  }
  if (needActor) out.actor = actor;
  if (needOn) out.on = on;
  return out as Stamped;
}

type Stamped = { type: string; on: string; actor: Actor } & Record<string, unknown>;

/** Event types with a transition from the current state (guards not evaluated). */
export function acceptedTypes(snapshot: AnyMachineSnapshot): Set<string> {
  const types = new Set<string>();
  if (snapshot.status !== 'active') return types;
  for (const t of getNextTransitions(snapshot)) if (t.eventType) types.add(t.eventType);
  return types;
}

const stateName = (snapshot: AnyMachineSnapshot) =>
  typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);

/**
 * Why `snapshot` does not take `event`. A kind that carries `explainRefusal(snapshot, event)`
 * (the machines' `MachineKind` does) answers first, with its most specific code
 * (VOTE_AFTER_CLOSE, DOUBLE_VOTE, …). Otherwise: the process has ended, the current state has
 * no transition for the event, or a guard said no — all EVENT_NOT_ALLOWED.
 */
export function explainRefusal(
  kind: ProcessKind,
  processId: string,
  snapshot: AnyMachineSnapshot,
  event: LoggedEvent,
): YishiError {
  const explain = kind.explainRefusal as Explainer | undefined;
  if (typeof explain === 'function') {
    try {
      const own = explain(snapshot, event);
      if (own && isYishiError(own)) return own;
    } catch {
      // An explainer that fails must not turn a refusal into a crash; the generic reason follows.
    }
  }
  const state = stateName(snapshot);
  const what = `${kind.kind} ${processId}: ${event.type}`;
  if (snapshot.status !== 'active') {
    return new YishiError(
      'EVENT_NOT_ALLOWED',
      `${what} refused: the process has ended (${snapshot.status}, ${state})`,
      [{ message: 'process has ended', field: event.type, received: snapshot.status }],
    );
  }
  const accepted = acceptedTypes(snapshot);
  if (!accepted.has(event.type) && !accepted.has('*')) {
    const list = [...accepted].filter((t) => Object.hasOwn(kind.permissions, t));
    return new YishiError(
      'EVENT_NOT_ALLOWED',
      `${what} refused: not accepted in state ${state}` +
        (list.length ? ` (accepted now: ${list.join(', ')})` : ''),
      [
        {
          message: 'not accepted in this state',
          field: event.type,
          received: state,
          expected: list.join('|'),
        },
      ],
    );
  }
  return new YishiError(
    'EVENT_NOT_ALLOWED',
    `${what} refused: a condition of the ${kind.kind} in state ${state} is not met`,
    [{ message: 'guard refused', field: event.type, received: state }],
  );
}

/**
 * The event types `actor` may send now: allowed for the role by `permissions` AND with a
 * transition from the current state. Structural (guards are not evaluated, since they depend on
 * the payload), except for events that need no payload (e.g. TICK): those are checked exactly
 * with `can`. A button shown from this list may still be refused; `can(event)` is exact.
 */
export function allowedActions(
  kind: ProcessKind,
  snapshot: AnyMachineSnapshot,
  actor: Actor,
  at: number,
): string[] {
  const accepted = acceptedTypes(snapshot);
  const out: string[] = [];
  for (const [type, roles] of Object.entries(kind.permissions)) {
    if (!roles.includes(actor.role) || !(accepted.has(type) || accepted.has('*'))) continue;
    const bare = kind.events.safeParse({ type });
    if (bare.success) {
      const event = { ...bare.data, on: chinaDateAt(at), actor: { id: actor.id, role: actor.role } };
      if (!snapshot.can(event)) continue;
    }
    out.push(type);
  }
  return out;
}
