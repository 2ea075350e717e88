/**
 * The engine's public types: options, results, process handles, and the engine itself in its
 * synchronous (`createEngine`) and asynchronous (`openEngine`) forms.
 */
import type { AnyMachineSnapshot, InspectionEvent, Observer, SnapshotFrom } from 'xstate';
import type { Actor } from '../actor/actor.js';
import type { LogEntry, LoggedEvent, LogHead } from '../log/logEntry.js';
import type { RulesMode } from '../machines/frozenPolicy.js';
import type { ProcessKind } from '../machines/processKind.js';
import type { PolicyPack } from '../policy/pack.js';
import type { Reform } from '../policy/reform.js';
import type { CreateContext, Refusal, SendContext } from './decide.js';
import type { ReplayCheck } from './replay.js';
import type { Checkpoint } from './store.js';

export interface EngineClock {
  /**
   * Milliseconds since 1970-01-01T00:00Z (whole ms are logged). A reading that is not a number,
   * or whose China date is before 2000-01-01 or after 2100-12-31, is refused with
   * CLOCK_OUT_OF_RANGE before anything is written.
   */
  now(): number;
  /**
   * A reading earlier than the last entry's `at` (a clock set back, a server with a wrong clock):
   * 'refuse' (default) refuses the write with CLOCK_BACKWARDS; 'clamp' logs it at the last `at`.
   * Either way an entry's `at` never goes backwards.
   */
  backwards?: 'refuse' | 'clamp';
  /**
   * The longest span, in days, a tick may jump past the last entry (default 400). A longer jump
   * (a clock in 2031) is refused with CLOCK_JUMP unless the operator confirms it with
   * `tick({ confirmJump: true })`.
   */
  maxJumpDays?: number;
}

/**
 * Size limits on what a caller sends, checked before the kind's schema (INVALID_EVENT, or
 * INVALID_INPUT for a creation's input, naming the field and the limit). Lengths are in UTF-16
 * code units (`string.length`); sizes are of the canonical JSON.
 */
export interface EngineLimits {
  /**
   * An id: the process id, the actor's id, and every string under a key named `id` or ending in
   * `Id`, `Ids` or `By` (default 128).
   */
  id?: number;
  /** Every other string: a reason, a title, an objection's text (default 4,000). */
  text?: number;
  /** A whole event as sent, canonical JSON (default 65,536: 64 KB). */
  event?: number;
  /**
   * A creation's whole input, canonical JSON (default 16 MB): an input carries the register, so
   * it is bounded apart from events.
   */
  input?: number;
}

/** The defaults of `EngineLimits`. */
export const ENGINE_LIMITS: Readonly<Required<EngineLimits>> = Object.freeze({
  id: 128,
  text: 4_000,
  event: 65_536,
  input: 16 * 1024 * 1024,
});

/** The default of `EngineClock.maxJumpDays`. */
export const MAX_JUMP_DAYS = 400;

export interface EngineOptions {
  kinds: readonly ProcessKind[];
  clock: EngineClock;
  /**
   * The policy packs processes may run under, each with a version (see engine/rules.ts). A process
   * names one in its `rules` (pack, date, covenant choices) and the engine resolves it; a policy
   * handed in whole is refused. In a live engine a pack below a statutory line is refused here.
   * Replaying a log needs the packs (the versions) it was written with.
   */
  packs?: readonly PolicyPack[];
  /** Rule variants a simulation may apply (`rules.reforms`); only with `mode: 'simulation'`. */
  reforms?: readonly Reform[];
  /**
   * 'live' (default): processes run under the law (no reforms, no line below a statute).
   * 'simulation': a policy team's what-if; reforms allowed. Every resolved policy records the mode,
   * and a log replays only in an engine of the same mode.
   */
  mode?: RulesMode;
  /** The community of a process whose creator names none (default "default"). */
  community?: string;
  /** Size limits on ids, free text, events and inputs (see `EngineLimits` for the defaults). */
  limits?: EngineLimits;
  /** xstate inspection observer (e.g. `createBrowserInspector().inspect`); see the header. */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** How a log already in the store is re-checked when the engine opens it (default 'full'). */
  check?: ReplayCheck;
  /**
   * What to do with a checkpoint the store holds (a cache, never evidence):
   * - 'verify' (default): rebuild from the whole log, and throw LOG_TAMPERED if the checkpoint
   *   differs from the replay at its seq. A checkpoint carries no signature, and its
   *   `checkpointHash` can be recomputed by anyone who can write the store, so its origin is
   *   unknown: by default it is checked, never believed.
   * - 'use': if it is at this log and passes its `checkpointHash` and the kinds' `persisted`
   *   schemas, restore it and replay only what follows (LOG_TAMPERED if it fails them). Faster to
   *   open; choose it only for a store only you can write;
   * - 'ignore': rebuild every process from the whole log.
   */
  checkpoints?: 'verify' | 'use' | 'ignore';
}

export interface TickOptions {
  /** The operator confirms a jump longer than `clock.maxJumpDays` (see `Engine.tick`). */
  confirmJump?: boolean;
}

export type SendResult = { ok: true; entry: LogEntry; snapshot: AnyMachineSnapshot } | Refusal;
export type Accepted = Extract<SendResult, { ok: true }>;
export type CreateResult<H> =
  | { ok: true; entry: LogEntry; snapshot: AnyMachineSnapshot; process: H }
  | Refusal;
/** What `send` would do, without doing it: the stamped event and the next snapshot. */
export type CheckResult = { ok: true; event: LoggedEvent; snapshot: AnyMachineSnapshot } | Refusal;

/** Published after every accepted entry (creation included). */
export interface EngineChange {
  process: string;
  kind: string;
  entry: LogEntry;
  snapshot: AnyMachineSnapshot;
}

export interface HandleBase<S> {
  readonly id: string;
  readonly kind: string;
  /** The current snapshot; the same object until an event is accepted (for useSyncExternalStore). */
  getSnapshot(): S;
  /** `machine.getPersistedSnapshot(snapshot)`: what replay rebuilds, byte for byte. */
  getPersistedSnapshot(): unknown;
  subscribe(listener: (snapshot: S) => void): () => void;
  /** Whether `send(event, ctx)` would be accepted now. No side effects. */
  can(event: unknown, ctx: SendContext): boolean;
  /** `can` with the reason: the refusal `send` would return, or the snapshot it would produce. */
  check(event: unknown, ctx: SendContext): CheckResult;
  /** Event types `actor` may send now (see decide.ts `allowedActions` for what is exact). */
  allowedActions(actor: Actor): string[];
}

export interface ProcessHandle<S = AnyMachineSnapshot> extends HandleBase<S> {
  send(event: unknown, ctx: SendContext): SendResult;
}
export interface AsyncProcessHandle<S = AnyMachineSnapshot> extends HandleBase<S> {
  send(event: unknown, ctx: SendContext): Promise<SendResult>;
}

interface EngineBase<H extends HandleBase<AnyMachineSnapshot>> {
  /** The process, or undefined; with `kind`, undefined also when it is of another kind. */
  process(id: string): H | undefined;
  process<K extends ProcessKind>(id: string, kind: K): Retyped<H, SnapshotFrom<K['machine']>> | undefined;
  /** Every process, in order of creation. */
  processes(): H[];
  head(): LogHead | null;
  subscribe(listener: (change: EngineChange) => void): () => void;
  /** Stops the inspection mirrors (no-op without `inspect`). */
  stop(): void;
}

type Retyped<H, S> = H extends ProcessHandle ? ProcessHandle<S> : AsyncProcessHandle<S>;

export interface Engine extends EngineBase<ProcessHandle> {
  /** Creates a process; `ctx.community` names its community (default: the engine's). */
  create(kind: string, id: string, input: unknown, ctx: CreateContext): CreateResult<ProcessHandle>;
  send(id: string, event: unknown, ctx: SendContext): SendResult;
  /**
   * Sends `TICK` (dated today) from the system clock to every process that accepts it now. Throws
   * CLOCK_JUMP, sending nothing, when the clock is more than `clock.maxJumpDays` past the last
   * entry, unless `confirmJump` (the operator checked the date); CLOCK_OUT_OF_RANGE or
   * CLOCK_BACKWARDS for a reading refused as for any write.
   */
  tick(options?: TickOptions): Accepted[];
  log(): LogEntry[];
  /** Saves every process's persisted snapshot at the head, if the store keeps checkpoints. */
  checkpoint(): Checkpoint | null;
}

export interface AsyncEngine extends EngineBase<AsyncProcessHandle> {
  create(
    kind: string,
    id: string,
    input: unknown,
    ctx: CreateContext,
  ): Promise<CreateResult<AsyncProcessHandle>>;
  send(id: string, event: unknown, ctx: SendContext): Promise<SendResult>;
  tick(options?: TickOptions): Promise<Accepted[]>;
  log(): Promise<LogEntry[]>;
  checkpoint(): Promise<Checkpoint | null>;
}
