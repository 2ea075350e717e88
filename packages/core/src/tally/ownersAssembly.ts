import { formatArea } from '../arith/area.js';
import { meets } from '../arith/threshold.js';
import { YishiError } from '../errors/YishiError.js';
import { MATTER_LABELS, type Matter } from '../policy/matters.js';
import type { DoubleThreshold } from '../policy/parameters.js';
import { param, type ResolvedPolicy, trace } from '../policy/resolve.js';
import type { Ballot, Choice } from '../registry/ballots.js';
import { compileElectorate, type Electorate } from '../registry/electorate.js';
import type { UnitRegistry } from '../registry/units.js';
import { type BallotBox, ballotBoxFor, CHANNEL_CODES, CHOICE_CODES } from './ballotBox.js';
import { failuresOf, lineSentence } from './explain.js';
import { checkLine, type Label } from './lines.js';
import {
  type Explanation,
  type LineCheck,
  type ParameterTrace,
  policySummary,
  type RuleBasis,
  type TallyResult,
} from './result.js';
import { checkSubsetMatter } from './subsetMatters.js';

export interface OwnersAssemblyInput {
  /** The register (validated with `UnitRegistry`). Omit when passing a precompiled `electorate`. */
  registry?: UnitRegistry;
  /** A register compiled once with `electorateFor` (e.g. frozen when notice is posted). */
  electorate?: Electorate;
  /** The ballots; or pass a `ballotBox` already checked against the electorate. */
  ballots?: readonly Ballot[];
  ballotBox?: BallotBox;
  matter: Matter;
  policy: ResolvedPolicy;
  /** A building-subset vote (上海规定 第69条): only these buildings' owners decide. */
  buildings?: readonly string[];
}

interface Side {
  area: number;
  owners: number;
}

/** A count on one side of a line: area in m² (exact decimal string) and owners (persons). */
export interface CountedSide {
  area: string;
  owners: number;
}

export interface OwnersAssemblyCounts {
  units: number;
  total: CountedSide;
  participating: CountedSide;
  agree: CountedSide;
  oppose: CountedSide;
  abstain: CountedSide;
  invalid: CountedSide;
  /** Owners who cast no counted ballot. */
  notVoted: CountedSide;
  /** Ballots not counted because the policy does not accept their channel. */
  excludedByChannel: CountedSide & { ballots: number };
  ballotsCounted: number;
  /** 从众: which side the non-voters (or abstainers) were added to, if any. */
  followMajority: { applied: boolean; side: 'agree' | 'oppose' | null };
}

const CHOICE_CODE = CHOICE_CODES;

/** The electorate the policy's counting rules give for a register (司法解释 第8–9条). */
export function electorateFor(
  registry: UnitRegistry,
  policy: ResolvedPolicy,
  buildings?: readonly string[],
): Electorate {
  return compileElectorate(registry, {
    developerCounting: param(policy, 'ownersAssembly.developerCounting').value,
    areaSourcePriority: param(policy, 'ownersAssembly.areaSourcePriority').value,
    ...(buildings ? { buildings } : {}),
  });
}

/** Which channel codes count under the policy's electronic-voting rule (RULES.md V8). */
function acceptedChannels(mode: 'none' | 'officialPlatformOnly' | 'combined'): Uint8Array {
  const ok = new Uint8Array(8).fill(1);
  ok[CHANNEL_CODES.online] = mode === 'combined' ? 1 : 0;
  ok[CHANNEL_CODES.officialPlatform] = mode === 'none' ? 0 : 1;
  return ok;
}

/**
 * Tally an owners' assembly vote on one matter, or a building-subset vote when `buildings` is
 * given. Quorum and approval are double lines, by floor area and by headcount, each compared by
 * integer cross-multiplication (民法典 第278条第2款; 上海规定 第69条 for subsets).
 *
 * The steps, each a function below: resolve the electorate (and whether a subset may decide the
 * matter), count the ballots, apply the treatment of abstentions, invalid ballots and non-voters,
 * check the lines, explain.
 */
export function tallyOwnersAssembly(input: OwnersAssemblyInput): TallyResult<OwnersAssemblyCounts> {
  const { policy, matter } = input;
  const scope = resolveScope(input);
  if (scope.kind === 'wholeEstateInstead') return wholeEstateInstead(input);
  const { subset, prefix } = scope;
  const el = resolveElectorate(input);
  const box = input.ballotBox ?? ballotBoxFor(el, input.ballots ?? [], input.registry);
  if (box.electorate !== el) {
    throw new YishiError('INVALID_INPUT', 'the ballot box was filled against another electorate', []);
  }
  const traces: ParameterTrace[] = [...scope.traces];
  const notes: Label[] = [];
  const counted = countBallots(el, box, policy, traces, notes);
  const effective = applyNonVoterRule(counted, policy, traces, notes);
  const checked = checkLines({ policy, matter, subset, prefix, counted, effective, traces, notes });
  return explain({ policy, matter, subset, prefix, el, box, counted, effective, checked, traces, notes });
}

type Scope =
  | { kind: 'wholeEstateInstead' }
  | {
      kind: 'vote';
      subset: boolean;
      prefix: 'ownersAssembly' | 'buildingSubsetVote';
      traces: ParameterTrace[];
    };

/**
 * Step 1a: who decides. The whole estate; or, for `buildings` under a policy that allows it, the
 * owners of those buildings, on the matters 上海规定 第69条 gives them (else `SUBSET_MATTER_NOT_COVERED`).
 */
function resolveScope(input: OwnersAssemblyInput): Scope {
  if (input.buildings === undefined)
    return { kind: 'vote', subset: false, prefix: 'ownersAssembly', traces: [] };
  if (!param(input.policy, 'buildingSubsetVote.allowed').value) return { kind: 'wholeEstateInstead' };
  const traces = checkSubsetMatter(input.policy, input.matter, input.buildings);
  return { kind: 'vote', subset: true, prefix: 'buildingSubsetVote', traces };
}

/** Step 1b: the electorate, given or compiled from the register under the policy's counting rules. */
function resolveElectorate(input: OwnersAssemblyInput): Electorate {
  if (input.electorate) return input.electorate;
  if (input.registry) return electorateFor(input.registry, input.policy, input.buildings);
  throw new YishiError('INVALID_INPUT', 'tallyOwnersAssembly needs a registry or an electorate', []);
}

interface Counted {
  agree: Side;
  oppose: Side;
  abstain: Side;
  invalid: Side;
  total: Side;
  notVoted: Side;
  excluded: Side & { ballots: number };
}

/**
 * Step 2: the count, a loop over typed arrays (ballots were resolved to owner indexes on intake).
 * Ballots from a channel the policy does not accept are set aside (RULES.md V8).
 */
function countBallots(
  el: Electorate,
  box: BallotBox,
  policy: ResolvedPolicy,
  traces: ParameterTrace[],
  notes: Label[],
): Counted {
  const eVoting = param(policy, 'ownersAssembly.electronicVoting').value;
  traces.push(trace(policy, 'ownersAssembly.electronicVoting'));
  const sumArea = [0, 0, 0, 0];
  const sumOwners = [0, 0, 0, 0];
  const excluded = { area: 0, owners: 0, ballots: 0 };
  const { area, persons } = el;
  const accepted = acceptedChannels(eVoting);
  for (let i = 0; i < box.size; i++) {
    const k = box.owner[i]!;
    if (accepted[box.channel[i]!] === 0) {
      excluded.area += area[k]!;
      excluded.owners += persons[k]!;
      excluded.ballots++;
      continue;
    }
    const c = box.choice[i]!;
    sumArea[c]! += area[k]!;
    sumOwners[c]! += persons[k]!;
  }
  if (excluded.ballots > 0) {
    notes.push({
      'zh-CN': `${excluded.ballots} 张电子表决票因政策不接受该渠道（${eVoting}）而未计入，视为未参与表决。`,
      en: `${excluded.ballots} electronic ballot(s) were not counted because the policy does not accept that channel (${eVoting}); those owners are treated as not voting.`,
    });
  }
  const side = (c: Choice): Side => ({ area: sumArea[CHOICE_CODE[c]]!, owners: sumOwners[CHOICE_CODE[c]]! });
  const agree = side('agree');
  const oppose = side('oppose');
  const abstain = side('abstain');
  const invalid = side('invalid');
  const cast: Side = {
    area: agree.area + oppose.area + abstain.area + invalid.area,
    owners: agree.owners + oppose.owners + abstain.owners + invalid.owners,
  };
  const total: Side = { area: el.totalArea, owners: el.totalPersons };
  const notVoted: Side = { area: total.area - cast.area, owners: total.owners - cast.owners };
  return { agree, oppose, abstain, invalid, total, notVoted, excluded };
}

interface Effective {
  participating: Side;
  agree: Side;
  oppose: Side;
  majority: 'agree' | 'oppose' | null;
  followApplied: boolean;
}

/**
 * Step 3: who counts as taking part and on which side, under the treatments of abstentions,
 * invalid ballots and non-voters (RULES.md A4, V4, V5; 从众 with its floor, 浙江 2009 第10条).
 */
function applyNonVoterRule(
  c: Counted,
  policy: ResolvedPolicy,
  traces: ParameterTrace[],
  notes: Label[],
): Effective {
  const abstentions = param(policy, 'ownersAssembly.abstentions');
  const invalidTreatment = param(policy, 'ownersAssembly.invalidBallots');
  const nonVoters = param(policy, 'ownersAssembly.nonVoters');
  traces.push(
    trace(policy, 'ownersAssembly.abstentions'),
    trace(policy, 'ownersAssembly.invalidBallots'),
    trace(policy, 'ownersAssembly.nonVoters'),
    trace(policy, 'ownersAssembly.developerCounting'),
    trace(policy, 'ownersAssembly.areaSourcePriority'),
  );
  const { agree, oppose, abstain, invalid, total, notVoted } = c;
  const participating: Side = { area: agree.area + oppose.area, owners: agree.owners + oppose.owners };
  const agreeEff: Side = { ...agree };
  const opposeEff: Side = { ...oppose };
  const majority: 'agree' | 'oppose' | null =
    agree.area > oppose.area && agree.owners > oppose.owners
      ? 'agree'
      : oppose.area > agree.area && oppose.owners > agree.owners
        ? 'oppose'
        : null;
  const majoritySide = majority === 'agree' ? agreeEff : opposeEff;

  if (abstentions.value === 'participatingNonApproval') addTo(participating, abstain);
  else if (abstentions.value === 'followMajority') {
    addTo(participating, abstain);
    if (majority) addTo(majoritySide, abstain);
  }
  if (invalidTreatment.value === 'participatingNonApproval') addTo(participating, invalid);

  let followApplied = false;
  if (nonVoters.value === 'deliveredCountsAsParticipation') {
    addTo(participating, notVoted);
    notes.push({
      'zh-CN': '送达视为参与：未投票业主计入参与表决，但不计入同意。',
      en: 'Delivery counts as participation: owners who did not vote count as participating, not as approving.',
    });
  } else if (nonVoters.value === 'followMajority') {
    const floor = param(policy, 'ownersAssembly.followMajorityFloor');
    traces.push(trace(policy, 'ownersAssembly.followMajorityFloor'));
    if (majority === null) {
      notes.push({
        'zh-CN': '从众条款未适用：已表决的同意与反对在面积和人数上没有同一多数。',
        en: 'Follow-the-majority not applied: agree and oppose have no common majority by both area and headcount.',
      });
    } else {
      const enlarged: Side = {
        area: majoritySide.area + notVoted.area,
        owners: majoritySide.owners + notVoted.owners,
      };
      const floorOk = floor.value === null || meetsDouble(enlarged, total, floor.value);
      if (floorOk) {
        addTo(participating, notVoted);
        addTo(majoritySide, notVoted);
        followApplied = true;
        notes.push({
          'zh-CN': `从众条款：未投票业主（${notVoted.owners} 人、${formatArea(notVoted.area)} m²）计入已表决的多数（${majority === 'agree' ? '同意' : '反对'}）。`,
          en: `Follow-the-majority: owners who did not vote (${notVoted.owners}, ${formatArea(notVoted.area)} m²) are added to the majority of votes cast (${majority}).`,
        });
      } else {
        notes.push({
          'zh-CN': '从众条款未适用：计入后的多数仍未达到总面积和总人数的法定比例。',
          en: 'Follow-the-majority not applied: the enlarged majority would still not reach the required share of the totals.',
        });
      }
    }
  }
  return { participating, agree: agreeEff, oppose: opposeEff, majority, followApplied };
}

interface Checked {
  lines: LineCheck[];
  special: boolean;
  overAll: boolean;
  approval: { reference: string; basis: RuleBasis };
}

/** Step 4: the quorum (参与表决) and approval (同意) lines, each exact. */
function checkLines(a: {
  policy: ResolvedPolicy;
  matter: Matter;
  subset: boolean;
  prefix: 'ownersAssembly' | 'buildingSubsetVote';
  counted: Counted;
  effective: Effective;
  traces: ParameterTrace[];
  notes: Label[];
}): Checked {
  const { policy, matter, subset, prefix, traces } = a;
  const { total } = a.counted;
  const { participating, agree } = a.effective;
  const lines: LineCheck[] = [];
  const quorumP = param(policy, `${prefix}.quorum`);
  traces.push(trace(policy, `${prefix}.quorum`));
  const notParticipating: Side = {
    area: total.area - participating.area,
    owners: total.owners - participating.owners,
  };
  if (quorumP.value !== null) {
    const base = {
      kind: 'quorum' as const,
      parameter: `${prefix}.quorum`,
      reference: quorumP.reference,
      basis: quorumP.basis,
    };
    lines.push(
      checkLine({
        ...base,
        id: 'quorum.area',
        dimension: 'area',
        threshold: quorumP.value.area,
        part: participating.area,
        whole: total.area,
        available: notParticipating.area,
        partLabel: { 'zh-CN': '参与表决的专有部分面积', en: 'area of owners taking part' },
        wholeLabel: {
          'zh-CN': subset ? '该部分建筑物专有部分总面积' : '建筑物专有部分总面积',
          en: 'total area',
        },
      }),
      checkLine({
        ...base,
        id: 'quorum.headcount',
        dimension: 'headcount',
        threshold: quorumP.value.headcount,
        part: participating.owners,
        whole: total.owners,
        available: notParticipating.owners,
        partLabel: { 'zh-CN': '参与表决的业主人数', en: 'owners taking part' },
        wholeLabel: { 'zh-CN': '业主总人数', en: 'total owners' },
      }),
    );
  }

  const special = isSpecial(policy, matter, prefix, traces, a.notes);
  const approvalName = `${prefix}.approval.${special ? 'special' : 'ordinary'}` as const;
  const approvalP = param(policy, approvalName);
  traces.push(trace(policy, approvalName));
  const overAll = approvalP.value.base === 'all';
  const approvalBase = overAll ? total : participating;
  const aBase = {
    kind: 'approval' as const,
    parameter: approvalName,
    reference: approvalP.reference,
    basis: approvalP.basis,
  };
  lines.push(
    checkLine({
      ...aBase,
      id: 'approval.area',
      dimension: 'area',
      threshold: approvalP.value.area,
      part: agree.area,
      whole: approvalBase.area,
      available: approvalBase.area - agree.area,
      partLabel: { 'zh-CN': '同意的专有部分面积', en: 'area of owners who agree' },
      wholeLabel: overAll
        ? { 'zh-CN': subset ? '该部分建筑物专有部分总面积' : '专有部分总面积', en: 'total area' }
        : { 'zh-CN': '参与表决的专有部分面积', en: 'area of owners taking part' },
    }),
    checkLine({
      ...aBase,
      id: 'approval.headcount',
      dimension: 'headcount',
      threshold: approvalP.value.headcount,
      part: agree.owners,
      whole: approvalBase.owners,
      available: approvalBase.owners - agree.owners,
      partLabel: { 'zh-CN': '同意的业主人数', en: 'owners who agree' },
      wholeLabel: overAll
        ? { 'zh-CN': '业主总人数', en: 'total owners' }
        : { 'zh-CN': '参与表决的业主人数', en: 'owners taking part' },
    }),
  );
  return { lines, special, overAll, approval: { reference: approvalP.reference, basis: approvalP.basis } };
}

/**
 * Whether the matter needs the special majority. A subset decides on no lower line than the whole
 * estate would: a matter special for the whole estate is special for a subset too.
 */
function isSpecial(
  policy: ResolvedPolicy,
  matter: Matter,
  prefix: 'ownersAssembly' | 'buildingSubsetVote',
  traces: ParameterTrace[],
  notes: Label[],
): boolean {
  const own = param(policy, `${prefix}.specialMatters`).value.includes(matter);
  traces.push(trace(policy, `${prefix}.specialMatters`));
  if (own || prefix === 'ownersAssembly') return own;
  const wholeEstate = param(policy, 'ownersAssembly.specialMatters');
  if (!wholeEstate.value.includes(matter)) return false;
  traces.push(trace(policy, 'ownersAssembly.specialMatters'));
  const label = MATTER_LABELS[matter];
  notes.push({
    'zh-CN': `「${label['zh-CN']}」是全体业主的特别多数事项（${wholeEstate.reference}），部分业主表决也适用特别多数。`,
    en: `“${label.en}” needs the special majority of the whole estate (${wholeEstate.reference}); a subset vote on it uses the special majority too.`,
  });
  return true;
}

/** Step 5: the outcome, the counts as exact strings, and the explanation. */
function explain(a: {
  policy: ResolvedPolicy;
  matter: Matter;
  subset: boolean;
  prefix: 'ownersAssembly' | 'buildingSubsetVote';
  el: Electorate;
  box: BallotBox;
  counted: Counted;
  effective: Effective;
  checked: Checked;
  traces: ParameterTrace[];
  notes: Label[];
}): TallyResult<OwnersAssemblyCounts> {
  const { policy, matter, subset, prefix, el, box, counted, effective, checked } = a;
  const { lines, special, overAll } = checked;
  const quorumMet = lines.filter((l) => l.kind === 'quorum').every((l) => l.met);
  const approved = lines.filter((l) => l.kind === 'approval').every((l) => l.met);
  const passed = quorumMet && approved;
  const failures = failuresOf(lines, effective.participating.owners === 0 && !overAll);
  const out = (s: Side): CountedSide => ({ area: formatArea(s.area), owners: s.owners });
  const counts: OwnersAssemblyCounts = {
    units: el.unitCount,
    total: out(counted.total),
    participating: out(effective.participating),
    agree: out(effective.agree),
    oppose: out(effective.oppose),
    abstain: out(counted.abstain),
    invalid: out(counted.invalid),
    notVoted: out(counted.notVoted),
    excludedByChannel: { ...out(counted.excluded), ballots: counted.excluded.ballots },
    ballotsCounted: box.size - counted.excluded.ballots,
    followMajority: {
      applied: effective.followApplied,
      side: effective.followApplied ? effective.majority : null,
    },
  };
  const explanation: Explanation = {
    rule: {
      id: `${prefix}.${special ? 'special' : 'ordinary'}`,
      reference: checked.approval.reference,
      basis: checked.approval.basis,
    },
    parameters: a.traces,
    lines,
    failures,
    notes: a.notes,
    summary: summarise(matter, special, quorumMet, passed, lines),
  };
  return {
    body: subset ? 'buildingSubsetVote' : 'ownersAssembly',
    matter,
    policy: policySummary(policy),
    quorumMet,
    passed,
    outcome: !quorumMet ? 'noQuorum' : passed ? 'passed' : 'rejected',
    counts,
    explanation,
  };
}

function addTo(s: Side, x: Side): void {
  s.area += x.area;
  s.owners += x.owners;
}

/** Where the policy has no subset vote, the whole estate decides (RULES.md V11); say so. */
function wholeEstateInstead(input: OwnersAssemblyInput): TallyResult<OwnersAssemblyCounts> {
  const { buildings, ...rest } = input;
  const r = tallyOwnersAssembly(rest);
  r.explanation.parameters.unshift(trace(input.policy, 'buildingSubsetVote.allowed'));
  r.explanation.notes.unshift({
    'zh-CN': `政策不允许部分业主单独表决（楼栋 ${buildings?.join('、')}），由全体业主共同决定。`,
    en: `The policy has no building-subset vote (buildings ${buildings?.join(', ')}); the whole estate decides.`,
  });
  return r;
}

function meetsDouble(part: Side, whole: Side, t: DoubleThreshold): boolean {
  return meets(part.area, whole.area, t.area) && meets(part.owners, whole.owners, t.headcount);
}

function summarise(
  matter: Matter,
  special: boolean,
  quorumMet: boolean,
  passed: boolean,
  lines: LineCheck[],
): Label {
  const label = MATTER_LABELS[matter];
  const kindZh = special ? '特别多数' : '普通多数';
  const kindEn = special ? 'special majority' : 'ordinary majority';
  if (passed) {
    return {
      'zh-CN': `「${label['zh-CN']}」表决通过（${kindZh}）。`,
      en: `“${label.en}” is adopted (${kindEn}).`,
    };
  }
  if (!quorumMet) {
    const a = lines.find((l) => l.id === 'quorum.area');
    const h = lines.find((l) => l.id === 'quorum.headcount');
    const needZh: string[] = [];
    const needEn: string[] = [];
    if (h && !h.met) {
      needZh.push(`${h.gap.display} 名业主`);
      needEn.push(`${h.gap.display} more owner${h.gap.display === '1' ? '' : 's'}`);
    }
    if (a && !a.met) {
      needZh.push(`${a.gap.display} m² 专有部分面积`);
      needEn.push(`${a.gap.display} m² more floor area`);
    }
    return {
      'zh-CN': `未达到参与表决的法定人数：还需至少 ${needZh.join('、')}参与表决。`,
      en: `No quorum: at least ${needEn.join(' and ')} must take part.`,
    };
  }
  const failing = lines.filter((l) => l.kind === 'approval' && !l.met);
  return {
    'zh-CN': `「${label['zh-CN']}」未获通过（${kindZh}）：${failing.map((l) => lineSentence(l)['zh-CN']).join('')}`,
    en: `“${label.en}” is not adopted (${kindEn}): ${failing.map((l) => lineSentence(l).en).join(' ')}`,
  };
}
