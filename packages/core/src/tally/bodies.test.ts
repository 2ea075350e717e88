import { describe, expect, it } from 'vitest';
import { YishiError } from '../errors/YishiError.js';
import { MeetingRecord } from '../registry/ballots.js';
import { MemberRegistry, ResidentRegistry, VillagerRegistry } from '../registry/people.js';
import { fixturePolicy as policy } from '../testing/fixturePolicy.js';
import {
  recordDeliberation,
  tallyMemberMeeting,
  tallyResidentsMeeting,
  tallyVillagersMeeting,
} from './bodies.js';

const DATE = '2026-11-27';
const rec = (present: string[], agree: string[], oppose: string[] = []) =>
  MeetingRecord.parse({
    date: DATE,
    present,
    votes: [
      ...agree.map((voter) => ({ voter, choice: 'agree' })),
      ...oppose.map((voter) => ({ voter, choice: 'oppose' })),
    ],
  });
const ids = (n: number, p = 'r') => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe('residents’ meeting (居委会组织法 第9条)', () => {
  // 10 adults in 5 households of 2; r10 is a child; r0, r2, r4 are group g1's representatives.
  const registry = ResidentRegistry.parse({
    residents: [
      ...ids(10).map((id, i) => ({
        id,
        household: `h${Math.floor(i / 2)}`,
        residentsGroup: 'g1',
        birthDate: '1980-05-01',
        roles: i % 2 === 0 && i < 6 ? ['residentsGroupRepresentative'] : [],
      })),
      { id: 'r10', household: 'h0', birthDate: '2010-01-01' },
    ],
  });

  it('adults base: more than half of adults must attend — 5, 6 of 10', () => {
    expect(tallyResidentsMeeting({ registry, record: rec(ids(5), ids(5)), policy }).quorumMet).toBe(false);
    const ok = tallyResidentsMeeting({ registry, record: rec(ids(6), ids(4)), policy });
    expect(ok.quorumMet).toBe(true);
    expect(ok.passed).toBe(true); // 4 of 6 present
    const half = tallyResidentsMeeting({ registry, record: rec(ids(6), ids(3)), policy });
    expect(half.passed).toBe(false); // exactly half of those present is not 过半数
    expect(half.explanation.failures[0]?.code).toBe('APPROVAL_HEADCOUNT_NOT_MET');
  });

  it('a minor cannot sign in on the adults base', () => {
    expect(() => tallyResidentsMeeting({ registry, record: rec(['r10', ...ids(6)], []), policy })).toThrow(
      /under 18/,
    );
  });

  it('households base: one representative per household', () => {
    const r = tallyResidentsMeeting({
      registry,
      record: rec(['r0', 'r2', 'r4'], ['r0', 'r2']),
      policy,
      base: 'households',
    });
    expect(r.counts.eligible).toBe(5);
    expect(r.quorumMet).toBe(true); // 3 of 5
    expect(() =>
      tallyResidentsMeeting({ registry, record: rec(['r0', 'r1'], []), policy, base: 'households' }),
    ).toThrow(/one representative per household/);
  });

  it('a minor cannot represent a household (第9条: residents aged 18 and over)', () => {
    expect(() =>
      tallyResidentsMeeting({ registry, record: rec(['r10', 'r2'], []), policy, base: 'households' }),
    ).toThrow(/under 18/);
  });

  it('group representatives base', () => {
    const r = tallyResidentsMeeting({
      registry,
      record: rec(['r0', 'r2'], ['r0', 'r2']),
      policy,
      base: 'groupRepresentatives',
    });
    expect(r.counts.eligible).toBe(3);
    expect(r.passed).toBe(true);
    expect(() =>
      tallyResidentsMeeting({ registry, record: rec(['r1'], []), policy, base: 'groupRepresentatives' }),
    ).toThrow(YishiError);
  });

  it('rejects a vote from someone not present, and unknown people', () => {
    expect(() => tallyResidentsMeeting({ registry, record: rec(ids(6), ['r7']), policy })).toThrow(
      /not signed in/,
    );
    expect(() => tallyResidentsMeeting({ registry, record: rec(['nobody'], []), policy })).toThrow(
      /not a resident/,
    );
  });
});

describe('villagers’ meeting: either-or quorum (村民委员会组织法 第22条)', () => {
  // 12 adults in 3 households of 4.
  const registry = VillagerRegistry.parse({
    villagers: ids(12, 'v').map((id, i) => ({
      id,
      household: `h${Math.floor(i / 4)}`,
      villagersGroup: i < 6 ? 'g1' : 'g2',
      adult: true,
    })),
  });
  it('met by more than half of adults even if households fall short', () => {
    const r = tallyVillagersMeeting({ registry, record: rec(ids(7, 'v'), ids(4, 'v')), policy });
    expect(r.quorumMet).toBe(true); // 7/12 adults; households 2/3 (h0, h1) also ≥ 2/3
  });
  it('met by 2/3 of households with few people', () => {
    const r = tallyVillagersMeeting({ registry, record: rec(['v0', 'v4'], ['v0', 'v4']), policy });
    expect(r.counts.householdsPresent).toBe(2);
    expect(r.quorumMet).toBe(true);
    expect(r.explanation.notes.some((n) => n.en.includes('either'))).toBe(true);
  });
  it('fails when neither base is met', () => {
    const r = tallyVillagersMeeting({ registry, record: rec(['v0'], ['v0']), policy });
    expect(r.outcome).toBe('noQuorum');
    expect(r.explanation.failures.map((f) => f.line)).toEqual(['quorum.adults', 'quorum.households']);
  });
  it('a minor can neither attend nor vote (第21条)', () => {
    const withChild = VillagerRegistry.parse({
      villagers: [
        ...registry.villagers,
        { id: 'kid', household: 'h0', villagersGroup: 'g1', birthDate: '2015-03-01' },
      ],
    });
    expect(() =>
      tallyVillagersMeeting({ registry: withChild, record: rec(['kid', 'v4'], ['kid']), policy }),
    ).toThrow(/under 18/);
    const r = tallyVillagersMeeting({ registry: withChild, record: rec(['v0', 'v4'], ['v0']), policy });
    expect(r.counts.eligible).toBe(12); // the adults, not the people present
  });

  it('villagers’ group meeting counts only the group (第28条)', () => {
    const r = tallyVillagersMeeting({
      registry,
      record: rec(ids(4, 'v'), ids(3, 'v')),
      policy,
      villagersGroup: 'g1',
    });
    expect(r.body).toBe('villagersGroupMeeting');
    expect(r.counts.adults).toBe(6);
    expect(r.quorumMet).toBe(true); // 4/6 adults ≥ 2/3
  });
});

describe('member bodies', () => {
  const members = (body: string, n: number) =>
    MemberRegistry.parse({ body, members: ids(n, 'm').map((id) => ({ id })) });
  it('owners’ committee: decisions need more than half of ALL members (上海规定 第26条)', () => {
    const m = members('ownersCommittee', 7);
    const r = tallyMemberMeeting({
      body: 'ownersCommitteeMeeting',
      members: m,
      record: rec(ids(4, 'm'), ids(3, 'm')),
      policy,
    });
    expect(r.quorumMet).toBe(true); // 4 of 7 present
    expect(r.passed).toBe(false); // 3 of 7 members is not more than half, though 3 of 4 present
    const ok = tallyMemberMeeting({
      body: 'ownersCommitteeMeeting',
      members: m,
      record: rec(ids(4, 'm'), ids(4, 'm')),
      policy,
    });
    expect(ok.passed).toBe(true);
  });
  it('villagers’ representative meeting: 2/3 of members — 5, 6, 7 of 9', () => {
    const m = members('villagerRepresentatives', 9);
    const q = (n: number) =>
      tallyMemberMeeting({
        body: 'villagerRepresentativesMeeting',
        members: m,
        record: rec(ids(n, 'm'), []),
        policy,
      }).quorumMet;
    expect([q(5), q(6), q(7)]).toEqual([false, true, true]);
  });
  it('party-members’ council: practice lines, marked as such', () => {
    const r = tallyMemberMeeting({
      body: 'partyMembersCouncil',
      members: members('partyMembersCouncil', 5),
      record: rec(ids(3, 'm'), ids(2, 'm')),
      policy,
    });
    expect(r.passed).toBe(true);
    expect(r.explanation.rule.basis).toBe('practice');
  });
  it('building-group meeting with no quorum parameter has no quorum line', () => {
    const r = tallyMemberMeeting({
      body: 'buildingGroupMeeting',
      members: members('buildingGroup', 20),
      record: rec(ids(2, 'm'), ids(2, 'm')),
      policy,
    });
    expect(r.quorumMet).toBeNull();
    expect(r.passed).toBe(true);
  });
  it('members outside their term are not counted', () => {
    const m = MemberRegistry.parse({
      body: 'ownersCommittee',
      members: [{ id: 'a' }, { id: 'b', termEnd: '2020-01-01' }],
    });
    expect(() =>
      tallyMemberMeeting({ body: 'ownersCommitteeMeeting', members: m, record: rec(['b'], []), policy }),
    ).toThrow(/in office/);
  });
});

describe('三会: recorded, with no threshold', () => {
  it('records a hearing', () => {
    const r = recordDeliberation({
      body: 'hearing',
      record: MeetingRecord.parse({
        date: DATE,
        present: ['a', 'b'],
        opinions: [{ text: '加装电梯要考虑一楼住户' }],
      }),
      policy,
    });
    expect(r.outcome).toBe('recorded');
    expect(r.passed).toBeNull();
    expect(r.counts.opinions).toBe(1);
  });
});
