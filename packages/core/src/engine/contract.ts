/**
 * The contract between the engine (log, store, replay, headless API) and the process machines
 * (meeting, written consultation, project lifecycle, public notice). Machines know nothing of the
 * log; the engine knows nothing of any one machine. A machine plugs in as a `ProcessKind`.
 *
 * Flow of one event (STYLE §1, §5):
 *   portal → engine.send(processId, event, { actor, channel })
 *     1. parse the event with the kind's zod schema            → INVALID_EVENT
 *     2. check the actor's role against `permissions[type]`     → FORBIDDEN_ROLE
 *     3. stamp `on` (the Asia/Shanghai date of clock.now())
 *     4. ask the machine: snapshot.can(event)                    → EVENT_NOT_ALLOWED (explained)
 *     5. next = transition(machine, snapshot, event)  (pure, xstate v5)
 *     6. append a hash-chained LogEntry, then publish the new snapshot
 *   A refused event changes neither state nor log.
 */
import type { AnyStateMachine, EventFromLogic, SnapshotFrom } from 'xstate';
import { z } from 'zod';
import type { YishiError } from '../errors/YishiError.js';

/** Who may act (issue 5). `system` is the engine's own clock ticks. */
export const Role = z.enum([
  'residentsCommitteeStaff', // 居委会工作人员
  'partySecretary', // 居村党组织书记
  'ownersCommittee', // 业委会
  'planner', // 社区规划师
  'propertyManager', // 物业
  'owner', // 业主
  'resident', // 居民
  'observer', // 观察员 (read-only)
  'system', // the engine's clock
]);
export type Role = z.infer<typeof Role>;

/** The identity the portal vouches for; yishi decides what it may do. */
export const Actor = z.object({ id: z.string().min(1), role: Role }).strict();
export type Actor = z.infer<typeof Actor>;

/** How the event reached the portal. */
export const SubmissionChannel = z.enum(['web', 'mobile', 'counter', 'paper', 'phone', 'meeting', 'system']);
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;

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
  permissions: Readonly<Record<string, readonly Role[]>>;
  /** Roles that may create a process of this kind. */
  creators: readonly Role[];
  /**
   * Why the machine refuses an event, with its most specific code (VOTE_AFTER_CLOSE, DOUBLE_VOTE,
   * …); called only when `snapshot.can(event)` is false. Without it the engine says
   * EVENT_NOT_ALLOWED with the state it was in.
   */
  explainRefusal?: (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => YishiError;
}

/**
 * Refusals are `YishiError`s with these codes (see errors/YishiError.ts): INVALID_EVENT,
 * FORBIDDEN_ROLE, EVENT_NOT_ALLOWED, UNKNOWN_PROCESS, UNKNOWN_KIND, PROCESS_EXISTS, RULES_FROZEN,
 * LOG_TAMPERED, and from machines VOTE_AFTER_CLOSE, DOUBLE_VOTE, NOT_ON_REGISTER, PROXY_INVALID,
 * BUDGET_NOT_COVERED.
 */
