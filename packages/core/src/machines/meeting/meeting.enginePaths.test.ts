/**
 * The meeting's shortest paths — an owners' assembly (notice, proxies, area-and-headcount quorum),
 * a residents' meeting, a party members' council and a hearing — run through a live engine with
 * the fixture roster: each convener, the planner giving an opinion and the cited proxy holder are
 * checked on the roster on each event's date, an impostor convener is refused at every step, and
 * each path's log replays to the same persisted snapshot (testing/enginePaths.testkit.ts). The
 * meeting is created from `rules` (the fixture pack on a date), the engine resolving its policy.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays } from '../../calendar/plainDate.js';
import {
  type EngineModel,
  enginePaths,
  label,
  type PathEvent,
  runPaths,
} from '../../testing/enginePaths.testkit.js';
import {
  committee,
  fixturePartyCouncil,
  fixtureResidents,
  fixtureRules,
  fixtureUnits,
  planner,
  secretary,
  staff,
  system,
} from '../../testing/fixtureEngine.js';
import { meetingKind } from './meeting.kind.js';
import type { MeetingMachine } from './meeting.machine.js';
import type { MeetingInput } from './meetingSchemas.js';

type S = SnapshotFrom<MeetingMachine>;
const rules = fixtureRules();
const BOARD = { channel: 'board', location: '公告栏', photoId: 'img' } as const;
const D0 = '2025-03-03';

interface Body {
  /** The creation as the engine is given it: `rules` (pack and date), not a policy. */
  input: Omit<MeetingInput, 'policy'> & { rules: ReturnType<typeof fixtureRules> };
  convener: Actor;
  people: string[];
  /** People signed in by proxy (scope: the first item). */
  proxies?: string[];
  agenda: { id: string; title: string; decision: boolean; matter?: 'hireManager' }[];
}

const BODIES: Record<string, Body> = {
  ownersAssembly: {
    input: {
      id: 'oa',
      title: '业主大会',
      body: 'ownersAssembly',
      rules,
      register: { kind: 'units', registry: fixtureUnits },
      hasOwnersCommittee: true,
    },
    convener: committee,
    people: ['o1', 'o2', 'o3', 'o4'],
    proxies: ['o4'],
    agenda: [{ id: 'i1', title: '续聘物业', decision: true, matter: 'hireManager' }],
  },
  residentsMeeting: {
    input: {
      id: 'rm',
      title: '居民会议',
      body: 'residentsMeeting',
      rules,
      register: { kind: 'residents', registry: fixtureResidents },
      hasOwnersCommittee: true,
    },
    convener: staff,
    people: ['r1', 'r2', 'r3'],
    agenda: [
      { id: 'a', title: '自愿筹资', decision: true },
      { id: 'b', title: '通报', decision: false },
    ],
  },
  partyMembersCouncil: {
    input: {
      id: 'pc',
      title: '党员议事会',
      body: 'partyMembersCouncil',
      rules,
      register: { kind: 'members', registry: fixturePartyCouncil },
      hasOwnersCommittee: true,
    },
    convener: secretary,
    people: ['p1', 'p2'],
    agenda: [{ id: 'a', title: '讨论方案', decision: false }],
  },
  hearing: {
    input: {
      id: 'h',
      title: '听证会',
      body: 'hearing',
      rules,
      register: { kind: 'none' },
      hasOwnersCommittee: true,
    },
    convener: staff,
    people: ['x1'],
    agenda: [{ id: 'a', title: '方案', decision: false }],
  },
};

/**
 * A proxied owner arriving in person (revoking the proxy) and confirming their proxy: self-loops
 * for the graph (attendance and the abstract state do not change), taken from each state where
 * they apply.
 */
function proxyEvents(body: Body, s: S) {
  const c = s.context;
  const today = c.today ?? D0;
  const person = body.proxies?.[0];
  if (!person) return [];
  const state = String(s.value);
  const out = [];
  if (
    ['signIn', 'deliberation', 'vote'].includes(state) &&
    c.attendance.some((a) => a.person === person && a.via === 'proxy')
  )
    out.push(
      label(
        {
          type: 'SIGN_IN',
          attendees: [{ person, via: 'inPerson' }],
          on: today,
          actor: body.convener,
        } as PathEvent,
        `ARRIVE ${person}`,
      ),
    );
  if (['scheduled', 'signIn'].includes(state) && !(c.proxyConfirmations ?? []).length)
    out.push(
      label(
        {
          type: 'CONFIRM_PROXY',
          authorisationId: `auth-${person}`,
          holder: 'o1',
          on: today,
          actor: { id: person, role: 'owner' },
        } as PathEvent,
        `CONFIRM_PROXY ${person}`,
      ),
    );
  return out;
}

function eventsFor(body: Body, s: S) {
  const own = [...ownEvents(body, s), ...proxyEvents(body, s)];
  // Every live state takes a same-day TICK (a self-loop: the date does not move).
  const c = s.context;
  if (s.status !== 'active') return own;
  return [...own, label({ type: 'TICK', on: c.today ?? D0, actor: system }, 'TICK')];
}

function ownEvents(body: Body, s: S) {
  const c = s.context;
  const today = c.today ?? D0;
  const by = body.convener;
  const ev = (name: string, e: Record<string, unknown>, on = today, actor: Actor = by) =>
    label({ ...e, on, actor } as PathEvent, name);
  const meetingDate = c.convening?.meetingDate ?? '';
  const once = c.sessions.length === 0;
  switch (String(s.value)) {
    case 'convening':
      return [
        ev('CONVENE', {
          type: 'CONVENE',
          meetingDate: addDays(today, 20),
          place: '活动室',
          agenda: body.agenda,
        }),
        ev('CANCEL', { type: 'CANCEL', reason: '取消' }),
      ];
    case 'notice':
      return [
        ev('GIVE_NOTICE', { type: 'GIVE_NOTICE', channels: [BOARD] }),
        ...(once ? [ev('ADJOURN', { type: 'ADJOURN', reason: '延期' })] : []),
        ev('CANCEL', { type: 'CANCEL', reason: '取消' }),
      ];
    case 'scheduled':
      return [
        ev('OPEN_SIGN_IN', { type: 'OPEN_SIGN_IN' }, meetingDate),
        ev('TICK+1', { type: 'TICK' }, addDays(today, 1), system),
        ...(once ? [ev('ADJOURN', { type: 'ADJOURN', reason: '延期' })] : []),
        ev('CANCEL', { type: 'CANCEL', reason: '取消' }),
      ];
    case 'signIn': {
      const next = body.people.find((p) => !c.attendance.some((a) => a.person === p));
      const proxy = next !== undefined && body.proxies?.includes(next);
      const attendee = proxy
        ? {
            person: next,
            via: 'proxy',
            proxy: {
              authorisationId: `auth-${next}`,
              holder: 'o1',
              written: true,
              scope: [body.agenda[0]!.id],
              validUntil: addDays(meetingDate, 10),
              scanId: `scan-auth-${next}`,
            },
          }
        : { person: next, via: 'inPerson' };
      return [
        ...(next ? [ev('SIGN_IN next', { type: 'SIGN_IN', attendees: [attendee] })] : []),
        ev('CLOSE_SIGN_IN', { type: 'CLOSE_SIGN_IN' }),
        ...(once ? [ev('ADJOURN', { type: 'ADJOURN', reason: '人数不足' })] : []),
      ];
    }
    case 'quorumFailed':
      return [
        ...(c.quorumChecks.length < 2 ? [ev('REOPEN_SIGN_IN', { type: 'REOPEN_SIGN_IN' })] : []),
        ...(once ? [ev('ADJOURN', { type: 'ADJOURN', reason: '人数不足' })] : []),
        ev('CANCEL', { type: 'CANCEL', reason: '取消' }),
      ];
    case 'deliberation':
      return [
        ...(c.opinions.length === 0
          ? [ev('RECORD_OPINION', { type: 'RECORD_OPINION', text: '同意方案' }, today, planner)]
          : []),
        ev('END_DELIBERATION', { type: 'END_DELIBERATION' }),
        ...(once ? [ev('ADJOURN', { type: 'ADJOURN', reason: '再议' })] : []),
      ];
    case 'vote': {
      const item = body.agenda.find((i) => i.decision)!;
      const next = c.attendance.find((a) => !c.votes.some((v) => v.voter === a.person));
      return [
        ...(next
          ? [
              ev('CAST_VOTE next', {
                type: 'CAST_VOTE',
                itemId: item.id,
                voter: next.person,
                choice: 'agree',
              }),
            ]
          : []),
        ev('CLOSE_VOTE', { type: 'CLOSE_VOTE' }),
      ];
    }
    case 'result':
      return [ev('POST_RESULT', { type: 'POST_RESULT', channels: [BOARD] })];
    case 'publicity':
      return [
        ev('TICK+1', { type: 'TICK' }, addDays(today, 1), system),
        ev('TICK>last', { type: 'TICK' }, addDays(c.publicity!.lastDay, 1), system),
      ];
    case 'adjourned':
      return [
        ev('RECONVENE', { type: 'RECONVENE', meetingDate: addDays(today, 20) }),
        ev('CANCEL', { type: 'CANCEL', reason: '取消' }),
      ];
    default:
      return [];
  }
}

function serialize(s: S): string {
  const c = s.context;
  const phase =
    c.publicity === null || c.today === null ? '-' : c.today > c.publicity.lastDay ? 'after' : 'during';
  return JSON.stringify([
    s.value,
    c.attendance.length,
    c.quorumChecks.map((q) => q.met),
    c.opinions.length,
    c.votes.length,
    c.sessions.length,
    c.results.map((r) => r.result.outcome),
    phase,
  ]);
}

const STATES = [
  'adjourned',
  'cancelled',
  'closed',
  'convening',
  'deliberation',
  'publicity',
  'result',
  'scheduled',
  'signIn',
];
const EXPECTED: Record<string, string[]> = {
  ownersAssembly: [...STATES, 'notice', 'quorumFailed', 'vote'],
  residentsMeeting: [...STATES, 'quorumFailed', 'vote'],
  partyMembersCouncil: [...STATES, 'quorumFailed'],
  hearing: STATES,
};

const models = Object.entries(BODIES).map(
  ([name, body]): EngineModel<MeetingMachine> => ({
    name,
    kind: meetingKind,
    id: body.input.id,
    input: body.input,
    creator: body.convener,
    createdOn: D0,
    events: (s) => eventsFor(body, s),
    serialize,
    refusals: (_s, e) => {
      // a proxy held by someone the roster lists as an organiser (here the committee's staff)
      const attendees = (e.attendees ?? []) as { via: string; proxy?: Record<string, unknown> }[];
      const proxied = attendees.find((a) => a.via === 'proxy');
      if (e.type !== 'SIGN_IN' || !proxied) return [];
      const held = { ...proxied, proxy: { ...proxied.proxy, holder: staff.id } };
      return [
        { name: 'a proxy held by an organiser', event: { ...e, attendees: [held] }, code: 'FORBIDDEN_ROLE' },
      ];
    },
  }),
);

describe.each(models.map((m) => [m.name, m] as const))(
  'meeting (%s): every shortest path through the engine',
  (name, model) => {
    const paths = enginePaths(model);

    it('reaches every state the body allows', () => {
      expect([...new Set(paths.map((p) => String(p.state.value)))].sort()).toEqual(EXPECTED[name]!.sort());
    });

    it('runs each path with the roster checking every sender and cited person, and replays its log byte for byte', {
      timeout: 600_000,
    }, () => {
      const run = runPaths(model, paths);
      expect(run.paths).toBe(paths.length);
      expect(new Set(run.sent.map((e) => e.type))).toContain('RECORD_OPINION');
      expect([...new Set(run.refused.map((r) => r.name))].sort()).toEqual(
        name === 'ownersAssembly'
          ? ['a proxy held by an organiser', 'impostor', 'term ended']
          : ['impostor', 'term ended'],
      );
    });
  },
);
