/**
 * Who holds which role on a date, read from a roster's context in O(1): the engine's roster
 * binder asks this for every event an organiser sends (engine/roster.ts), so a batch of 50,000
 * staff-entered ballots costs one map look-up each. The index is built once per version of the
 * roster (its `appointments` array, which the machine never changes in place) and kept in a
 * WeakMap, so it is neither persisted nor copied.
 *
 * Type imports only: this file is part of the engine's bundle.
 */
import type { RosterRole } from '../../actor/actor.js';
import type { PlainDate } from '../../calendar/plainDate.js';

/** The kind name of a roster, and the one process id a community's roster may have. */
export const ROSTER_KIND = 'roster';
export const ROSTER_PREFIX = 'roster:';
export const rosterId = (community: string): string => ROSTER_PREFIX + community;

/** A span of dates a person holds a role: `from` to `until`, both inclusive (null: open). */
export interface Span {
  from: PlainDate;
  until: PlainDate | null;
}

/** What the index reads of a roster's context. */
export interface RosterLike {
  appointments: readonly (Span & { personId: string; role: string })[];
}

type Index = Map<string, Map<string, Span[]>>;
const INDEXES = new WeakMap<object, Index>();

function indexOf(roster: RosterLike): Index {
  let index = INDEXES.get(roster.appointments);
  if (index) return index;
  index = new Map();
  for (const a of roster.appointments) {
    let roles = index.get(a.personId);
    if (!roles) {
      roles = new Map();
      index.set(a.personId, roles);
    }
    const spans = roles.get(a.role);
    if (spans) spans.push(a);
    else roles.set(a.role, [a]);
  }
  INDEXES.set(roster.appointments, index);
  return index;
}

const covers = (s: Span, on: PlainDate) => s.from <= on && (s.until === null || on <= s.until);

/** Every span in which `personId` holds `role` (ended ones included). */
export function spansOf(roster: RosterLike, personId: string, role: string): readonly Span[] {
  return indexOf(roster).get(personId)?.get(role) ?? [];
}

/** Whether `personId` holds `role` on `on` (a YYYY-MM-DD date). */
export function holdsOn(roster: RosterLike, personId: string, role: string, on: PlainDate): boolean {
  return spansOf(roster, personId, role).some((s) => covers(s, on));
}

/** The roles `personId` holds on `on`. */
export function rolesOn(roster: RosterLike, personId: string, on: PlainDate): RosterRole[] {
  const out: RosterRole[] = [];
  for (const [role, spans] of indexOf(roster).get(personId) ?? [])
    if (spans.some((s) => covers(s, on))) out.push(role as RosterRole);
  return out;
}
