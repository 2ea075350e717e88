import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { YishiError } from '../errors/YishiError.js';
import { fixturePack } from '../testing/fixturePolicy.js';
import { parsePolicyPack } from './pack.js';
import { defineReform, setParameter } from './reform.js';
import { param, resolvePolicy } from './resolve.js';

const error = (f: () => unknown): YishiError => {
  try {
    f();
  } catch (e) {
    return e as YishiError;
  }
  throw new Error('expected an error');
};

describe('policy packs', () => {
  it('rejects a malformed value with the path of the bad field', () => {
    const bad = produce(fixturePack, (d) => {
      (
        d.parameters['ownersAssembly.quorum']!.values['2021-01-01']!.value as { area: { den: number } }
      ).area.den = 0;
    });
    const e = error(() => parsePolicyPack(bad));
    expect(e.code).toBe('INVALID_POLICY');
    expect(e.issues[0]?.path).toBe('parameters["ownersAssembly.quorum"].values["2021-01-01"].value.area.den');
  });

  it('rejects an unknown parameter name and a non-existent date', () => {
    const e = error(() =>
      parsePolicyPack({
        ...fixturePack,
        parameters: { 'ownersAssembly.quorom': { values: { '2021-01-01': { value: 1, reference: 'x' } } } },
      }),
    );
    expect(e.issues[0]?.path).toBe('parameters["ownersAssembly.quorom"]');
    const d = error(() =>
      parsePolicyPack({
        ...fixturePack,
        parameters: {
          'publicity.meetingResultDays': { values: { '2023-02-29': { value: 5, reference: 'x' } } },
        },
      }),
    );
    expect(d.message).toContain('2023-02-29');
  });

  it('rejects an inconsistent pack: a special majority below the ordinary one', () => {
    const bad = produce(fixturePack, (d) => {
      setParameter(
        d,
        'ownersAssembly.approval.special',
        {
          area: { num: 1, den: 3, cmp: '>=' },
          headcount: { num: 3, den: 4, cmp: '>=' },
          base: 'participants',
        },
        { reference: 'x', from: '2021-01-01' },
      );
    });
    expect(error(() => parsePolicyPack(bad)).issues[0]?.path).toBe(
      'parameters["ownersAssembly.approval.special"].values["2021-01-01"].value.area',
    );
  });

  it('looks up the newest value in force at a date', () => {
    const pack = produce(fixturePack, (d) => {
      setParameter(d, 'publicity.meetingResultDays', 5, { from: '2020-01-01', reference: 'a' });
      d.parameters['publicity.meetingResultDays']!.values['2024-01-01'] = {
        value: 7,
        reference: 'b',
        basis: 'law',
      };
    });
    expect(param(resolvePolicy(pack, '2023-12-31'), 'publicity.meetingResultDays')).toMatchObject({
      value: 5,
      since: '2020-01-01',
    });
    expect(param(resolvePolicy(pack, '2024-01-01'), 'publicity.meetingResultDays')).toMatchObject({
      value: 7,
      since: '2024-01-01',
    });
    expect(error(() => param(resolvePolicy(pack, '2019-12-31'), 'publicity.meetingResultDays')).code).toBe(
      'PARAMETER_NOT_IN_FORCE',
    );
  });

  it('applies reforms as pure functions and records them', () => {
    const r = defineReform(
      { id: 'x', title: { 'zh-CN': 'x', en: 'x' }, description: { 'zh-CN': 'x', en: 'x' } },
      (d) => setParameter(d, 'ownersAssembly.nonVoters', 'followMajority', { reference: 'test' }),
    );
    const before = JSON.stringify(fixturePack);
    const p = resolvePolicy(fixturePack, '2026-01-01', { reforms: [r] });
    expect(JSON.stringify(fixturePack)).toBe(before);
    expect(p.reforms).toEqual(['x']);
    expect(param(p, 'ownersAssembly.nonVoters').value).toBe('followMajority');
  });

  it('rejects a bad date', () => {
    expect(error(() => resolvePolicy(fixturePack, '2026-13-01')).code).toBe('INVALID_INPUT');
  });
});
