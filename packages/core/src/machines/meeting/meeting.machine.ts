/**
 * A meeting of any body (BodyId): convening → notice → sign-in → quorum check → deliberation →
 * vote → result → publicity of the result → closed; or adjourned and reconvened, or cancelled.
 *
 * - Who convenes, which register, whether notice and proxies apply: `MEETING_BODIES` and
 *   `convenersOf` (meetingBodies.ts). Notice days come from the policy; a body without a notice
 *   rule goes straight from convening to scheduled.
 * - The quorum is checked when sign-in closes, with the real tally (meetingTally.ts); it fails
 *   closed and keeps the quorum lines with the gap ("2 more members must attend").
 * - 三会 and joint meetings have no quorum or vote: deliberation ends in a recorded result.
 * - Sign-in (opening, signing in, reopening) and voting happen only on the noticed meeting date;
 *   a later day needs ADJOURN → RECONVENE with a new date (and new notice where the body has a
 *   notice rule). Proxies are checked against the day of the event, at sign-in and again at
 *   each vote (validity, written authorisation, scope). A proxy signs in only on evidence: the
 *   授权委托书's scan id (`proxy.scanId`) or the owner's own CONFIRM_PROXY; and not when the
 *   convener recording it is its holder, unless `proxy.organiserMayHold` (the self-proxy).
 * - An owner signed in by proxy who arrives in person revokes the proxy (SIGN_IN in person, also
 *   taken during deliberation and the vote): the revocation is recorded (`proxyRevocations`) and
 *   works for what follows; votes the holder already cast for the owner stand (民法典 第173条,
 *   第162条; see `attendanceAfter` in meetingRules.ts).
 * - Opinions are recorded in the sender's own name; only a convener records one for someone else.
 * - The result is posted for `publicity.meetingResultDays` days; the first TICK after the last
 *   day closes the meeting.
 *
 * Time: no clock. Every event carries `on`; TICK moves the date; dates never go backwards.
 * Guards and actions are named in `setup`, so a policy variant swaps one with `.provide()`.
 */
import { and, assertEvent, assign, not, setup } from 'xstate';
import type { Role } from '../../actor/actor.js';
import { chinaHolidays } from '../../calendar/chinaHolidays.js';
import type { HolidayCalendar } from '../../calendar/holidayCalendar.js';
import { YishiError, type YishiErrorCode } from '../../errors/YishiError.js';
import type { Outcome } from '../../tally/result.js';
import { hasRole } from '../eventStamp.js';
import { fingerprint, freezePolicy, parseInput, required, valueOr } from '../frozenPolicy.js';
import { postPublicity, publicityEnd } from '../resultPublicity.js';
import { convenersOf, MEETING_BODIES } from './meetingBodies.js';
import {
  type MeetingContext,
  type MeetingEvent,
  MeetingInput,
  type MeetingRules,
  type ProxyRevocation,
} from './meetingSchemas.js';
import { checkQuorum, meetingResults, resultsProblem } from './meetingTally.js';

export interface MeetingOutput {
  id: string;
  body: MeetingContext['body'];
  cancelled: boolean;
  results: { itemId: string | null; outcome: Outcome }[];
  /** Proxies revoked by the owner arriving in person (the votes cast under them before stand). */
  proxyRevocations: ProxyRevocation[];
}

/** Roles besides the conveners whose opinions a meeting records (the planner may be invited). */
const OPINION_ROLES: readonly Role[] = [
  'planner',
  'owner',
  'resident',
  'department',
  'socialOrganisation',
  'socialWorker',
  'volunteer',
];

import {
  agendaProblem,
  attendanceAfter,
  confirmationProblem,
  decisionItems,
  lastQuorum,
  meetingDateOf,
  noticeCheck,
  onlyArrivals,
  opinionAuthorProblem,
  proposedDate,
  signInProblem,
  voteProxyProblem,
} from './meetingRules.js';

function initialContext(input: unknown): MeetingContext {
  const i = parseInput(MeetingInput, input, 'meeting');
  const policy = freezePolicy(i.policy);
  const spec = MEETING_BODIES[i.body];
  const ownersVote = spec.register === 'units';
  const withoutCommittee =
    ownersVote && !i.hasOwnersCommittee
      ? required(policy, 'ownersAssembly.convenerWithoutCommittee', 'convening without an owners’ committee')
      : 'none';
  const noticeParameter =
    spec.noticeParameter !== null &&
    spec.noticeOnlyWhereSet &&
    policy.parameters[spec.noticeParameter] === undefined
      ? null
      : spec.noticeParameter;
  const rules: MeetingRules = {
    conveners: convenersOf(i.body, i.hasOwnersCommittee, withoutCommittee),
    noticeDays: noticeParameter ? required(policy, noticeParameter, `notice of a ${i.body}`) : null,
    noticeParameter,
    proxies: spec.proxies,
    proxyRequiresWritten: spec.proxies
      ? required(policy, 'ownersAssembly.proxyRequiresWrittenAuthorisation', 'a meeting that takes proxies')
      : false,
    organiserMayHold: valueOr(policy, 'proxy.organiserMayHold', false),
    publicityDays: required(policy, 'publicity.meetingResultDays', 'publicising the result'),
    tally: spec.tally,
  };
  const context: MeetingContext = {
    id: i.id,
    title: i.title,
    body: i.body,
    policy,
    register: i.register,
    registerHash: fingerprint(i.register),
    hasOwnersCommittee: i.hasOwnersCommittee,
    rules,
    today: null,
    convening: null,
    notices: [],
    attendance: [],
    quorumChecks: [],
    opinions: [],
    votes: [],
    results: [],
    publicity: null,
    sessions: [],
    cancellation: null,
    proxyConfirmations: [],
    proxyRevocations: [],
  };
  // Fail closed at creation: the body's rule must be countable under this policy (every
  // parameter it reads in force), not discovered missing at the quorum check.
  const dry = checkQuorum(context, i.policy.at);
  if (dry.error)
    throw new YishiError(dry.error.code as YishiErrorCode, `meeting ${i.id}: ${dry.error.message}`);
  return context;
}

export function createMeetingMachine(calendar: HolidayCalendar = chinaHolidays) {
  return setup({
    types: {
      context: {} as MeetingContext,
      events: {} as MeetingEvent,
      // Optional only so `createActor(machine, { snapshot })` restores without input.
      input: {} as MeetingInput | undefined,
      output: {} as MeetingOutput,
    },
    guards: {
      dateNotBackwards: ({ context, event }) => context.today === null || event.on >= context.today,
      actorIsConvener: ({ context, event }) => hasRole(event.actor, context.rules.conveners),
      actorMayGiveOpinion: ({ context, event }) =>
        hasRole(event.actor, context.rules.conveners) || hasRole(event.actor, OPINION_ROLES),
      meetingDateAhead: ({ event }) => proposedDate(event) >= event.on,
      agendaFitsBody: ({ context, event }) =>
        event.type !== 'CONVENE' || agendaProblem(context, event.agenda) === null,
      noticeRequired: ({ context }) => (context.rules.noticeDays ?? 0) > 0,
      noticePossible: ({ context, event }) => noticeCheck(context, event.on, proposedDate(event)).satisfied,
      noticeInTime: ({ context, event }) => noticeCheck(context, event.on, meetingDateOf(context)).satisfied,
      onMeetingDay: ({ context, event }) => event.on === meetingDateOf(context),
      attendanceAccepted: ({ context, event }) => signInProblem(context, event) === null,
      onlyArrivals: ({ context, event }) => onlyArrivals(context, event),
      confirmationAccepted: ({ context, event }) => confirmationProblem(context, event) === null,
      someoneSignedIn: ({ context }) => context.attendance.length > 0,
      quorumMet: ({ context }) => lastQuorum(context)?.met === true,
      hasDecisionItems: ({ context }) =>
        context.rules.tally !== 'deliberation' && decisionItems(context).length > 0,
      itemIsDecision: ({ context, event }) =>
        event.type === 'CAST_VOTE' && decisionItems(context).some((i) => i.id === event.itemId),
      voterPresent: ({ context, event }) =>
        event.type === 'CAST_VOTE' && context.attendance.some((a) => a.person === event.voter),
      notYetVoted: ({ context, event }) =>
        event.type === 'CAST_VOTE' &&
        !context.votes.some((v) => v.voter === event.voter && v.itemId === event.itemId),
      proxyHolds: ({ context, event }) => voteProxyProblem(context, event) === null,
      opinionInOwnName: ({ context, event }) => opinionAuthorProblem(context, event) === null,
      resultsComputable: ({ context }) => resultsProblem(context) === null,
      publicityComputable: ({ context, event }) =>
        publicityEnd(event.on, context.rules.publicityDays, calendar) !== null,
      publicityElapsed: ({ context }) =>
        context.today !== null && context.publicity !== null && context.today > context.publicity.lastDay,
    },
    actions: {
      setToday: assign({ today: ({ event }) => event.on }),
      recordConvening: assign({
        convening: ({ event }) => {
          assertEvent(event, 'CONVENE');
          const { meetingDate, place, agenda, on, actor } = event;
          return { convenedOn: on, by: actor, meetingDate, place, agenda };
        },
      }),
      recordReconvening: assign({
        convening: ({ context, event }) => {
          assertEvent(event, 'RECONVENE');
          const c = context.convening!;
          return { ...c, meetingDate: event.meetingDate, place: event.place ?? c.place };
        },
      }),
      recordNotice: assign({
        notices: ({ context, event }) => {
          assertEvent(event, 'GIVE_NOTICE');
          const meetingDate = meetingDateOf(context);
          const check = noticeCheck(context, event.on, meetingDate);
          return [...context.notices, { on: event.on, meetingDate, channels: event.channels, check }];
        },
      }),
      recordAttendance: assign(({ context, event }) => {
        assertEvent(event, 'SIGN_IN');
        const { attendance, revocations } = attendanceAfter(context, event);
        return {
          attendance,
          proxyRevocations:
            revocations.length > 0
              ? [...(context.proxyRevocations ?? []), ...revocations]
              : (context.proxyRevocations ?? []),
        };
      }),
      recordConfirmation: assign({
        proxyConfirmations: ({ context, event }) => {
          assertEvent(event, 'CONFIRM_PROXY');
          const { authorisationId, holder, on, actor } = event;
          return [...(context.proxyConfirmations ?? []), { authorisationId, owner: actor.id, holder, on }];
        },
      }),
      checkQuorum: assign({
        quorumChecks: ({ context, event }) => [...context.quorumChecks, checkQuorum(context, event.on)],
      }),
      recordOpinion: assign({
        opinions: ({ context, event }) => {
          assertEvent(event, 'RECORD_OPINION');
          const o = {
            on: event.on,
            text: event.text,
            itemId: event.itemId ?? null,
            by: event.by ?? event.actor.id,
          };
          return [...context.opinions, o];
        },
      }),
      recordVote: assign({
        votes: ({ context, event }) => {
          assertEvent(event, 'CAST_VOTE');
          const via = context.attendance.find((a) => a.person === event.voter)?.via ?? 'inPerson';
          const { itemId, voter, choice, on } = event;
          return [...context.votes, { itemId, voter, choice, via, recordedBy: event.actor.id, on }];
        },
      }),
      recordResults: assign({ results: ({ context }) => meetingResults(context) }),
      recordPublicity: assign({
        publicity: ({ context, event }) => {
          assertEvent(event, 'POST_RESULT');
          return postPublicity(event, context.rules.publicityDays, calendar);
        },
      }),
      archiveSession: assign(({ context, event }) => {
        assertEvent(event, 'ADJOURN');
        const session = {
          meetingDate: meetingDateOf(context),
          attendance: context.attendance,
          quorumChecks: context.quorumChecks,
          opinions: context.opinions,
          adjournedOn: event.on,
          reason: event.reason,
        };
        return {
          sessions: [...context.sessions, session],
          attendance: [],
          quorumChecks: [],
          opinions: [],
          votes: [],
        };
      }),
      recordCancellation: assign({
        cancellation: ({ event }) => {
          assertEvent(event, 'CANCEL');
          return { on: event.on, reason: event.reason };
        },
      }),
    },
  }).createMachine({
    id: 'meeting',
    initial: 'convening',
    context: ({ input }) => initialContext(input),
    output: ({ context }) => ({
      id: context.id,
      body: context.body,
      cancelled: context.cancellation !== null,
      results: context.results.map((r) => ({ itemId: r.itemId, outcome: r.result.outcome })),
      proxyRevocations: context.proxyRevocations ?? [],
    }),
    states: {
      convening: {
        description: 'Being prepared: the convener sets the date, place and agenda (召集).',
        on: {
          CONVENE: [
            {
              guard: and([
                'dateNotBackwards',
                'actorIsConvener',
                'meetingDateAhead',
                'agendaFitsBody',
                'noticeRequired',
                'noticePossible',
              ]),
              target: 'notice',
              actions: ['setToday', 'recordConvening'],
            },
            {
              guard: and([
                'dateNotBackwards',
                'actorIsConvener',
                'meetingDateAhead',
                'agendaFitsBody',
                not('noticeRequired'),
              ]),
              target: 'scheduled',
              actions: ['setToday', 'recordConvening'],
            },
          ],
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      notice: {
        description:
          "Convened; notice must reach everyone entitled the body's notice days before the meeting.",
        on: {
          GIVE_NOTICE: {
            guard: and(['dateNotBackwards', 'actorIsConvener', 'noticeInTime']),
            target: 'scheduled',
            actions: ['setToday', 'recordNotice'],
          },
          ADJOURN: adjourn(),
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      scheduled: {
        description: 'Notice given (or none required); waiting for the meeting day.',
        on: {
          OPEN_SIGN_IN: {
            guard: and(['dateNotBackwards', 'actorIsConvener', 'onMeetingDay']),
            target: 'signIn',
            actions: 'setToday',
          },
          CONFIRM_PROXY: confirmProxy(),
          ADJOURN: adjourn(),
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      signIn: {
        description: 'Sign-in (签到): people present in person or by proxy, checked against the register.',
        on: {
          SIGN_IN: {
            guard: and(['dateNotBackwards', 'actorIsConvener', 'onMeetingDay', 'attendanceAccepted']),
            actions: ['setToday', 'recordAttendance'],
          },
          CLOSE_SIGN_IN: {
            guard: and(['dateNotBackwards', 'actorIsConvener', 'someoneSignedIn']),
            target: 'quorumCheck',
            actions: ['setToday', 'checkQuorum'],
          },
          CONFIRM_PROXY: confirmProxy(),
          ADJOURN: adjourn(),
          TICK: tick(),
        },
      },
      quorumCheck: {
        description: 'The quorum lines from the real tally; fails closed.',
        always: [{ guard: 'quorumMet', target: 'deliberation' }, { target: 'quorumFailed' }],
      },
      quorumFailed: {
        description: 'No quorum; the lines say how many more must attend. Reopen sign-in, adjourn or cancel.',
        on: {
          REOPEN_SIGN_IN: {
            guard: and(['dateNotBackwards', 'actorIsConvener', 'onMeetingDay']),
            target: 'signIn',
            actions: 'setToday',
          },
          ADJOURN: adjourn(),
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      deliberation: {
        description: 'Discussion (讨论); opinions are recorded, the planner may explain.',
        on: {
          RECORD_OPINION: {
            guard: and(['dateNotBackwards', 'actorMayGiveOpinion', 'opinionInOwnName']),
            actions: ['setToday', 'recordOpinion'],
          },
          SIGN_IN: arrival(),
          END_DELIBERATION: [
            {
              guard: and(['dateNotBackwards', 'actorIsConvener', 'hasDecisionItems']),
              target: 'vote',
              actions: 'setToday',
            },
            {
              guard: and(['dateNotBackwards', 'actorIsConvener', 'resultsComputable']),
              target: 'result',
              actions: ['setToday', 'recordResults'],
            },
          ],
          ADJOURN: adjourn(),
          TICK: tick(),
        },
      },
      vote: {
        description: 'Voting (表决) on each decision item by those present (or their proxies).',
        on: {
          CAST_VOTE: {
            guard: and([
              'dateNotBackwards',
              'actorIsConvener',
              'onMeetingDay',
              'itemIsDecision',
              'voterPresent',
              'proxyHolds',
              'notYetVoted',
            ]),
            actions: ['setToday', 'recordVote'],
          },
          SIGN_IN: arrival(),
          CLOSE_VOTE: {
            guard: and(['dateNotBackwards', 'actorIsConvener', 'resultsComputable']),
            target: 'result',
            actions: ['setToday', 'recordResults'],
          },
          TICK: tick(),
        },
      },
      result: {
        description: 'The result from the rules layer is stored; it must be posted (公示).',
        on: {
          POST_RESULT: {
            guard: and(['dateNotBackwards', 'actorIsConvener', 'publicityComputable']),
            target: 'publicity',
            actions: ['setToday', 'recordPublicity'],
          },
          TICK: tick(),
        },
      },
      publicity: {
        description: 'The result is posted; the meeting closes once the last day has passed.',
        always: { guard: 'publicityElapsed', target: 'closed' },
        on: { TICK: tick() },
      },
      closed: { type: 'final', description: 'Held, counted and publicised.' },
      adjourned: {
        description: 'Adjourned (休会/延期); the sitting so far is kept. Reconvene on a new date.',
        on: {
          RECONVENE: [
            {
              guard: and([
                'dateNotBackwards',
                'actorIsConvener',
                'meetingDateAhead',
                'noticeRequired',
                'noticePossible',
              ]),
              target: 'notice',
              actions: ['setToday', 'recordReconvening'],
            },
            {
              guard: and(['dateNotBackwards', 'actorIsConvener', 'meetingDateAhead', not('noticeRequired')]),
              target: 'scheduled',
              actions: ['setToday', 'recordReconvening'],
            },
          ],
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      cancelled: { type: 'final', description: 'Called off before a result.' },
    },
  });
}

function tick() {
  return { guard: 'dateNotBackwards', actions: 'setToday' } as const;
}
/** After sign-in has closed, only an owner signed in by proxy arriving in person (revoking it) signs in. */
function arrival() {
  return {
    guard: and(['dateNotBackwards', 'actorIsConvener', 'onMeetingDay', 'onlyArrivals', 'attendanceAccepted']),
    actions: ['setToday', 'recordAttendance'],
  } as const;
}
/** The owner confirms, in their own name, a proxy they gave (evidence for its sign-in). */
function confirmProxy() {
  return {
    guard: and(['dateNotBackwards', 'confirmationAccepted']),
    actions: ['setToday', 'recordConfirmation'],
  } as const;
}
function adjourn() {
  return {
    guard: and(['dateNotBackwards', 'actorIsConvener']),
    target: 'adjourned',
    actions: ['setToday', 'archiveSession'],
  } as const;
}
function cancel() {
  return {
    guard: and(['dateNotBackwards', 'actorIsConvener']),
    target: 'cancelled',
    actions: ['setToday', 'recordCancellation'],
  } as const;
}

/** The meeting machine on the bundled China calendar (2020–2026). */
export const meetingMachine = /* @__PURE__ */ createMeetingMachine();
export type MeetingMachine = typeof meetingMachine;
