/**
 * A process machine as the engine runs it (`ProcessKind`, below), plus two things the
 * engine needs from each machine: why an event is refused (a typed error with the most specific
 * code: VOTE_AFTER_CLOSE, DOUBLE_VOTE, …) and how a stored snapshot is checked and restored.
 *
 * `startProcess` / `stepProcess` apply the same checks the engine does, without the log: for
 * tests, simulations and a policy team trying a rule variant on a script of events.
 */
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventFromLogic,
  initialTransition,
  type SnapshotFrom,
  transition,
} from 'xstate';
import type { z } from 'zod';
import type { Role, RosterRole } from '../actor/actor.js';
import type { HolidayCalendar } from '../calendar/holidayCalendar.js';
import { isYishiError, YishiError, type YishiErrorCode } from '../errors/YishiError.js';
import type { LoggedEvent } from '../log/logEntry.js';
import type { Stamp } from './eventStamp.js';

/**
 * One kind of process the engine can run. `events` validates inbound events (without `on`, which
 * the engine stamps); `permissions` lists, per event type, the roles that may send it (a machine
 * may refuse further with guards, e.g. a ballot only from its owner); `input` validates creation.
 */
export interface ProcessKind<M extends AnyStateMachine = AnyStateMachine> {
  kind: string;
  title: { 'zh-CN': string; en: string };
  machine: M;
  input: z.ZodType;
  events: z.ZodType<{ type: string }>;
  /**
   * A hand-written check for the kind's most frequent events, tried before `events`: the event as
   * `events` would parse it, or `undefined` to let `events` decide (and explain). It must never
   * accept what `events` refuses, nor give other data than `events` would (a property test shows
   * it). What it returns is new (it shares no object with the event it was given) and holds
   * only plain objects, arrays and strings: stamped, and when every object's keys are in
   * ascending order, the engine hands it to the machine as the logged event's JSON reads back.
   */
  quickEvent?: (event: unknown) => { type: string } | undefined;
  permissions: Readonly<Record<string, readonly Role[]>>;
  /** Roles that may create a process of this kind. */
  creators: readonly Role[];
  /**
   * Where the kind carries a policy: in its creation input, and in these event types. There the
   * caller names `rules` (pack, date, covenant choices) and the engine puts the `policy` it
   * resolved in its place (engine/rules.ts); elsewhere neither key means anything to the engine.
   */
  policyIn?: { input: boolean; events: readonly string[] };
  /**
   * The holiday calendar the kind counts periods on, when it counts any (`createProcessKinds`
   * sets it). The engine records its fingerprint in every CREATE entry, and replay refuses a log
   * written on another calendar (CALENDAR_MISMATCH) instead of ending periods on other days.
   */
  calendar?: HolidayCalendar;
  /**
   * Why the machine refuses an event, with its most specific code (VOTE_AFTER_CLOSE, DOUBLE_VOTE,
   * …); called only when `snapshot.can(event)` is false. Without it the engine says
   * EVENT_NOT_ALLOWED with the state it was in.
   */
  explainRefusal?: (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => YishiError;
  /**
   * The people an event names besides its sender (a proxy holder, a reviewer, an acceptance
   * signer), each checked by the engine against the community's roster on the event's date
   * (engine/roster.ts). Called with the stamped event, or with `{ type: 'CREATE', input }` for a
   * creation; it must be cheap and pure. Without it only the sender is checked.
   */
  peopleCited?: (event: LoggedEvent, snapshot?: AnyMachineSnapshot) => readonly CitedPerson[];
  /**
   * Where the kind's input and events carry personal data (a private person's id, a unit number,
   * free text): dotted paths, `*` for every item or member. A stream engine stores these values
   * only as salted commitments, with the values in the store's vault (engine/privacy.ts).
   */
  personal?: PersonalSpec;
}

/** Paths of personal data: `input` in the creation's input, `events` per event type. */
export interface PersonalSpec {
  input?: readonly string[];
  events?: Readonly<Record<string, readonly string[]>>;
}

/** A person an event names, and what the roster must say of them on the event's date. */
export interface CitedPerson {
  /** The person's id, as `actor.id` would be. */
  id: string;
  /** Where the event names them (e.g. `holderId`, `reviewers.1`), for the refusal. */
  field: string;
  /** They must hold this role, or one of these roles. */
  role?: RosterRole | readonly RosterRole[];
  /** They must hold none of these roles (e.g. a proxy holder who may not be an organiser). */
  notRoles?: readonly RosterRole[];
  /** The refusal's code (default FORBIDDEN_ROLE), e.g. PROXY_INVALID. */
  code?: YishiErrorCode;
}

/**
 * Refusals are `YishiError`s with these codes (see errors/YishiError.ts): INVALID_EVENT,
 * FORBIDDEN_ROLE, EVENT_NOT_ALLOWED, UNKNOWN_PROCESS, UNKNOWN_KIND, PROCESS_EXISTS, RULES_FROZEN,
 * LOG_TAMPERED, and from machines VOTE_AFTER_CLOSE, DOUBLE_VOTE, NOT_ON_REGISTER, PROXY_INVALID,
 * BUDGET_NOT_COVERED.
 */

export interface MachineKind<M extends AnyStateMachine = AnyStateMachine> extends ProcessKind<M> {
  /** Why `snapshot` refuses `event`: call when `snapshot.can(event)` is false. */
  explainRefusal(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): YishiError;
  /** `{ value, context }` of a persisted snapshot, validated at the boundary. */
  persisted: z.ZodType<{ value: string; context: unknown }>;
}

export type StepResult<M extends AnyStateMachine> =
  | { ok: true; snapshot: SnapshotFrom<M> }
  | { ok: false; error: YishiError };

/** The first snapshot of a new process; throws `INVALID_INPUT` (or the rule's own code). */
export function startProcess<M extends AnyStateMachine>(
  kind: ProcessKind<M>,
  input: unknown,
): SnapshotFrom<M> {
  const parsed = kind.input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
    throw new YishiError(
      'INVALID_INPUT',
      `${kind.kind}: ${issues[0]?.path || '(root)'}: ${issues[0]?.message}`,
      issues,
    );
  }
  const [snapshot] = initialTransition(kind.machine as AnyStateMachine, parsed.data);
  if (snapshot.status === 'error') throw snapshot.error;
  return snapshot as SnapshotFrom<M>;
}

/**
 * Apply one event the way the engine does: validate it, check the actor's role, stamp it, ask
 * the machine, then transition purely. A refused event changes nothing.
 */
export function stepProcess<M extends AnyStateMachine>(
  kind: MachineKind<M>,
  snapshot: SnapshotFrom<M>,
  event: unknown,
  stamp: Stamp,
): StepResult<M> {
  const parsed = kind.events.safeParse(event);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
    return {
      ok: false,
      error: new YishiError(
        'INVALID_EVENT',
        `${kind.kind}: ${issues[0]?.path || 'event'}: ${issues[0]?.message}`,
        issues,
      ),
    };
  }
  const type = parsed.data.type;
  const roles = kind.permissions[type] ?? [];
  if (!roles.includes(stamp.actor.role)) {
    return {
      ok: false,
      error: new YishiError('FORBIDDEN_ROLE', `${kind.kind}: ${stamp.actor.role} may not send ${type}`, [
        {
          field: 'actor.role',
          message: `allowed: ${roles.join(', ') || 'nobody'}`,
          received: stamp.actor.role,
        },
      ]),
    };
  }
  const stamped = { ...parsed.data, ...stamp } as EventFromLogic<M>;
  const s = snapshot as unknown as { can(e: unknown): boolean };
  if (!s.can(stamped)) return { ok: false, error: kind.explainRefusal(snapshot, stamped) };
  try {
    const [next] = transition(kind.machine, snapshot, stamped);
    return { ok: true, snapshot: next as SnapshotFrom<M> };
  } catch (e) {
    if (isYishiError(e)) return { ok: false, error: e };
    throw e;
  }
}

/** Restore a stored snapshot after validating it (`kind.persisted`). */
export function restoreProcess<M extends AnyStateMachine>(
  kind: MachineKind<M>,
  persisted: unknown,
): SnapshotFrom<M> {
  const parsed = kind.persisted.safeParse(persisted);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
    throw new YishiError(
      'INVALID_INPUT',
      `stored ${kind.kind}: ${issues[0]?.path}: ${issues[0]?.message}`,
      issues,
    );
  }
  const { value, context } = parsed.data;
  const output = (persisted as { output?: unknown }).output;
  const snap = kind.machine.resolveState({ value, context } as never);
  if (snap.status !== 'done' || output === undefined) return snap as SnapshotFrom<M>;
  return kind.machine.resolveState({ value, context, output } as never) as SnapshotFrom<M>;
}
