import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { YishiError } from '../errors/YishiError.js';
import { setParameter } from '../policy/reform.js';
import { resolvePolicy } from '../policy/resolve.js';
import type { Ballot, Choice } from '../registry/ballots.js';
import { UnitRegistry } from '../registry/units.js';
import { fixturePack, fixturePolicy as policy } from '../testing/fixturePolicy.js';
import { tallyOwnersAssembly } from './ownersAssembly.js';

/** An estate with one unit per owner o0, o1, … of the given areas. */
function estate(areas: readonly string[]): UnitRegistry {
  return UnitRegistry.parse({
    units: areas.map((area, i) => ({ id: `u${i}`, building: i % 2 ? 'B' : 'A', area, owner: `o${i}` })),
  });
}
const vote = (choices: readonly (Choice | null)[]): Ballot[] =>
  choices.flatMap((choice, i) => (choice ? [{ owner: `o${i}`, choice }] : []));
const line = (r: ReturnType<typeof tallyOwnersAssembly>, id: string) =>
  r.explanation.lines.find((l) => l.id === id)!;

describe('owners’ assembly quorum (民法典 第278条第2款: 双三分之二以上参与)', () => {
  // Six owners of 33.34 m² take part; one owner of `big` m² does not. Headcount 6/7 is met, so
  // only the area line is at stake: 200.04 / (200.04 + 100.02) is exactly 2/3.
  const byArea = (big: string) =>
    tallyOwnersAssembly({
      registry: estate(['33.34', '33.34', '33.34', '33.34', '33.34', '33.34', big]),
      ballots: vote(['agree', 'agree', 'agree', 'agree', 'agree', 'agree', null]),
      matter: 'hireManager',
      policy,
    });
  it('area: just below, at and just above 2/3', () => {
    expect(line(byArea('100.03'), 'quorum.area').met).toBe(false);
    expect(byArea('100.03').outcome).toBe('noQuorum');
    expect(line(byArea('100.02'), 'quorum.area').met).toBe(true);
    expect(byArea('100.02').outcome).toBe('passed');
    expect(line(byArea('100.01'), 'quorum.area').met).toBe(true);
    expect(line(byArea('100.03'), 'quorum.headcount').met).toBe(true);
  });

  it('area: says how much more must take part', () => {
    const r = byArea('100.03');
    const l = line(r, 'quorum.area');
    // 2/3 of 300.07 is 200.046…, so 200.05 is needed: 0.01 m² more.
    expect(l.gap.display).toBe('0.01');
    expect(l.percent).toBe('66.66%');
    expect(r.explanation.failures.map((f) => f.code)).toEqual(['QUORUM_AREA_NOT_MET']);
    expect(r.explanation.summary['zh-CN']).toContain('0.01 m²');
  });

  // Nine owners of equal area: 6 of 9 is exactly 2/3.
  const byHead = (n: number) =>
    tallyOwnersAssembly({
      registry: estate(Array(9).fill('50.00')),
      ballots: vote(Array.from({ length: 9 }, (_, i) => (i < n ? 'agree' : null))),
      matter: 'hireManager',
      policy,
    });
  it('headcount: just below, at and just above 2/3', () => {
    expect(line(byHead(5), 'quorum.headcount').met).toBe(false);
    expect(line(byHead(6), 'quorum.headcount').met).toBe(true);
    expect(line(byHead(7), 'quorum.headcount').met).toBe(true);
    expect(byHead(5).explanation.summary.en).toContain('1 more owner');
  });

  it('decides exactly where floating point would not', () => {
    // 0.01 + 2.05 of 3.09 m² is exactly 2/3; (0.01 + 2.05) / 3.09 in floats is 0.6666666666666665.
    expect((0.01 + 2.05) / (0.01 + 2.05 + 1.03) >= 2 / 3).toBe(false);
    const r = tallyOwnersAssembly({
      registry: estate(['0.01', '2.05', '1.03']),
      ballots: vote(['agree', 'agree', null]),
      matter: 'hireManager',
      policy,
    });
    expect(line(r, 'quorum.area').met).toBe(true);
  });
});

describe('approval (特别多数 3/4; 普通多数 过半数) among participants', () => {
  // Everyone takes part. Area: agree a / total; headcount fixed comfortably.
  const special = (agreeBig: string, opposeBig: string) =>
    tallyOwnersAssembly({
      // o0..o3 agree (small), o4..o5 oppose? Keep headcount 3/4 clearly met: 7 agree of 8.
      registry: estate(['1.00', '1.00', '1.00', '1.00', '1.00', '1.00', agreeBig, opposeBig]),
      ballots: vote(['agree', 'agree', 'agree', 'agree', 'agree', 'agree', 'agree', 'oppose']),
      matter: 'rebuild',
      policy,
    });
  it('special, by area: below, at and above 3/4', () => {
    // agree area = 6 + x, oppose y; at 3/4 exactly when 6 + x = 3y: x = 294, y = 100
    expect(line(special('293.99', '100.00'), 'approval.area').met).toBe(false);
    expect(line(special('294.00', '100.00'), 'approval.area').met).toBe(true);
    expect(line(special('294.01', '100.00'), 'approval.area').met).toBe(true);
    expect(special('293.99', '100.00').explanation.failures[0]?.code).toBe('APPROVAL_AREA_NOT_MET');
    expect(special('293.99', '100.00').outcome).toBe('rejected');
  });

  const specialHead = (agree: number) =>
    tallyOwnersAssembly({
      registry: estate(Array(12).fill('10.00')),
      ballots: vote(Array.from({ length: 12 }, (_, i) => (i < agree ? 'agree' : 'oppose'))),
      matter: 'raiseMaintenanceFund',
      policy,
    });
  it('special, by headcount: 8, 9 and 10 of 12', () => {
    expect(line(specialHead(8), 'approval.headcount').met).toBe(false);
    expect(line(specialHead(9), 'approval.headcount').met).toBe(true);
    expect(line(specialHead(10), 'approval.headcount').met).toBe(true);
  });

  const ordinaryHead = (agree: number) =>
    tallyOwnersAssembly({
      registry: estate(Array(10).fill('10.00')),
      ballots: vote(Array.from({ length: 10 }, (_, i) => (i < agree ? 'agree' : 'oppose'))),
      matter: 'electCommittee',
      policy,
    });
  it('ordinary, by headcount: exactly half is not 过半数', () => {
    expect(line(ordinaryHead(4), 'approval.headcount').met).toBe(false);
    expect(line(ordinaryHead(5), 'approval.headcount').met).toBe(false);
    expect(line(ordinaryHead(6), 'approval.headcount').met).toBe(true);
    expect(ordinaryHead(5).explanation.rule.id).toBe('ownersAssembly.ordinary');
  });

  const ordinaryArea = (agreeArea: string) =>
    tallyOwnersAssembly({
      registry: estate([agreeArea, '1.00', '1.00', '50.00']),
      ballots: vote(['agree', 'agree', 'agree', 'oppose']),
      matter: 'useMaintenanceFund',
      policy,
    });
  it('ordinary, by area: below, at and above one half', () => {
    // agree = x + 2, oppose 50: half exactly when x + 2 = 50
    expect(line(ordinaryArea('47.99'), 'approval.area').met).toBe(false);
    expect(line(ordinaryArea('48.00'), 'approval.area').met).toBe(false);
    expect(line(ordinaryArea('48.01'), 'approval.area').met).toBe(true);
  });

  it('counts an abstaining participant as a non-approval (plain reading)', () => {
    const r = tallyOwnersAssembly({
      registry: estate(Array(4).fill('10.00')),
      ballots: vote(['agree', 'agree', 'abstain', 'oppose']),
      matter: 'hireManager',
      policy,
    });
    expect(r.counts.participating.owners).toBe(4);
    expect(r.passed).toBe(false);
  });
});

describe('treatments of abstentions, invalid ballots and non-voters', () => {
  const with_ = (name: Parameters<typeof setParameter>[1], value: unknown) =>
    resolvePolicy(
      produce(fixturePack, (d) => setParameter(d, name, value as never, { reference: 'test' })),
      '2026-11-27',
    );
  const reg = estate(Array(10).fill('10.00'));
  const ballots = vote([
    'agree',
    'agree',
    'agree',
    'agree',
    'abstain',
    'abstain',
    'oppose',
    null,
    null,
    'invalid',
  ]);

  it('abstentions excluded from participation', () => {
    const r = tallyOwnersAssembly({
      registry: reg,
      ballots,
      matter: 'hireManager',
      policy: with_('ownersAssembly.abstentions', 'excludedFromParticipation'),
    });
    expect(r.counts.participating.owners).toBe(6); // 4 agree, 1 oppose, 1 invalid
    expect(r.quorumMet).toBe(false);
  });

  it('invalid ballots excluded from participation', () => {
    const r = tallyOwnersAssembly({
      registry: reg,
      ballots,
      matter: 'hireManager',
      policy: with_('ownersAssembly.invalidBallots', 'excludedFromParticipation'),
    });
    expect(r.counts.participating.owners).toBe(7);
  });

  it('从众: non-voters join the majority when the floor is met', () => {
    const r = tallyOwnersAssembly({
      registry: reg,
      ballots,
      matter: 'hireManager',
      policy: with_('ownersAssembly.nonVoters', 'followMajority'),
    });
    expect(r.counts.followMajority).toEqual({ applied: true, side: 'agree' });
    expect(r.counts.participating.owners).toBe(10);
    expect(r.counts.agree.owners).toBe(6);
    expect(r.passed).toBe(true);
  });

  it('送达视为参与: non-voters count towards the quorum but not as approving', () => {
    const r = tallyOwnersAssembly({
      registry: reg,
      ballots,
      matter: 'hireManager',
      policy: with_('ownersAssembly.nonVoters', 'deliveredCountsAsParticipation'),
    });
    expect(r.counts.participating.owners).toBe(10);
    expect(r.counts.agree.owners).toBe(4);
    expect(r.passed).toBe(false);
  });

  it('electronic ballots under a policy that does not accept them', () => {
    const b: Ballot[] = vote(Array(7).fill('agree')).map((x, i) => (i < 2 ? { ...x, channel: 'online' } : x));
    const r = tallyOwnersAssembly({
      registry: reg,
      ballots: b,
      matter: 'hireManager',
      policy: with_('ownersAssembly.electronicVoting', 'none'),
    });
    expect(r.counts.excludedByChannel.ballots).toBe(2);
    expect(r.counts.participating.owners).toBe(5);
    expect(r.quorumMet).toBe(false);
  });
});

describe('bad ballots are rejected with their index', () => {
  const reg = estate(['10.00', '10.00']);
  it('an owner not in the registry', () => {
    const e = (() => {
      try {
        tallyOwnersAssembly({
          registry: reg,
          ballots: [{ owner: 'zz', choice: 'agree' }],
          matter: 'hireManager',
          policy,
        });
      } catch (err) {
        return err as YishiError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(YishiError);
    expect(e?.code).toBe('BALLOT_UNKNOWN_OWNER');
    expect(e?.issues[0]).toMatchObject({ index: 0, field: 'owner', received: 'zz' });
  });
  it('two ballots from one owner', () => {
    expect(() =>
      tallyOwnersAssembly({
        registry: reg,
        ballots: [
          { owner: 'o0', choice: 'agree' },
          { owner: 'o0', choice: 'oppose' },
        ],
        matter: 'hireManager',
        policy,
      }),
    ).toThrowError(/already voted at ballots\[0\]/);
  });
  it('an owner of only unsold units is told they vote as the developer', () => {
    const r = UnitRegistry.parse({
      units: [{ id: 'a', building: '1', area: '1.00', owner: 'x', status: 'unsold' }],
    });
    expect(() =>
      tallyOwnersAssembly({
        registry: r,
        ballots: [{ owner: 'x', choice: 'agree' }],
        matter: 'hireManager',
        policy,
      }),
    ).toThrowError(/developer/);
  });
});

describe('building-subset vote (上海规定 第69条)', () => {
  it('counts only the building’s owners and uses the subset lines', () => {
    const r = tallyOwnersAssembly({
      registry: estate(Array(6).fill('10.00')),
      ballots: vote(['agree', null, 'agree', null, 'agree', null]),
      matter: 'raiseMaintenanceFund',
      policy,
      buildings: ['A'],
    });
    expect(r.body).toBe('buildingSubsetVote');
    expect(r.counts.total.owners).toBe(3);
    expect(r.passed).toBe(true);
    expect(r.explanation.rule.id).toBe('buildingSubsetVote.special');
  });
});

describe('invariants (property tests)', () => {
  const arb = fc
    .array(
      fc.tuple(
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom<Choice | null>('agree', 'oppose', 'abstain', 'invalid', null),
      ),
      { minLength: 1, maxLength: 40 },
    )
    .map((rows) => {
      const units = rows.map(([c, owner], i) => ({
        id: `u${i}`,
        building: 'A',
        area: `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`,
        owner: `o${owner}`,
      }));
      const owners = [...new Set(units.map((u) => u.owner))];
      const ballots: Ballot[] = owners.flatMap((o, i) => {
        const ch = rows[i % rows.length]![2];
        return ch ? [{ owner: o, choice: ch }] : [];
      });
      return { registry: UnitRegistry.parse({ units }), ballots };
    });
  const matter = fc.constantFrom(
    'hireManager',
    'rebuild',
    'changeCommonUse',
    'useMaintenanceFund',
  ) as fc.Arbitrary<'hireManager'>;

  it('adding an agree ballot never turns a pass into a fail', () => {
    fc.assert(
      fc.property(arb, matter, ({ registry, ballots }, m) => {
        const before = tallyOwnersAssembly({ registry, ballots, matter: m, policy });
        const voted = new Set(ballots.map((b) => b.owner));
        const next = registry.units.map((u) => u.owner).find((o) => !voted.has(o));
        if (!next) return;
        const after = tallyOwnersAssembly({
          registry,
          ballots: [...ballots, { owner: next, choice: 'agree' }],
          matter: m,
          policy,
        });
        if (before.passed) expect(after.passed).toBe(true);
      }),
    );
  });

  it('area and headcount are conserved', () => {
    fc.assert(
      fc.property(arb, ({ registry, ballots }) => {
        const r = tallyOwnersAssembly({ registry, ballots, matter: 'hireManager', policy });
        const c = r.counts;
        const centi = (s: string) => Math.round(Number(s) * 100);
        const sides = [c.agree, c.oppose, c.abstain, c.invalid, c.notVoted];
        expect(sides.reduce((s, x) => s + x.owners, 0)).toBe(c.total.owners);
        expect(sides.reduce((s, x) => s + centi(x.area), 0)).toBe(centi(c.total.area));
        const unitSum = registry.units.reduce((s, u) => s + centi(u.area!), 0);
        expect(centi(c.total.area)).toBe(unitSum);
      }),
    );
  });

  it('the result does not depend on ballot order', () => {
    fc.assert(
      fc.property(arb, fc.integer(), ({ registry, ballots }, seed) => {
        const shuffled = [...ballots].sort(
          (a, b) => ((a.owner.charCodeAt(1) * 31 + seed) % 7) - ((b.owner.charCodeAt(1) * 31 + seed) % 7),
        );
        const a = tallyOwnersAssembly({ registry, ballots, matter: 'rebuild', policy });
        const b = tallyOwnersAssembly({ registry, ballots: shuffled, matter: 'rebuild', policy });
        expect(b).toEqual(a);
      }),
    );
  });
});

describe('a result shows the rules it was counted under, covenant choices included', () => {
  it('pack, version, date, and each parameter the estate chose, in the summary and the trace', () => {
    const base = resolvePolicy({ ...fixturePack, version: '2025.1' }, '2025-01-01');
    const p = base.parameters['ownersAssembly.electronicVoting']!;
    const chosen = {
      ...base,
      parameters: {
        ...base.parameters,
        'ownersAssembly.electronicVoting': {
          ...p,
          value: 'officialPlatformOnly',
          covenant: '本小区议事规则 第9条',
        },
      },
    };
    const r = tallyOwnersAssembly({
      registry: estate(['10.00', '10.00', '10.00']),
      ballots: vote(['agree', 'agree', 'agree']),
      matter: 'hireManager',
      policy: chosen,
    });
    expect(r.policy).toMatchObject({ id: fixturePack.id, version: '2025.1', at: '2025-01-01' });
    expect(r.policy.covenant).toEqual([
      {
        parameter: 'ownersAssembly.electronicVoting',
        value: 'officialPlatformOnly',
        reference: '本小区议事规则 第9条',
      },
    ]);
    const trace = r.explanation.parameters.find((t) => t.name === 'ownersAssembly.electronicVoting');
    expect(trace).toMatchObject({ value: 'officialPlatformOnly', covenant: '本小区议事规则 第9条' });
    expect(
      tallyOwnersAssembly({
        registry: estate(['10.00']),
        ballots: vote(['agree']),
        matter: 'hireManager',
        policy: base,
      }).policy.covenant,
    ).toBeUndefined();
  });
});
