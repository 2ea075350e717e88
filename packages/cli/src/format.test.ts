import { atLeast, MAJORITY, resolvePolicy, tallyOwnersAssembly, UnitRegistry } from '@yishi/core';
import { getPolicy } from '@yishi/policies';
import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  formatParameterValue,
  formatTally,
  padEndDisplay,
  padStartDisplay,
  renderTable,
} from './format.js';

describe('displayWidth', () => {
  it('counts ASCII as 1 and CJK ideographs as 2', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('业主大会')).toBe(8);
    expect(displayWidth('1号楼')).toBe(5);
  });

  it('counts full-width punctuation and forms as 2', () => {
    expect(displayWidth('（）')).toBe(4);
    expect(displayWidth('：，；')).toBe(6);
    expect(displayWidth('「」、。')).toBe(8);
    expect(displayWidth('ＡＢ')).toBe(4);
  });

  it('counts combining marks and zero-width characters as 0', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb')).toBe(2);
  });

  it('counts ambiguous-width symbols as 1 and wide emoji as 2', () => {
    expect(displayWidth('m²')).toBe(2);
    expect(displayWidth('✓✗')).toBe(2);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('𠀀')).toBe(2); // CJK extension B, outside the BMP
  });

  it('pads by display width', () => {
    expect(padEndDisplay('同意', 6)).toBe('同意  ');
    expect(padStartDisplay('同意', 6)).toBe('  同意');
    expect(padEndDisplay('同意同意', 4)).toBe('同意同意');
  });
});

describe('renderTable', () => {
  it('aligns columns that mix Chinese and ASCII', () => {
    const lines = renderTable(
      ['项目', 'count', '门槛'],
      [
        ['参与表决的业主人数', '40 / 50', '三分之二以上'],
        ['area', '1.00 / 2.00 m²', '过半数'],
      ],
      ['l', 'r', 'l'],
    );
    // Every row's third column starts at the same display column.
    const starts = lines
      .filter((l) => !l.includes('---'))
      .map((l) => {
        const cell = ['门槛', '三分之二以上', '过半数'].find((c) => l.includes(c))!;
        return displayWidth(l.slice(0, l.indexOf(cell)));
      });
    expect(new Set(starts).size).toBe(1);
    expect(lines[1]).toMatch(/^ {2}-+ {2}-+ {2}-+$/);
    // no trailing spaces
    for (const l of lines) expect(l).toBe(l.trimEnd());
  });
});

describe('formatParameterValue', () => {
  it('words thresholds the way the law does', () => {
    expect(formatParameterValue(atLeast(2, 3), 'zh-CN')).toBe('三分之二以上');
    expect(formatParameterValue(MAJORITY, 'zh-CN')).toBe('过半数');
    expect(formatParameterValue(MAJORITY, 'en')).toBe('more than half');
    expect(
      formatParameterValue({ area: atLeast(3, 4), headcount: atLeast(3, 4), base: 'participants' }, 'zh-CN'),
    ).toBe('面积四分之三以上且人数四分之三以上（占参与表决者）');
    expect(formatParameterValue({ threshold: MAJORITY, base: 'members' }, 'en')).toBe(
      'more than half (of all members)',
    );
  });

  it('shows null, booleans and lists plainly', () => {
    expect(formatParameterValue(null, 'zh-CN')).toBe('无');
    expect(formatParameterValue(null, 'en')).toBe('none');
    expect(formatParameterValue(true, 'zh-CN')).toBe('是');
    expect(formatParameterValue(['register', 'survey'], 'en')).toBe('register, survey');
    expect(formatParameterValue(15, 'en')).toBe('15');
  });
});

describe('formatTally', () => {
  const registry = UnitRegistry.parse({
    units: [
      { id: 'A-1', building: 'A', area: '100.00', owner: 'a' },
      { id: 'A-2', building: 'A', area: '80.00', owner: 'b' },
      { id: 'A-3', building: 'A', area: '120.00', owner: 'c' },
    ],
  });
  const pack = getPolicy('cn-national');

  it('prints header, counts, lines, parameters and the summary in Chinese', () => {
    const policy = resolvePolicy(pack, '2025-06-01');
    const result = tallyOwnersAssembly({
      registry,
      ballots: [
        { owner: 'a', choice: 'agree' },
        { owner: 'b', choice: 'oppose' },
        { owner: 'c', choice: 'oppose' },
      ],
      matter: 'hireManager',
      policy,
    });
    const text = formatTally(result, { lang: 'zh-CN', policyTitle: policy.title });
    expect(text).toContain('【业主大会】表决结果');
    expect(text).toContain('选聘和解聘物业服务企业或者其他管理人（hireManager）');
    expect(text).toContain('全国（民法典 / 物权法） · cn-national，适用 2025-06-01 施行的规定');
    expect(text).toContain('改革情景  无');
    expect(text).toContain('✗ 未通过');
    expect(text).toMatch(/表决 +同意的业主人数 +1 \/ 3 人 +33\.33% +过半数 +✗ +1 人/);
    expect(text).toContain('APPROVAL_HEADCOUNT_NOT_MET');
    expect(text).toContain('ownersAssembly.approval.ordinary');
    expect(text).toContain('2021-01-01');
    expect(text).toMatch(/\n结论：「选聘和解聘物业服务企业或者其他管理人」未获通过/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('prints the same report in English, with reform titles', () => {
    const policy = resolvePolicy(pack, '2025-06-01');
    const result = tallyOwnersAssembly({
      registry,
      ballots: [
        { owner: 'a', choice: 'agree' },
        { owner: 'b', choice: 'agree' },
        { owner: 'c', choice: 'abstain' },
      ],
      matter: 'hireManager',
      policy,
    });
    const withReform = { ...result, policy: { ...result.policy, reforms: ['x'] } };
    const text = formatTally(withReform, {
      lang: 'en',
      policyTitle: policy.title,
      reformTitles: { x: { 'zh-CN': '某改革', en: 'Some reform' } },
    });
    expect(text).toContain('Owners’ assembly: tally');
    expect(text).toContain('Reforms  x (Some reform)');
    expect(text).toContain('✓ adopted');
    expect(text).toContain('Lines checked');
    expect(text).toContain('more than half');
    expect(text).toMatch(/Summary: “Hiring or dismissing the property manager” is adopted/);
  });
});
