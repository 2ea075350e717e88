// Shanghai 2011-04-01 → 2020-12-31: the 2010 text of 上海市住宅物业管理规定 (第18、26、69条),
// tallied on the days either side of each change: 2011-03-31 / 2011-04-01 / 2020-12-31 / 2021-01-01.
import {
  type Ballot,
  type Choice,
  extendPack,
  isYishiError,
  type Matter,
  MeetingRecord,
  MemberRegistry,
  param,
  parsePolicyPack,
  resolvePolicy,
  tallyMemberMeeting,
  tallyOwnersAssembly,
  UnitRegistry,
} from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { shanghai } from './shanghai.js';

/** Building 1: n owners p0… of 10.00 m²; building 2: four more owners q0…q3. */
function estate(n: number): UnitRegistry {
  const p = Array.from({ length: n }, (_, i) => ({
    id: `P${i}`,
    building: '1',
    area: '10.00',
    owner: `p${i}`,
  }));
  const q = Array.from({ length: 4 }, (_, i) => ({
    id: `Q${i}`,
    building: '2',
    area: '10.00',
    owner: `q${i}`,
  }));
  return UnitRegistry.parse({ units: [...p, ...q] });
}
/** Ballots of building 1: `agree` agree, then `oppose` oppose; the rest of the building does not vote. */
const cast = (agree: number, oppose = 0): Ballot[] =>
  Array.from({ length: agree + oppose }, (_, i) => ({
    owner: `p${i}`,
    choice: (i < agree ? 'agree' : 'oppose') as Choice,
  }));

const subset = (at: string, matter: Matter, ballots: Ballot[], n = 6) =>
  tallyOwnersAssembly({
    registry: estate(n),
    ballots,
    matter,
    policy: resolvePolicy(shanghai, at),
    buildings: ['1'],
  });

describe('第69条 subset vote, 2010 text: ≥ 2/3 of the subset’s TOTAL area and TOTAL owners', () => {
  // Building 1 has 6 owners, 60.00 m²: 4 agreeing is exactly 2/3 of both totals.
  for (const at of ['2011-04-01', '2020-12-31']) {
    it(`${at}: a repair from the fund — 3 (below), 4 (at), 5 (above) of 6 agree, nobody opposes`, () => {
      const below = subset(at, 'useMaintenanceFund', cast(3));
      expect(below.body).toBe('buildingSubsetVote');
      expect(below.explanation.rule.id).toBe('buildingSubsetVote.special');
      expect(below.quorumMet).toBe(true); // the 2010 article sets no participation quorum
      expect(below.passed).toBe(false);
      const area = below.explanation.lines.find((l) => l.id === 'approval.area')!;
      expect([area.part.display, area.whole.display]).toEqual(['30.00', '60.00']); // over the TOTAL
      expect(area.threshold).toEqual({ num: 2, den: 3, cmp: '>=' });
      expect(area.basis).toBe('unverified');
      expect(area.reference).toContain('2011-04-01 施行');
      expect(subset(at, 'useMaintenanceFund', cast(4)).passed).toBe(true);
      expect(subset(at, 'useMaintenanceFund', cast(5)).passed).toBe(true);
    });
    it(`${at}: rebuilding and raising the fund use the same 2/3-of-totals line`, () => {
      for (const m of ['rebuild', 'raiseMaintenanceFund'] as const) {
        expect(subset(at, m, cast(3)).passed).toBe(false);
        expect(subset(at, m, cast(4)).passed).toBe(true);
      }
    });
    it(`${at}: the area line alone decides when the headcount is met`, () => {
      // 9 owners in building 1: p0 has 40.00 m², the rest 10.00 m² (total 120.00). p0 + 4 others
      // agree: 5/9 owners < 2/3. p0 + 5 others: 6/9 owners = 2/3, area 90/120 ≥ 2/3: passes.
      const units = [
        { id: 'P0', building: '1', area: '40.00', owner: 'p0' },
        ...Array.from({ length: 8 }, (_, i) => ({
          id: `P${i + 1}`,
          building: '1',
          area: '10.00',
          owner: `p${i + 1}`,
        })),
      ];
      const registry = UnitRegistry.parse({ units });
      const t = (agree: number) =>
        tallyOwnersAssembly({
          registry,
          ballots: cast(agree),
          matter: 'rebuild',
          policy: resolvePolicy(shanghai, at),
          buildings: ['1'],
        });
      expect(t(5).explanation.lines.find((l) => l.id === 'approval.headcount')!.met).toBe(false);
      expect(t(6).passed).toBe(true);
      expect(t(7).passed).toBe(true);
    });
  }

  it('2010 text: the subset’s other decisions need more than half of both totals (the ordinary line)', () => {
    for (const at of ['2011-04-01', '2020-12-31']) {
      const p = param(resolvePolicy(shanghai, at), 'buildingSubsetVote.approval.ordinary');
      expect(p.value).toEqual({
        area: { num: 1, den: 2, cmp: '>' },
        headcount: { num: 1, den: 2, cmp: '>' },
        base: 'all',
      });
      expect(p.reference).toContain('第69条');
      expect(p.since).toBe('2011-04-01');
    }
  });

  it('2010 text, ordinary line in a tally: a district that reads using the fund as ordinary — 3 (at half) fails, 4 passes', () => {
    const districtPack = (wholeEstateToo: boolean) =>
      parsePolicyPack(
        extendPack(shanghai, {
          id: 'district',
          title: { 'zh-CN': '某区', en: 'district' },
          parameters: {
            'buildingSubsetVote.specialMatters': {
              values: { '2011-04-01': { value: ['raiseMaintenanceFund', 'rebuild'], reference: 'test' } },
            },
            ...(wholeEstateToo
              ? {
                  'ownersAssembly.specialMatters': {
                    values: {
                      '2011-04-01': { value: ['raiseMaintenanceFund', 'rebuild'], reference: 'test' },
                    },
                  },
                }
              : {}),
          },
        }),
      );
    const t = (agree: number, wholeEstateToo = true) =>
      tallyOwnersAssembly({
        registry: estate(6),
        ballots: cast(agree),
        matter: 'useMaintenanceFund',
        policy: resolvePolicy(districtPack(wholeEstateToo), '2015-06-01'),
        buildings: ['1'],
      });
    expect(t(2).passed).toBe(false);
    expect(t(3).passed).toBe(false); // 30/60 m², 3/6 owners: not more than half of the totals
    expect(t(3).explanation.rule.id).toBe('buildingSubsetVote.ordinary');
    expect(t(4).passed).toBe(true);
    // Still special for the whole estate (第18条): the subset uses the special line too, and says so.
    expect(t(4, false).explanation.rule.id).toBe('buildingSubsetVote.special');
    expect(t(4, false).explanation.notes[0]!['zh-CN']).toContain('部分业主表决也适用特别多数');
  });

  it('2011-03-31: before the 2010 text, there is no subset vote; the whole estate decides', () => {
    const r = subset('2011-03-31', 'useMaintenanceFund', cast(4));
    expect(r.body).toBe('ownersAssembly');
    expect(r.counts.total.owners).toBe(10);
    expect(r.explanation.notes[0]!.en).toContain('whole estate decides');
  });

  it('2021-01-01: the 2020 text — quorum ≥ 2/3 takes part, then 3/4 (raise, rebuild) or > 1/2 of participants', () => {
    // 3 of 6 take part: below the 2/3 quorum; 4 of 6: at it.
    expect(subset('2021-01-01', 'rebuild', cast(3)).outcome).toBe('noQuorum');
    // 4 take part, all agree: under the 2010 text the same 4 of 6 also pass (4/6 of the totals).
    expect(subset('2021-01-01', 'rebuild', cast(4)).passed).toBe(true);
    // 8 owners all vote: 5 (below), 6 (at), 7 (above) of 8 for 3/4.
    expect(subset('2021-01-01', 'rebuild', cast(5, 3), 8).passed).toBe(false);
    expect(subset('2021-01-01', 'rebuild', cast(6, 2), 8).passed).toBe(true);
    expect(subset('2021-01-01', 'rebuild', cast(7, 1), 8).passed).toBe(true);
    // A repair from the fund: > 1/2 of participants — 4 of 8 (at half) fails, 5 passes.
    expect(subset('2021-01-01', 'useMaintenanceFund', cast(4, 4), 8).passed).toBe(false);
    expect(subset('2021-01-01', 'useMaintenanceFund', cast(5, 3), 8).passed).toBe(true);
    // and the same 5-of-8 repair under the 2010 text: 5/8 of the totals < 2/3, so it fails.
    expect(subset('2020-12-31', 'useMaintenanceFund', cast(5, 3), 8).passed).toBe(false);
  });

  it.each(['2011-04-01', '2020-12-31', '2021-01-01'])(
    '%s: a subset vote on electing the committee is refused (民法典 第278条)',
    (at) => {
      let code: string | undefined;
      try {
        subset(at, 'electCommittee', cast(6));
      } catch (e) {
        if (isYishiError(e)) code = e.code;
      }
      expect(code).toBe('SUBSET_MATTER_NOT_COVERED');
    },
  );
});

describe('第18条, 2010 text: the assembly needs more than half by area and headcount taking part', () => {
  // Ten owners of 50.00 m² (buildings 1 and 2); hireManager is an ordinary matter.
  const registry = UnitRegistry.parse({
    units: Array.from({ length: 10 }, (_, i) => ({
      id: `u${i}`,
      building: '1',
      area: '50.00',
      owner: `o${i}`,
    })),
  });
  const whole = (at: string, agree: number, oppose = 0, matter: Matter = 'hireManager') =>
    tallyOwnersAssembly({
      registry,
      ballots: Array.from({ length: agree + oppose }, (_, i) => ({
        owner: `o${i}`,
        choice: (i < agree ? 'agree' : 'oppose') as Choice,
      })),
      matter,
      policy: resolvePolicy(shanghai, at),
    });

  it('2011-03-31: 物权法 第76条 — no quorum line; 5 of 10 agreeing is not more than half of all', () => {
    const r = whole('2011-03-31', 5);
    expect(r.explanation.lines.some((l) => l.kind === 'quorum')).toBe(false);
    expect(r.outcome).toBe('rejected');
  });
  for (const at of ['2011-04-01', '2020-12-31']) {
    it(`${at}: 4 (below), 5 (at half), 6 (above) of 10 take part`, () => {
      expect(whole(at, 3, 1).outcome).toBe('noQuorum');
      const half = whole(at, 5);
      expect(half.outcome).toBe('noQuorum');
      expect(half.explanation.lines.find((l) => l.id === 'quorum.headcount')!.reference).toContain(
        '第18条第1款',
      );
      expect(whole(at, 5, 1).outcome).toBe('rejected'); // quorum met; 5/10 of ALL is not > 1/2
      expect(whole(at, 6).outcome).toBe('passed');
    });
    it(`${at}: using the fund needs 2/3 of all — 6 (below), 7 (above; 2/3 of 10 is 6.67)`, () => {
      expect(whole(at, 6, 0, 'useMaintenanceFund').passed).toBe(false);
      expect(whole(at, 7, 0, 'useMaintenanceFund').passed).toBe(true);
      expect(whole(at, 7, 0, 'useMaintenanceFund').explanation.rule.reference).toContain('第18条第2款');
    });
  }
  it('2021-01-01: the Civil Code quorum ≥ 2/3 — 6 of 10 is below, 7 above', () => {
    expect(whole('2021-01-01', 6).outcome).toBe('noQuorum');
    expect(whole('2021-01-01', 7).outcome).toBe('passed');
  });
  it('written proxies from 2011-04-01 (第18条第3款), not before', () => {
    const proxy = (at: string) =>
      param(resolvePolicy(shanghai, at), 'ownersAssembly.proxyRequiresWrittenAuthorisation');
    expect(proxy('2011-03-31').value).toBe(false);
    expect(proxy('2011-04-01').value).toBe(true);
    expect(proxy('2011-04-01').reference).toContain('书面委托书');
    expect(proxy('2020-12-31').value).toBe(true);
    expect(proxy('2021-01-01').value).toBe(true);
    const notice = param(resolvePolicy(shanghai, '2011-04-01'), 'ownersAssembly.noticeDays');
    expect(notice.value).toBe(15);
    expect(notice.reference).toContain('物业管理条例 第14条');
  });
  it('marks every 2010-text value unverified, with the 2018 amendment named in its note', () => {
    const p = resolvePolicy(shanghai, '2015-06-01');
    const from2010 = Object.entries(p.parameters).filter(([, v]) => v.since === '2011-04-01');
    expect(from2010.length).toBeGreaterThanOrEqual(12);
    for (const [, v] of from2010) expect(v.basis).toBe('unverified');
    for (const [name] of from2010)
      expect(shanghai.parameters[name]!.values['2011-04-01']!.note).toContain('2018');
  });
});

describe('第26条: owners’ committee meetings from 2011-04-01', () => {
  const members = MemberRegistry.parse({
    body: 'ownersCommittee',
    members: Array.from({ length: 6 }, (_, i) => ({ id: `m${i}` })),
  });
  const meet = (at: string, present: number, agree: number) =>
    tallyMemberMeeting({
      body: 'ownersCommitteeMeeting',
      members,
      record: MeetingRecord.parse({
        date: at,
        present: Array.from({ length: present }, (_, i) => `m${i}`),
        votes: Array.from({ length: agree }, (_, i) => ({ voter: `m${i}`, choice: 'agree' })),
      }),
      policy: resolvePolicy(shanghai, at),
    });
  it('2011-03-31: no Shanghai committee rule in force yet — refused, naming the parameter', () => {
    expect(() => meet('2011-03-31', 4, 4)).toThrowError(/ownersCommitteeMeeting.quorum/);
  });
  for (const at of ['2011-04-01', '2020-12-31', '2021-01-01']) {
    it(`${at}: > 1/2 of all 6 members present (3 at half fails, 4 passes); > 1/2 of ALL sign (3 fails, 4 passes)`, () => {
      expect(meet(at, 2, 2).outcome).toBe('noQuorum');
      expect(meet(at, 3, 3).outcome).toBe('noQuorum');
      expect(meet(at, 4, 3).outcome).toBe('rejected'); // 3 of 4 present, but not > 1/2 of all 6
      expect(meet(at, 4, 4).outcome).toBe('passed');
      expect(meet(at, 5, 4).outcome).toBe('passed');
      const q = meet(at, 4, 4).explanation.lines.find((l) => l.id === 'quorum.members')!;
      expect(q.reference).toContain('第26条');
    });
  }
});

describe('上海 实施办法 第18条: 10 days’ notice of a villagers’ representative meeting', () => {
  it('is a Shanghai parameter with its reference; the national pack sets none', () => {
    const p = param(resolvePolicy(shanghai, '2026-11-27'), 'villagerRepresentativesMeeting.noticeDays');
    expect(p.value).toBe(10);
    expect(p.reference).toContain('第18条');
    expect(() =>
      param(resolvePolicy(shanghai, '2020-05-13'), 'villagerRepresentativesMeeting.noticeDays'),
    ).toThrow(/not in force|no value/);
  });
});
