import { YishiError } from '../errors/YishiError.js';
import { MATTER_LABELS, type Matter } from '../policy/matters.js';
import { param, type ResolvedPolicy, trace } from '../policy/resolve.js';
import type { ParameterTrace } from '../policy/trace.js';

/** The law that makes every other matter a decision of all the owners together. */
export const WHOLE_ESTATE_REFERENCE = '民法典 第278条；2021-01-01 前为物权法 第76条';

/**
 * A building-subset vote (上海规定 第69条) decides only the matters the article gives the owners of
 * the parts they share: their repair, renewal and reconstruction, and raising or using the
 * maintenance fund for them (`buildingSubsetVote.matters`). Every other matter — electing the
 * committee, hiring the manager, the covenant, the rules of procedure, changing the use of common
 * parts — is a joint decision of all the owners (民法典 第278条), so a subset vote on it is refused
 * with `SUBSET_MATTER_NOT_COVERED`. Returns the traces of the parameters read.
 */
export function checkSubsetMatter(
  policy: ResolvedPolicy,
  matter: Matter,
  buildings: readonly string[],
): ParameterTrace[] {
  const covered = param(policy, 'buildingSubsetVote.matters');
  if (covered.value.includes(matter)) {
    return [trace(policy, 'buildingSubsetVote.allowed'), trace(policy, 'buildingSubsetVote.matters')];
  }
  const label = MATTER_LABELS[matter];
  const list = covered.value.join(', ');
  throw new YishiError(
    'SUBSET_MATTER_NOT_COVERED',
    `部分业主表决（楼栋 ${buildings.join('、')}）不能决定「${label['zh-CN']}」（${matter}）：` +
      `上海市住宅物业管理规定 第69条只适用于部分共用部分的维修、更新和改造（buildingSubsetVote.matters：${covered.value.join('、')}）；` +
      `其他事项由全体业主共同决定（${WHOLE_ESTATE_REFERENCE}）。` +
      ` A building-subset vote (buildings ${buildings.join(', ')}) cannot decide "${matter}" (${label.en}): ` +
      `on ${policy.at} it covers only ${list} (repair, renewal and reconstruction of shared parts); ` +
      'any other matter is decided by the whole estate (Civil Code art. 278; before 2021-01-01, Property Law art. 76).',
    [
      {
        path: 'matter',
        field: 'matter',
        message: `"${matter}" is not a matter a building subset decides (buildingSubsetVote.matters in force on ${policy.at}); it is a whole-estate decision (${WHOLE_ESTATE_REFERENCE})`,
        expected: `one of ${list}, or a vote of the whole estate (no buildings)`,
        received: matter,
      },
    ],
  );
}
