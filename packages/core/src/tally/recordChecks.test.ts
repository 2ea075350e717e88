import { describe, expect, it } from 'vitest';
import { isYishiError, type YishiError } from '../errors/YishiError.js';
import { MeetingRecord } from '../registry/ballots.js';
import { MemberRegistry } from '../registry/people.js';
import { fixturePolicy as policy } from '../testing/fixturePolicy.js';
import { type DeliberationBodyId, recordDeliberation, tallyMemberMeeting } from './bodies.js';

const DATE = '2026-11-27';
const record = (present: string[], voters: string[] = []) =>
  MeetingRecord.parse({
    date: DATE,
    present,
    votes: voters.map((voter) => ({ voter, choice: 'agree' })),
    opinions: [{ by: 'a', text: '同意加装电梯' }],
  });
function refusal(f: () => unknown): YishiError {
  try {
    f();
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
  throw new Error('expected a YishiError');
}

const BODIES: DeliberationBodyId[] = ['hearing', 'coordinationMeeting', 'evaluationMeeting', 'jointMeeting'];

describe.each(BODIES)('%s: recorded, not tallied, but the record must hold together', (body) => {
  const rec = (r: MeetingRecord) => recordDeliberation({ body, record: r, policy });

  it('records a consistent meeting', () => {
    const r = rec(record(['a', 'b', 'c'], ['a', 'b']));
    expect(r.outcome).toBe('recorded');
    expect(r.counts).toMatchObject({ present: 3, agree: 2, notVoted: 1 });
  });
  it('refuses a duplicate sign-in, naming the entry and the first one', () => {
    const e = refusal(() => rec(record(['a', 'b', 'a'])));
    expect(e.code).toBe('ATTENDANCE_DUPLICATE');
    expect(e.issues).toEqual([
      expect.objectContaining({
        index: 2,
        path: 'present[2]',
        received: 'a',
        message: '"a" signed in twice (first at present[0])',
      }),
    ]);
  });
  it('refuses a second vote from one person', () => {
    const e = refusal(() => rec(record(['a', 'b'], ['a', 'b', 'a'])));
    expect(e.code).toBe('BALLOT_DUPLICATE');
    expect(e.issues).toEqual([
      expect.objectContaining({
        index: 2,
        path: 'votes[2].voter',
        received: 'a',
        message: '"a" already voted at votes[0]',
      }),
    ]);
  });
  it('refuses a vote from someone not signed in', () => {
    const e = refusal(() => rec(record(['a'], ['a', 'z'])));
    expect(e.code).toBe('BALLOT_UNKNOWN_VOTER');
    expect(e.issues).toEqual([expect.objectContaining({ index: 1, path: 'votes[1].voter', received: 'z' })]);
  });
});

describe('the tallied bodies apply the same checks', () => {
  const members = MemberRegistry.parse({
    body: 'ownersCommittee',
    members: ['a', 'b', 'c'].map((id) => ({ id })),
  });
  const tally = (r: MeetingRecord) =>
    tallyMemberMeeting({ body: 'ownersCommitteeMeeting', members, record: r, policy });
  it('duplicate sign-in, duplicate vote, vote from someone not signed in', () => {
    expect(refusal(() => tally(record(['a', 'a']))).code).toBe('ATTENDANCE_DUPLICATE');
    expect(refusal(() => tally(record(['a', 'b'], ['a', 'a']))).code).toBe('BALLOT_DUPLICATE');
    expect(refusal(() => tally(record(['a', 'b'], ['c']))).code).toBe('BALLOT_UNKNOWN_VOTER');
    expect(refusal(() => tally(record(['a', 'b'], ['c']))).issues[0]!.path).toBe('votes[0].voter');
  });
});
