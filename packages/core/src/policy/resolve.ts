import { YishiError } from '../errors/YishiError.js';
import { isValidIsoDate, type PolicyPack, parsePolicyPack } from './pack.js';
import type { ParameterName, ParameterValue } from './parameters.js';
import type { Reform } from './reform.js';
import type { ParameterTrace, RuleBasis } from './trace.js';

export interface ResolvedParameter<V = unknown> {
  value: V;
  since: string;
  reference: string;
  basis: RuleBasis;
  /** The values an estate's 议事规则 or 管理规约 may choose instead (see `DatedValue.choices`). */
  choices?: V[];
  /**
   * Set when the value is the estate's own choice among `choices` (a covenant choice the engine
   * applied): the estate's rule it comes from, e.g. "本小区业主大会议事规则 第12条".
   */
  covenant?: string;
}

/** The rules in force on one date, after reforms: what every rule function reads. */
export interface ResolvedPolicy {
  id: string;
  /** The pack's version, when it has one. */
  version?: string;
  title: PolicyPack['title'];
  at: string;
  reforms: string[];
  /** Name → value in force (only parameters the pack has in force on `at`). */
  readonly parameters: Readonly<Record<string, ResolvedParameter>>;
}

export interface ResolveOptions {
  reforms?: readonly Reform[];
}

/**
 * Apply reforms (pure functions of the pack), validate the result, and take every parameter's
 * newest value in force on `at` (OpenFisca: a lookup at a date returns the newest value in force).
 */
export function resolvePolicy(pack: PolicyPack, at: string, options: ResolveOptions = {}): ResolvedPolicy {
  if (!isValidIsoDate(at)) {
    throw new YishiError('INVALID_INPUT', `"${at}" is not a date; expected YYYY-MM-DD`, [
      { field: 'at', message: 'expected an existing date as YYYY-MM-DD', received: at },
    ]);
  }
  let reformed = pack;
  const reformIds: string[] = [];
  for (const reform of options.reforms ?? []) {
    reformed = reform.apply(reformed);
    reformIds.push(reform.id);
  }
  const valid = parsePolicyPack(
    reformed,
    reformIds.length ? `pack after reforms ${reformIds.join(', ')}` : 'policy pack',
  );
  const parameters: Record<string, ResolvedParameter> = {};
  for (const [name, param] of Object.entries(valid.parameters)) {
    let since: string | undefined;
    for (const d of Object.keys(param.values)) if (d <= at && (since === undefined || d > since)) since = d;
    if (since === undefined) continue;
    const v = param.values[since]!;
    const resolved: ResolvedParameter = { value: v.value, since, reference: v.reference, basis: v.basis };
    if (v.choices !== undefined) resolved.choices = v.choices;
    parameters[name] = resolved;
  }
  const out: ResolvedPolicy = { id: valid.id, title: valid.title, at, reforms: reformIds, parameters };
  if (valid.version !== undefined) out.version = valid.version;
  return out;
}

/** Read a parameter by name; a parameter not in force on the policy's date is an error naming it. */
export function param<N extends ParameterName>(
  policy: ResolvedPolicy,
  name: N,
): ResolvedParameter<ParameterValue<N>> {
  const p = policy.parameters[name];
  if (!p) {
    throw new YishiError(
      'PARAMETER_NOT_IN_FORCE',
      `policy "${policy.id}" has no value for "${name}" in force on ${policy.at}`,
      [{ path: `parameters["${name}"]`, message: `no value in force on ${policy.at}` }],
    );
  }
  return p as ResolvedParameter<ParameterValue<N>>;
}

export function trace(policy: ResolvedPolicy, name: ParameterName): ParameterTrace {
  const p = param(policy, name);
  const t: ParameterTrace = { name, since: p.since, reference: p.reference, basis: p.basis, value: p.value };
  if (p.covenant !== undefined) t.covenant = p.covenant;
  return t;
}
