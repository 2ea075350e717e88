/**
 * The engine's implementation, shared by `createEngine` and `openEngine`: the process table, the
 * six steps of an event (decide.ts for steps 1–5, then append and publish), clock ticks,
 * checkpoints, and loading a store that already holds a log. Internal; see createEngine.ts.
 */
import { type AnyActorRef, type AnyMachineSnapshot, createActor } from 'xstate';
import type { Actor, Role } from '../actor/actor.js';
import { chinaDateAt } from '../calendar/plainDate.js';
import { YishiError } from '../errors/YishiError.js';
import { cloneJson, deepFreeze, freezeNew } from '../log/immutable.js';
import { appendEntry, headOf, isLogEntry, LogEntry, type LogHead } from '../log/logEntry.js';
import { verifyNext } from '../log/verify.js';
import type { ProcessKind } from '../machines/processKind.js';
import { checkSizes, limitsOf, readClock } from './bounds.js';
import {
  allowedActions,
  type CreateContext,
  decideCreate,
  decideEvent,
  type Refusal,
  type SendContext,
} from './decide.js';
import type {
  Accepted,
  CheckResult,
  CreateResult,
  EngineChange,
  EngineOptions,
  SendResult,
  TickOptions,
} from './engineTypes.js';
import {
  auditCheckpoint,
  createRebuilder,
  kindMap,
  type ProcessState,
  type Rebuilder,
  type ReplayCheck,
} from './replay.js';
import { rosterAllows } from './roster.js';
import { rulesSetup } from './rules.js';
import { type Checkpoint, checkpointHash, type EventStore, type SyncEventStore } from './store.js';
import { DEFAULT_COMMUNITY, type World } from './world.js';

/** The actor and channel of the engine's own clock ticks. */
export const SYSTEM_CLOCK: SendContext = { actor: { id: 'system', role: 'system' }, channel: 'system' };
export const TICK = 'TICK';

export type Maybe<T> = T | Promise<T>;
export const isThenable = (x: unknown): x is PromiseLike<unknown> =>
  typeof (x as { then?: unknown } | null)?.then === 'function';
export function andThen<T, U>(x: Maybe<T>, f: (t: T) => Maybe<U>): Maybe<U> {
  return isThenable(x) ? (x as Promise<T>).then(f) : f(x as T);
}

/** Mirrors never fire delayed events: time enters only as logged events. */
const NO_TIMERS = { setTimeout: () => 0, clearTimeout: () => {} };

function reportListenerError(e: unknown) {
  // A listener's failure must not undo or hide an accepted, logged event.
  setTimeout(() => {
    throw e;
  });
}

/**
 * Makes a snapshot safe to hand out: its context, value and output deep-frozen (only the parts
 * not already frozen: a new context shares the rest with the previous one), the snapshot itself
 * frozen. The machine definition and its state nodes are left alone.
 *
 * With the process's previous snapshot (`before`, frozen by this function), a new context's
 * members that are the previous context's own are known frozen throughout and are skipped, and
 * a changed member that is frozen already (the ballot ledger's tries, built frozen) is taken as
 * `deepFreeze` takes it: a ballot then freezes its context and what is new, without asking the
 * set of frozen objects about the two dozen members it shares.
 */
function freezeSnapshot<S extends AnyMachineSnapshot>(s: S, before?: AnyMachineSnapshot): S {
  const c = s.context as unknown;
  const prev = before?.context as unknown;
  if (isPlainRecord(c) && isPlainRecord(prev) && c !== prev && !Object.isFrozen(c)) {
    Object.freeze(c);
    for (const k of Object.keys(c)) {
      const v = c[k];
      if (typeof v !== 'object' || v === null) continue;
      if (Object.hasOwn(prev, k) && prev[k] === v) continue;
      if (!Object.isFrozen(v)) deepFreeze(v);
    }
  } else deepFreeze(c);
  deepFreeze(s.value);
  deepFreeze(s.output);
  return Object.freeze(s);
}

/** An object `deepFreeze` would freeze and descend into as a record (not an array). */
function isPlainRecord(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

const stampOf = (entry: LogEntry) => Object.freeze({ seq: entry.seq, at: entry.at });

export interface Proc extends ProcessState {
  listeners: Set<(snapshot: AnyMachineSnapshot) => void>;
  mirror: AnyActorRef | undefined;
}

const unknownProcess = (id: string): Refusal => ({
  ok: false,
  error: new YishiError('UNKNOWN_PROCESS', `there is no process "${id}"`, [
    { message: 'unknown process', received: id },
  ]),
});

/** The shared implementation; `append` decides whether results are values or promises. */
export function engineCore(
  options: EngineOptions,
  store: EventStore,
  append: (entry: LogEntry) => Maybe<void>,
) {
  const kinds = kindMap(options.kinds);
  const rules = rulesSetup(options);
  const procs = new Map<string, Proc>();
  const world: World = { rules, processes: procs };
  const community = options.community ?? DEFAULT_COMMUNITY;
  const listeners = new Set<(change: EngineChange) => void>();
  let head: LogHead | null = null;
  /** The last entry's `at`: the next one may not be earlier (bounds.ts). */
  let lastAt: number | null = null;
  const limits = limitsOf(options.limits);

  /** The next entry's `at` from the clock, or the refusal (bounds.ts `readClock`). */
  const now = (tick?: TickOptions) =>
    readClock(options.clock, options.clock.now(), lastAt, tick ?? undefined);

  /** The actor's id and the event (or input) within the size limits (bounds.ts). */
  function oversized(ctx: SendContext, value: unknown, input: boolean, what: string): Refusal | undefined {
    const code = input ? 'INVALID_INPUT' : 'INVALID_EVENT';
    const id = (ctx as Partial<SendContext> | undefined)?.actor?.id;
    if (typeof id === 'string' && id.length > limits.id) {
      return {
        ok: false,
        error: new YishiError(
          'INVALID_EVENT',
          `${what}: actor.id: ${id.length} characters, more than the limit of ${limits.id}`,
          [
            {
              message: 'too long',
              path: 'actor.id',
              received: `${id.length} characters`,
              expected: `at most ${limits.id}`,
            },
          ],
        ),
      };
    }
    const error = checkSizes(
      value,
      limits,
      input ? limits.input : limits.event,
      code,
      what,
      input ? 'input' : 'event',
    );
    return error ? { ok: false, error } : undefined;
  }

  /**
   * The write path checks an entry as the read path will (`isLogEntry`, the schema verify and
   * replay use), so the engine never writes an entry it cannot reopen.
   */
  function unreadable(entry: LogEntry): Refusal | undefined {
    const { process } = entry;
    if (isLogEntry(entry)) return undefined;
    const r = LogEntry.safeParse(entry);
    const issues = r.success
      ? []
      : r.error.issues.map((i) => ({ message: i.message, path: i.path.map(String).join('.') }));
    return {
      ok: false,
      error: new YishiError(
        'INVALID_EVENT',
        `entry for ${process} would not read back from the log (${issues[0]?.path ?? 'entry'}: ${issues[0]?.message ?? 'not a log entry'}): nothing was written`,
        issues,
      ),
    };
  }

  function mirrorFor(kind: ProcessKind, id: string, from: () => { input: unknown } | { snapshot: unknown }) {
    if (!options.inspect) return undefined;
    const actor = createActor(kind.machine, {
      ...from(),
      id,
      inspect: options.inspect,
      clock: NO_TIMERS,
    } as never);
    actor.subscribe({ error: () => {} });
    return actor.start() as AnyActorRef;
  }

  function publish(p: Proc, entry: LogEntry) {
    const change = { process: p.id, kind: p.kind.kind, entry, snapshot: p.snapshot };
    for (const l of [...p.listeners]) {
      try {
        l(p.snapshot);
      } catch (e) {
        reportListenerError(e);
      }
    }
    for (const l of [...listeners]) {
      try {
        l(change);
      } catch (e) {
        reportListenerError(e);
      }
    }
  }

  /** Appends, then commits (steps 6): state changes only after the store accepted the entry. */
  function commit(entry: LogEntry, apply: () => Proc, before?: AnyMachineSnapshot): Maybe<Proc> {
    return andThen(append(entry), () => {
      head = Object.freeze(headOf(entry));
      lastAt = entry.at;
      const p = apply();
      freezeSnapshot(p.snapshot, before);
      p.updated = stampOf(entry);
      p.entries++;
      publish(p, entry);
      return p;
    });
  }

  function adopt(p: ProcessState, from: () => { input: unknown } | { snapshot: unknown }): Proc {
    freezeSnapshot(p.snapshot);
    const created = Object.freeze({ ...p.created });
    const updated = Object.freeze({ ...p.updated });
    const mirror = mirrorFor(p.kind, p.id, from);
    const proc: Proc = { ...p, created, updated, listeners: new Set(), mirror };
    procs.set(p.id, proc);
    return proc;
  }

  function create(
    kindName: string,
    id: string,
    input: unknown,
    ctx: CreateContext,
  ): Maybe<CreateResult<Proc>> {
    const kind = kinds.get(kindName);
    if (!kind) {
      return {
        ok: false,
        error: new YishiError('UNKNOWN_KIND', `unknown process kind "${kindName}"`, [
          { message: 'unknown kind', received: kindName, expected: [...kinds.keys()].join('|') },
        ]),
      };
    }
    if (procs.has(id)) {
      return {
        ok: false,
        error: new YishiError('PROCESS_EXISTS', `a process "${id}" already exists`, [
          { message: 'process exists', received: id },
        ]),
      };
    }
    if (typeof id === 'string' && id.length > limits.id) {
      return {
        ok: false,
        error: new YishiError(
          'INVALID_INPUT',
          `process id: ${id.length} characters, more than the limit of ${limits.id}`,
          [
            {
              message: 'too long',
              path: 'process',
              received: `${id.length} characters`,
              expected: `at most ${limits.id}`,
            },
          ],
        ),
      };
    }
    const big = oversized(ctx, input, true, `create ${id}`);
    if (big) return big;
    const clock = now();
    if (!clock.ok) return clock;
    const { at } = clock;
    const where = { ...ctx, community: (ctx as CreateContext | undefined)?.community ?? community };
    const d = decideCreate(kind, id, input, where, { world, at });
    if (!d.ok) return d;
    const entry = deepFreeze(
      appendEntry(head, {
        at,
        process: id,
        kind: kind.kind,
        actor: ctx.actor,
        channel: ctx.channel,
        event: d.event,
      }),
    );
    const bad = unreadable(entry);
    if (bad) return bad;
    return andThen(
      commit(entry, () => {
        const stamp = stampOf(entry);
        const state = {
          id,
          kind,
          community: d.community,
          scope: d.scope,
          snapshot: d.snapshot,
          created: stamp,
          updated: stamp,
          entries: 0,
        };
        return adopt(state, () => ({ input: cloneJson(d.input) }));
      }),
      (p) => ({ ok: true as const, entry, snapshot: p.snapshot, process: p }),
    );
  }

  function check(p: Proc, event: unknown, ctx: SendContext, at: number) {
    return decideEvent(p.kind, p.id, p.snapshot, p.scope, event, ctx, at, undefined, {
      world,
      community: p.community,
    });
  }

  /** Size limits, then the clock (or `at`, one tick's reading), then steps 1–5. */
  function stampFor(p: Proc, event: unknown, ctx: SendContext, at?: number): number | Refusal {
    const big = oversized(ctx, event, false, `${p.kind.kind} ${p.id}`);
    if (big) return big;
    if (at !== undefined) return at;
    const clock = now();
    return clock.ok ? clock.at : clock;
  }

  function decide(p: Proc, event: unknown, ctx: SendContext) {
    const at = stampFor(p, event, ctx);
    return typeof at === 'number' ? check(p, event, ctx, at) : at;
  }

  function send(id: string, event: unknown, ctx: SendContext, tickAt?: number): Maybe<SendResult> {
    const p = procs.get(id);
    if (!p) return unknownProcess(id);
    const at = stampFor(p, event, ctx, tickAt);
    if (typeof at !== 'number') return at;
    const d = check(p, event, ctx, at);
    if (!d.ok) return d;
    const actor = (ctx.actor ?? {}) as Actor;
    const entry = freezeNew(
      appendEntry(
        head,
        {
          at,
          process: id,
          kind: p.kind.kind,
          actor,
          channel: ctx.channel,
          event: d.event,
        },
        d.json,
      ),
    );
    const bad = unreadable(entry);
    if (bad) return bad;
    return andThen(
      commit(
        entry,
        () => {
          p.snapshot = d.next;
          p.mirror?.send(d.event);
          return p;
        },
        p.snapshot,
      ),
      (): SendResult => ({ ok: true, entry, snapshot: p.snapshot }),
    );
  }

  function tick(options?: TickOptions): Maybe<Accepted[]> {
    // One reading for the whole tick, checked once: a jump refused here sends nothing.
    const clock = now({ confirmJump: options?.confirmJump === true });
    if (!clock.ok) throw clock.error;
    const { at } = clock;
    const accepted: Accepted[] = [];
    const targets = [...procs.values()].filter(
      (p) =>
        p.snapshot.status === 'active' &&
        (p.kind.permissions[TICK] as readonly Role[] | undefined)?.includes('system'),
    );
    // A loop, not recursion: a server may tick thousands of processes at midnight.
    const from = (start: number): Maybe<Accepted[]> => {
      for (let i = start; i < targets.length; i++) {
        const r = send(targets[i]!.id, { type: TICK }, SYSTEM_CLOCK, at);
        if (isThenable(r)) {
          return (r as Promise<SendResult>).then((x) => {
            if (x.ok) accepted.push(x);
            return from(i + 1);
          });
        }
        if (r.ok) accepted.push(r);
      }
      return accepted;
    };
    return from(0);
  }

  function checkpoint(): Maybe<Checkpoint | null> {
    if (head === null) return null;
    const processes: Checkpoint['processes'] = {};
    for (const p of procs.values()) {
      processes[p.id] = {
        kind: p.kind.kind,
        community: p.community,
        snapshot: p.kind.machine.getPersistedSnapshot(p.snapshot),
        created: p.created,
        updated: p.updated,
        entries: p.entries,
      };
    }
    const unhashed = { v: 1 as const, seq: head.seq, hash: head.hash, processes };
    // Frozen: its snapshots share their (frozen) contexts with the live processes.
    const cp: Checkpoint = deepFreeze({ ...unhashed, checkpointHash: checkpointHash(unhashed) });
    if (!store.saveSnapshot) return cp;
    return andThen(store.saveSnapshot(cp), () => cp);
  }

  /** Takes over the processes a rebuilder made from the store's log. */
  function loaded(rebuilder: Rebuilder, last: LogHead | null) {
    const stored = store.head();
    if ((stored?.hash ?? null) !== (last?.hash ?? null)) {
      throw new YishiError(
        'LOG_TAMPERED',
        `the store's head (seq ${stored?.seq ?? 0}) is not the end of its entries (seq ${last?.seq ?? 0})`,
      );
    }
    head = last === null ? null : Object.freeze({ ...last });
    // The last entry updated its process last: the highest `updated.seq` carries its `at`.
    let latest: { seq: number; at: number } | null = null;
    for (const p of rebuilder.processes.values())
      if (!latest || p.updated.seq > latest.seq) latest = p.updated;
    lastAt = latest?.at ?? null;
    for (const p of rebuilder.processes.values()) {
      adopt(p, () => ({ snapshot: p.kind.machine.getPersistedSnapshot(p.snapshot) }));
    }
  }

  function handle<H>(p: Proc, sendFn: (e: unknown, c: SendContext) => unknown): H {
    return {
      id: p.id,
      kind: p.kind.kind,
      getSnapshot: () => p.snapshot,
      getPersistedSnapshot: () => p.kind.machine.getPersistedSnapshot(p.snapshot),
      subscribe(listener: (s: AnyMachineSnapshot) => void) {
        p.listeners.add(listener);
        return () => {
          p.listeners.delete(listener);
        };
      },
      can: (event: unknown, ctx: SendContext) => decide(p, event, ctx).ok,
      check(event: unknown, ctx: SendContext): CheckResult {
        const d = decide(p, event, ctx);
        return d.ok ? { ok: true, event: d.event, snapshot: d.next } : d;
      },
      allowedActions(actor: Actor) {
        const clock = now();
        if (!clock.ok) return [];
        // a role the roster does not give this person on this day may send nothing
        if (!rosterAllows(world, p.community, actor, chinaDateAt(clock.at))) return [];
        return allowedActions(p.kind, p.snapshot, actor, clock.at);
      },
      send: sendFn,
    } as H;
  }

  /**
   * What `rollback` needs to undo the entries committed after this point (the stream engine
   * decides a batch against a staging store, then writes it to the durable store: when that fails,
   * the batch is undone). Snapshots are immutable, so keeping references is enough.
   */
  function mark(): CoreMark {
    const saved = [...procs.values()].map((p) => [p, p.snapshot, p.updated, p.entries] as const);
    return { head, lastAt, saved };
  }

  function rollback(m: CoreMark) {
    const kept = new Set<Proc>();
    for (const [p, snapshot, updated, entries] of m.saved) {
      p.snapshot = snapshot;
      p.updated = updated;
      p.entries = entries;
      kept.add(p);
    }
    for (const [id, p] of procs) if (!kept.has(p)) procs.delete(id);
    head = m.head;
    lastAt = m.lastAt;
  }

  return {
    kinds,
    rules,
    limits,
    procs,
    create,
    send,
    tick,
    checkpoint,
    loaded,
    handle,
    mark,
    rollback,
    head: () => head,
    subscribe(listener: (change: EngineChange) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    stop() {
      for (const p of procs.values()) p.mirror?.stop();
    },
  };
}

export type Core = ReturnType<typeof engineCore>;

/** A point `Core.rollback` returns to. */
export interface CoreMark {
  head: LogHead | null;
  lastAt: number | null;
  saved: ReadonlyArray<readonly [Proc, AnyMachineSnapshot, { seq: number; at: number }, number]>;
}

function applyEntry(rebuilder: Rebuilder, value: unknown, index: number, prev: LogHead | null): LogHead {
  const r = verifyNext(value, index, prev);
  if (!r.ok) {
    throw new YishiError('LOG_TAMPERED', `store: ${r.message}`, [
      { message: r.message, index, row: r.seq, field: r.reason },
    ]);
  }
  const error = rebuilder.apply(r.entry, index);
  if (error) throw error;
  return headOf(r.entry);
}

/** Whether to use a checkpoint the store holds when opening it (see EngineOptions.checkpoints). */
export type CheckpointMode = 'use' | 'ignore' | 'verify';

/**
 * The head a checkpoint was taken at, when it is at this log (else it is stale or foreign, or
 * from before checkpoints carried a `checkpointHash`: then it is not used).
 */
function checkpointHead(cp: Checkpoint | null | undefined, first: LogEntry | undefined): LogHead | null {
  if (!cp || typeof cp.checkpointHash !== 'string') return null;
  if (!first || first.seq !== cp.seq || first.hash !== cp.hash) return null;
  return { seq: cp.seq, hash: cp.hash };
}

/**
 * Restores a checkpoint into `rebuilder`: true when done; false when it cannot be used (an unknown
 * kind: the log wins); throws LOG_TAMPERED when it fails its hash or its kinds' schemas.
 */
function restored(rebuilder: Rebuilder, cp: Checkpoint): boolean {
  const error = rebuilder.restore(cp);
  if (error?.code === 'LOG_TAMPERED') throw error;
  return error === undefined;
}

/** In 'verify' mode: compares the checkpoint with the replay when the replay reaches its seq. */
function auditor(core: Core, cp: Checkpoint | null) {
  // One from before checkpoints carried a `checkpointHash` is never used, so never audited.
  if (!cp || typeof cp.checkpointHash !== 'string') return undefined;
  return (rebuilder: Rebuilder, at: LogHead) => {
    if (at.seq !== cp.seq || at.hash !== cp.hash) return;
    const error = auditCheckpoint(cp, rebuilder.processes, core.kinds);
    if (error) throw error;
  };
}

export function loadSync(
  core: Core,
  store: SyncEventStore,
  check: ReplayCheck,
  mode: CheckpointMode = 'verify',
) {
  if (store.head() === null) return;
  const cp = mode === 'ignore' ? null : (store.loadSnapshot?.() ?? null);
  if (cp && mode === 'use') {
    const rebuilder = createRebuilder(core.kinds, check, core.rules, core.limits);
    const it = store.entries(cp.seq)[Symbol.iterator]();
    const first = it.next();
    let prev = checkpointHead(cp, first.done ? undefined : first.value);
    if (prev && restored(rebuilder, cp)) {
      for (let r = it.next(); !r.done; r = it.next()) prev = applyEntry(rebuilder, r.value, prev.seq, prev);
      core.loaded(rebuilder, prev);
      return;
    }
    // A checkpoint that does not match the log is stale or foreign: the log wins.
  }
  const rebuilder = createRebuilder(core.kinds, check, core.rules, core.limits);
  const audit = mode === 'verify' ? auditor(core, cp) : undefined;
  let prev: LogHead | null = null;
  let index = 0;
  for (const value of store.entries(1)) {
    prev = applyEntry(rebuilder, value, index++, prev);
    audit?.(rebuilder, prev);
  }
  core.loaded(rebuilder, prev);
}

export async function loadAsync(
  core: Core,
  store: EventStore,
  check: ReplayCheck,
  mode: CheckpointMode = 'verify',
) {
  if (store.head() === null) return;
  const cp = mode === 'ignore' || !store.loadSnapshot ? null : await store.loadSnapshot();
  if (cp && mode === 'use') {
    const rebuilder = createRebuilder(core.kinds, check, core.rules, core.limits);
    let prev: LogHead | null = null;
    let firstSeen = false;
    let usable = true;
    for await (const value of store.entries(cp.seq)) {
      if (!firstSeen) {
        firstSeen = true;
        prev = checkpointHead(cp, value);
        if (!prev || !restored(rebuilder, cp)) {
          usable = false;
          break;
        }
        continue;
      }
      prev = applyEntry(rebuilder, value, prev!.seq, prev);
    }
    if (usable && firstSeen) {
      core.loaded(rebuilder, prev);
      return;
    }
  }
  const rebuilder = createRebuilder(core.kinds, check, core.rules, core.limits);
  const audit = mode === 'verify' ? auditor(core, cp) : undefined;
  let prev: LogHead | null = null;
  let index = 0;
  for await (const value of store.entries(1)) {
    prev = applyEntry(rebuilder, value, index++, prev);
    audit?.(rebuilder, prev);
  }
  core.loaded(rebuilder, prev);
}

export function processLookup<H>(core: Core, handles: Map<string, H>, make: (p: Proc) => H) {
  const get = (p: Proc) => {
    let h = handles.get(p.id);
    if (!h) {
      h = make(p);
      handles.set(p.id, h);
    }
    return h;
  };
  return {
    get,
    process(id: string, kind?: ProcessKind) {
      const p = core.procs.get(id);
      if (!p || (kind && kind.kind !== p.kind.kind)) return undefined;
      return get(p);
    },
    processes: () => [...core.procs.values()].map(get),
  };
}
