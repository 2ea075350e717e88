/**
 * The lines a statute draws, as data: no policy pack, covenant choice or process may go below
 * them in a live engine. A reform may (that is what simulation is for), and the engine then marks
 * every process it runs as a simulation.
 *
 * A floor is dated like a parameter (the statute's effective date) and is compared with the value
 * a policy has in force on its own date. "At least as strict" is decided exactly:
 * - a threshold is at least as strict as another if its fraction is larger (integer
 *   cross-multiplication), or equal with a comparator no weaker (`>` is stricter than `>=`);
 * - a double line is at least as strict if both its area and its headcount lines are, and its base
 *   is no wider: a line over all owners (物权法 第76条) is stricter than the same line over those who
 *   took part (民法典 第278条);
 * - "no quorum" (null) is weaker than any quorum;
 * - a headcount line over everyone (a body's members, or all eligible) is stricter than the same
 *   line over those present;
 * - a day count is at least as strict if it is no shorter;
 * - a list of special matters is at least as strict if it contains every matter of the floor.
 */
import type { Threshold } from '../arith/threshold.js';
import type { YishiIssue } from '../errors/YishiError.js';
import type { DoubleApproval, DoubleThreshold, HeadcountRule, ParameterName } from './parameters.js';
import type { ResolvedPolicy } from './resolve.js';

type Floor =
  | { type: 'threshold'; value: Threshold }
  | { type: 'double'; value: DoubleThreshold }
  | { type: 'approval'; value: DoubleApproval }
  | { type: 'headcount'; value: HeadcountRule }
  | { type: 'days'; value: number }
  | { type: 'includes'; value: readonly string[] };

export interface StatutoryFloor {
  parameter: ParameterName;
  /** The statute's effective date (YYYY-MM-DD): the floor binds policies dated on or after it. */
  since: string;
  /** Until (exclusive) when a later statute replaced it. */
  until?: string;
  reference: string;
  floor: Floor;
}

const gte = (num: number, den: number): Threshold => ({ num, den, cmp: '>=' });
const gt = (num: number, den: number): Threshold => ({ num, den, cmp: '>' });

/** One floor: a parameter, the statute's effective date and article, and its line. */
const line = (parameter: ParameterName, since: string, reference: string, floor: Floor): StatutoryFloor => ({
  parameter,
  since,
  reference,
  floor,
});

const days = (value: number): Floor => ({ type: 'days', value });
const share = (value: Threshold): Floor => ({ type: 'threshold', value });
const headcount = (threshold: Threshold, base: HeadcountRule['base']): Floor => ({
  type: 'headcount',
  value: { threshold, base },
});

const CIVIL_CODE = '民法典 第278条第2款';
const PROPERTY_LAW = '物权法 第76条';
const CIVIL_CODE_FROM = '2021-01-01';
const PROPERTY_LAW_FROM = '2007-10-01';

const ownersLines = (prefix: 'ownersAssembly' | 'buildingSubsetVote', ref: string): StatutoryFloor[] => [
  {
    parameter: `${prefix}.quorum`,
    since: CIVIL_CODE_FROM,
    reference: ref,
    floor: { type: 'double', value: { area: gte(2, 3), headcount: gte(2, 3) } },
  },
  {
    parameter: `${prefix}.approval.special`,
    since: CIVIL_CODE_FROM,
    reference: ref,
    floor: { type: 'approval', value: { area: gte(3, 4), headcount: gte(3, 4), base: 'participants' } },
  },
  {
    parameter: `${prefix}.approval.ordinary`,
    since: CIVIL_CODE_FROM,
    reference: ref,
    floor: { type: 'approval', value: { area: gt(1, 2), headcount: gt(1, 2), base: 'participants' } },
  },
];

/** Every statutory floor yishi knows, newest statute last. */
export const STATUTORY_FLOORS: readonly StatutoryFloor[] = Object.freeze([
  // 物权法 (2007-10-01 to 2020-12-31): two thirds of all for the fund and rebuilding, more than half
  // of all otherwise; no participation quorum.
  {
    parameter: 'ownersAssembly.approval.special',
    since: PROPERTY_LAW_FROM,
    until: CIVIL_CODE_FROM,
    reference: PROPERTY_LAW,
    floor: { type: 'approval', value: { area: gte(2, 3), headcount: gte(2, 3), base: 'all' } },
  },
  {
    parameter: 'ownersAssembly.approval.ordinary',
    since: PROPERTY_LAW_FROM,
    until: CIVIL_CODE_FROM,
    reference: PROPERTY_LAW,
    floor: { type: 'approval', value: { area: gt(1, 2), headcount: gt(1, 2), base: 'all' } },
  },
  {
    parameter: 'ownersAssembly.specialMatters',
    since: PROPERTY_LAW_FROM,
    until: CIVIL_CODE_FROM,
    reference: `${PROPERTY_LAW} 第2款 (筹集和使用维修资金、改建重建)`,
    floor: { type: 'includes', value: ['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild'] },
  },
  ...ownersLines('ownersAssembly', CIVIL_CODE),
  {
    parameter: 'ownersAssembly.specialMatters',
    since: CIVIL_CODE_FROM,
    reference: '民法典 第278条第2款 (第六项至第八项)',
    floor: { type: 'includes', value: ['raiseMaintenanceFund', 'rebuild', 'changeCommonUse'] },
  },
  ...ownersLines('buildingSubsetVote', '上海市住宅物业管理规定 第69条; 民法典 第278条第2款'),
  line('ownersAssembly.noticeDays', '2003-09-01', '物业管理条例 第14条 (15日以前)', days(15)),
  line(
    'residentsMeeting.quorum',
    '1990-01-01',
    '城市居民委员会组织法 第9条 (过半数出席)',
    headcount(gt(1, 2), 'members'),
  ),
  line(
    'residentsMeeting.approval',
    '1990-01-01',
    '城市居民委员会组织法 第9条 (出席人的过半数)',
    headcount(gt(1, 2), 'present'),
  ),
  line('villagersMeeting.quorum.adults', '2010-10-28', '村民委员会组织法 第22条 (过半数)', share(gt(1, 2))),
  line(
    'villagersMeeting.quorum.households',
    '2010-10-28',
    '村民委员会组织法 第22条 (三分之二以上)',
    share(gte(2, 3)),
  ),
  line(
    'villagersMeeting.approval',
    '2010-10-28',
    '村民委员会组织法 第22条 (到会人员的过半数)',
    headcount(gt(1, 2), 'present'),
  ),
  line('villagersMeeting.noticeDays', '2010-10-28', '村民委员会组织法 第21条 (十天前)', days(10)),
  line(
    'villagerRepresentativesMeeting.quorum',
    '2010-10-28',
    '村民委员会组织法 第26条 (三分之二以上)',
    headcount(gte(2, 3), 'members'),
  ),
  line(
    'villagerRepresentativesMeeting.approval',
    '2010-10-28',
    '村民委员会组织法 第26条 (过半数)',
    headcount(gt(1, 2), 'present'),
  ),
  line(
    'villagersGroupMeeting.quorum.adults',
    '2010-10-28',
    '村民委员会组织法 第28条 (三分之二以上)',
    share(gte(2, 3)),
  ),
  line(
    'villagersGroupMeeting.quorum.households',
    '2010-10-28',
    '村民委员会组织法 第28条 (三分之二以上)',
    share(gte(2, 3)),
  ),
  line(
    'villagersGroupMeeting.approval',
    '2010-10-28',
    '村民委员会组织法 第28条 (过半数)',
    headcount(gt(1, 2), 'present'),
  ),
] satisfies StatutoryFloor[]);

/** Whether `t` is at least as strict as `floor` (exact). */
export function thresholdAtLeast(t: Threshold, floor: Threshold): boolean {
  const lhs = BigInt(t.num) * BigInt(floor.den);
  const rhs = BigInt(floor.num) * BigInt(t.den);
  if (lhs !== rhs) return lhs > rhs;
  return t.cmp === '>' || floor.cmp === '>=';
}

function meetsFloor(value: unknown, floor: Floor): boolean {
  switch (floor.type) {
    case 'threshold':
      return thresholdAtLeast(value as Threshold, floor.value);
    case 'double': {
      const v = value as DoubleThreshold | null;
      return (
        v !== null &&
        thresholdAtLeast(v.area, floor.value.area) &&
        thresholdAtLeast(v.headcount, floor.value.headcount)
      );
    }
    case 'approval': {
      const v = value as DoubleApproval;
      // Over all owners is a stricter base than over the participants; never the other way.
      const base = v.base === floor.value.base || v.base === 'all';
      return (
        base &&
        thresholdAtLeast(v.area, floor.value.area) &&
        thresholdAtLeast(v.headcount, floor.value.headcount)
      );
    }
    case 'headcount': {
      const v = value as HeadcountRule | null;
      // Of everyone (the body's members, or all eligible) is a wider base than of those present.
      return (
        v !== null &&
        HEADCOUNT_BASE[v.base] >= HEADCOUNT_BASE[floor.value.base] &&
        thresholdAtLeast(v.threshold, floor.value.threshold)
      );
    }
    case 'days':
      return typeof value === 'number' && value >= floor.value;
    case 'includes': {
      const v = value as readonly string[];
      return floor.value.every((m) => v.includes(m));
    }
  }
}

const HEADCOUNT_BASE: Record<HeadcountRule['base'], number> = { present: 0, members: 1, eligible: 1 };

const show = (v: unknown): string => JSON.stringify(v);

/**
 * Every parameter of `policy` (on its own date) below a statutory floor in force on that date,
 * as issues naming the parameter, the value, the floor and the article. Empty when none is.
 */
export function statutoryViolations(policy: Pick<ResolvedPolicy, 'at' | 'parameters'>): YishiIssue[] {
  const issues: YishiIssue[] = [];
  for (const f of STATUTORY_FLOORS) {
    if (policy.at < f.since || (f.until !== undefined && policy.at >= f.until)) continue;
    const p = policy.parameters[f.parameter];
    if (p === undefined) continue;
    if (meetsFloor(p.value, f.floor)) continue;
    issues.push({
      path: `parameters["${f.parameter}"]`,
      message: `${f.parameter} is below the statutory line of ${f.reference} in force on ${policy.at}`,
      received: show(p.value),
      expected: `at least ${show(f.floor.value)} (${f.reference})`,
    });
  }
  return issues;
}
