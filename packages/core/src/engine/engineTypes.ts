/**
 * The engine's public types: options, results, process handles, and the engine itself in its
 * synchronous (`createEngine`) and asynchronous (`openEngine`) forms.
 */
import type { AnyMachineSnapshot, InspectionEvent, Observer, SnapshotFrom } from 'xstate';
import type { Actor } from '../actor/actor.js';
import type { LogEntry, LoggedEvent, LogHead } from '../log/logEntry.js';
import type { ProcessKind } from '../machines/processKind.js';
import type { Refusal, SendContext } from './decide.js';
import type { ReplayCheck } from './replay.js';
import type { Checkpoint } from './store.js';

export interface EngineClock {
  /** Milliseconds since 1970-01-01T00:00Z (whole ms are logged). */
  now(): number;
}

export interface EngineOptions {
  kinds: readonly ProcessKind[];
  clock: EngineClock;
  /** xstate inspection observer (e.g. `createBrowserInspector().inspect`); see the header. */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** How a log already in the store is re-checked when the engine opens it (default 'full'). */
  check?: ReplayCheck;
  /**
   * What to do with a checkpoint the store holds (a cache, never evidence):
   * - 'use' (default): if it is at this log and passes its `checkpointHash` and the kinds'
   *   `persisted` schemas, restore it and replay only what follows (LOG_TAMPERED if it fails them);
   * - 'ignore': rebuild every process from the whole log;
   * - 'verify': rebuild from the whole log, and throw LOG_TAMPERED if the checkpoint differs from
   *   the replay at its seq.
   */
  checkpoints?: 'use' | 'ignore' | 'verify';
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
  create(kind: string, id: string, input: unknown, ctx: SendContext): CreateResult<ProcessHandle>;
  send(id: string, event: unknown, ctx: SendContext): SendResult;
  /** Sends `TICK` (dated today) from the system clock to every process that accepts it now. */
  tick(): Accepted[];
  log(): LogEntry[];
  /** Saves every process's persisted snapshot at the head, if the store keeps checkpoints. */
  checkpoint(): Checkpoint | null;
}

export interface AsyncEngine extends EngineBase<AsyncProcessHandle> {
  create(
    kind: string,
    id: string,
    input: unknown,
    ctx: SendContext,
  ): Promise<CreateResult<AsyncProcessHandle>>;
  send(id: string, event: unknown, ctx: SendContext): Promise<SendResult>;
  tick(): Promise<Accepted[]>;
  log(): Promise<LogEntry[]>;
  checkpoint(): Promise<Checkpoint | null>;
}
