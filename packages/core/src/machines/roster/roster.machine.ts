/**
 * A community's roster (名册): active → closed. The roster is set up by the sub-district (its
 * `root`, the root of trust) with the people it starts with; then appointments are entered
 * (APPOINT), owners' committees come in from their election records with their terms
 * (RECORD_ELECTION), appointments end (END_APPOINTMENT), and a dissolved or merged community's
 * roster is closed (CLOSE_ROSTER), which ends every appointment. Who may change what:
 * rosterRules.ts. The engine reads the roster to decide whether a person holds the role they
 * claim on the day of their event (engine/roster.ts).
 *
 * Time: no clock. Every event carries `on`; dates never go backwards.
 */
import { and, assign, setup } from 'xstate';
import { addDays } from '../../calendar/plainDate.js';
import { parseInput } from '../frozenPolicy.js';
import { appointProblem, electionProblem, endAllBy, endProblem } from './rosterRules.js';
import { type Appointment, type RosterContext, type RosterEvent, RosterInput } from './rosterSchemas.js';

type C = RosterContext;
type E = RosterEvent;

function initialContext(input: unknown): C {
  const i = parseInput(RosterInput, input, 'roster');
  const by = { id: i.root.by.id, role: i.root.by.role };
  return {
    community: i.community,
    root: { by, basis: i.root.basis },
    appointments: i.appointments.map((a) => ({
      id: a.appointmentId,
      personId: a.personId,
      role: a.role,
      from: a.from,
      until: a.until ?? null,
      basis: a.basis,
      by,
      on: null,
      electionId: null,
      ended: null,
    })),
    elections: [],
    today: null,
    closure: null,
  };
}

const actorOf = (e: E) => ({ id: e.actor.id, role: e.actor.role });

export function createRosterMachine() {
  return setup({
    types: {
      context: {} as C,
      events: {} as E,
      input: {} as RosterInput | undefined,
    },
    guards: {
      dateNotBackwards: ({ context, event }) => context.today === null || event.on >= context.today,
      appointAccepted: ({ context, event }) => appointProblem(context, event) === null,
      electionAccepted: ({ context, event }) => electionProblem(context, event) === null,
      endAccepted: ({ context, event }) => endProblem(context, event) === null,
      closeNotInPast: ({ event }) => event.type === 'CLOSE_ROSTER' && event.until >= event.on,
    },
    actions: {
      setToday: assign({ today: ({ event }) => event.on }),
      appoint: assign({
        appointments: ({ context, event }) => {
          if (event.type !== 'APPOINT') return context.appointments;
          const a: Appointment = {
            id: event.appointmentId,
            personId: event.personId,
            role: event.role,
            from: event.from,
            until: event.until ?? null,
            basis: event.basis,
            by: actorOf(event),
            on: event.on,
            electionId: null,
            ended: null,
          };
          return [...context.appointments, a];
        },
      }),
      recordElection: assign(({ context, event }) => {
        if (event.type !== 'RECORD_ELECTION') return {};
        const by = actorOf(event);
        const ended = { by, on: event.on, basis: event.basis, reason: `superseded by ${event.electionId}` };
        const before =
          event.kind === 'election'
            ? endAllBy(
                context.appointments,
                addDays(event.termFrom, -1),
                (a) => a.role === 'ownersCommittee',
                ended,
              )
            : context.appointments;
        const members: Appointment[] = event.members.map((personId) => ({
          id: `${event.electionId}:${personId}`,
          personId,
          role: 'ownersCommittee',
          from: event.termFrom,
          until: event.termUntil,
          basis: event.basis,
          by,
          on: event.on,
          electionId: event.electionId,
          ended: null,
        }));
        const { type: _t, on, actor: _a, electionId, ...rest } = event;
        return {
          appointments: [...before, ...members],
          elections: [...context.elections, { id: electionId, ...rest, by, on }],
        };
      }),
      end: assign({
        appointments: ({ context, event }) => {
          if (event.type !== 'END_APPOINTMENT') return context.appointments;
          const ended = {
            by: actorOf(event),
            on: event.on,
            basis: event.basis,
            reason: event.reason ?? null,
          };
          return context.appointments.map((a) =>
            a.id === event.appointmentId ? { ...a, until: event.until, ended } : a,
          );
        },
      }),
      close: assign(({ context, event }) => {
        if (event.type !== 'CLOSE_ROSTER') return {};
        const by = actorOf(event);
        const ended = { by, on: event.on, basis: event.basis, reason: 'roster closed' };
        return {
          appointments: endAllBy(context.appointments, event.until, () => true, ended),
          closure: { until: event.until, basis: event.basis, by, on: event.on },
        };
      }),
    },
  }).createMachine({
    id: 'roster',
    context: ({ input }) => initialContext(input),
    initial: 'active',
    states: {
      active: {
        description: 'Appointments are entered and ended; the engine checks roles against them.',
        on: {
          APPOINT: {
            guard: and(['dateNotBackwards', 'appointAccepted']),
            actions: ['setToday', 'appoint'],
          },
          RECORD_ELECTION: {
            guard: and(['dateNotBackwards', 'electionAccepted']),
            actions: ['setToday', 'recordElection'],
          },
          END_APPOINTMENT: {
            guard: and(['dateNotBackwards', 'endAccepted']),
            actions: ['setToday', 'end'],
          },
          CLOSE_ROSTER: {
            guard: and(['dateNotBackwards', 'closeNotInPast']),
            target: 'closed',
            actions: ['setToday', 'close'],
          },
        },
      },
      closed: {
        type: 'final',
        description: 'The community was dissolved or merged (撤并): every appointment has ended.',
      },
    },
  });
}

export const rosterMachine = /* @__PURE__ */ createRosterMachine();
export type RosterMachine = typeof rosterMachine;
