/**
 * Issue 9, "roles are bound to people", at the meeting, written as the attacks: a proxy signed in
 * on the organisers' word alone, the convener signing themself in as an owner's proxy, and an
 * owner who arrives in person refused as "already signed in". Each failed on the code before.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../actor/actor.js';
import {
  committee,
  engineFixturePolicy,
  fixtureUnits,
  ownerActor,
  play,
  refusal,
  type Scripted,
} from '../../testing/fixtureEngine.js';
import { restoreProcess, startProcess } from '../processKind.js';
import { meetingKind as kind, meetingProxyHolders } from './meeting.kind.js';

const DAY = '2025-03-20';
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;
const agenda = [
  { id: 'i1', title: '续聘物业服务企业', decision: true, matter: 'hireManager' as const },
  { id: 'i2', title: '调整停车费', decision: true, matter: 'otherMajor' as const },
];

function signIn(organiserMayHold = false) {
  const s = startProcess(kind, {
    id: 'm-9',
    title: '业主大会',
    body: 'ownersAssembly',
    policy: engineFixturePolicy(organiserMayHold ? { 'proxy.organiserMayHold': true } : {}),
    register: { kind: 'units', registry: fixtureUnits },
    hasOwnersCommittee: true,
  });
  return play(
    kind,
    s,
    [{ type: 'CONVENE', meetingDate: DAY, place: '社区活动室', agenda }, '2025-03-03', committee],
    [{ type: 'GIVE_NOTICE', channels: [BOARD] }, '2025-03-05', committee],
    [{ type: 'OPEN_SIGN_IN' }, DAY, committee],
  );
}

const proxy = (person: string, { holder = 'o1', scan = true as boolean } = {}) => ({
  authorisationId: `auth-${person}`,
  holder,
  written: true,
  scope: ['i1', 'i2'],
  validUntil: '2025-03-31',
  ...(scan ? { scanId: `scan-auth-${person}` } : {}),
});
const byProxy = (
  person: string,
  opts: { holder?: string; scan?: boolean } = {},
  by: Actor = committee,
): Scripted => [
  { type: 'SIGN_IN', attendees: [{ person, via: 'proxy', proxy: proxy(person, opts) }] },
  DAY,
  by,
];
const inPerson = (...people: string[]): Scripted => [
  { type: 'SIGN_IN', attendees: people.map((person) => ({ person, via: 'inPerson' })) },
  DAY,
  committee,
];
const T = (type: string): Scripted => [{ type }, DAY, committee];
const vote = (voter: string, itemId: string, choice = 'agree'): Scripted => [
  { type: 'CAST_VOTE', itemId, voter, choice },
  DAY,
  committee,
];

describe('an owner arriving in person revokes their proxy', () => {
  it('at sign-in: accepted (not "already signed in"), the attendance is in person, the revocation recorded', () => {
    const s = play(kind, signIn(), inPerson('o1', 'o2'), byProxy('o4'));
    const arrived = play(kind, s, inPerson('o4'));
    expect(arrived.context.attendance.filter((a) => a.person === 'o4')).toEqual([
      { person: 'o4', via: 'inPerson', on: DAY, recordedBy: committee.id },
    ]);
    expect(arrived.context.proxyRevocations).toEqual([
      {
        person: 'o4',
        authorisationId: 'auth-o4',
        holder: 'o1',
        meetingDate: DAY,
        signedInOn: DAY,
        revokedOn: DAY,
        recordedBy: committee.id,
        votesStanding: [],
      },
    ]);
    // in person twice, or the proxy again, is still "already signed in"
    expect(refusal(kind, arrived, inPerson('o4')).message).toContain('o4 already signed in');
    expect(refusal(kind, arrived, byProxy('o4')).message).toContain('o4 already signed in');
  });

  it('during the vote: what the holder already voted for the owner stands; the owner votes in person on the rest; the result shows the revocation', () => {
    let s = play(
      kind,
      signIn(),
      inPerson('o1', 'o2', 'o3'),
      byProxy('o4'),
      T('CLOSE_SIGN_IN'),
      T('END_DELIBERATION'),
    );
    expect(s.value).toBe('vote');
    s = play(kind, s, vote('o4', 'i1', 'oppose'));
    // a newcomer cannot sign in once sign-in has closed; only an arrival revoking a proxy can
    expect(refusal(kind, s, inPerson('o5')).message).toContain('only an owner signed in by proxy');
    s = play(kind, s, inPerson('o4'));
    expect(s.context.proxyRevocations[0]?.votesStanding).toEqual(['i1']);
    const again = refusal(kind, s, vote('o4', 'i1', 'agree'));
    expect(again.code).toBe('DOUBLE_VOTE');
    expect(again.message).toContain('that vote stands');
    s = play(kind, s, vote('o4', 'i2', 'agree'));
    expect(s.context.votes.filter((v) => v.voter === 'o4').map((v) => [v.itemId, v.choice, v.via])).toEqual([
      ['i1', 'oppose', 'proxy'],
      ['i2', 'agree', 'inPerson'],
    ]);
    s = play(kind, s, ...['o1', 'o2', 'o3'].flatMap((o) => [vote(o, 'i1'), vote(o, 'i2')]), T('CLOSE_VOTE'));
    expect(s.value).toBe('result');
    s = play(
      kind,
      s,
      [{ type: 'POST_RESULT', channels: [BOARD] }, '2025-03-21', committee],
      [{ type: 'TICK' }, '2025-04-30', { id: 'system', role: 'system' }],
    );
    expect(s.output?.proxyRevocations).toEqual([
      expect.objectContaining({ person: 'o4', votesStanding: ['i1'] }),
    ]);
  });
});

describe('a meeting proxy rests on evidence, and the convener cannot hold one', () => {
  it('without the 授权委托书’s scan or the owner’s confirmation the proxy does not sign in; CONFIRM_PROXY by the owner makes it good', () => {
    const s = signIn();
    const e = refusal(kind, s, byProxy('o4', { scan: false }));
    expect(e.code).toBe('PROXY_INVALID');
    expect(e.message).toContain('has no evidence');
    const confirm: Scripted = [
      { type: 'CONFIRM_PROXY', authorisationId: 'auth-o4', holder: 'o1' },
      DAY,
      ownerActor('o4'),
    ];
    expect(refusal(kind, s, [confirm[0], DAY, committee]).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(kind, s, [confirm[0], DAY, ownerActor('stranger')]).message).toContain('not on the');
    const confirmed = play(kind, s, confirm);
    expect(confirmed.context.proxyConfirmations).toEqual([
      { authorisationId: 'auth-o4', owner: 'o4', holder: 'o1', on: DAY },
    ]);
    expect(refusal(kind, confirmed, confirm).message).toContain('already confirmed');
    // a confirmation for another holder is no evidence for this one
    expect(refusal(kind, confirmed, byProxy('o4', { scan: false, holder: 'o2' })).message).toContain(
      'has no evidence',
    );
    expect(play(kind, confirmed, byProxy('o4', { scan: false })).context.attendance[0]?.via).toBe('proxy');
  });

  it('the self-proxy: the convener signing in an owner by a proxy the convener holds is refused, unless the pack allows it', () => {
    const e = refusal(kind, signIn(), byProxy('o4', { holder: committee.id }));
    expect(e.code).toBe('PROXY_INVALID');
    expect(e.message).toContain('self-proxy');
    expect(play(kind, signIn(true), byProxy('o4', { holder: committee.id })).context.attendance).toHaveLength(
      1,
    );
  });

  it('meetingProxyHolders names the holders a sign-in or confirmation carries (for the roster check)', () => {
    expect(meetingProxyHolders(byProxy('o4')[0])).toEqual(['o1']);
    expect(meetingProxyHolders(inPerson('o1')[0])).toEqual([]);
    expect(meetingProxyHolders({ type: 'CONFIRM_PROXY', authorisationId: 'a', holder: 'h' })).toEqual(['h']);
  });
});

describe('a meeting snapshot stored before proxy confirmations and revocations', () => {
  it('restores with neither, and an arrival is then recorded', () => {
    const s = play(kind, signIn(), inPerson('o1'), byProxy('o4'));
    const stored = JSON.parse(JSON.stringify({ value: s.value, context: s.context }));
    delete stored.context.proxyConfirmations;
    delete stored.context.proxyRevocations;
    delete stored.context.rules.organiserMayHold;
    const back = restoreProcess(kind, stored);
    expect(back.context.proxyRevocations).toEqual([]);
    expect(play(kind, back, inPerson('o4')).context.proxyRevocations).toHaveLength(1);
  });
});
