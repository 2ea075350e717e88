import { thresholdWording } from '../arith/threshold.js';
import type { HeadcountRule, ParameterName } from '../policy/parameters.js';
import { param, type ResolvedPolicy, trace } from '../policy/resolve.js';
import type { MeetingRecord } from '../registry/ballots.js';
import { failuresOf, lineSentence } from './explain.js';
import { checkLine, type Label } from './lines.js';
import { checkVotes } from './recordChecks.js';
import {
  type BodyId,
  type LineCheck,
  type ParameterTrace,
  policySummary,
  type RuleBasis,
  type TallyResult,
} from './result.js';

/** One way of meeting a quorum: a count over a base (e.g. households represented / all households). */
export interface QuorumBase {
  id: string;
  parameter: ParameterName;
  /** The threshold, when it is not `param(policy, parameter).value.threshold`. */
  threshold?: { num: number; den: number; cmp: '>=' | '>' };
  present: number;
  eligible: number;
  partLabel: Label;
  wholeLabel: Label;
}

export interface MeetingCounts {
  eligible: number;
  present: number;
  agree: number;
  oppose: number;
  abstain: number;
  invalid: number;
  notVoted: number;
  /** How the quorum may be met when there are several bases (either-or, both). */
  quorumMode: 'single' | 'either' | 'both' | 'none';
  [extra: string]: unknown;
}

export interface HeadcountTallySpec {
  body: BodyId;
  policy: ResolvedPolicy;
  record: MeetingRecord;
  /** Ids of people whose votes may be cast (those eligible who are present). */
  presentIds: ReadonlySet<string>;
  quorum: { mode: 'single' | 'either' | 'both' | 'none'; bases: QuorumBase[]; modeParameter?: ParameterName };
  approvalParameter: ParameterName;
  /** The count approval is a share of when the rule's base is `members`/`eligible`. */
  eligible: number;
  rule: { id: string; reference: string };
  extraCounts?: Record<string, unknown>;
}

/**
 * Tally a meeting of people: quorum from attendance (one or more bases), then approval among
 * those present or among all members, each line exact.
 */
export function tallyHeadcountBody(spec: HeadcountTallySpec): TallyResult<MeetingCounts> {
  const { policy, record } = spec;
  const { counts, voted } = checkVotes(record, spec.presentIds);

  const traces: ParameterTrace[] = [];
  const lines: LineCheck[] = [];
  for (const b of spec.quorum.bases) {
    const p = param(policy, b.parameter);
    traces.push(trace(policy, b.parameter));
    const value = p.value as HeadcountRule | { num: number; den: number; cmp: '>=' | '>' } | null;
    const threshold = b.threshold ?? (value && 'threshold' in value ? value.threshold : (value as never));
    lines.push(
      checkLine({
        id: b.id,
        kind: 'quorum',
        dimension: 'headcount',
        parameter: b.parameter,
        reference: p.reference,
        basis: p.basis,
        threshold,
        part: b.present,
        whole: b.eligible,
        available: b.eligible - b.present,
        partLabel: b.partLabel,
        wholeLabel: b.wholeLabel,
      }),
    );
  }
  if (spec.quorum.modeParameter) traces.push(trace(policy, spec.quorum.modeParameter));

  const approvalP = param(policy, spec.approvalParameter);
  traces.push(trace(policy, spec.approvalParameter));
  const rule = approvalP.value as HeadcountRule;
  const present = spec.presentIds.size;
  const overMembers = rule.base !== 'present';
  const approvalWhole = overMembers ? spec.eligible : present;
  lines.push(
    checkLine({
      id: 'approval.headcount',
      kind: 'approval',
      dimension: 'headcount',
      parameter: spec.approvalParameter,
      reference: approvalP.reference,
      basis: approvalP.basis,
      threshold: rule.threshold,
      part: counts.agree,
      whole: approvalWhole,
      available: approvalWhole - counts.agree,
      partLabel: { 'zh-CN': '同意人数', en: 'people who agree' },
      wholeLabel: overMembers
        ? { 'zh-CN': '全体成员', en: 'all members' }
        : { 'zh-CN': '到会人数', en: 'people present' },
    }),
  );

  const quorumLines = lines.filter((l) => l.kind === 'quorum');
  let quorumMet: boolean;
  switch (spec.quorum.mode) {
    case 'none':
      quorumMet = true;
      break;
    case 'either':
      quorumMet = quorumLines.some((l) => l.met);
      break;
    case 'single':
    case 'both':
      quorumMet = quorumLines.every((l) => l.met);
      break;
    default:
      spec.quorum.mode satisfies never;
      quorumMet = false;
  }
  const approved = lines.filter((l) => l.kind === 'approval').every((l) => l.met);
  const passed = quorumMet && approved;
  // Under an either-or quorum, a base that was not met is no failure if another base was.
  const failing = quorumMet ? lines.filter((l) => l.kind === 'approval') : lines;
  const failures = failuresOf(failing, false);
  const notes: Label[] = [];
  if (spec.quorum.mode === 'either' && quorumMet && quorumLines.some((l) => !l.met)) {
    notes.push({
      'zh-CN': '法定人数按任一基数达到即可（二者择一）。',
      en: 'The quorum is met on either base (either-or).',
    });
  }
  const basis: RuleBasis = approvalP.basis;
  if (basis === 'practice') {
    notes.push({
      'zh-CN': '该会议没有法定的法定人数或表决门槛；所用门槛是实践中的做法，由政策参数设定。',
      en: 'This body has no statutory quorum or threshold; the lines used are practice, set by policy parameters.',
    });
  }
  const summary = meetingSummary(quorumMet, passed, lines, spec.quorum.mode);
  return {
    body: spec.body,
    matter: null,
    policy: policySummary(policy),
    quorumMet: spec.quorum.mode === 'none' ? null : quorumMet,
    passed,
    outcome: !quorumMet ? 'noQuorum' : passed ? 'passed' : 'rejected',
    counts: {
      eligible: spec.eligible,
      present,
      ...counts,
      notVoted: present - voted.size,
      quorumMode: spec.quorum.mode,
      ...(spec.extraCounts ?? {}),
    },
    explanation: {
      rule: { id: spec.rule.id, reference: spec.rule.reference, basis },
      parameters: traces,
      lines,
      failures,
      notes,
      summary,
    },
  };
}

function meetingSummary(quorumMet: boolean, passed: boolean, lines: LineCheck[], mode: string): Label {
  if (passed) return { 'zh-CN': '表决通过。', en: 'Adopted.' };
  if (!quorumMet) {
    const q = lines.filter((l) => l.kind === 'quorum');
    const joinZh = mode === 'either' ? '或' : '且';
    const needZh = q.map(
      (l) => `${l.gap.display} 人（${l.partLabel['zh-CN']}须${thresholdWording(l.threshold, 'zh-CN')}）`,
    );
    const needEn = q.map(
      (l) => `${l.gap.display} more (${l.partLabel.en}: ${thresholdWording(l.threshold, 'en')})`,
    );
    return {
      'zh-CN': `未达到法定人数：还需 ${needZh.join(joinZh)}到会。`,
      en: `No quorum: ${needEn.join(mode === 'either' ? ' or ' : ' and ')} must attend.`,
    };
  }
  const failing = lines.filter((l) => l.kind === 'approval' && !l.met);
  return {
    'zh-CN': `未获通过：${failing.map((l) => lineSentence(l)['zh-CN']).join('')}`,
    en: `Not adopted: ${failing.map((l) => lineSentence(l).en).join(' ')}`,
  };
}
