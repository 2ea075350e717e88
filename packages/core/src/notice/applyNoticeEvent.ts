/**
 * Sending events to a notice with typed refusals. XState silently ignores an event a state does
 * not accept; a residents' committee needs to know why ("the objection came after the last day"),
 * and the notice must not change. So every inbound event is parsed with zod, checked with the
 * snapshot's own `can()`, and only then applied — purely with xstate's `transition()`, or to a
 * running actor.
 */
import { type Actor, initialTransition, type SnapshotFrom, transition } from 'xstate';
import { isYishiError, YishiError } from '../errors/YishiError.js';
import { NoticeEvent, PersistedNotice, type PublicNoticeInput } from './noticeSchemas.js';
import {
  nextNoticeRun,
  noticeCalendarOf,
  type PublicNoticeMachine,
  publicNoticeMachine,
} from './publicNotice.machine.js';

export type NoticeSnapshot = SnapshotFrom<PublicNoticeMachine>;

export type NoticeResult = { ok: true; snapshot: NoticeSnapshot } | { ok: false; error: YishiError };

/** The draft snapshot of a new notice (pure: nothing runs). Throws `INVALID_INPUT` for bad input. */
export function startNotice(
  input: PublicNoticeInput,
  machine: PublicNoticeMachine = publicNoticeMachine,
): NoticeSnapshot {
  const [snapshot] = initialTransition(machine, input);
  if (snapshot.status === 'error') throw snapshot.error;
  return snapshot;
}

/**
 * A snapshot back from storage (`actor.getPersistedSnapshot()` after a JSON round trip),
 * validated first: a stored snapshot is a boundary like any other.
 */
export function restoreNotice(
  persisted: unknown,
  machine: PublicNoticeMachine = publicNoticeMachine,
): NoticeSnapshot {
  const parsed = PersistedNotice.safeParse(persisted);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
    throw new YishiError('INVALID_INPUT', `stored notice: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  const { value, context } = parsed.data;
  const snapshot = machine.resolveState({ value, context });
  if (snapshot.status !== 'done') return snapshot;
  const output = { id: context.id, lastDay: context.lastDay, withdrawn: context.withdrawal !== null };
  return machine.resolveState({ value, context, output });
}

function parseEvent(event: unknown): NoticeEvent | YishiError {
  const parsed = NoticeEvent.safeParse(event);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
  const first = issues[0];
  return new YishiError(
    'INVALID_INPUT',
    `notice event: ${first?.path || 'event'}: ${first?.message}`,
    issues,
  );
}

/** Why `snapshot` would not accept `event`, as a typed error. */
export function explainNoticeRefusal(snapshot: NoticeSnapshot, event: NoticeEvent): YishiError {
  const c = snapshot.context;
  const state = String(snapshot.value);
  const refuse = (why: string) =>
    new YishiError('NOTICE_EVENT_REFUSED', `notice ${c.id}: ${event.type} on ${event.on} refused: ${why}`, [
      { message: why, field: event.type, received: state },
    ]);
  const node = snapshot.machine.states[state];
  if (snapshot.status !== 'active' || !node?.ownEvents.includes(event.type)) {
    return refuse(`a ${state} notice does not accept ${event.type}`);
  }
  if (c.today !== null && event.on < c.today) {
    return refuse(`dates cannot go backwards; the notice is already at ${c.today}`);
  }
  if (event.type === 'OBJECT') {
    if (c.objections.some((o) => o.id === event.objectionId)) {
      return refuse(`objection ${event.objectionId} is already recorded`);
    }
    if (c.lastDay !== null && event.on > c.lastDay) {
      return refuse(`objections close at the end of the last day, ${c.lastDay}`);
    }
  }
  if (event.type === 'ANSWER_OBJECTION') {
    const o = c.objections.find((x) => x.id === event.objectionId);
    if (!o) return refuse(`there is no objection ${event.objectionId}`);
    if (o.status !== 'pending') return refuse(`objection ${event.objectionId} was already ${o.status}`);
  }
  const needsRun =
    event.type === 'POST' ||
    (event.type === 'ANSWER_OBJECTION' && event.decision === 'upheld' && c.onUpheldObjection !== 'withdraw');
  if (needsRun) {
    const r = nextNoticeRun(c, event, noticeCalendarOf(snapshot.machine));
    if (!r.ok)
      return new YishiError(
        r.error.code,
        `notice ${c.id}: ${event.type} refused: ${r.error.message}`,
        r.error.issues,
      );
  }
  return refuse('a policy guard of this machine does not allow it');
}

/**
 * Applies `event` to `snapshot` purely (xstate `transition()`), or returns why it cannot.
 * The given snapshot is never modified.
 */
export function applyNoticeEvent(snapshot: NoticeSnapshot, event: unknown): NoticeResult {
  const parsed = parseEvent(event);
  if (isYishiError(parsed)) return { ok: false, error: parsed };
  if (!snapshot.can(parsed)) return { ok: false, error: explainNoticeRefusal(snapshot, parsed) };
  return { ok: true, snapshot: transition(snapshot.machine, snapshot, parsed)[0] };
}

/** Sends `event` to a running notice actor if it can accept it; otherwise leaves it untouched. */
export function sendNoticeEvent(actor: Actor<PublicNoticeMachine>, event: unknown): NoticeResult {
  const parsed = parseEvent(event);
  if (isYishiError(parsed)) return { ok: false, error: parsed };
  const before = actor.getSnapshot();
  if (!before.can(parsed)) return { ok: false, error: explainNoticeRefusal(before, parsed) };
  actor.send(parsed);
  return { ok: true, snapshot: actor.getSnapshot() };
}
