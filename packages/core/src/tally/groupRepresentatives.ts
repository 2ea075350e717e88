import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import { isAdultOn, type ResidentRegistry } from '../registry/people.js';

/** 城市居民委员会组织法 第9条: 每个居民小组推选代表二至三人. */
export const REPRESENTATIVES_PER_GROUP = { min: 2, max: 3 } as const;

/**
 * The register of a residents' meeting of group representatives (城市居民委员会组织法 第9条): each
 * residents' group sends two or three representatives, and the meeting is of residents aged 18
 * and over, so every representative is an adult on the meeting date. A register that breaks
 * either is refused with `GROUP_REPRESENTATIVES_INVALID`, naming the group and the people.
 */
export function checkGroupRepresentatives(registry: ResidentRegistry, date: string): void {
  const issues: YishiIssue[] = [];
  const byGroup = new Map<string, string[]>();
  for (const r of registry.residents) {
    if (r.residentsGroup !== undefined && !byGroup.has(r.residentsGroup)) byGroup.set(r.residentsGroup, []);
  }
  registry.residents.forEach((r, i) => {
    if (!r.roles.includes('residentsGroupRepresentative')) return;
    if (r.residentsGroup === undefined) {
      issues.push({
        index: i,
        path: `residents[${i}].residentsGroup`,
        field: 'residentsGroup',
        message: `representative "${r.id}" names no residents' group; 第9条 counts representatives per group`,
        expected: 'the residents’ group (居民小组) that elected this representative',
        received: '(none)',
      });
    } else byGroup.get(r.residentsGroup)!.push(r.id);
    if (!isAdultOn(r, date)) {
      issues.push({
        index: i,
        path: `residents[${i}].${r.birthDate !== undefined ? 'birthDate' : 'adult'}`,
        field: r.birthDate !== undefined ? 'birthDate' : 'adult',
        message: `representative "${r.id}"${r.residentsGroup !== undefined ? ` of residents' group "${r.residentsGroup}"` : ''} is under 18 on ${date}; representatives are residents aged 18 and over (第9条)`,
        expected: 'a representative aged 18 or over on the meeting date',
        received: r.birthDate ?? String(r.adult),
      });
    }
  });
  const { min, max } = REPRESENTATIVES_PER_GROUP;
  for (const [group, reps] of byGroup) {
    if (reps.length >= min && reps.length <= max) continue;
    const who = reps.length ? reps.join(', ') : 'none';
    issues.push({
      path: 'residents',
      field: 'roles',
      message: `residents' group "${group}" sends ${reps.length} representative${reps.length === 1 ? '' : 's'} (${who}); 第9条: each group sends two or three`,
      expected: `${min} or ${max} residents with role "residentsGroupRepresentative" in group "${group}"`,
      received: who,
    });
  }
  if (issues.length > 0) {
    throw new YishiError(
      'GROUP_REPRESENTATIVES_INVALID',
      `居民小组代表名册不符合 城市居民委员会组织法 第9条（每个居民小组推选代表二至三人，须年满十八周岁） / the group-representative register breaks 城市居民委员会组织法 第9条: ${issues
        .slice(0, 5)
        .map((i) => i.message)
        .join('; ')}`,
      issues,
    );
  }
}
