/**
 * 业主大会 (民法典 第278条): a unit register and ballots, counted by area and by owners for one
 * matter; with --building, a building-subset vote (上海规定 第69条).
 */
import type { Matter, YishiIssue } from '@yishi/core';
import { MATTER_LABELS, MATTERS, tallyOwnersAssembly } from '@yishi/core';
import { locateIssue } from '../../load.js';
import { bad, defineHandler, loadAll } from './handler.js';
import { loadBallotList, loadUnits } from './loaders.js';

export const owners = defineHandler({
  bodies: ['ownersAssembly'],
  required: ['registry', 'ballots', 'matter'],
  optional: ['building', 'developer', 'sheet'],
  check(_body, o) {
    if (o.matter === undefined || (MATTERS as readonly string[]).includes(o.matter)) return [];
    const expected = MATTERS.map((m) => `${m} (${MATTER_LABELS[m]['zh-CN']})`).join(', ');
    return [`--matter: unknown matter "${o.matter}"; expected one of ${expected}`];
  },
  load: (o, cwd) =>
    loadAll({
      units: loadUnits(o.registry!, cwd, o),
      ballots: loadBallotList(o.ballots!, cwd, o),
    }),
  validate({ units }, o) {
    if (o.building.length === 0) return;
    const known = [...new Set(units.data.units.map((u) => u.building))];
    const missing = o.building.filter((b) => !known.includes(b));
    if (missing.length > 0) {
      throw bad(
        `--building: no unit of ${units.source.file} lies in ${missing.map((b) => `"${b}"`).join(', ')}; its buildings are ${known.join(', ')}`,
      );
    }
  },
  defaultAt: (_inputs, io) => io.today(),
  tally: ({ units, ballots }, o, policy) =>
    tallyOwnersAssembly({
      registry: units.data,
      ballots: ballots.data,
      matter: o.matter as Matter,
      policy,
      ...(o.building.length > 0 ? { buildings: o.building } : {}),
    }),
  // Issues about `units[…]` are in the register; those about `[…]` in the ballots.
  locate:
    ({ units, ballots }) =>
    (i: YishiIssue) => {
      const source = i.path?.startsWith('units')
        ? units.source
        : i.path?.startsWith('[')
          ? ballots.source
          : undefined;
      return source ? locateIssue(i, source) : undefined;
    },
});
