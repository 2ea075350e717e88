/**
 * The rules of a meeting that its guards and refusal reasons share: the notice check, whether an
 * agenda fits the body, and whether people may sign in (register, proxies, the body's own rule).
 */
import { noticeSatisfied } from '../../calendar/noticeLeadTime.js';
import type { PlainDate } from '../../calendar/plainDate.js';
import { hasRole } from '../eventStamp.js';
import { organiserHolderProblem, proxyProblem } from '../proxy.js';
import type {
  AgendaItem,
  AttendanceRecord,
  Attendee,
  MeetingContext,
  MeetingEvent,
  ProxyRevocation,
} from './meetingSchemas.js';
import { attendanceProblem, onRegister } from './meetingTally.js';

export const meetingDateOf = (c: MeetingContext): PlainDate => c.convening?.meetingDate ?? '';

/** The date a CONVENE or RECONVENE names. */
export const proposedDate = (e: MeetingEvent): PlainDate =>
  e.type === 'CONVENE' || e.type === 'RECONVENE' ? e.meetingDate : '';

export function noticeCheck(c: MeetingContext, noticeDate: PlainDate, meetingDate: PlainDate) {
  return noticeSatisfied({ noticeDate, meetingDate, days: c.rules.noticeDays ?? 1 });
}

/** Why an agenda does not fit the body, or null. */
export function agendaProblem(c: MeetingContext, agenda: readonly AgendaItem[]): string | null {
  const ids = agenda.map((i) => i.id);
  if (new Set(ids).size !== ids.length) return 'agenda item ids must be unique';
  if (c.rules.tally === 'deliberation' && agenda.some((i) => i.decision)) {
    return `a ${c.body} records opinions and takes no vote; mark its items decision: false`;
  }
  if (c.rules.tally === 'ownersAssembly') {
    const bare = agenda.filter((i) => i.decision && i.matter === undefined);
    if (bare.length > 0) {
      return `owners decide a matter of 民法典 第278条: give a matter for ${bare.map((i) => i.id).join(', ')}`;
    }
  }
  return null;
}

export const attendeesOf = (e: MeetingEvent): Attendee[] => (e.type === 'SIGN_IN' ? e.attendees : []);

/** Whether `a` is an owner already signed in by proxy now arriving in person (which revokes the proxy). */
export function isArrival(c: MeetingContext, a: Attendee): boolean {
  return a.via === 'inPerson' && c.attendance.some((x) => x.person === a.person && x.via === 'proxy');
}

/** Whether every attendee of a SIGN_IN is such an arrival (all that is taken once sign-in has closed). */
export const onlyArrivals = (c: MeetingContext, e: MeetingEvent): boolean =>
  attendeesOf(e).every((a) => isArrival(c, a));

/**
 * The attendance and proxy revocations after a SIGN_IN. An owner signed in by proxy who arrives
 * in person revokes the proxy: their attendance becomes in person, and the revocation is
 * recorded with the items the holder had already voted on for them. Those votes stand: a
 * revocation takes effect for what follows (民法典 第173条第2项: 委托代理终止 when the principal
 * revokes it; 第162条: what the agent did within their authority before binds the principal). The
 * owner votes in person on the items still open; an item already voted is a DOUBLE_VOTE.
 */
export function attendanceAfter(
  c: MeetingContext,
  e: MeetingEvent,
): { attendance: AttendanceRecord[]; revocations: ProxyRevocation[] } {
  const stamp = { on: e.on, recordedBy: e.actor.id };
  const attendance = [...c.attendance];
  const revocations: ProxyRevocation[] = [];
  for (const a of attendeesOf(e)) {
    const k = attendance.findIndex((x) => x.person === a.person);
    const had = k >= 0 ? attendance[k] : undefined;
    if (had?.via === 'proxy' && a.via === 'inPerson') {
      revocations.push({
        person: a.person,
        authorisationId: had.proxy.authorisationId,
        holder: had.proxy.holder,
        meetingDate: meetingDateOf(c),
        signedInOn: had.on,
        revokedOn: e.on,
        recordedBy: e.actor.id,
        votesStanding: c.votes.filter((v) => v.voter === a.person && v.via === 'proxy').map((v) => v.itemId),
      });
      attendance[k] = { ...a, ...stamp };
    } else attendance.push({ ...a, ...stamp });
  }
  return { attendance, revocations };
}

/** Why a proxy has no evidence: neither the 授权委托书's scan nor the owner's own confirmation; or null. */
export function proxyEvidenceProblem(c: MeetingContext, person: string, a: Attendee): string | null {
  if (a.via !== 'proxy' || a.proxy.scanId !== undefined) return null;
  const confirmed = (c.proxyConfirmations ?? []).some(
    (x) => x.owner === person && x.authorisationId === a.proxy.authorisationId && x.holder === a.proxy.holder,
  );
  return confirmed
    ? null
    : `proxy ${a.proxy.authorisationId} for ${person} has no evidence: give the 授权委托书's scan id (proxy.scanId), or ${person} confirms it themself (CONFIRM_PROXY)`;
}

/** Why these attendees cannot sign in, as [code, message], or null. */
export function signInProblem(
  c: MeetingContext,
  e: MeetingEvent,
): ['EVENT_NOT_ALLOWED' | 'PROXY_INVALID' | 'NOT_ON_REGISTER', string] | null {
  const people = attendeesOf(e).map((a) => a.person);
  const already = new Set(c.attendance.map((a) => a.person));
  const twice = attendeesOf(e)
    .filter((a, i) => (already.has(a.person) && !isArrival(c, a)) || people.indexOf(a.person) !== i)
    .map((a) => a.person);
  if (twice.length > 0) return ['EVENT_NOT_ALLOWED', `${twice.join(', ')} already signed in`];
  for (const a of attendeesOf(e)) {
    if (a.via !== 'proxy') continue;
    if (!c.rules.proxies) return ['PROXY_INVALID', `a ${c.body} takes no proxies (${a.person})`];
    const revoked = (c.proxyRevocations ?? []).find((r) => r.authorisationId === a.proxy.authorisationId);
    if (revoked)
      return [
        'PROXY_INVALID',
        `proxy ${revoked.authorisationId} was revoked on ${revoked.revokedOn} when ${revoked.person} arrived in person`,
      ];
    const noEvidence = proxyEvidenceProblem(c, a.person, a);
    if (noEvidence) return ['PROXY_INVALID', noEvidence];
    const selfHeld = organiserHolderProblem(e.actor, a.proxy.holder, c.rules.organiserMayHold ?? false);
    if (selfHeld) return ['PROXY_INVALID', `the self-proxy: ${selfHeld}`];
    const why = proxyProblem(a.proxy, {
      on: e.on,
      items: [],
      requireWritten: c.rules.proxyRequiresWritten,
    });
    if (why) return ['PROXY_INVALID', why];
    const unknown = a.proxy.scope.filter((s) => !c.convening?.agenda.some((i) => i.id === s));
    if (unknown.length > 0)
      return ['PROXY_INVALID', `proxy scope names items not on the agenda: ${unknown.join(', ')}`];
  }
  const outside = people.filter((p) => !onRegister(c, p));
  if (outside.length > 0) return ['NOT_ON_REGISTER', `${outside.join(', ')} not on the ${c.body}'s register`];
  const rule = attendanceProblem(c, attendanceAfter(c, e).attendance);
  return rule ? ['EVENT_NOT_ALLOWED', rule] : null;
}

/** Why the sender cannot confirm this proxy (CONFIRM_PROXY), or null. */
export function confirmationProblem(c: MeetingContext, e: MeetingEvent): string | null {
  if (e.type !== 'CONFIRM_PROXY') return 'not a confirmation';
  if (!c.rules.proxies) return `a ${c.body} takes no proxies`;
  if (e.actor.role !== 'owner') return `only the owner confirms a proxy they gave, not ${e.actor.role}`;
  if (!onRegister(c, e.actor.id)) return `${e.actor.id} is not on the ${c.body}'s register`;
  if (e.holder === e.actor.id) return 'an owner cannot hold their own proxy';
  if ((c.proxyConfirmations ?? []).some((x) => x.authorisationId === e.authorisationId))
    return `proxy ${e.authorisationId} was already confirmed`;
  return null;
}

/** Why a vote by `voter` on `itemId` cannot be taken on `on` under their proxy (re-checked at the vote), or null. */
export function voteProxyProblem(c: MeetingContext, e: MeetingEvent): string | null {
  if (e.type !== 'CAST_VOTE') return 'not a vote';
  const a = c.attendance.find((x) => x.person === e.voter);
  if (a?.via !== 'proxy') return null;
  return proxyProblem(a.proxy, { on: e.on, items: [e.itemId], requireWritten: c.rules.proxyRequiresWritten });
}

/** Why someone may not have this opinion recorded under `by`: only conveners record for others. */
export function opinionAuthorProblem(c: MeetingContext, e: MeetingEvent): string | null {
  if (e.type !== 'RECORD_OPINION') return 'not an opinion';
  if (e.by === undefined || e.by === e.actor.id || hasRole(e.actor, c.rules.conveners)) return null;
  return `${e.actor.id} may record only their own opinion, not one by ${e.by} (the convener records for others)`;
}

export const lastQuorum = (c: MeetingContext) => c.quorumChecks.at(-1);
export const decisionItems = (c: MeetingContext) => (c.convening?.agenda ?? []).filter((i) => i.decision);
