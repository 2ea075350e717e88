/**
 * The human-readable tally report: a header, the counts, every legal line checked, failures,
 * notes, the dated parameters used, and the summary sentence, in Chinese (default) or English.
 * Columns are aligned by display width, so Chinese text lines up in a terminal.
 */
import type { LineCheck, ParameterTrace, TallyResult } from '@yishi/core';
import { MATTER_LABELS, thresholdWording } from '@yishi/core';

export type Lang = 'zh-CN' | 'en';
type Label = { 'zh-CN': string; en: string };

// ── display width ───────────────────────────────────────────────────────────────────────────

/** Code-point ranges of East Asian Wide (W) and Fullwidth (F) characters (UAX #11), sorted. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana … CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f], // emoji (most are wide)
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], // CJK extensions B–F
  [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, direction marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    cp === 0x00ad ||
    cp < 0x20 ||
    (cp >= 0x7f && cp < 0xa0)
  );
}

/**
 * Columns a string takes in a monospace terminal: East Asian wide and fullwidth characters
 * (汉字, full-width punctuation such as （）：，) count 2, combining marks and controls 0, the rest 1.
 * Ambiguous-width characters (², —, ✓) count 1, as in non-CJK locales.
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (isZeroWidth(cp)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

export function padEndDisplay(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

export function padStartDisplay(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : ' '.repeat(width - w) + s;
}

/**
 * Lay out rows as aligned columns separated by two spaces. `align` is per column ('l' or 'r');
 * the last column is never padded on the right, so long references do not leave trailing spaces.
 */
export function renderTable(
  header: readonly string[] | null,
  rows: readonly (readonly string[])[],
  align: readonly ('l' | 'r')[] = [],
  indent = '  ',
): string[] {
  const all = header ? [header, ...rows] : [...rows];
  const cols = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, c) =>
    Math.max(0, ...all.map((r) => displayWidth(r[c] ?? ''))),
  );
  const line = (r: readonly string[]) =>
    indent +
    r
      .map((cell, c) => {
        const last = c === r.length - 1;
        if (align[c] === 'r') return padStartDisplay(cell, widths[c]!);
        return last ? cell : padEndDisplay(cell, widths[c]!);
      })
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (header) {
    out.push(line(header));
    out.push(indent + widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const r of rows) out.push(line(r));
  return out;
}

// ── labels ──────────────────────────────────────────────────────────────────────────────────

export const BODY_LABELS: Record<string, Label> = {
  ownersAssembly: { 'zh-CN': '业主大会', en: 'Owners’ assembly' },
  buildingSubsetVote: {
    'zh-CN': '部分业主共同决定（部分共用部分）',
    en: 'Building-subset vote (shared parts of some buildings)',
  },
  ownersCommitteeMeeting: { 'zh-CN': '业主委员会会议', en: 'Owners’ committee meeting' },
  ownerRepresentativesMeeting: { 'zh-CN': '业主代表会议', en: 'Owner representatives’ meeting' },
  residentsMeeting: { 'zh-CN': '居民会议', en: 'Residents’ meeting' },
  residentRepresentativesMeeting: { 'zh-CN': '居民代表会议', en: 'Resident representatives’ meeting' },
  villagersMeeting: { 'zh-CN': '村民会议', en: 'Villagers’ meeting' },
  villagerRepresentativesMeeting: { 'zh-CN': '村民代表会议', en: 'Villager representatives’ meeting' },
  villagersGroupMeeting: { 'zh-CN': '村民小组会议', en: 'Villagers’ group meeting' },
  partyMembersCouncil: { 'zh-CN': '党员议事会', en: 'Party members’ council' },
  buildingGroupMeeting: { 'zh-CN': '楼组会议', en: 'Building group meeting' },
  hearing: { 'zh-CN': '听证会', en: 'Hearing' },
  coordinationMeeting: { 'zh-CN': '协调会', en: 'Coordination meeting' },
  evaluationMeeting: { 'zh-CN': '评议会', en: 'Evaluation meeting' },
  jointMeeting: { 'zh-CN': '居民区联席会议', en: 'Joint meeting' },
};

const OUTCOME_LABELS: Record<string, Label> = {
  passed: { 'zh-CN': '✓ 通过', en: '✓ adopted' },
  rejected: { 'zh-CN': '✗ 未通过', en: '✗ not adopted' },
  noQuorum: { 'zh-CN': '✗ 未达到法定人数', en: '✗ no quorum' },
  recorded: {
    'zh-CN': '已记录（该会议不作表决决定）',
    en: 'recorded (this meeting takes no binding decision)',
  },
};

const T = {
  title: { 'zh-CN': '表决结果', en: 'tally' },
  matter: { 'zh-CN': '事项', en: 'Matter' },
  policy: { 'zh-CN': '政策', en: 'Policy' },
  rulesOn: { 'zh-CN': '适用', en: 'rules in force on' },
  reforms: { 'zh-CN': '改革情景', en: 'Reforms' },
  none: { 'zh-CN': '无', en: 'none' },
  rule: { 'zh-CN': '规则', en: 'Rule' },
  outcome: { 'zh-CN': '结果', en: 'Outcome' },
  counts: { 'zh-CN': '计票', en: 'Counts' },
  lines: { 'zh-CN': '门槛检查', en: 'Lines checked' },
  kind: { 'zh-CN': '类别', en: 'Kind' },
  item: { 'zh-CN': '项目', en: 'Item' },
  count: { 'zh-CN': '计数', en: 'Count' },
  share: { 'zh-CN': '比例', en: 'Share' },
  threshold: { 'zh-CN': '门槛', en: 'Threshold' },
  met: { 'zh-CN': '结果', en: 'Met' },
  gap: { 'zh-CN': '差额', en: 'Gap' },
  quorum: { 'zh-CN': '法定人数', en: 'quorum' },
  approval: { 'zh-CN': '表决', en: 'approval' },
  unreachable: { 'zh-CN': '（已无法达到）', en: ' (unreachable)' },
  failures: { 'zh-CN': '未满足的条件', en: 'Failures' },
  notes: { 'zh-CN': '说明', en: 'Notes' },
  parameters: { 'zh-CN': '所用参数', en: 'Parameters used' },
  paramName: { 'zh-CN': '参数', en: 'Parameter' },
  value: { 'zh-CN': '取值', en: 'Value' },
  since: { 'zh-CN': '起始日期', en: 'Since' },
  reference: { 'zh-CN': '依据', en: 'Reference' },
  summary: { 'zh-CN': '结论', en: 'Summary' },
  persons: { 'zh-CN': '人数', en: 'Owners' },
  area: { 'zh-CN': '面积 (m²)', en: 'Area (m²)' },
  opinions: { 'zh-CN': '记录的意见', en: 'Opinions recorded' },
  noLines: { 'zh-CN': '（无法定门槛）', en: '(no statutory lines)' },
} satisfies Record<string, Label>;

const BASIS_TAG: Record<string, Label> = {
  law: { 'zh-CN': '', en: '' },
  practice: { 'zh-CN': '[实践] ', en: '[practice] ' },
  unverified: { 'zh-CN': '[未核实] ', en: '[unverified] ' },
};

const OWNER_COUNT_ROWS: readonly [string, Label][] = [
  ['total', { 'zh-CN': '全体业主', en: 'All owners' }],
  ['participating', { 'zh-CN': '参与表决', en: 'Taking part' }],
  ['agree', { 'zh-CN': '同意', en: 'Agree' }],
  ['oppose', { 'zh-CN': '反对', en: 'Oppose' }],
  ['abstain', { 'zh-CN': '弃权', en: 'Abstain' }],
  ['invalid', { 'zh-CN': '无效票', en: 'Invalid' }],
  ['notVoted', { 'zh-CN': '未投票', en: 'Did not vote' }],
];

const SUBSET_TOTAL: Label = { 'zh-CN': '该部分业主', en: 'Owners in scope' };

const MEETING_COUNT_LABELS: Record<string, Label> = {
  eligible: { 'zh-CN': '应到（基数）', en: 'Eligible (base)' },
  present: { 'zh-CN': '到会', en: 'Present' },
  agree: { 'zh-CN': '同意', en: 'Agree' },
  oppose: { 'zh-CN': '反对', en: 'Oppose' },
  abstain: { 'zh-CN': '弃权', en: 'Abstain' },
  invalid: { 'zh-CN': '无效', en: 'Invalid' },
  notVoted: { 'zh-CN': '到会未表决', en: 'Present, did not vote' },
  adults: { 'zh-CN': '十八周岁以上村民', en: 'Adult villagers' },
  adultsPresent: { 'zh-CN': '到会的十八周岁以上村民', en: 'Adult villagers present' },
  households: { 'zh-CN': '户数', en: 'Households' },
  householdsPresent: { 'zh-CN': '有代表到会的户数', en: 'Households represented' },
  opinions: { 'zh-CN': '记录的意见', en: 'Opinions recorded' },
  base: { 'zh-CN': '出席基数', en: 'Attendance base' },
  quorumMode: { 'zh-CN': '法定人数方式', en: 'Quorum mode' },
};

const VALUE_LABELS: Record<string, Label> = {
  adults: { 'zh-CN': '十八周岁以上居民', en: 'adult residents' },
  households: { 'zh-CN': '每户代表', en: 'one per household' },
  groupRepresentatives: { 'zh-CN': '居民小组代表', en: 'residents’ group representatives' },
  single: { 'zh-CN': '单一基数', en: 'single base' },
  either: { 'zh-CN': '任一基数达到即可', en: 'either base' },
  both: { 'zh-CN': '两种基数均须达到', en: 'both bases' },
  none: { 'zh-CN': '无', en: 'none' },
};

const BASE_LABELS: Record<string, Label> = {
  participants: { 'zh-CN': '占参与表决者', en: 'of participants' },
  all: { 'zh-CN': '占全体业主', en: 'of all owners' },
  members: { 'zh-CN': '占全体成员', en: 'of all members' },
  present: { 'zh-CN': '占到会人员', en: 'of those present' },
  eligible: { 'zh-CN': '占应到人员', en: 'of those eligible' },
};

// ── values ──────────────────────────────────────────────────────────────────────────────────

function isThreshold(v: unknown): v is { num: number; den: number; cmp: '>=' | '>' } {
  return typeof v === 'object' && v !== null && 'num' in v && 'den' in v && 'cmp' in v;
}

/** A parameter value in words: thresholds in legal wording, lists joined, null as "none". */
export function formatParameterValue(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return T.none[lang];
  if (typeof value === 'boolean') return lang === 'zh-CN' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value))
    return value.map((v) => formatParameterValue(v, lang)).join(lang === 'zh-CN' ? '、' : ', ');
  if (isThreshold(value)) return thresholdWording(value, lang);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const base = typeof o.base === 'string' ? (BASE_LABELS[o.base]?.[lang] ?? o.base) : undefined;
    if (isThreshold(o.area) && isThreshold(o.headcount)) {
      const a = thresholdWording(o.area, lang);
      const h = thresholdWording(o.headcount, lang);
      const both = lang === 'zh-CN' ? `面积${a}且人数${h}` : `area ${a} and owners ${h}`;
      return base ? (lang === 'zh-CN' ? `${both}（${base}）` : `${both} (${base})`) : both;
    }
    if (isThreshold(o.threshold)) {
      const w = thresholdWording(o.threshold, lang);
      return base ? (lang === 'zh-CN' ? `${w}（${base}）` : `${w} (${base})`) : w;
    }
  }
  return JSON.stringify(value);
}

function lineRow(l: LineCheck, lang: Lang): string[] {
  const households = l.id.includes('households');
  const unit = l.dimension === 'area' ? ' m²' : lang === 'zh-CN' ? (households ? ' 户' : ' 人') : '';
  const gap = l.met ? '-' : `${l.gap.display}${unit}${l.reachable ? '' : T.unreachable[lang]}`;
  return [
    l.kind === 'quorum' ? T.quorum[lang] : T.approval[lang],
    l.partLabel[lang],
    `${l.part.display} / ${l.whole.display}${unit}`,
    l.percent,
    thresholdWording(l.threshold, lang),
    l.met ? '✓' : '✗',
    gap,
  ];
}

function countsSection(result: TallyResult<unknown>, lang: Lang): string[] {
  const c = result.counts as Record<string, unknown>;
  const total = c.total as { area?: unknown } | undefined;
  if (total && typeof total === 'object' && typeof total.area === 'string') {
    const subset = result.body === 'buildingSubsetVote';
    const rows = OWNER_COUNT_ROWS.filter(([k]) => c[k] !== undefined).map(([k, label]) => {
      const side = c[k] as { area: string; owners: number };
      const name = k === 'total' && subset ? SUBSET_TOTAL[lang] : label[lang];
      return [name, String(side.owners), side.area];
    });
    const out = renderTable(['', T.persons[lang], T.area[lang]], rows, ['l', 'r', 'r']);
    const extra: string[] = [];
    if (typeof c.units === 'number') {
      extra.push(lang === 'zh-CN' ? `专有部分 ${c.units} 套` : `${c.units} units`);
    }
    if (typeof c.ballotsCounted === 'number') {
      extra.push(
        lang === 'zh-CN' ? `计入表决票 ${c.ballotsCounted} 张` : `${c.ballotsCounted} ballots counted`,
      );
    }
    const ex = c.excludedByChannel as { ballots?: number } | undefined;
    if (ex && typeof ex.ballots === 'number' && ex.ballots > 0) {
      extra.push(lang === 'zh-CN' ? `因渠道未计入 ${ex.ballots} 张` : `${ex.ballots} excluded by channel`);
    }
    if (extra.length > 0) out.push(`  ${extra.join(lang === 'zh-CN' ? '；' : '; ')}`);
    return out;
  }
  // Villagers' meetings show their two bases instead; deliberations have no base at all.
  const skipEligible =
    result.body === 'villagersMeeting' ||
    result.body === 'villagersGroupMeeting' ||
    result.outcome === 'recorded';
  const entries = Object.entries(c).filter(([k]) => !(skipEligible && k === 'eligible'));
  // Numbers right-aligned among themselves, words left-aligned.
  const numWidth = Math.max(0, ...entries.map(([, v]) => (typeof v === 'number' ? String(v).length : 0)));
  const rows = entries.map(([k, v]) => {
    const label = MEETING_COUNT_LABELS[k]?.[lang] ?? k;
    const value =
      typeof v === 'number'
        ? String(v).padStart(numWidth)
        : typeof v === 'string'
          ? (VALUE_LABELS[v]?.[lang] ?? v)
          : JSON.stringify(v);
    return [label, value];
  });
  return renderTable(null, rows);
}

export interface FormatContext {
  lang: Lang;
  /** The policy pack's title, if the result does not carry it. */
  policyTitle?: Label;
  /** Titles of the reforms applied, by id. */
  reformTitles?: Record<string, Label>;
  /** Opinions recorded at a deliberation (听证会、协调会、评议会、联席会议), printed in full. */
  opinions?: readonly { by?: string | undefined; text: string }[];
}

/** The whole report, ending in a newline. */
export function formatTally(result: TallyResult<unknown>, ctx: FormatContext): string {
  const { lang } = ctx;
  const zh = lang === 'zh-CN';
  const e = result.explanation;
  const body = BODY_LABELS[result.body]?.[lang] ?? result.body;
  const out: string[] = [];
  out.push(zh ? `【${body}】${T.title[lang]}` : `${body}: ${T.title[lang]}`);

  const head: string[][] = [];
  if (result.matter !== null) {
    const m = MATTER_LABELS[result.matter as keyof typeof MATTER_LABELS];
    const name = m
      ? zh
        ? `${m[lang]}（${result.matter}）`
        : `${m[lang]} (${result.matter})`
      : result.matter;
    head.push([T.matter[lang], name]);
  }
  const policyTitle = ctx.policyTitle ?? (result.policy as { title?: Label }).title;
  const title = policyTitle ? `${policyTitle[lang]} · ` : '';
  head.push([
    T.policy[lang],
    zh
      ? `${title}${result.policy.id}，${T.rulesOn[lang]} ${result.policy.at} 施行的规定`
      : `${title}${result.policy.id}, ${T.rulesOn[lang]} ${result.policy.at}`,
  ]);
  const reforms = result.policy.reforms.map((id) => {
    const t = ctx.reformTitles?.[id];
    return t ? (zh ? `${id}（${t[lang]}）` : `${id} (${t[lang]})`) : id;
  });
  head.push([T.reforms[lang], reforms.length > 0 ? reforms.join(zh ? '；' : '; ') : T.none[lang]]);
  head.push([T.rule[lang], `${BASIS_TAG[e.rule.basis]?.[lang] ?? ''}${e.rule.id} · ${e.rule.reference}`]);
  head.push([T.outcome[lang], OUTCOME_LABELS[result.outcome]?.[lang] ?? result.outcome]);
  out.push(...renderTable(null, head));

  out.push('', T.counts[lang]);
  out.push(...countsSection(result, lang));

  out.push('', T.lines[lang]);
  if (e.lines.length === 0) out.push(`  ${T.noLines[lang]}`);
  else {
    out.push(
      ...renderTable(
        [
          T.kind[lang],
          T.item[lang],
          T.count[lang],
          T.share[lang],
          T.threshold[lang],
          T.met[lang],
          T.gap[lang],
        ],
        e.lines.map((l) => lineRow(l, lang)),
        ['l', 'l', 'r', 'r', 'l', 'l', 'r'],
      ),
    );
  }

  if (ctx.opinions && ctx.opinions.length > 0) {
    out.push('', T.opinions[lang]);
    ctx.opinions.forEach((o, i) => {
      const by = o.by ? (zh ? `（${o.by}）` : ` (${o.by})`) : '';
      out.push(`  ${i + 1}. ${o.text}${by}`);
    });
  }
  if (e.failures.length > 0) {
    out.push('', T.failures[lang]);
    for (const f of e.failures) out.push(`  ✗ ${f.code}  ${f.message[lang]}`);
  }
  if (e.notes.length > 0) {
    out.push('', T.notes[lang]);
    for (const n of e.notes) out.push(`  - ${n[lang]}`);
  }
  if (e.parameters.length > 0) {
    out.push('', T.parameters[lang]);
    out.push(
      ...renderTable(
        [T.paramName[lang], T.value[lang], T.since[lang], T.reference[lang]],
        e.parameters.map((p: ParameterTrace) => [
          p.name,
          formatParameterValue(p.value, lang),
          p.since,
          `${BASIS_TAG[p.basis]?.[lang] ?? ''}${p.reference}`,
        ]),
      ),
    );
  }
  out.push('', `${T.summary[lang]}${zh ? '：' : ': '}${e.summary[lang]}`);
  return `${out.join('\n')}\n`;
}
