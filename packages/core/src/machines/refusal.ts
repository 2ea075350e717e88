/**
 * Why a machine refuses an event, as a typed error (STYLE §6). XState silently ignores an event
 * no transition takes; a portal needs to say "the collection window closed on 10-20" and a
 * stable code. The explanation is read from the machine itself: the transitions the current
 * state has for the event, and the first named guard that fails. Each machine lists, per guard,
 * the refusal it stands for; guards without an entry only route (e.g. "notice required?") and
 * send the search on to the next candidate transition. So the reason can never disagree with
 * the guard that actually refused.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { YishiError, type YishiErrorCode } from '../errors/YishiError.js';

export interface Refusal {
  code: YishiErrorCode;
  message: string;
  /** The event field at fault (e.g. `evidence`), when one is; else the issue names the event type. */
  field?: string;
  /** What was expected there. */
  expected?: string;
}

/** Per guard name, the refusal it stands for ("!name" for a failing `not(name)`). */
export type RefusalReasons<C, E> = Readonly<
  Record<string, (context: C, event: E, params: unknown) => Refusal>
>;

export interface RefusalOptions<C, E> {
  /** How to name the process in messages, e.g. `meeting m-1`. */
  what: (context: C) => string;
  reasons: RefusalReasons<C, E>;
  /** A specific reason when the current state does not take this event type at all. */
  wrongState?: (state: string, context: C, event: E) => Refusal | undefined;
}

interface Atom {
  name: string;
  params: unknown;
  negated: boolean;
}

type GuardImpl = (args: { context: unknown; event: unknown }, params: unknown) => boolean;
interface Composite {
  guards: unknown[];
  check: { name: string };
}

const isComposite = (g: unknown): g is Composite =>
  typeof g === 'function' && Array.isArray((g as unknown as Composite).guards);

function atomOf(guard: unknown): Atom | null {
  if (typeof guard === 'string') return { name: guard, params: undefined, negated: false };
  if (guard && typeof guard === 'object' && 'type' in guard) {
    const g = guard as { type: string; params?: unknown };
    return { name: g.type, params: g.params, negated: false };
  }
  return null;
}

/** The first atom of `guard` that fails, or null when the guard holds. */
function firstFailing(
  guard: unknown,
  args: { context: unknown; event: unknown },
  impls: Record<string, unknown>,
): Atom | null {
  if (guard === undefined) return null;
  if (isComposite(guard)) {
    const kind = guard.check.name;
    if (kind === 'checkNot') {
      const child = guard.guards[0];
      if (firstFailing(child, args, impls) !== null) return null;
      const a = atomOf(child);
      return a ? { ...a, negated: true } : { name: '(not)', params: undefined, negated: true };
    }
    if (kind === 'checkOr') {
      const fails = guard.guards.map((g) => firstFailing(g, args, impls));
      return fails.every((f) => f !== null) ? (fails[0] ?? null) : null;
    }
    for (const g of guard.guards) {
      const f = firstFailing(g, args, impls);
      if (f) return f;
    }
    return null;
  }
  const atom = atomOf(guard);
  if (!atom)
    return (guard as GuardImpl)(args, undefined)
      ? null
      : { name: '(inline)', params: undefined, negated: false };
  const impl = impls[atom.name] as GuardImpl | undefined;
  if (!impl) return atom;
  return impl(args, atom.params) ? null : atom;
}

/** The states of a flat machine that take `type`. */
function statesAccepting(snapshot: AnyMachineSnapshot, type: string): string[] {
  return Object.entries(snapshot.machine.states)
    .filter(([, node]) => node.ownEvents.includes(type))
    .map(([key]) => key);
}

/** Why `snapshot` does not accept `event` (call it when `snapshot.can(event)` is false). */
export function explainRefusal<C, E extends EventObject>(
  snapshot: AnyMachineSnapshot,
  event: E,
  options: RefusalOptions<C, E>,
): YishiError {
  const context = snapshot.context as C;
  const state = String(snapshot.value);
  const what = options.what(context);
  const refuse = (r: Refusal) =>
    new YishiError(r.code, `${what}: ${event.type} refused: ${r.message}`, [
      {
        message: r.message,
        field: r.field ?? event.type,
        received: state,
        ...(r.expected ? { expected: r.expected } : {}),
      },
    ]);
  const node = snapshot.machine.states[state];
  const candidates = snapshot.status === 'active' ? (node?.transitions.get(event.type) ?? []) : [];
  if (candidates.length === 0) {
    const specific = options.wrongState?.(state, context, event);
    if (specific) return refuse(specific);
    const where = statesAccepting(snapshot, event.type);
    return refuse({
      code: 'EVENT_NOT_ALLOWED',
      message:
        snapshot.status !== 'active'
          ? `the process has ended (${state})`
          : `it is at "${state}", which does not take ${event.type}${where.length ? `; only ${where.join(', ')} do` : ''}`,
    });
  }
  const impls = snapshot.machine.implementations.guards as Record<string, unknown>;
  const args = { context, event };
  for (const t of candidates) {
    const failed = firstFailing(t.guard, args, impls);
    if (!failed) continue;
    const reason = options.reasons[failed.negated ? `!${failed.name}` : failed.name];
    if (reason) return refuse(reason(context, event, failed.params));
  }
  return refuse({ code: 'EVENT_NOT_ALLOWED', message: `no transition of "${state}" allows it` });
}
