import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  committee,
  engineFixturePolicy,
  fixtureOwnersCommittee,
  fixturePartyCouncil,
  fixtureResidents,
  fixtureUnits,
  fixtureVillagers,
  ownerActor,
  planner,
  play,
  refusal,
  secretary,
  staff,
  system,
} from '../../testing/fixtureEngine.js';
import { fingerprint } from '../frozenPolicy.js';
import { restoreProcess, startProcess } from '../processKind.js';
import { meetingKind } from './meeting.kind.js';
import { voteProxyProblem } from './meetingRules.js';
import type { MeetingEvent, MeetingInput } from './meetingSchemas.js';

const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const policy = engineFixturePolicy();

const assembly = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  id: 'm-1',
  title: '业主大会：续聘物业',
  body: 'ownersAssembly',
  policy,
  register: { kind: 'units', registry: fixtureUnits },
  hasOwnersCommittee: true,
  ...over,
});

const agenda = [
  { id: 'i1', title: '续聘物业服务企业', decision: true, matter: 'hireManager' as const },
  { id: 'i2', title: '情况通报', decision: false },
];
const convene = (meetingDate = '2025-03-20') => ({
  type: 'CONVENE',
  meetingDate,
  place: '社区活动室',
  agenda,
});
const inPerson = (...people: string[]) => ({
  type: 'SIGN_IN',
  attendees: people.map((person) => ({ person, via: 'inPerson' })),
});
const byProxy = (person: string, validUntil: string, scope = ['i1'], written = true) => ({
  type: 'SIGN_IN',
  attendees: [
    {
      person,
      via: 'proxy',
      proxy: {
        authorisationId: `auth-${person}`,
        holder: 'o1',
        written,
        scope,
        validUntil,
        scanId: `scan-auth-${person}`,
      },
    },
  ],
});
const vote = (voter: string, choice: string, itemId = 'i1') => ({ type: 'CAST_VOTE', itemId, voter, choice });
const T = (type: string) => ({ type });

describe("an owners' assembly meeting, end to end", () => {
  const start = startProcess(meetingKind, assembly());

  it('freezes the rules and the register with their hashes', () => {
    const c = start.context;
    // pack, version, date, reforms, mode and parameters (covenant choices included)
    const { id, version, at, reforms, parameters } = policy;
    expect(c.policy.rulesHash).toBe(fingerprint({ id, version, at, reforms, parameters }));
    expect(c.registerHash).toBe(fingerprint(c.register));
    expect(c.rules).toMatchObject({
      conveners: ['ownersCommittee'],
      noticeDays: 15,
      proxies: true,
      publicityDays: 7,
    });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('convenes, gives notice, signs in, votes, counts with tallyOwnersAssembly and closes after publicity', () => {
    let s = play(meetingKind, start, [convene(), '2025-03-03', committee]);
    expect(s.value).toBe('notice');
    s = play(meetingKind, s, [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-05', committee]);
    expect(s.value).toBe('scheduled');
    expect(s.context.notices[0]?.check.satisfied).toBe(true);
    s = play(
      meetingKind,
      s,
      [T('OPEN_SIGN_IN'), '2025-03-20', committee],
      [inPerson('o1', 'o2', 'o3'), '2025-03-20', committee],
      [byProxy('o4', '2025-03-31'), '2025-03-20', committee],
      [T('CLOSE_SIGN_IN'), '2025-03-20', committee],
    );
    expect(s.value).toBe('deliberation');
    const q = s.context.quorumChecks.at(-1)!;
    expect(q.met).toBe(true);
    expect(q.lines.map((l) => l.id)).toEqual(['quorum.area', 'quorum.headcount']);
    s = play(
      meetingKind,
      s,
      [{ type: 'RECORD_OPINION', text: '物业费不宜上涨', itemId: 'i1' }, '2025-03-20', planner],
      [T('END_DELIBERATION'), '2025-03-20', committee],
      [vote('o1', 'agree'), '2025-03-20', committee],
      [vote('o2', 'agree'), '2025-03-20', committee],
      [vote('o3', 'agree'), '2025-03-20', committee],
      [vote('o4', 'oppose'), '2025-03-20', committee],
      [T('CLOSE_VOTE'), '2025-03-20', committee],
    );
    expect(s.value).toBe('result');
    const r = s.context.results[0]!;
    expect(r.itemId).toBe('i1');
    expect(r.result.body).toBe('ownersAssembly');
    expect(r.result.outcome).toBe('passed');
    s = play(meetingKind, s, [{ type: 'POST_RESULT', channels: [BOARD] }, '2025-03-21', committee]);
    expect(s.value).toBe('publicity');
    expect(s.context.publicity?.lastDay).toBe('2025-03-28');
    s = play(meetingKind, s, [T('TICK'), '2025-03-28', system]);
    expect(s.value).toBe('publicity');
    s = play(meetingKind, s, [T('TICK'), '2025-03-29', system]);
    expect(s.value).toBe('closed');
    expect(s.output).toEqual({
      id: 'm-1',
      body: 'ownersAssembly',
      cancelled: false,
      results: [{ itemId: 'i1', outcome: 'passed' }],
      proxyRevocations: [],
    });
  });

  it('refuses notice given too late, with the statute reading', () => {
    const s = play(meetingKind, start, [convene(), '2025-03-03', committee]);
    const e = refusal(meetingKind, s, [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-06', committee]);
    expect(e.code).toBe('EVENT_NOT_ALLOWED');
    expect(e.message).toContain('1 day late');
  });

  it('refuses a convening that leaves no time for notice, and a convener of the wrong role', () => {
    expect(refusal(meetingKind, start, [convene('2025-03-10'), '2025-03-03', committee]).message).toContain(
      '2025-03-18',
    );
    expect(refusal(meetingKind, start, [convene(), '2025-03-03', staff]).message).toContain(
      'only ownersCommittee',
    );
    expect(refusal(meetingKind, start, [convene(), '2025-03-03', secretary]).code).toBe('EVENT_NOT_ALLOWED');
    expect(refusal(meetingKind, start, [convene(), '2025-03-03', planner]).code).toBe('FORBIDDEN_ROLE');
  });

  it('without an owners’ committee, the residents’ committee convenes (convenerWithoutCommittee)', () => {
    const s = startProcess(meetingKind, assembly({ hasOwnersCommittee: false }));
    expect(s.context.rules.conveners).toEqual(['residentsCommitteeStaff']);
    const none = startProcess(
      meetingKind,
      assembly({
        hasOwnersCommittee: false,
        policy: engineFixturePolicy({ 'ownersAssembly.convenerWithoutCommittee': 'none' }),
      }),
    );
    expect(refusal(meetingKind, none, [convene(), '2025-03-03', staff]).message).toContain(
      'convenerWithoutCommittee',
    );
  });

  describe('at sign-in and vote', () => {
    const open = play(
      meetingKind,
      start,
      [convene(), '2025-03-03', committee],
      [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-04', committee],
      [T('OPEN_SIGN_IN'), '2025-03-20', committee],
    );

    it('refuses people outside the register, double sign-in, expired or unwritten proxies', () => {
      expect(refusal(meetingKind, open, [inPerson('stranger'), '2025-03-20', committee]).code).toBe(
        'NOT_ON_REGISTER',
      );
      // Unsold units vote as the developer (司法解释 第9条): the developer key is on the register.
      expect(
        play(meetingKind, open, [inPerson('developer'), '2025-03-20', committee]).context.attendance,
      ).toHaveLength(1);
      const one = play(meetingKind, open, [inPerson('o1'), '2025-03-20', committee]);
      expect(refusal(meetingKind, one, [inPerson('o1'), '2025-03-20', committee]).message).toContain(
        'already signed in',
      );
      const expired = refusal(meetingKind, open, [byProxy('o4', '2025-03-19'), '2025-03-20', committee]);
      expect(expired.code).toBe('PROXY_INVALID');
      expect(expired.message).toContain('expired');
      expect(
        refusal(meetingKind, open, [byProxy('o4', '2025-03-31', ['i1'], false), '2025-03-20', committee])
          .code,
      ).toBe('PROXY_INVALID');
    });

    it('fails the quorum closed with the gap, then lets late arrivals sign in', () => {
      let s = play(
        meetingKind,
        open,
        [inPerson('o1', 'o2'), '2025-03-20', committee],
        [T('CLOSE_SIGN_IN'), '2025-03-20', committee],
      );
      expect(s.value).toBe('quorumFailed');
      const q = s.context.quorumChecks[0]!;
      expect(q.met).toBe(false);
      expect(q.lines.find((l) => l.id === 'quorum.headcount')?.gap.display).toBe('2');
      expect(q.summary['zh-CN']).toContain('还需至少');
      s = play(
        meetingKind,
        s,
        [T('REOPEN_SIGN_IN'), '2025-03-20', committee],
        [inPerson('o3', 'o4'), '2025-03-20', committee],
        [T('CLOSE_SIGN_IN'), '2025-03-20', committee],
      );
      expect(s.value).toBe('deliberation');
      expect(s.context.quorumChecks.map((c) => c.met)).toEqual([false, true]);
    });

    it('takes votes only from those present, once per item, within a proxy’s scope; none after the close', () => {
      let s = play(
        meetingKind,
        open,
        [inPerson('o1', 'o2', 'o3'), '2025-03-20', committee],
        [byProxy('o4', '2025-03-31', ['i2']), '2025-03-20', committee],
        [T('CLOSE_SIGN_IN'), '2025-03-20', committee],
        [T('END_DELIBERATION'), '2025-03-20', committee],
        [vote('o1', 'agree'), '2025-03-20', committee],
      );
      expect(refusal(meetingKind, s, [vote('o1', 'oppose'), '2025-03-20', committee]).code).toBe(
        'DOUBLE_VOTE',
      );
      expect(refusal(meetingKind, s, [vote('o5', 'agree'), '2025-03-20', committee]).message).toContain(
        'not signed in',
      );
      expect(refusal(meetingKind, s, [vote('zz', 'agree'), '2025-03-20', committee]).code).toBe(
        'NOT_ON_REGISTER',
      );
      expect(refusal(meetingKind, s, [vote('o4', 'agree'), '2025-03-20', committee]).code).toBe(
        'PROXY_INVALID',
      );
      expect(refusal(meetingKind, s, [vote('o2', 'agree', 'i2'), '2025-03-20', committee]).message).toContain(
        'not an agenda item put to the vote',
      );
      s = play(meetingKind, s, [T('CLOSE_VOTE'), '2025-03-20', committee]);
      expect(refusal(meetingKind, s, [vote('o2', 'agree'), '2025-03-20', committee]).code).toBe(
        'VOTE_AFTER_CLOSE',
      );
    });
  });

  it('adjourns, keeps the sitting, reconvenes with a new notice', () => {
    let s = play(
      meetingKind,
      start,
      [convene(), '2025-03-03', committee],
      [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-04', committee],
      [T('OPEN_SIGN_IN'), '2025-03-20', committee],
      [inPerson('o1'), '2025-03-20', committee],
      [{ type: 'ADJOURN', reason: '到会人数不足' }, '2025-03-20', committee],
    );
    expect(s.value).toBe('adjourned');
    expect(s.context.sessions[0]?.attendance.map((a) => a.person)).toEqual(['o1']);
    expect(s.context.attendance).toEqual([]);
    expect(
      refusal(meetingKind, s, [{ type: 'RECONVENE', meetingDate: '2025-03-30' }, '2025-03-21', committee])
        .message,
    ).toContain('notice');
    s = play(meetingKind, s, [{ type: 'RECONVENE', meetingDate: '2025-04-10' }, '2025-03-21', committee]);
    expect(s.value).toBe('notice');
    s = play(meetingKind, s, [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-22', committee]);
    expect(s.context.notices.map((n) => n.meetingDate)).toEqual(['2025-03-20', '2025-04-10']);
  });

  it('signs in and votes only on the noticed day; a later day needs ADJOURN, RECONVENE and new notice', () => {
    const noticed = play(
      meetingKind,
      start,
      [convene(), '2025-03-03', committee],
      [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-05', committee],
    );
    // The reviewer's case: sign-in opened months later without new notice.
    const late = refusal(meetingKind, noticed, [T('OPEN_SIGN_IN'), '2025-06-30', committee]);
    expect(late.message).toContain('the meeting is on 2025-03-20, not 2025-06-30');
    const open = play(meetingKind, noticed, [T('OPEN_SIGN_IN'), '2025-03-20', committee]);
    expect(refusal(meetingKind, open, [inPerson('o1'), '2025-03-21', committee]).message).toContain(
      'the meeting is on 2025-03-20',
    );
    const voting = play(
      meetingKind,
      open,
      [inPerson('o1', 'o2', 'o3', 'o5'), '2025-03-20', committee],
      [T('CLOSE_SIGN_IN'), '2025-03-20', committee],
      [T('END_DELIBERATION'), '2025-03-20', committee],
    );
    expect(refusal(meetingKind, voting, [vote('o1', 'agree'), '2025-07-15', committee]).message).toContain(
      'the meeting is on 2025-03-20',
    );
    // Votes cast on the day may still be closed and counted the next day.
    const counted = play(
      meetingKind,
      voting,
      [vote('o1', 'agree'), '2025-03-20', committee],
      [T('CLOSE_VOTE'), '2025-03-21', committee],
    );
    expect(counted.value).toBe('result');
    // The missed day: adjourn, reconvene on a new date with new notice, then sign in on that day.
    let s = play(
      meetingKind,
      noticed,
      [{ type: 'ADJOURN', reason: '未能如期召开' }, '2025-06-01', committee],
      [{ type: 'RECONVENE', meetingDate: '2025-06-30' }, '2025-06-02', committee],
    );
    expect(s.value).toBe('notice');
    expect(refusal(meetingKind, s, [T('OPEN_SIGN_IN'), '2025-06-30', committee]).code).toBe(
      'EVENT_NOT_ALLOWED',
    );
    s = play(
      meetingKind,
      s,
      [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-06-03', committee],
      [T('OPEN_SIGN_IN'), '2025-06-30', committee],
    );
    expect(s.value).toBe('signIn');
  });

  it('checks a proxy against the day of sign-in and again at each vote', () => {
    const open = play(
      meetingKind,
      start,
      [convene(), '2025-03-03', committee],
      [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-05', committee],
      [T('OPEN_SIGN_IN'), '2025-03-20', committee],
    );
    const expired = refusal(meetingKind, open, [byProxy('o4', '2025-03-19'), '2025-03-20', committee]);
    expect(expired.code).toBe('PROXY_INVALID');
    expect(expired.message).toContain('expired at the end of 2025-03-19');
    const signed = play(meetingKind, open, [byProxy('o4', '2025-03-20'), '2025-03-20', committee]);
    const c = signed.context;
    const at = (on: string) =>
      voteProxyProblem(c, { ...vote('o4', 'agree'), on, actor: committee } as MeetingEvent);
    expect(at('2025-03-20')).toBeNull();
    expect(at('2025-03-21')).toContain('expired at the end of 2025-03-20');
    expect(
      voteProxyProblem(c, {
        ...vote('o4', 'agree', 'i2'),
        on: '2025-03-20',
        actor: committee,
      } as MeetingEvent),
    ).toContain('does not cover i2');
  });

  it('records an opinion in the sender’s own name; only the convener records one for someone else', () => {
    const s = play(
      meetingKind,
      start,
      [convene(), '2025-03-03', committee],
      [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-05', committee],
      [T('OPEN_SIGN_IN'), '2025-03-20', committee],
      [inPerson('o1', 'o2', 'o3', 'o5'), '2025-03-20', committee],
      [T('CLOSE_SIGN_IN'), '2025-03-20', committee],
    );
    const forged = refusal(meetingKind, s, [
      { type: 'RECORD_OPINION', text: 'I, o1, support it', by: 'o1' },
      '2025-03-20',
      ownerActor('o2'),
    ]);
    expect(forged.message).toContain('o2 may record only their own opinion, not one by o1');
    const t = play(
      meetingKind,
      s,
      [{ type: 'RECORD_OPINION', text: '同意', by: 'o2' }, '2025-03-20', ownerActor('o2')],
      [{ type: 'RECORD_OPINION', text: '反对' }, '2025-03-20', ownerActor('o3')],
      [{ type: 'RECORD_OPINION', text: '口头意见', by: 'o5' }, '2025-03-20', committee],
    );
    expect(t.context.opinions.map((o) => o.by)).toEqual(['o2', 'o3', 'o5']);
  });

  it('a persisted snapshot restores through JSON and takes the same next events', () => {
    const s = play(meetingKind, start, [convene(), '2025-03-03', committee]);
    const actor = createActor(meetingKind.machine, { snapshot: s }).start();
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const back = restoreProcess(meetingKind, stored);
    expect(back.context).toEqual(s.context);
    const next = { type: 'GIVE_NOTICE', channels: [BOARD] };
    expect(play(meetingKind, back, [next, '2025-03-05', committee]).context).toEqual(
      play(meetingKind, s, [next, '2025-03-05', committee]).context,
    );
  });
});

describe('bodies without notice, quorum or vote', () => {
  it('a residents’ meeting skips notice and counts with tallyResidentsMeeting', () => {
    let s = startProcess(meetingKind, {
      id: 'rm',
      title: '居民会议',
      body: 'residentsMeeting',
      policy,
      register: { kind: 'residents', registry: fixtureResidents },
      hasOwnersCommittee: true,
    });
    s = play(
      meetingKind,
      s,
      [
        {
          type: 'CONVENE',
          meetingDate: '2025-03-05',
          place: '居委会',
          agenda: [{ id: 'a', title: '自愿筹资', decision: true }],
        },
        '2025-03-03',
        staff,
      ],
      [T('OPEN_SIGN_IN'), '2025-03-05', staff],
    );
    expect(s.context.notices).toEqual([]);
    // r6 is a minor: the rule refuses the sign-in (居委会组织法 第9条, 年满十八周岁).
    expect(refusal(meetingKind, s, [inPerson('r6'), '2025-03-05', staff]).message).toContain('under 18');
    s = play(
      meetingKind,
      s,
      [inPerson('r1', 'r2', 'r3'), '2025-03-05', staff],
      [T('CLOSE_SIGN_IN'), '2025-03-05', staff],
      [T('END_DELIBERATION'), '2025-03-05', staff],
      [vote('r1', 'agree', 'a'), '2025-03-05', staff],
      [vote('r2', 'agree', 'a'), '2025-03-05', staff],
      [T('CLOSE_VOTE'), '2025-03-05', staff],
    );
    expect(s.context.results[0]?.result.outcome).toBe('passed');
    expect(s.context.quorumChecks[0]?.lines[0]?.id).toBe('quorum.adults');
  });

  it('a hearing (听证会) records opinions and posts a recorded result', () => {
    let s = startProcess(meetingKind, {
      id: 'h',
      title: '加装电梯听证会',
      body: 'hearing',
      policy,
      register: { kind: 'none' },
      hasOwnersCommittee: true,
    });
    expect(
      refusal(meetingKind, s, [
        {
          type: 'CONVENE',
          meetingDate: '2025-03-05',
          place: '居委会',
          agenda: [{ id: 'a', title: 'x', decision: true }],
        },
        '2025-03-03',
        staff,
      ]).message,
    ).toContain('takes no vote');
    s = play(
      meetingKind,
      s,
      [
        {
          type: 'CONVENE',
          meetingDate: '2025-03-05',
          place: '居委会',
          agenda: [{ id: 'a', title: '方案', decision: false }],
        },
        '2025-03-03',
        staff,
      ],
      [T('OPEN_SIGN_IN'), '2025-03-05', staff],
      [inPerson('anyone-1', 'anyone-2'), '2025-03-05', staff],
      [T('CLOSE_SIGN_IN'), '2025-03-05', staff],
      [{ type: 'RECORD_OPINION', text: '担心采光', by: '3楼住户' }, '2025-03-05', staff],
      [T('END_DELIBERATION'), '2025-03-05', staff],
    );
    expect(s.value).toBe('result');
    expect(s.context.quorumChecks[0]?.required).toBe(false);
    expect(s.context.results).toHaveLength(1);
    expect(s.context.results[0]?.result).toMatchObject({
      body: 'hearing',
      outcome: 'recorded',
      quorumMet: null,
    });
  });

  it('a party members’ council is convened by the party secretary only; a villagers’ meeting needs 10 days’ notice', () => {
    const pc = startProcess(meetingKind, {
      id: 'pc',
      title: '党员议事会',
      body: 'partyMembersCouncil',
      policy,
      register: { kind: 'members', registry: fixturePartyCouncil },
      hasOwnersCommittee: true,
    });
    const c = {
      type: 'CONVENE',
      meetingDate: '2025-03-05',
      place: '党群服务站',
      agenda: [{ id: 'a', title: '先协商', decision: true }],
    };
    expect(refusal(meetingKind, pc, [c, '2025-03-03', staff]).message).toContain('partySecretary');
    expect(play(meetingKind, pc, [c, '2025-03-03', secretary]).value).toBe('scheduled');
    const vm = startProcess(meetingKind, {
      id: 'vm',
      title: '村民会议',
      body: 'villagersMeeting',
      policy,
      register: { kind: 'villagers', registry: fixtureVillagers },
      hasOwnersCommittee: false,
    });
    expect(play(meetingKind, vm, [{ ...c, meetingDate: '2025-03-13' }, '2025-03-03', staff]).value).toBe(
      'notice',
    );
    expect(
      refusal(meetingKind, vm, [{ ...c, meetingDate: '2025-03-12' }, '2025-03-03', staff]).message,
    ).toContain('2025-03-13');
  });

  it('refuses a register that does not fit the body, and a policy missing a parameter the body needs', () => {
    expect(() =>
      startProcess(meetingKind, {
        ...assembly(),
        register: { kind: 'members', registry: fixtureOwnersCommittee },
      }),
    ).toThrow(/units/);
    const noPublicity = { ...policy, parameters: { ...policy.parameters } };
    delete (noPublicity.parameters as Record<string, unknown>)['publicity.meetingResultDays'];
    expect(() => startProcess(meetingKind, assembly({ policy: noPublicity }))).toThrow(
      /publicity.meetingResultDays/,
    );
  });
});
