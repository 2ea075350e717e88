import type { AnyMachineSnapshot } from 'xstate';
/**
 * The meeting as a `ProcessKind`: its input and event schemas, who may send what, and why an
 * event is refused. Role permissions are coarse (any convening role); the machine's
 * `actorIsConvener` guard narrows them to the body's own convener (e.g. only the party secretary
 * for a party members' council).
 */
import type { Role } from '../../actor/actor.js';
import type { LoggedEvent } from '../../log/logEntry.js';
import { proxyHoldersCited } from '../peopleCited.js';
import { MEETING_PERSONAL } from '../personalData.js';
import type { CitedPerson, MachineKind } from '../processKind.js';
import { explainRefusal, type RefusalReasons } from '../refusal.js';
import { type MeetingMachine, meetingMachine } from './meeting.machine.js';
import { CONVENING_ROLES } from './meetingBodies.js';
import {
  agendaProblem,
  confirmationProblem,
  noticeCheck,
  opinionAuthorProblem,
  signInProblem,
  voteProxyProblem,
} from './meetingRules.js';
import {
  type MeetingContext,
  type MeetingEvent,
  MeetingEventInput,
  type MeetingEventType,
  MeetingInput,
  PersistedMeeting,
} from './meetingSchemas.js';
import { onRegister, resultsProblem } from './meetingTally.js';

const RUNNERS = CONVENING_ROLES;

export const MEETING_PERMISSIONS: Readonly<Record<MeetingEventType, readonly Role[]>> = {
  CONVENE: RUNNERS,
  GIVE_NOTICE: RUNNERS,
  OPEN_SIGN_IN: RUNNERS,
  SIGN_IN: RUNNERS,
  // The owner themself, in their own name.
  CONFIRM_PROXY: ['owner'],
  CLOSE_SIGN_IN: RUNNERS,
  REOPEN_SIGN_IN: RUNNERS,
  // Invited parties speak in their own name at a joint meeting or hearing (seed §三.3 联席会议、听证会):
  // departments, social organisations and workers, volunteers (each on the community's roster).
  RECORD_OPINION: [
    ...RUNNERS,
    'planner',
    'owner',
    'resident',
    'department',
    'socialOrganisation',
    'socialWorker',
    'volunteer',
  ],
  END_DELIBERATION: RUNNERS,
  CAST_VOTE: RUNNERS,
  CLOSE_VOTE: RUNNERS,
  POST_RESULT: RUNNERS,
  ADJOURN: RUNNERS,
  RECONVENE: RUNNERS,
  CANCEL: RUNNERS,
  TICK: ['system'],
};

type C = MeetingContext;
type E = MeetingEvent;
const no = (message: string) => ({ code: 'EVENT_NOT_ALLOWED' as const, message });

export const MEETING_REFUSALS: RefusalReasons<C, E> = {
  dateNotBackwards: (c) => no(`dates cannot go backwards; the meeting is already at ${c.today}`),
  actorIsConvener: (c, e) =>
    no(
      c.rules.conveners.length === 0
        ? `no role of this engine may convene a ${c.body} under this policy (ownersAssembly.convenerWithoutCommittee)`
        : `only ${c.rules.conveners.join(' or ')} may run a ${c.body}, not ${e.actor.role}`,
    ),
  actorMayGiveOpinion: (_c, e) => no(`${e.actor.role} may not record opinions`),
  meetingDateAhead: (_c, e) =>
    no(`the meeting date ${'meetingDate' in e ? e.meetingDate : ''} is before the day it is set (${e.on})`),
  agendaFitsBody: (c, e) =>
    no((e.type === 'CONVENE' && agendaProblem(c, e.agenda)) || 'the agenda does not fit'),
  noticePossible: (c, e) => {
    const date = e.type === 'CONVENE' || e.type === 'RECONVENE' ? e.meetingDate : e.on;
    const check = noticeCheck(c, e.on, date);
    return no(
      `${c.rules.noticeDays} days' notice (${c.rules.noticeParameter}) cannot be given in time: notice today allows a meeting on ${check.earliestMeetingDate} at the earliest`,
    );
  },
  noticeInTime: (c, e) => no(noticeCheck(c, e.on, c.convening?.meetingDate ?? e.on).reason.en),
  onMeetingDay: (c, e) =>
    no(
      `the meeting is on ${c.convening?.meetingDate}, not ${e.on}; for another day adjourn and reconvene (with new notice where required)`,
    ),
  opinionInOwnName: (c, e) => no(opinionAuthorProblem(c, e) ?? 'opinion refused'),
  attendanceAccepted: (c, e) => {
    const p = signInProblem(c, e);
    return p ? { code: p[0], message: p[1] } : no('sign-in refused');
  },
  someoneSignedIn: () => no('nobody has signed in'),
  onlyArrivals: () =>
    no(
      'sign-in has closed; only an owner signed in by proxy may still arrive in person (which revokes the proxy for what follows)',
    ),
  confirmationAccepted: (c, e) => ({
    code: 'PROXY_INVALID',
    message: confirmationProblem(c, e) ?? 'the proxy cannot be confirmed',
  }),
  itemIsDecision: (_c, e) =>
    no(`${e.type === 'CAST_VOTE' ? e.itemId : '?'} is not an agenda item put to the vote`),
  voterPresent: (c, e) => {
    const voter = e.type === 'CAST_VOTE' ? e.voter : '';
    return onRegister(c, voter)
      ? no(`${voter} is not signed in as present; only those present vote`)
      : { code: 'NOT_ON_REGISTER', message: `${voter} is not on the ${c.body}'s register` };
  },
  proxyHolds: (c, e) => ({
    code: 'PROXY_INVALID',
    message: voteProxyProblem(c, e) ?? 'the proxy does not hold',
  }),
  notYetVoted: (c, e) => {
    const voter = e.type === 'CAST_VOTE' ? e.voter : '';
    const itemId = e.type === 'CAST_VOTE' ? e.itemId : '';
    const r = (c.proxyRevocations ?? []).find(
      (x) =>
        x.person === voter && x.meetingDate === c.convening?.meetingDate && x.votesStanding.includes(itemId),
    );
    return {
      code: 'DOUBLE_VOTE',
      message: r
        ? `${voter} already voted on ${itemId} through their proxy ${r.holder} before arriving in person on ${r.revokedOn}; a revocation takes effect for what follows, so that vote stands`
        : `${voter} already voted on ${itemId}`,
    };
  },
  resultsComputable: (c) => no(resultsProblem(c) ?? 'the result cannot be computed'),
  publicityComputable: (_c, e) => ({
    code: 'DATE_OUT_OF_RANGE',
    message: `the publicity period from ${e.on} runs beyond the holiday calendar's years`,
  }),
};

export function explainMeetingRefusal(
  snapshot: Parameters<MachineKind<MeetingMachine>['explainRefusal']>[0],
  event: E,
) {
  return explainRefusal<C, E>(snapshot, event, {
    what: (c) => `meeting ${c.id} (${c.body})`,
    reasons: MEETING_REFUSALS,
    wrongState: (state, _c, e) =>
      e.type === 'CAST_VOTE' && ['result', 'publicity', 'closed'].includes(state)
        ? { code: 'VOTE_AFTER_CLOSE', message: 'voting has closed' }
        : undefined,
  });
}

/**
 * The proxy holders an event names (for the engine to check against the community's roster:
 * a holder who is an organiser there may not hold a proxy unless `proxy.organiserMayHold`).
 * Pure; [] for events that name none.
 */
export function meetingProxyHolders(event: { type: string } & Record<string, unknown>): string[] {
  if (event.type === 'CONFIRM_PROXY') return typeof event.holder === 'string' ? [event.holder] : [];
  if (event.type !== 'SIGN_IN' || !Array.isArray(event.attendees)) return [];
  const out: string[] = [];
  for (const a of event.attendees as { via?: unknown; proxy?: { holder?: unknown } }[])
    if (a?.via === 'proxy' && typeof a.proxy?.holder === 'string') out.push(a.proxy.holder);
  return out;
}

/** The people a meeting event names, for the roster (machines/peopleCited.ts). */
export const meetingPeopleCited = (event: LoggedEvent, snapshot?: AnyMachineSnapshot): CitedPerson[] =>
  proxyHoldersCited(meetingProxyHolders(event), 'proxy.holder', snapshot);

export const meetingKind: MachineKind<MeetingMachine> = {
  kind: 'meeting',
  title: { 'zh-CN': '会议', en: 'Meeting' },
  machine: meetingMachine,
  input: MeetingInput,
  events: MeetingEventInput,
  permissions: MEETING_PERMISSIONS,
  creators: RUNNERS,
  // The engine resolves the input's `rules` into its `policy` (engine/rules.ts).
  policyIn: { input: true, events: [] },
  peopleCited: meetingPeopleCited,
  personal: MEETING_PERSONAL,
  explainRefusal: explainMeetingRefusal,
  persisted: PersistedMeeting,
};
