import { z } from 'zod';
import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import { isPlainDate } from '../registry/isoDate.js';
import { isParameterName, ParameterSchemas } from './parameters.js';

/** Calendar date as YYYY-MM-DD that exists (2023-02-29 does not). */
export const EffectiveDate = z
  .string()
  .refine(isValidIsoDate, { message: 'expected an existing date as YYYY-MM-DD' });

/** Whether `s` is a calendar date that exists, as YYYY-MM-DD. */
export function isValidIsoDate(s: string): boolean {
  return isPlainDate(s);
}

export const RuleBasisSchema = z.enum(['law', 'practice', 'unverified']);

/** One dated value: in force from its key date until the next key (OpenFisca's `values`). */
export const DatedValue = z
  .object({
    value: z.unknown(),
    /** Legal reference, e.g. "民法典 第278条第2款". */
    reference: z.string().min(1),
    basis: RuleBasisSchema.default('law'),
    note: z.string().optional(),
    /**
     * The values an estate may choose instead, in its own 议事规则 or 管理规约, where the law leaves
     * the matter to them (`value` is the default, and must be among them). Without `choices` the
     * value is the law's, and no process may change it.
     */
    choices: z.array(z.unknown()).min(2).optional(),
  })
  .strict();
export type DatedValue = z.infer<typeof DatedValue>;
export type DatedValueInput = z.input<typeof DatedValue>;

export const DatedParameter = z
  .object({
    description: z.string().optional(),
    values: z.record(EffectiveDate, DatedValue).refine((v) => Object.keys(v).length > 0, {
      message: 'a parameter needs at least one dated value',
    }),
  })
  .strict();
export type DatedParameter = z.infer<typeof DatedParameter>;

const Localised = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).strict();

/** A policy pack: dated parameters with legal references (OpenFisca's parameter tree, flattened). */
export const PolicyPackSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'expected a lower-case id such as "cn-national"' }),
    title: Localised,
    description: Localised.optional(),
    /** The pack this one was built on, for the record. */
    extends: z.string().optional(),
    /**
     * The pack's version (e.g. "2025.1"): the engine records it with every process, so a log
     * replays against the version it ran under, and needs a version for every pack it is given.
     */
    version: z
      .string()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$/, {
        message: 'expected a version such as "2025.1"',
      })
      .optional(),
    jurisdiction: z.string().optional(),
    parameters: z.record(z.string(), DatedParameter),
  })
  .strict();
export type PolicyPack = z.infer<typeof PolicyPackSchema>;
export type PolicyPackInput = z.input<typeof PolicyPackSchema>;

/**
 * Validate a pack: its shape, that every parameter name is known, that every dated value fits
 * that parameter's schema, and cross-parameter consistency. Errors name the path of the bad field,
 * e.g. `parameters["ownersAssembly.quorum"].values["2021-01-01"].value.area.den`.
 */
export function parsePolicyPack(input: unknown, source = 'policy pack'): PolicyPack {
  const shape = PolicyPackSchema.safeParse(input);
  if (!shape.success) {
    throw new YishiError(
      'INVALID_POLICY',
      `${source} is malformed: ${formatIssues(shape.error.issues)}`,
      shape.error.issues.map((i) => ({ path: pathString(i.path), message: i.message })),
    );
  }
  const pack = shape.data;
  const issues: YishiIssue[] = [];
  for (const [name, param] of Object.entries(pack.parameters)) {
    if (!isParameterName(name)) {
      issues.push({
        path: `parameters["${name}"]`,
        message: `unknown parameter "${name}"`,
        expected: 'one of the names in ParameterSchemas (see docs/policies.md)',
      });
      continue;
    }
    const schema = ParameterSchemas[name] as z.ZodType;
    for (const [date, dated] of Object.entries(param.values)) {
      const r = schema.safeParse(dated.value);
      if (!r.success) {
        for (const i of r.error.issues) {
          issues.push({
            path: `parameters["${name}"].values["${date}"].value${pathString(i.path, true)}`,
            message: i.message,
          });
        }
      } else {
        dated.value = r.data;
      }
      if (dated.choices !== undefined) issues.push(...choiceIssues(name, date, dated, schema));
    }
  }
  issues.push(...consistencyIssues(pack));
  if (issues.length > 0) {
    throw new YishiError(
      'INVALID_POLICY',
      `${source} "${pack.id}" is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return pack;
}

/** Each choice fits the parameter, none is listed twice, and the default is among them. */
function choiceIssues(name: string, date: string, dated: DatedValue, schema: z.ZodType): YishiIssue[] {
  const issues: YishiIssue[] = [];
  const at = `parameters["${name}"].values["${date}"].choices`;
  const seen = new Set<string>();
  dated.choices!.forEach((choice, i) => {
    const r = schema.safeParse(choice);
    if (!r.success) {
      issues.push({ path: `${at}[${i}]`, message: r.error.issues[0]?.message ?? 'invalid value' });
      return;
    }
    const key = JSON.stringify(r.data);
    if (seen.has(key)) issues.push({ path: `${at}[${i}]`, message: `${key} is listed twice` });
    seen.add(key);
  });
  if (!seen.has(JSON.stringify(dated.value))) {
    issues.push({
      path: at,
      message: `the default value ${JSON.stringify(dated.value)} is not among the choices`,
    });
  }
  return issues;
}

/** Rules that relate two parameters; checked at every date either changes. */
function consistencyIssues(pack: PolicyPack): YishiIssue[] {
  const issues: YishiIssue[] = [];
  const nonVoters = pack.parameters['ownersAssembly.nonVoters'];
  const floor = pack.parameters['ownersAssembly.followMajorityFloor'];
  if (nonVoters) {
    for (const [date, v] of Object.entries(nonVoters.values)) {
      if (v.value === 'followMajority' && !floor) {
        issues.push({
          path: `parameters["ownersAssembly.nonVoters"].values["${date}"].value`,
          message: '"followMajority" needs "ownersAssembly.followMajorityFloor" (null for no floor)',
        });
      }
    }
  }
  for (const prefix of ['ownersAssembly', 'buildingSubsetVote'] as const) {
    const special = pack.parameters[`${prefix}.approval.special`];
    const ordinary = pack.parameters[`${prefix}.approval.ordinary`];
    if (!special || !ordinary) continue;
    // A special majority weaker than the ordinary one at the same date is a typo, not a policy.
    for (const [date, s] of Object.entries(special.values)) {
      const o = valueAtOrBefore(ordinary.values, date);
      if (!o) continue;
      const sv = s.value as { area: { num: number; den: number } };
      const ov = o.value as { area: { num: number; den: number } };
      if (sv.area.num * ov.area.den < ov.area.num * sv.area.den) {
        issues.push({
          path: `parameters["${prefix}.approval.special"].values["${date}"].value.area`,
          message: `the special majority (${sv.area.num}/${sv.area.den}) is lower than the ordinary one (${ov.area.num}/${ov.area.den}) in force on ${date}`,
        });
      }
    }
  }
  issues.push(...subsetMatterIssues(pack));
  return issues;
}

/**
 * A building-subset vote needs its matters (第69条) wherever it is allowed, and its special matters
 * must be among them: a special line for a matter the subset cannot decide is a typo.
 */
function subsetMatterIssues(pack: PolicyPack): YishiIssue[] {
  const issues: YishiIssue[] = [];
  const allowed = pack.parameters['buildingSubsetVote.allowed'];
  const matters = pack.parameters['buildingSubsetVote.matters'];
  for (const [date, v] of Object.entries(allowed?.values ?? {})) {
    if (v.value === true && !(matters && valueAtOrBefore(matters.values, date))) {
      issues.push({
        path: `parameters["buildingSubsetVote.allowed"].values["${date}"].value`,
        message: `a building-subset vote allowed from ${date} needs "buildingSubsetVote.matters" in force on that date (the matters 上海规定 第69条 lets a subset decide)`,
      });
    }
  }
  const special = pack.parameters['buildingSubsetVote.specialMatters'];
  if (!special || !matters) return issues;
  const dates = new Set([...Object.keys(special.values), ...Object.keys(matters.values)]);
  for (const date of [...dates].sort()) {
    const s = valueAtOrBefore(special.values, date)?.value as readonly string[] | undefined;
    const m = valueAtOrBefore(matters.values, date)?.value as readonly string[] | undefined;
    if (!s || !m) continue;
    for (const x of s) {
      if (!m.includes(x)) {
        issues.push({
          path: `parameters["buildingSubsetVote.specialMatters"].values["${date}"].value`,
          message: `"${x}" has a special line for subset votes but is not in "buildingSubsetVote.matters" in force on ${date}`,
        });
      }
    }
  }
  return issues;
}

export function valueAtOrBefore(values: Record<string, DatedValue>, date: string): DatedValue | undefined {
  let best: string | undefined;
  for (const d of Object.keys(values)) if (d <= date && (best === undefined || d > best)) best = d;
  return best === undefined ? undefined : values[best];
}

function pathString(path: readonly PropertyKey[], leadingDot = false): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const s = String(p);
      out += /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `["${s}"]`;
    }
  }
  return leadingDot ? out : out.replace(/^\./, '');
}

export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${pathString(i.path) || '(root)'}: ${i.message}`).join('; ');
}
