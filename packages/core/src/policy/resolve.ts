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
}

/** The rules in force on one date, after reforms: what every rule function reads. */
export interface ResolvedPolicy {
  id: string;
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
    parameters[name] = { value: v.value, since, reference: v.reference, basis: v.basis };
  }
  return { id: valid.id, title: valid.title, at, reforms: reformIds, parameters };
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
  return { name, since: p.since, reference: p.reference, basis: p.basis, value: p.value };
}
