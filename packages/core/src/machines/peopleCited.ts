/**
 * The people each kind's events name besides their sender, and what the community's roster must
 * say of them on the event's date (`ProcessKind.peopleCited`, checked by the engine's roster
 * binder, engine/roster.ts):
 *
 * - a proxy holder (written consultation: REGISTER_PROXY; meeting: SIGN_IN by proxy,
 *   CONFIRM_PROXY) holds no organiser role — owners' committee, residents'-committee staff, party
 *   secretary, property manager, sub-district — unless the rules allow it
 *   (`proxy.organiserMayHold`, default false): the committee cannot hold the owners' votes;
 * - the two people of a paper batch (CLOSE_PAPER_BATCH: enteredBy, checkedBy, 双人录入) are
 *   people on the roster who may enter ballots;
 * - a project's acceptance reviewers and signers, and its working group, hold the roster role they
 *   sign in, where it is a roster role (an expert, a supervisor, a contractor, an owner or a
 *   resident is not on the roster, and is named by id only).
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { RosterRole } from '../actor/actor.js';
import type { CitedPerson } from './processKind.js';

/** Roles whose holders organise a vote, and so may not hold an owner's proxy. */
export const ORGANISER_ROLES: readonly RosterRole[] = [
  'ownersCommittee',
  'residentsCommitteeStaff',
  'partySecretary',
  'propertyManager',
  'subdistrictStaff',
];

/** Who may enter or check a batch of paper ballots. */
export const PAPER_ENTRY_ROLES: readonly RosterRole[] = [
  'residentsCommitteeStaff',
  'ownersCommittee',
  'subdistrictStaff',
  'socialWorker',
  'volunteer',
];

const mayHold = (snapshot: AnyMachineSnapshot | undefined) =>
  (snapshot?.context as { rules?: { organiserMayHold?: boolean } } | undefined)?.rules?.organiserMayHold ===
  true;

/** Proxy holders, who hold no organiser role unless the process's rules allow it. */
export const proxyHoldersCited = (
  ids: readonly string[],
  field: string,
  snapshot?: AnyMachineSnapshot,
): CitedPerson[] => (mayHold(snapshot) ? [] : ids.map((id) => ({ id, field, notRoles: ORGANISER_ROLES })));

/** The two people of a closed paper batch (双人录入). */
export function paperBatchPeople(e: Record<string, unknown>): CitedPerson[] {
  if (e.type !== 'CLOSE_PAPER_BATCH') return [];
  return (['enteredBy', 'checkedBy'] as const)
    .filter((f) => typeof e[f] === 'string')
    .map((f) => ({ id: e[f] as string, field: f, role: PAPER_ENTRY_ROLES }));
}

/** A project's cited role as the roster's, or undefined where the roster does not hold it. */
export const ROSTER_ROLE_OF: Readonly<Partial<Record<string, RosterRole>>> = {
  residentsCommitteeStaff: 'residentsCommitteeStaff',
  partySecretary: 'partySecretary',
  ownersCommittee: 'ownersCommittee',
  planner: 'planner',
  propertyManager: 'propertyManager',
  subdistrict: 'subdistrictStaff',
  department: 'department',
  socialOrganisation: 'socialOrganisation',
  socialWorker: 'socialWorker',
  volunteer: 'volunteer',
};
