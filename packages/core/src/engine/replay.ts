/**
 * Replay: rebuild every process from the log alone, with the same pure steps the live engine took
 * (decide.ts), so the rebuilt persisted snapshots are byte for byte the live engine's
 * (`canonicalJson(machine.getPersistedSnapshot(snapshot))`).
 *
 * Two levels of checking:
 * - `check: 'full'` (default): every entry is re-decided as if it arrived now — creator and event
 *   roles, the kind's schemas, the stamped `on`/`actor`, and the machine's `can` — so a log whose
 *   hashes are consistent but which the engine could never have written (a forged chain) is
 *   refused with the code the engine would have given, naming the entry.
 * - `check: 'chain'`: hashes and seq only, then the logged events are applied as they are.
 *   For a log from your own store, when speed matters more than re-checking.
 */
import { type AnyMachineSnapshot, createActor } from 'xstate';
import type { ZodType } from 'zod';
import { isYishiError, YishiError, type YishiIssue } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { cloneJson } from '../log/immutable.js';
import { CREATE, type LogEntry, type LogHead } from '../log/logEntry.js';
import { isVerifyFailure, nextEntry, type VerifyFailure } from '../log/verify.js';
import type { ProcessKind } from '../machines/processKind.js';
import { checkSizes, EARLIEST_AT, END_AT, limitsOf, withinSizes } from './bounds.js';
import { calendarStamp } from './calendarStamp.js';
import { decideCreate, decideEvent, inertScope, sameJson } from './decide.js';
import type { EngineLimits } from './engineTypes.js';
import { type RulesOptions, type RulesSetup, rulesSetup } from './rules.js';
import { type Checkpoint, checkpointHash } from './store.js';
import { DEFAULT_COMMUNITY, type ProcessState, type World } from './world.js';

export type ReplayCheck = 'full' | 'chain';

export interface ReplayOptions {
  /** How much to re-check beyond the hash chain (default 'full'; see the module header). */
  check?: ReplayCheck;
  /**
   * The packs, reforms and mode the engine that wrote the log was given (`createEngine`'s
   * `packs`, `reforms`, `mode`): every logged policy is re-resolved from them.
   */
  packs?: RulesOptions['packs'];
  reforms?: RulesOptions['reforms'];
  mode?: RulesOptions['mode'];
  /** The size limits the engine that wrote the log was given (default `ENGINE_LIMITS`). */
  limits?: EngineLimits;
}

/** A process as rebuilt by replay. */
export interface ReplayedProcess {
  id: string;
  kind: string;
  community: string;
  snapshot: AnyMachineSnapshot;
  /** `machine.getPersistedSnapshot(snapshot)`: what a store would save. */
  persisted: unknown;
  created: { seq: number; at: number };
  updated: { seq: number; at: number };
  /** Entries for this process, CREATE included. */
  entries: number;
}

export type ReplayResult =
  | { ok: true; count: number; head: LogHead | null; processes: ReplayedProcess[] }
  | {
      ok: false;
      error: YishiError;
      /** 0-based index of the entry that failed. */
      index: number;
      /** Set when the chain itself is broken (the error is then LOG_TAMPERED). */
      tampered?: VerifyFailure;
    };

export type { ProcessState } from './world.js';

/** Members of a logged event or input that the caller did not send (see `bounded`). */
const skipPolicy = (key: string) => key === 'policy';
const skipStamp = (key: string) => key === 'on' || key === 'actor';
const skipStampAndPolicy = (key: string) => key === 'on' || key === 'actor' || key === 'policy';

/** The length of a logged value as JSON (what `canonicalJson` gives, for data read from a log). */
const jsonLength = (v: unknown) => JSON.stringify(v)?.length ?? 0;

/** Kinds by name; refuses two kinds with one name. */
export function kindMap(kinds: readonly ProcessKind[]): ReadonlyMap<string, ProcessKind> {
  const map = new Map<string, ProcessKind>();
  for (const k of kinds) {
    if (map.has(k.kind)) throw new YishiError('INVALID_INPUT', `two process kinds are named "${k.kind}"`);
    if (Object.hasOwn(k.permissions, CREATE)) {
      throw new YishiError('INVALID_INPUT', `kind ${k.kind}: "${CREATE}" is the engine's own event type`);
    }
    map.set(k.kind, k);
  }
  return map;
}

function at(entry: LogEntry, index: number, e: YishiError): YishiError {
  const where: YishiIssue = { message: e.message, index, row: entry.seq, field: entry.event.type };
  return new YishiError(e.code, `entry seq ${entry.seq} (${entry.process}): ${e.message}`, [
    where,
    ...e.issues,
  ]);
}

/**
 * Applies verified entries one at a time to a table of processes. Used by `replay` and by the
 * engine when it opens a store that already holds a log.
 */
export function createRebuilder(
  kinds: ReadonlyMap<string, ProcessKind>,
  check: ReplayCheck = 'full',
  rules: RulesSetup = rulesSetup(),
  limits: Required<EngineLimits> = limitsOf(undefined),
) {
  const processes = new Map<string, ProcessState>();
  const world: World = { rules, processes };
  /** The last applied entry's `at`: an entry's time never goes backwards (bounds.ts). */
  let lastAt: number | null = null;

  /** The bounds the live engine applied, checked again on the logged entry ('full' only). */
  function bounded(entry: LogEntry, kind: ProcessKind): YishiError | undefined {
    if (entry.at < EARLIEST_AT || entry.at >= END_AT) {
      return new YishiError(
        'CLOCK_OUT_OF_RANGE',
        `the entry's time ${entry.at} is outside 2000–2100 (China time)`,
        [{ message: 'out of range', field: 'at', received: String(entry.at) }],
      );
    }
    if (lastAt !== null && entry.at < lastAt) {
      return new YishiError(
        'CLOCK_BACKWARDS',
        `the entry's time ${entry.at} is earlier than the entry before it (${lastAt})`,
        [
          {
            message: 'time went backwards',
            field: 'at',
            received: String(entry.at),
            expected: `>= ${lastAt}`,
          },
        ],
      );
    }
    if (entry.process.length > limits.id || entry.actor.id.length > limits.id) {
      const [field, id] =
        entry.process.length > limits.id ? ['process', entry.process] : ['actor.id', entry.actor.id];
      return new YishiError(
        'INVALID_EVENT',
        `${entry.kind} ${entry.process}: ${field}: ${id.length} characters, more than the limit of ${limits.id}`,
        [
          {
            message: 'too long',
            path: field,
            received: `${id.length} characters`,
            expected: `at most ${limits.id}`,
          },
        ],
      );
    }
    const create = entry.event.type === CREATE;
    const carriesPolicy = create ? kind.policyIn?.input : kind.policyIn?.events.includes(entry.event.type);
    // The common case, settled without copying the event (bounds.ts `withinSizes`).
    if (create) {
      if (withinSizes(entry.event.input, limits, limits.input, carriesPolicy ? skipPolicy : undefined))
        return undefined;
    } else if (withinSizes(entry.event, limits, limits.event, carriesPolicy ? skipStampAndPolicy : skipStamp))
      return undefined;
    const what = `${entry.kind} ${entry.process}`;
    // What the caller sent: without the engine's stamp, and without the policy the engine resolved
    // in place of the caller's `rules` (bounded by the packs, not by the caller).
    const { on: _on, actor: _actor, ...sent } = entry.event;
    let value: unknown = create ? sent.input : sent;
    if (carriesPolicy && typeof value === 'object' && value !== null) {
      const { policy: _policy, ...rest } = value as Record<string, unknown>;
      value = rest;
    }
    return checkSizes(
      value,
      limits,
      create ? limits.input : limits.event,
      create ? 'INVALID_INPUT' : 'INVALID_EVENT',
      what,
      create ? 'input' : 'event',
      jsonLength,
    );
  }

  function create(entry: LogEntry, kind: ProcessKind): ProcessState | YishiError {
    const input = entry.event.input;
    const stamp = { seq: entry.seq, at: entry.at };
    const logged = entry.event.community;
    const community = typeof logged === 'string' ? logged : DEFAULT_COMMUNITY;
    const calendar = kind.calendar ? calendarStamp(kind.calendar) : undefined;
    if (entry.event.calendar !== calendar) {
      return new YishiError(
        'CALENDAR_MISMATCH',
        `the process counted its periods on calendar ${String(entry.event.calendar ?? 'none')}, and these kinds use ${calendar ?? 'none'}: replay with the kinds of the calendar the log was written with (createProcessKinds({ calendar }))`,
        [
          {
            message: 'another calendar',
            field: 'calendar',
            received: String(entry.event.calendar ?? 'none'),
            expected: calendar ?? 'none',
          },
        ],
      );
    }
    if (check === 'full') {
      const ctx = { actor: entry.actor, channel: entry.channel, community: logged as string };
      const d = decideCreate(kind, entry.process, input, ctx, { world, at: entry.at, logged: true });
      if (!d.ok) return d.error;
      if (!sameJson(d.event, entry.event)) {
        return new YishiError('INVALID_EVENT', 'the logged input is not what the kind’s input schema gives');
      }
      return {
        id: entry.process,
        kind,
        community,
        scope: d.scope,
        snapshot: d.snapshot,
        created: stamp,
        updated: stamp,
        entries: 1,
      };
    }
    const scope = inertScope();
    const snapshot = kind.machine.getInitialSnapshot(scope, cloneJson(input)) as AnyMachineSnapshot;
    if (snapshot.status === 'error') {
      const e = snapshot.error;
      return isYishiError(e)
        ? e
        : new YishiError('INVALID_INPUT', e instanceof Error ? e.message : String(e));
    }
    return {
      id: entry.process,
      kind,
      community,
      scope,
      snapshot,
      created: stamp,
      updated: stamp,
      entries: 1,
    };
  }

  function step(entry: LogEntry, p: ProcessState): AnyMachineSnapshot | YishiError {
    if (check === 'full') {
      // The event as the caller sent it: the logged one without the engine's stamp. Copied member
      // by member (an object-rest copy takes a slow path, on every entry replayed).
      const logged = entry.event as Record<string, unknown>;
      const event: Record<string, unknown> = {};
      for (const k of Object.keys(logged)) if (k !== 'on' && k !== 'actor') event[k] = logged[k];
      const ctx = { actor: entry.actor, channel: entry.channel };
      const d = decideEvent(p.kind, p.id, p.snapshot, p.scope, event, ctx, entry.at, entry.event, {
        world,
        community: p.community,
      });
      return d.ok ? d.next : d.error;
    }
    let next: AnyMachineSnapshot;
    try {
      next = p.kind.machine.transition(p.snapshot, cloneJson(entry.event), p.scope) as AnyMachineSnapshot;
    } catch (e) {
      if (isYishiError(e)) return e;
      throw e;
    }
    if (next.status === 'error') {
      const e = next.error;
      return isYishiError(e)
        ? e
        : new YishiError('EVENT_NOT_ALLOWED', e instanceof Error ? e.message : String(e));
    }
    return next;
  }

  return {
    processes,
    /** Applies one verified entry; returns the error (located at the entry) if it cannot. */
    apply(entry: LogEntry, index: number): YishiError | undefined {
      const kind = kinds.get(entry.kind);
      if (!kind)
        return at(entry, index, new YishiError('UNKNOWN_KIND', `unknown process kind "${entry.kind}"`));
      if (check === 'full') {
        const out = bounded(entry, kind);
        if (out) return at(entry, index, out);
      }
      lastAt = entry.at;
      const existing = processes.get(entry.process);
      if (entry.event.type === CREATE) {
        if (existing)
          return at(entry, index, new YishiError('PROCESS_EXISTS', 'the process was already created'));
        const p = create(entry, kind);
        if (isYishiError(p)) return at(entry, index, p);
        processes.set(p.id, p);
        return undefined;
      }
      if (!existing)
        return at(entry, index, new YishiError('UNKNOWN_PROCESS', 'an event for a process never created'));
      if (existing.kind !== kind) {
        return at(
          entry,
          index,
          new YishiError('INVALID_EVENT', `the process is a ${existing.kind.kind}, not a ${entry.kind}`),
        );
      }
      const next = step(entry, existing);
      if (isYishiError(next)) return at(entry, index, next);
      existing.snapshot = next;
      existing.updated = { seq: entry.seq, at: entry.at };
      existing.entries++;
      return undefined;
    },
    /**
     * Loads a checkpoint's processes (their snapshots restored with xstate, nothing started),
     * after checking its `checkpointHash` and, for kinds that have one, the `persisted` schema:
     * LOG_TAMPERED when either fails. Nothing is loaded unless every process passes.
     */
    restore(checkpoint: Checkpoint): YishiError | undefined {
      const bad = checkCheckpoint(checkpoint, kinds);
      if (bad) return bad;
      for (const [id, saved] of Object.entries(checkpoint.processes)) {
        const kind = kinds.get(saved.kind)!;
        const scope = inertScope();
        // Restored as xstate restores a persisted snapshot; the actor is never started.
        const snapshot = createActor(kind.machine, { snapshot: saved.snapshot as never }).getSnapshot();
        const { created, updated, entries, community } = saved;
        processes.set(id, { id, kind, community, scope, snapshot, created, updated, entries });
        if (lastAt === null || updated.at > lastAt) lastAt = updated.at;
      }
      return undefined;
    },
  };
}

export type Rebuilder = ReturnType<typeof createRebuilder>;

const tampered = (cp: Checkpoint, why: string) =>
  new YishiError(
    'LOG_TAMPERED',
    `the checkpoint at seq ${cp.seq} ${why}: it was changed or corrupted. A checkpoint is only a ` +
      `cache — open the engine with checkpoints: 'ignore' to rebuild every process from the log`,
    [{ message: why, row: cp.seq, field: 'checkpoint' }],
  );

/**
 * Compares a checkpoint with the processes a full replay of the log rebuilt up to the checkpoint's
 * seq: LOG_TAMPERED naming the first process that differs (or is missing, or extra).
 */
export function auditCheckpoint(
  cp: Checkpoint,
  processes: ReadonlyMap<string, ProcessState>,
  kinds: ReadonlyMap<string, ProcessKind>,
): YishiError | undefined {
  const bad = checkCheckpoint(cp, kinds);
  if (bad) return bad;
  const ids = Object.keys(cp.processes);
  for (const p of processes.values()) {
    if (!Object.hasOwn(cp.processes, p.id)) return tampered(cp, `lacks the process "${p.id}"`);
  }
  for (const id of ids) {
    const saved = cp.processes[id]!;
    const p = processes.get(id);
    if (!p) return tampered(cp, `holds a process "${id}" the log never created by then`);
    const same =
      saved.kind === p.kind.kind &&
      saved.community === p.community &&
      canonicalJson(saved.snapshot) === canonicalJson(p.kind.machine.getPersistedSnapshot(p.snapshot)) &&
      canonicalJson([saved.created, saved.updated, saved.entries]) ===
        canonicalJson([p.created, p.updated, p.entries]);
    if (!same) return tampered(cp, `differs from the log's replay for process "${id}"`);
  }
  return undefined;
}

/**
 * Whether a checkpoint can be used: its kinds are known (else UNKNOWN_KIND: a foreign checkpoint),
 * its `checkpointHash` is the hash of its content, and each snapshot passes its kind's
 * `persisted` schema when the kind has one (else LOG_TAMPERED).
 */
export function checkCheckpoint(
  cp: Checkpoint,
  kinds: ReadonlyMap<string, ProcessKind>,
): YishiError | undefined {
  if (typeof cp.processes !== 'object' || cp.processes === null) return tampered(cp, 'has no processes');
  let computed: string;
  try {
    computed = checkpointHash(cp);
  } catch (e) {
    return tampered(cp, `cannot be hashed (${e instanceof Error ? e.message : String(e)})`);
  }
  if (computed !== cp.checkpointHash) {
    return tampered(cp, 'does not match its checkpointHash');
  }
  for (const [id, saved] of Object.entries(cp.processes)) {
    if (typeof saved?.community !== 'string')
      return tampered(cp, `holds a process "${id}" without a community`);
    const kind = kinds.get(saved.kind);
    if (!kind) return new YishiError('UNKNOWN_KIND', `checkpoint: unknown process kind "${saved.kind}"`);
    const persisted = (kind as { persisted?: ZodType }).persisted;
    if (persisted && typeof persisted.safeParse === 'function') {
      const r = persisted.safeParse(saved.snapshot);
      if (!r.success) {
        const issue = r.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        return tampered(
          cp,
          `holds a ${saved.kind} "${id}" that is not a valid snapshot (${where}${issue?.message})`,
        );
      }
    }
  }
  return undefined;
}

export function toReplayed(p: ProcessState): ReplayedProcess {
  return {
    id: p.id,
    kind: p.kind.kind,
    community: p.community,
    snapshot: p.snapshot,
    persisted: p.kind.machine.getPersistedSnapshot(p.snapshot),
    created: p.created,
    updated: p.updated,
    entries: p.entries,
  };
}

/**
 * Verifies `log` (the whole chain first), then rebuilds every process. Entries may be parsed JSON
 * values (e.g. from `JSON.parse` of each line); processes come back in order of creation.
 */
export function replay(
  log: Iterable<unknown>,
  kinds: readonly ProcessKind[],
  options: ReplayOptions = {},
): ReplayResult {
  const entries: LogEntry[] = [];
  let last: LogEntry | null = null;
  for (const value of log) {
    const r = nextEntry(value, entries.length, last);
    if (isVerifyFailure(r)) {
      const error = new YishiError('LOG_TAMPERED', r.message, [
        { message: r.message, index: r.index, row: r.seq, field: r.reason },
      ]);
      return { ok: false, error, index: r.index, tampered: r };
    }
    entries.push(r);
    last = r;
  }
  const head: LogHead | null = last === null ? null : { seq: last.seq, hash: last.hash };
  let rules: RulesSetup;
  try {
    rules = rulesSetup(options);
  } catch (e) {
    if (isYishiError(e)) return { ok: false, error: e, index: 0 };
    throw e;
  }
  const rebuilder = createRebuilder(kindMap(kinds), options.check ?? 'full', rules, limitsOf(options.limits));
  for (let i = 0; i < entries.length; i++) {
    const error = rebuilder.apply(entries[i]!, i);
    if (error) return { ok: false, error, index: i };
  }
  return {
    ok: true,
    count: entries.length,
    head,
    processes: [...rebuilder.processes.values()].map(toReplayed),
  };
}
