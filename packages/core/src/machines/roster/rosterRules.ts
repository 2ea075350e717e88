/**
 * Who may change which part of a roster. A roster change is accepted only from a role listed
 * here for the role it concerns, and (the engine's roster binder) only from a person the roster
 * lists in that role on the day:
 *
 * | role entered or ended            | by                                                      |
 * |----------------------------------|---------------------------------------------------------|
 * | subdistrictStaff (街道/乡镇)      | subdistrictStaff                                        |
 * | residentsCommitteeStaff (居委会)  | subdistrictStaff (the 街道 guides and staffs the 居委会)  |
 * | partySecretary (党组织书记)        | subdistrictStaff (the 街道党工委's appointment)          |
 * | planner (社区规划师, 定向结对)      | subdistrictStaff (the sub-district's pairing agreement) |
 * | ownersCommittee (业委会委员)       | residentsCommitteeStaff, subdistrictStaff, only from the election record (RECORD_ELECTION): the 居委会 guides the election, the 街道 receives its filing (备案) |
 * | propertyManager (物业)            | ownersCommittee (its service contract), residentsCommitteeStaff (where there is no committee), subdistrictStaff (a temporary manager, 上海规定 第52条) |
 * | socialOrganisation (社会组织)      | residentsCommitteeStaff, subdistrictStaff               |
 * | socialWorker (社工)               | residentsCommitteeStaff, subdistrictStaff               |
 * | volunteer (志愿者)                | residentsCommitteeStaff                                 |
 * | department (职能部门, invited)     | residentsCommitteeStaff, subdistrictStaff               |
 *
 * Ending an appointment takes the same roles as entering it. Nobody enters themselves; closing
 * the roster (the community dissolved or merged) is for subdistrictStaff.
 */
import type { Role, RosterRole } from '../../actor/actor.js';
import { addDays, type PlainDate } from '../../calendar/plainDate.js';
import type { Appointment, RosterContext, RosterEvent } from './rosterSchemas.js';

const SD: readonly Role[] = ['subdistrictStaff'];
const SD_RC: readonly Role[] = ['residentsCommitteeStaff', 'subdistrictStaff'];

/** Per roster role, the roles that may enter or end it (see the table above). */
export const APPOINTERS: Readonly<Record<RosterRole, readonly Role[]>> = {
  subdistrictStaff: SD,
  residentsCommitteeStaff: SD,
  partySecretary: SD,
  planner: SD,
  ownersCommittee: SD_RC,
  propertyManager: ['ownersCommittee', 'residentsCommitteeStaff', 'subdistrictStaff'],
  socialOrganisation: SD_RC,
  socialWorker: SD_RC,
  volunteer: ['residentsCommitteeStaff'],
  department: SD_RC,
};

export const mayAppoint = (by: Role, role: RosterRole): boolean => APPOINTERS[role].includes(by);

export const appointment = (c: RosterContext, id: string): Appointment | undefined =>
  c.appointments.find((a) => a.id === id);

/** Why an `APPOINT` cannot be entered, or null. */
export function appointProblem(c: RosterContext, e: RosterEvent): string | null {
  if (e.type !== 'APPOINT') return null;
  if (appointment(c, e.appointmentId)) return `appointment ${e.appointmentId} is already on the roster`;
  if (e.role === 'ownersCommittee')
    return 'owners’ committee members are entered from their election record (RECORD_ELECTION)';
  if (!mayAppoint(e.actor.role, e.role))
    return `a ${e.role} is appointed by ${APPOINTERS[e.role].join(' or ')}, not ${e.actor.role}`;
  if (e.personId === e.actor.id) return `${e.actor.id} may not appoint themselves`;
  return null;
}

/** Why a `RECORD_ELECTION` cannot be entered, or null. */
export function electionProblem(c: RosterContext, e: RosterEvent): string | null {
  if (e.type !== 'RECORD_ELECTION') return null;
  if (c.elections.some((x) => x.id === e.electionId)) return `election ${e.electionId} is already recorded`;
  const ids = e.members.map((m) => `${e.electionId}:${m}`);
  const taken = ids.find((id) => appointment(c, id));
  if (taken) return `appointment ${taken} is already on the roster`;
  if (!mayAppoint(e.actor.role, 'ownersCommittee'))
    return `an owners’ committee is entered by ${APPOINTERS.ownersCommittee.join(' or ')}, not ${e.actor.role}`;
  if (e.members.includes(e.actor.id)) return `${e.actor.id} may not enter themselves`;
  const last = c.elections.at(-1);
  if (last && e.termFrom <= last.termFrom)
    return `elections are entered in order: this term starts ${e.termFrom}, not after ${last.id}'s (${last.termFrom})`;
  return null;
}

/** Why an `END_APPOINTMENT` cannot be entered, or null. */
export function endProblem(c: RosterContext, e: RosterEvent): string | null {
  if (e.type !== 'END_APPOINTMENT') return null;
  const a = appointment(c, e.appointmentId);
  if (!a) return `no appointment ${e.appointmentId} on the roster`;
  if (a.ended) return `appointment ${a.id} was already ended on ${a.ended.on}`;
  if (!mayAppoint(e.actor.role, a.role))
    return `a ${a.role}'s appointment is ended by ${APPOINTERS[a.role].join(' or ')}, not ${e.actor.role}`;
  if (e.until < addDays(a.from, -1))
    return `it cannot end (${e.until}) before the day before it started (${a.from})`;
  if (a.until !== null && e.until > a.until) return `it already ends on ${a.until}; an end is never extended`;
  return null;
}

/** The appointments with `until` brought forward to `last` where they ran past it. */
export function endAllBy(
  list: readonly Appointment[],
  last: PlainDate,
  which: (a: Appointment) => boolean,
  ended: NonNullable<Appointment['ended']>,
): Appointment[] {
  return list.map((a) =>
    which(a) && (a.until === null || a.until > last)
      ? { ...a, until: last < a.from ? addDays(a.from, -1) : last, ended: a.ended ?? ended }
      : a,
  );
}
