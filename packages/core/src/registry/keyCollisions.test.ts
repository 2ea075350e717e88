import { describe, expect, it } from 'vitest';
import { findKeyCollisions, foldKey } from './keyCollisions.js';

describe('findKeyCollisions', () => {
  it('folds case and full-width forms', () => {
    expect(foldKey('Ａ１０１')).toBe('a101');
    expect(foldKey('A101')).toBe('a101');
    expect(foldKey('Straße')).toBe(foldKey('STRASSE'));
  });

  it('reports two keys that differ only by case, naming both and where the first is', () => {
    const c = findKeyCollisions(['a101', 'b', 'A101'], 'owner', 'units');
    expect(c).toEqual([
      {
        key: 'A101',
        index: 2,
        other: 'a101',
        otherIndex: 0,
        message:
          'owner "A101" differs from owner "a101" (at units[0]) only by case or full-width/half-width form (仅大小写或全角/半角不同); check whether they are the same',
      },
    ]);
  });

  it('reports full-width against half-width, once per distinct key', () => {
    const c = findKeyCollisions(['A101', 'Ａ１０１', 'Ａ１０１', 'a101'], 'id', 'units');
    expect(c.map((x) => [x.key, x.index, x.other, x.otherIndex])).toEqual([
      ['Ａ１０１', 1, 'A101', 0],
      ['a101', 3, 'A101', 0],
    ]);
  });

  it('does not report equal keys (one owner with several units) or different keys', () => {
    expect(findKeyCollisions(['张三', '张三', '李四', 'A1', 'A2'], 'owner', 'units')).toEqual([]);
  });
});

describe('findKeyCollisions on keys that need no folding', () => {
  it('finds a collision whatever its position among plain keys', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `o${i}`);
    keys.push('O7', '张三', '张三');
    expect(findKeyCollisions(keys, 'owner', 'units').map((c) => [c.key, c.index, c.otherIndex])).toEqual([
      ['O7', 50, 7],
    ]);
    expect(foldKey('张三')).toBe('张三');
    expect(foldKey('ｏ7')).toBe('o7');
  });
});
