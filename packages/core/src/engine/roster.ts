/**
 * Roles are bound to people. The portal authenticates a person (`actor.id`); yishi authorises
 * the role: an event (or a creation) whose sender claims a roster role — every role but owner,
 * resident, observer and system (actor.ts ROSTER_ROLES) — is accepted only if the community's
 * roster (the process `roster:<community>`) lists that person in that role on the event's date.
 * Otherwise FORBIDDEN_ROLE, naming the person, the role, the community and the date. Owners and
 * residents are checked against the registers by the machines.
 *
 * The people an event names besides its sender (`kind.peopleCited`) are checked the same way:
 * one who must hold a role, or one who must hold none of some roles (a proxy holder who is not an
 * organiser). With no roster there is nobody to vouch for, so both fail closed.
 *
 * The roster's own creation is the root of trust and is not checked against a roster (there is
 * none yet): its id must be `roster:<community>` of the community it is created in, its `root`
 * must be its creator, and no other process may take a `roster:` id. Every later roster change
 * is an event like any other, so it is checked against the roster as it stood before it.
 *
 * Cost: one map look-up for the roster, one for the person and role (rosterIndex.ts).
 */
import { ROSTER_ROLES, type RosterRole } from '../actor/actor.js';
import { YishiError, type YishiErrorCode } from '../errors/YishiError.js';
import { CREATE } from '../log/logEntry.js';
import type { CitedPerson } from '../machines/processKind.js';
import {
  holdsOn,
  ROSTER_KIND,
  ROSTER_PREFIX,
  type RosterLike,
  rolesOn,
  rosterId,
  spansOf,
} from '../machines/roster/rosterIndex.js';
import type { Binder, Subject } from './bind.js';
import type { World } from './world.js';

const ROSTERED: ReadonlySet<string> = new Set(ROSTER_ROLES);

const refuse = (code: YishiErrorCode, message: string, field: string, received: string, expected: string) =>
  new YishiError(code, message, [{ message, field, received, expected }]);

/** The community's roster context, if it has a roster. */
function rosterOf(world: World, community: string): RosterLike | undefined {
  const p = world.processes.get(rosterId(community));
  return p?.kind.kind === ROSTER_KIND ? (p.snapshot.context as RosterLike) : undefined;
}

/** Where the person holds the role on other dates, to say why not on this one. */
function otherwise(roster: RosterLike | undefined, person: string, role: string): string {
  const spans = roster ? spansOf(roster, person, role) : [];
  if (!roster) return ' (该居村尚无名册: the community has no roster yet)';
  if (spans.length === 0) return ' (名册无此任职: no such appointment)';
  return ` (名册所列任期 / on the roster: ${spans.map((s) => `${s.from}…${s.until ?? ''}`).join(', ')})`;
}

function senderProblem(roster: RosterLike | undefined, s: Subject, what: string): YishiError | undefined {
  const { id, role } = s.actor;
  if (roster && holdsOn(roster, id, role, s.on)) return undefined;
  return refuse(
    'FORBIDDEN_ROLE',
    `${what}: ${id} is not ${role} on the roster of community ${s.community} on ${s.on}${otherwise(roster, id, role)}`,
    'actor.role',
    `${id} as ${role}`,
    `an appointment as ${role} on ${rosterId(s.community)} covering ${s.on}`,
  );
}

function citedProblem(roster: RosterLike | undefined, s: Subject, c: CitedPerson, what: string) {
  const code = c.code ?? 'FORBIDDEN_ROLE';
  const where = `${what}: ${c.field}: ${c.id}`;
  const at = `on the roster of community ${s.community} on ${s.on}`;
  const need = c.role === undefined ? [] : typeof c.role === 'string' ? [c.role] : c.role;
  if (need.length > 0 && !(roster && need.some((r) => holdsOn(roster, c.id, r, s.on)))) {
    const list = need.join(' or ');
    return refuse(
      code,
      `${where} is not ${list} ${at}${otherwise(roster, c.id, need[0]!)}`,
      c.field,
      c.id,
      list,
    );
  }
  if (!c.notRoles?.length) return undefined;
  if (!roster) {
    return refuse(
      code,
      `${where}: community ${s.community} has no roster, so it cannot be shown that they are not ${c.notRoles.join(' or ')}`,
      c.field,
      c.id,
      `not ${c.notRoles.join('|')}`,
    );
  }
  const held = rolesOn(roster, c.id, s.on).filter((r) => c.notRoles!.includes(r as RosterRole));
  if (held.length === 0) return undefined;
  return refuse(
    code,
    `${where} is ${held.join(' and ')} ${at}, and may not be named here`,
    c.field,
    c.id,
    `not ${c.notRoles.join('|')}`,
  );
}

/** Where a roster may be created, and no other process may sit. */
function rootProblem(s: Subject): YishiError | undefined {
  const roster = s.kind.kind === ROSTER_KIND;
  const want = rosterId(s.community);
  if (!roster) {
    if (!s.process.startsWith(ROSTER_PREFIX)) return undefined;
    return new YishiError(
      'INVALID_INPUT',
      `process id ${s.process}: ids "${ROSTER_PREFIX}…" are for rosters`,
    );
  }
  const input = (s.event.input ?? {}) as { community?: unknown; root?: { by?: { id?: unknown } } };
  if (s.process !== want || input.community !== s.community) {
    return new YishiError(
      'INVALID_INPUT',
      `the roster of community ${s.community} is the process ${want} with input.community ${s.community}, not ${s.process} with ${String(input.community)}`,
      [{ message: 'roster id', field: 'process', received: s.process, expected: want }],
    );
  }
  if (input.root?.by?.id !== s.actor.id) {
    return new YishiError('INVALID_INPUT', `roster ${want}: root.by must be its creator ${s.actor.id}`, [
      {
        message: 'root is the creator',
        field: 'root.by.id',
        received: String(input.root?.by?.id),
        expected: s.actor.id,
      },
    ]);
  }
  return undefined;
}

/**
 * Whether `actor` may act in its role in `community` on `on` as far as the roster goes (owners,
 * residents, observers and the system are not on it: always true). For `allowedActions`, so a
 * portal does not offer buttons the engine will refuse; the creation of a roster itself is
 * not covered (it is the root of trust).
 */
export function rosterAllows(
  world: World,
  community: string,
  actor: { id: string; role: string },
  on: string,
): boolean {
  if (!ROSTERED.has(actor.role)) return true;
  const roster = rosterOf(world, community);
  return roster !== undefined && holdsOn(roster, actor.id, actor.role as RosterRole, on);
}

export const rosterBinder: Binder = (world, s) => {
  const creating = s.event.type === CREATE;
  const what = `${s.kind.kind} ${s.process}: ${creating ? 'create' : s.event.type}`;
  if (creating) {
    const bad = rootProblem(s);
    if (bad || s.kind.kind === ROSTER_KIND) return bad;
  }
  const cited = s.kind.peopleCited?.(s.event, s.snapshot) ?? [];
  const rostered = ROSTERED.has(s.actor.role);
  if (!rostered && cited.length === 0) return undefined;
  const roster = rosterOf(world, s.community);
  if (rostered) {
    const bad = senderProblem(roster, s, what);
    if (bad) return bad;
  }
  for (const c of cited) {
    const bad = citedProblem(roster, s, c, what);
    if (bad) return bad;
  }
  return undefined;
};
