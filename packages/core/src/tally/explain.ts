import { thresholdWording } from '../arith/threshold.js';
import type { Label } from './lines.js';
import type { Failure, LineCheck } from './result.js';

const FAILURE_CODES = {
  'quorum.area': 'QUORUM_AREA_NOT_MET',
  'quorum.headcount': 'QUORUM_HEADCOUNT_NOT_MET',
  'approval.area': 'APPROVAL_AREA_NOT_MET',
  'approval.headcount': 'APPROVAL_HEADCOUNT_NOT_MET',
} as const;

export function failuresOf(lines: readonly LineCheck[], noParticipants: boolean): Failure[] {
  const out: Failure[] = [];
  if (noParticipants) {
    out.push({
      code: 'NO_PARTICIPANTS',
      line: 'approval',
      message: { 'zh-CN': '没有业主参与表决。', en: 'No owner took part in the vote.' },
    });
  }
  for (const l of lines) {
    if (l.met) continue;
    const code =
      (FAILURE_CODES as Record<string, Failure['code']>)[l.id] ??
      (l.kind === 'quorum' ? 'QUORUM_NOT_MET' : 'APPROVAL_NOT_MET');
    out.push({ code, line: l.id, message: lineSentence(l) });
  }
  return out;
}

/** "参与表决的专有部分面积 61.20%（6120.00/10000.00 m²），未达到三分之二以上；还差 546.67 m²。" */
export function lineSentence(l: LineCheck): Label {
  const unitZh = l.dimension === 'area' ? ' m²' : ' 人';
  const unitEn = l.dimension === 'area' ? ' m²' : '';
  const zhW = thresholdWording(l.threshold, 'zh-CN');
  const enW = thresholdWording(l.threshold, 'en');
  const reach = l.reachable ? '' : '（剩余部分已不足以达到）';
  const reachEn = l.reachable ? '' : ' (no longer reachable)';
  if (l.met) {
    return {
      'zh-CN': `${l.partLabel['zh-CN']}占${l.wholeLabel['zh-CN']}的 ${l.percent}（${l.part.display}/${l.whole.display}${unitZh}），达到${zhW}。`,
      en: `${cap(l.partLabel.en)} are ${l.percent} of ${l.wholeLabel.en} (${l.part.display}/${l.whole.display}${unitEn}), meeting ${enW}.`,
    };
  }
  return {
    'zh-CN': `${l.partLabel['zh-CN']}占${l.wholeLabel['zh-CN']}的 ${l.percent}（${l.part.display}/${l.whole.display}${unitZh}），未达到${zhW}；还差 ${l.gap.display}${unitZh}${reach}。`,
    en: `${cap(l.partLabel.en)} are ${l.percent} of ${l.wholeLabel.en} (${l.part.display}/${l.whole.display}${unitEn}), short of ${enW} by ${l.gap.display}${unitEn}${reachEn}.`,
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
