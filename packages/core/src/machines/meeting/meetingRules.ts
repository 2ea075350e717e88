/**
 * The rules of a meeting that its guards and refusal reasons share: the notice check, whether an
 * agenda fits the body, and whether people may sign in (register, proxies, the body's own rule).
 */
import { noticeSatisfied } from '../../calendar/noticeLeadTime.js';
import type { PlainDate } from '../../calendar/plainDate.js';
import { hasRole } from '../eventStamp.js';
import { proxyProblem } from '../proxy.js';
import type { AgendaItem, Attendee, MeetingContext, MeetingEvent } from './meetingSchemas.js';
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

/** Why these attendees cannot sign in, as [code, message], or null. */
export function signInProblem(
  c: MeetingContext,
  e: MeetingEvent,
): ['EVENT_NOT_ALLOWED' | 'PROXY_INVALID' | 'NOT_ON_REGISTER', string] | null {
  const people = attendeesOf(e).map((a) => a.person);
  const already = new Set(c.attendance.map((a) => a.person));
  const twice = people.filter((p, i) => already.has(p) || people.indexOf(p) !== i);
  if (twice.length > 0) return ['EVENT_NOT_ALLOWED', `${twice.join(', ')} already signed in`];
  for (const a of attendeesOf(e)) {
    if (a.via !== 'proxy') continue;
    if (!c.rules.proxies) return ['PROXY_INVALID', `a ${c.body} takes no proxies (${a.person})`];
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
  const rule = attendanceProblem(c, [...c.attendance, ...attendeesOf(e)]);
  return rule ? ['EVENT_NOT_ALLOWED', rule] : null;
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
