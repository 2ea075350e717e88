import { describe, expect, it } from 'vitest';
import en from '../../intl/en.json';
import zhCN from '../../intl/zh-CN.json';
import { formatMessage } from './format.js';

describe('formatMessage', () => {
  it('fills placeholders', () => {
    expect(formatMessage('还需 {n} 名业主', { n: 12 })).toBe('还需 12 名业主');
  });

  it('leaves unknown placeholders visible', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('selects a branch and falls back to other', () => {
    const m = '{kind, select, quorum {参与表决} other {同意}}';
    expect(formatMessage(m, { kind: 'quorum' })).toBe('参与表决');
    expect(formatMessage(m, { kind: 'approval' })).toBe('同意');
    expect(formatMessage(m)).toBe('同意');
  });

  it('pluralises by exact value, then by CLDR category, with #', () => {
    const m = '{n, plural, =0 {no owner} one {# owner} other {# owners}}';
    expect(formatMessage(m, { n: 0 }, 'en')).toBe('no owner');
    expect(formatMessage(m, { n: 1 }, 'en')).toBe('1 owner');
    expect(formatMessage(m, { n: 12 }, 'en')).toBe('12 owners');
    expect(formatMessage(m, { n: '830' }, 'en')).toBe('830 owners');
  });

  it('nests branches and placeholders', () => {
    const m = '{a, select, x {{b, select, y {X{c}Y} other {Z}}} other {W}}';
    expect(formatMessage(m, { a: 'x', b: 'y', c: '!' })).toBe('X!Y');
    expect(formatMessage(m, { a: 'x', b: 'q' })).toBe('Z');
  });

  it('rejects malformed templates with a message naming them', () => {
    expect(() => formatMessage('{a, select, x {1}}')).toThrow(/other/);
    expect(() => formatMessage('oops }')).toThrow(/unbalanced/);
    expect(() => formatMessage('{a, number}')).toThrow(/unsupported/);
  });

  it('parses every shipped string, and both locales have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const file of [zhCN, en]) {
      for (const template of Object.values(file)) expect(() => formatMessage(template, {})).not.toThrow();
    }
  });
});
