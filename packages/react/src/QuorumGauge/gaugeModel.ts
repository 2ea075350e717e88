import type { LineCheck, LineKind } from '@yishi/core';

/** What the gap sentence says, worked out from the lines alone (the state half of the gauge). */
export type GapStatement =
  | { type: 'met' }
  | { type: 'gap'; which: 'both' | 'area' | 'owners'; owners: string; area: string; reachable: boolean };

export interface GaugeModel {
  kind: LineKind;
  lines: readonly LineCheck[];
  met: boolean;
  gap: GapStatement;
}

/**
 * The lines a gauge draws and the single sentence that says how far the count is from them:
 * "还需 12 名业主、830.50 m² 参与表决". Area and headcount gaps are independent minima under the
 * double quorum (民法典 第278条第2款), so both are named when both lines are short.
 */
export function gaugeModel(lines: readonly LineCheck[], kind: LineKind): GaugeModel {
  const own = lines.filter((l) => l.kind === kind);
  const short = own.filter((l) => !l.met);
  if (short.length === 0) return { kind, lines: own, met: true, gap: { type: 'met' } };
  const area = short.find((l) => l.dimension === 'area');
  const owners = short.find((l) => l.dimension === 'headcount');
  const which = area && owners ? 'both' : area ? 'area' : 'owners';
  return {
    kind,
    lines: own,
    met: false,
    gap: {
      type: 'gap',
      which,
      owners: owners?.gap.display ?? '0',
      area: area?.gap.display ?? '0.00',
      reachable: short.every((l) => l.reachable),
    },
  };
}
