/**
 * The roster as a `ProcessKind`. Its process id is `roster:<community>` (rosterId), so a
 * community has at most one and the engine finds it without a search; the engine's roster
 * binder refuses a roster under any other id, and any other process under a `roster:` id.
 * Permissions are coarse (every role that may change some part); the guards narrow them to the
 * table of rosterRules.ts.
 */
import type { Role } from '../../actor/actor.js';
import type { MachineKind } from '../processKind.js';
import { explainRefusal, type RefusalReasons } from '../refusal.js';
import { type RosterMachine, rosterMachine } from './roster.machine.js';
import { ROSTER_KIND } from './rosterIndex.js';
import { appointProblem, electionProblem, endProblem } from './rosterRules.js';
import {
  PersistedRoster,
  type RosterContext,
  type RosterEvent,
  RosterEventInput,
  type RosterEventType,
  RosterInput,
} from './rosterSchemas.js';

const CHANGERS: readonly Role[] = ['subdistrictStaff', 'residentsCommitteeStaff', 'ownersCommittee'];

export const ROSTER_PERMISSIONS: Readonly<Record<RosterEventType, readonly Role[]>> = {
  APPOINT: CHANGERS,
  RECORD_ELECTION: ['residentsCommitteeStaff', 'subdistrictStaff'],
  END_APPOINTMENT: CHANGERS,
  CLOSE_ROSTER: ['subdistrictStaff'],
};

const no = (message: string | null) => ({
  code: 'EVENT_NOT_ALLOWED' as const,
  message: message ?? 'refused',
});

export const ROSTER_REFUSALS: RefusalReasons<RosterContext, RosterEvent> = {
  dateNotBackwards: (c) => no(`dates cannot go backwards; the roster is already at ${c.today}`),
  appointAccepted: (c, e) => no(appointProblem(c, e)),
  electionAccepted: (c, e) => no(electionProblem(c, e)),
  endAccepted: (c, e) => no(endProblem(c, e)),
  closeNotInPast: (_c, e) =>
    no(`a roster is closed from today (${e.on}) or later, not ${e.type === 'CLOSE_ROSTER' ? e.until : ''}`),
};

export const rosterKind: MachineKind<RosterMachine> = {
  kind: ROSTER_KIND,
  title: { 'zh-CN': '社区名册', en: 'Community roster' },
  machine: rosterMachine,
  input: RosterInput,
  events: RosterEventInput,
  permissions: ROSTER_PERMISSIONS,
  // The root of trust: see RosterInput and docs/embedding.md, "Rosters and identity".
  creators: ['subdistrictStaff'],
  explainRefusal: (snapshot, event) =>
    explainRefusal<RosterContext, RosterEvent>(snapshot, event, {
      what: (c) => `roster of ${c.community}`,
      reasons: ROSTER_REFUSALS,
    }),
  persisted: PersistedRoster,
};
