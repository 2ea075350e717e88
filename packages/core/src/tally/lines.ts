import { formatArea } from '../arith/area.js';
import { formatPercent, meets, shortfall, type Threshold } from '../arith/threshold.js';
import type { Dimension, Figure, LineCheck, LineKind, RuleBasis } from './result.js';

export type Label = { 'zh-CN': string; en: string };

export function figure(value: bigint | number, dimension: Dimension): Figure {
  const raw = BigInt(value).toString();
  return { raw, display: dimension === 'area' ? formatArea(BigInt(value)) : raw };
}

export interface LineInput {
  id: string;
  kind: LineKind;
  dimension: Dimension;
  parameter: string;
  reference: string;
  basis: RuleBasis;
  threshold: Threshold;
  part: number | bigint;
  whole: number | bigint;
  /** What could still be added to `part` (owners yet to vote, participants yet to agree). */
  available: number | bigint;
  partLabel: Label;
  wholeLabel: Label;
}

/** Check one legal line exactly and say how far the count is from it. */
export function checkLine(l: LineInput): LineCheck {
  const met = meets(l.part, l.whole, l.threshold);
  const gap = met ? 0n : BigInt(l.whole) === 0n ? 1n : shortfall(l.part, l.whole, l.threshold);
  return {
    id: l.id,
    kind: l.kind,
    dimension: l.dimension,
    parameter: l.parameter,
    reference: l.reference,
    basis: l.basis,
    threshold: { ...l.threshold },
    part: figure(l.part, l.dimension),
    whole: figure(l.whole, l.dimension),
    partLabel: l.partLabel,
    wholeLabel: l.wholeLabel,
    percent: formatPercent(l.part, l.whole),
    met,
    gap: figure(gap, l.dimension),
    reachable: met || gap <= BigInt(l.available),
  };
}
