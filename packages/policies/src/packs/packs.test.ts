import { param, parsePolicyPack, resolvePolicy, YishiError } from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { ballots, estate, tallyUnder } from '../testing/scenario.js';
import { cnNational } from './cnNational.js';
import { getPolicy, policies } from './registry.js';
import { shanghai } from './shanghai.js';

describe('cn-national', () => {
  it('gives the Property Law rules before 2021 and the Civil Code rules from 2021-01-01', () => {
    const before = resolvePolicy(cnNational, '2020-12-31');
    const after = resolvePolicy(cnNational, '2021-01-01');
    expect(param(before, 'ownersAssembly.quorum').value).toBeNull();
    expect(param(before, 'ownersAssembly.approval.special').value.base).toBe('all');
    expect(param(after, 'ownersAssembly.quorum').value).toEqual({
      area: { num: 2, den: 3, cmp: '>=' },
      headcount: { num: 2, den: 3, cmp: '>=' },
    });
    expect(param(after, 'ownersAssembly.specialMatters').value).toContain('changeCommonUse');
    expect(param(before, 'ownersAssembly.specialMatters').value).toContain('useMaintenanceFund');
    expect(param(after, 'ownersAssembly.approval.special').reference).toContain('民法典 第278条');
  });
  it('has no rules before the Property Law took effect', () => {
    expect(() => param(resolvePolicy(cnNational, '2007-09-30'), 'ownersAssembly.quorum')).toThrow(YishiError);
  });
  it('has no building-subset vote', () => {
    const s = {
      registry: estate(Array(4).fill('10.00')),
      ballots: ballots(['agree', null, 'agree']),
      matter: 'hireManager' as const,
      buildings: ['1'],
      pack: cnNational,
    };
    expect(tallyUnder(s).body).toBe('ownersAssembly');
  });
});

describe('shanghai', () => {
  it('extends the national pack with Shanghai procedure', () => {
    const p = resolvePolicy(shanghai, '2026-11-27');
    expect(param(p, 'ownersAssembly.noticeDays').value).toBe(15);
    expect(param(p, 'ownersAssembly.proxyRequiresWrittenAuthorisation').value).toBe(true);
    expect(param(p, 'ownersAssembly.convenerWithoutCommittee').value).toBe('residentsCommittee');
    expect(param(p, 'buildingSubsetVote.allowed').value).toBe(true);
    expect(param(p, 'ownersCommitteeMeeting.approval').value.base).toBe('members');
    expect(shanghai.extends).toBe('cn-national');
  });
  it('a full scenario: raising the fund, special majority by area fails', () => {
    // 8 owners; 7 take part; 6 agree but the one big opposing flat holds over 1/4 of the area.
    const s = {
      registry: estate(['40.00', '40.00', '40.00', '40.00', '40.00', '40.00', '90.00', '30.00']),
      ballots: ballots(['agree', 'agree', 'agree', 'agree', 'agree', 'agree', 'oppose']),
      matter: 'raiseMaintenanceFund' as const,
    };
    const r = tallyUnder(s);
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.explanation.failures.map((f) => f.code)).toEqual(['APPROVAL_AREA_NOT_MET']);
    expect(r.explanation.summary['zh-CN']).toContain('四分之三以上');
  });
});

describe('registry of packs', () => {
  it('every shipped pack is valid and round-trips through JSON', () => {
    for (const pack of Object.values(policies)) {
      expect(parsePolicyPack(JSON.parse(JSON.stringify(pack)))).toEqual(pack);
    }
  });
  it('an unknown policy is a clear error', () => {
    expect(() => getPolicy('beijing')).toThrow(/unknown policy "beijing"/);
  });
});

describe('every shipped pack in a live engine', () => {
  it('has a version and is within every statutory line at every date it has', async () => {
    const { createEngine } = await import('@yishi/core/engine');
    const { statutoryViolations } = await import('@yishi/core');
    for (const pack of Object.values(policies)) {
      expect(pack.version).toMatch(/^\d{4}\.\d+$/);
      for (const p of Object.values(pack.parameters)) {
        for (const date of Object.keys(p.values)) {
          expect(statutoryViolations(resolvePolicy(pack, date < '1990-01-01' ? '1990-01-01' : date))).toEqual(
            [],
          );
        }
      }
    }
    expect(() =>
      createEngine({ kinds: [], clock: { now: () => 0 }, packs: Object.values(policies) }),
    ).not.toThrow();
  });
  it('declares the repeat-ballot and electronic-voting rules as covenant choices, with the default among them', () => {
    const p = resolvePolicy(shanghai, '2025-03-01');
    expect(p.parameters['ownersAssembly.repeatBallot']?.choices).toEqual([
      'firstCounts',
      'lastCounts',
      'paperOverridesOnline',
    ]);
    expect(p.parameters['ownersAssembly.electronicVoting']?.choices).toContain(
      p.parameters['ownersAssembly.electronicVoting']?.value,
    );
    expect(p.parameters['ownersAssembly.quorum']?.choices).toBeUndefined();
  });
});
