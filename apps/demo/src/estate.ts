import type { Ballot, UnitRegistry } from '@yishi/core';

/**
 * 示例小区「梧桐苑」: 40 units in 3 buildings. Building 3's top two floors are unsold and belong
 * to the developer (建设单位), who together counts as one owner (司法解释 第9条); 周建华 owns two
 * units and is one owner with their areas summed.
 */
export const DEVELOPER = '梧桐置业有限公司';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许';
const GIVEN = [
  '芳',
  '伟',
  '敏',
  '洋',
  '静',
  '磊',
  '丽',
  '勇',
  '婷',
  '强',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '平',
  '刚',
  '桂英',
  '玉兰',
  '建华',
  '志强',
  '海燕',
  '晓东',
  '丽华',
  '国平',
  '建国',
  '红梅',
  '文博',
  '思远',
  '雨桐',
  '子涵',
  '欣怡',
];

// Floor plans: two units a floor; areas in m² with two decimals, as on the property register.
const BUILDINGS = [
  { building: '1', floors: 7, areas: ['89.50', '112.30'] },
  { building: '2', floors: 7, areas: ['76.80', '98.45'] },
  { building: '3', floors: 6, areas: ['132.60', '105.25'] },
] as const;

const UNSOLD = new Set(['3-501', '3-502', '3-601', '3-602']);

function buildRegistry(): UnitRegistry {
  const units: UnitRegistry['units'] = [];
  let person = 0;
  for (const b of BUILDINGS) {
    for (let floor = 1; floor <= b.floors; floor++) {
      b.areas.forEach((area, i) => {
        const id = `${b.building}-${floor}0${i + 1}`;
        if (UNSOLD.has(id)) {
          units.push({ id, building: b.building, area, owner: DEVELOPER, status: 'unsold' });
          return;
        }
        // 1-702 belongs to the owner of 1-701: one owner, two units.
        const owner = id === '1-702' ? ownerName(person - 1) : ownerName(person++);
        units.push({ id, building: b.building, area, owner, status: 'delivered' });
      });
    }
  }
  return { developer: DEVELOPER, estate: '梧桐苑', units };
}

function ownerName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`;
}

export const registry: UnitRegistry = buildRegistry();

export interface OwnerRow {
  owner: string;
  building: string;
  units: string[];
  /** m², two decimals (display; the core sums exactly). */
  area: string;
  developer: boolean;
}

/** One row per owner key, in register order: the ballot editor's rows. */
export const owners: readonly OwnerRow[] = (() => {
  const rows = new Map<string, OwnerRow>();
  const centi = new Map<string, number>();
  for (const u of registry.units) {
    const key = u.status === 'delivered' ? u.owner : DEVELOPER;
    const row = rows.get(key) ?? {
      owner: key,
      building: u.building,
      units: [],
      area: '',
      developer: key === DEVELOPER,
    };
    row.units.push(u.id);
    rows.set(key, row);
    const [int = '0', frac = '0'] = (u.area ?? '0').split('.');
    centi.set(key, (centi.get(key) ?? 0) + Number(int) * 100 + Number(frac.padEnd(2, '0')));
  }
  for (const row of rows.values()) {
    const c = centi.get(row.owner) ?? 0;
    row.area = `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  }
  return [...rows.values()];
})();

export type ChoiceOrNone = Ballot['choice'] | 'none';

/**
 * The ballots the demo opens with: 22 of 36 owners have voted, just short of the 2/3 quorum.
 * The first four owners of building 1 have not voted yet, so a keyboard user reaches them first.
 */
export function initialChoices(): Record<string, ChoiceOrNone> {
  const choices: Record<string, ChoiceOrNone> = {};
  owners.forEach((row, i) => {
    if (row.developer || i < 4 || (i >= 13 && i <= 21)) choices[row.owner] = 'none';
    else choices[row.owner] = i % 7 === 0 ? 'oppose' : i % 11 === 0 ? 'abstain' : 'agree';
  });
  return choices;
}

export function toBallots(choices: Readonly<Record<string, ChoiceOrNone>>): Ballot[] {
  const ballots: Ballot[] = [];
  for (const row of owners) {
    const choice = choices[row.owner] ?? 'none';
    if (choice !== 'none') ballots.push({ owner: row.owner, choice });
  }
  return ballots;
}
