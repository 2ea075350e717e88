import type { Dimension, Figure, LineCheck, Threshold } from '@yishi/core';
import type { YishiIntl } from '../LocaleProvider/LocaleProvider.js';

/** Legal wording of a line: "2/3 以上", "过半数", "超过 1/2". */
export function thresholdText(t: YishiIntl['t'], threshold: Threshold): string {
  const cmp =
    threshold.num * 2 === threshold.den && threshold.cmp === '>'
      ? 'majority'
      : threshold.cmp === '>='
        ? 'gte'
        : 'gt';
  return t('threshold', { cmp, fraction: `${threshold.num}/${threshold.den}` });
}

/** Short name of a line: "参与面积", "同意人数". */
export function lineName(t: YishiIntl['t'], line: LineCheck): string {
  return t('line.name', { kind: line.kind, dimension: line.dimension, id: line.id });
}

/** "830.50 m²", "12 人". */
export function figureText(t: YishiIntl['t'], dimension: Dimension, figure: Figure): string {
  return t('figure', { dimension, value: figure.display });
}

/** The share as a number for aria-valuenow and drawing, clamped to 0–100. Display only. */
export function shareNumber(line: LineCheck): number {
  const n = Number.parseFloat(line.percent);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

/** Where the legal line falls on a 0–100 scale. Display only: decisions come from the core's exact `met`. */
export function thresholdPosition(threshold: Threshold): number {
  return threshold.den === 0 ? 0 : (threshold.num / threshold.den) * 100;
}
