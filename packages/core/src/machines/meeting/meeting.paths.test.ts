/**
 * Model-based tests of the meeting machine: every shortest path (@xstate/graph) for an owners'
 * assembly (notice, proxies, area-and-headcount quorum), a residents' meeting (no notice), a
 * party members' council and a hearing (no quorum, no vote), each replayed through the engine's
 * checks and a persisted-and-restored snapshot, with the legal invariants at every step; then
 * every transition of the machine is taken from some reachable state.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays } from '../../calendar/plainDate.js';
import {
  committee,
  engineFixturePolicy,
  fixturePartyCouncil,
  fixtureResidents,
  fixtureUnits,
  secretary,
  staff,
  system,
} from '../../testing/fixtureEngine.js';
import {
  checkRestore,
  definedTransitions,
  describeTransition,
  label,
  type Model,
  replay,
  shortestPaths,
  transitionsTaken,
} from '../modelPaths.testkit.js';
import { meetingKind } from './meeting.kind.js';
import type { MeetingMachine } from './meeting.machine.js';
import type { MeetingInput } from './meetingSchemas.js';

type S = SnapshotFrom<MeetingMachine>;
const policy = engineFixturePolicy();
const BOARD = { channel: 'board', location: '公告栏', photoId: 'img' } as const;
const D0 = '2025-03-03';

interface Body {
  input: MeetingInput;
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
      policy,
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
      policy,
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
      policy,
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
      policy,
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
        } as { type: string; on: string; actor: Actor },
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
        } as { type: string; on: string; actor: Actor },
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
    label({ ...e, on, actor } as { type: string; on: string; actor: Actor }, name);
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
          ? [
              ev('RECORD_OPINION', { type: 'RECORD_OPINION', text: '同意方案' }, today, {
                id: 'pl',
                role: 'planner',
              }),
            ]
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

function check(s: S): void {
  const c = s.context;
  expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  const q = c.quorumChecks.at(-1);
  const state = String(s.value);
  if (['deliberation', 'vote'].includes(state)) expect(q?.met).toBe(true);
  if (state === 'quorumFailed') {
    expect(q?.met).toBe(false);
    expect(q!.lines.some((l) => !l.met && l.gap.raw !== '0') || q!.error !== null).toBe(true);
  }
  if (
    ['scheduled', 'signIn', 'deliberation', 'vote', 'result'].includes(state) &&
    (c.rules.noticeDays ?? 0) > 0
  ) {
    const n = c.notices.at(-1);
    expect(n?.meetingDate).toBe(c.convening?.meetingDate);
    expect(n?.check.satisfied).toBe(true);
  }
  for (const v of c.votes) expect(c.attendance.some((a) => a.person === v.voter)).toBe(true);
  // one attendance record per person; a revoked proxy's votes were cast under it before the arrival
  expect(new Set(c.attendance.map((a) => a.person)).size).toBe(c.attendance.length);
  for (const r of c.proxyRevocations) {
    expect(c.attendance.find((a) => a.person === r.person)?.via ?? 'inPerson').toBe('inPerson');
    for (const item of r.votesStanding)
      expect(c.votes.some((v) => v.voter === r.person && v.itemId === item && v.via === 'proxy')).toBe(true);
  }
  if (['result', 'publicity', 'closed'].includes(state)) {
    const decisions = c.convening!.agenda.filter((i) => i.decision).length;
    expect(c.results.length).toBe(c.rules.tally === 'deliberation' ? 1 : decisions);
  }
  if (state === 'closed') expect(c.today! > c.publicity!.lastDay).toBe(true);
}

const models = Object.entries(BODIES).map(
  ([name, body]): Model<MeetingMachine> => ({
    name,
    kind: meetingKind,
    input: body.input,
    events: (s) => eventsFor(body, s),
    serialize,
    check,
  }),
);
const PATHS = new Map(models.map((m) => [m, shortestPaths(m)]));

describe.each(models.map((m) => [m.name, m] as const))('meeting (%s): every shortest path', (name, model) => {
  const paths = PATHS.get(model)!;

  it('reaches every state the body allows', () => {
    const reached = [...new Set(paths.map((p) => String(p.state.value)))].sort();
    const all = [
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
    const expected = {
      ownersAssembly: [...all, 'notice', 'quorumFailed', 'vote'],
      residentsMeeting: [...all, 'quorumFailed', 'vote'],
      partyMembersCouncil: [...all, 'quorumFailed'],
      hearing: all,
    }[name]!;
    expect(reached).toEqual(expected.sort());
  });

  it('replays each path through the engine’s checks, keeping the invariants; snapshots restore from JSON', {
    timeout: 600_000,
  }, () => {
    for (const path of paths) {
      const steps = replay(model, path);
      const last = steps.at(-1);
      if (last) checkRestore(model, last.after);
    }
  });
});

describe('meeting: coverage of the machine definition', () => {
  it('from the reachable states, every transition the machine defines is taken', { timeout: 600_000 }, () => {
    const taken = new Set<ReturnType<typeof definedTransitions> extends Set<infer T> ? T : never>();
    for (const [model, paths] of PATHS) {
      for (const path of paths) {
        const steps = replay(model, path);
        const s = steps.at(-1)?.after ?? path.state;
        for (const { before, event } of steps)
          for (const t of transitionsTaken(meetingKind.machine, before, event)) taken.add(t);
        for (const e of model.events(s)) {
          if (s.can(e as never)) for (const t of transitionsTaken(meetingKind.machine, s, e)) taken.add(t);
        }
      }
    }
    const missing = [...definedTransitions(meetingKind.machine)]
      .filter((t) => !taken.has(t))
      .map(describeTransition);
    expect(missing).toEqual([]);
  });
});
