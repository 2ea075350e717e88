import { type Draft, produce } from 'immer';
import type { DatedValueInput, PolicyPack, PolicyPackInput } from './pack.js';
import type { ParameterName, ParameterValue } from './parameters.js';

/**
 * A reform is a pure function from a pack to a new pack (OpenFisca's `Reform.apply`), so a policy
 * team can ask "what if the 2007 thresholds still applied?" without forking a rule.
 */
export interface Reform {
  id: string;
  /** The RULES.md variant it models, e.g. "V1". */
  variant?: string;
  title: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
  apply: (pack: PolicyPack) => PolicyPack;
}

export interface SetOptions {
  /** First date the new value applies; later dated values are dropped. Default: always. */
  from?: string;
  reference: string;
  basis?: 'law' | 'practice' | 'unverified';
  note?: string;
}

export const BEGINNING_OF_TIME = '1900-01-01';

/**
 * Set a parameter's value from a date onward, inside an immer recipe. Entries after `from` are
 * removed, so the new value stays in force (OpenFisca's `parameter.update(start=…, value=…)`).
 */
export function setParameter<N extends ParameterName>(
  draft: Draft<PolicyPack>,
  name: N,
  value: ParameterValue<N>,
  options: SetOptions,
): void {
  const from = options.from ?? BEGINNING_OF_TIME;
  const param = draft.parameters[name] ?? { values: {} };
  for (const d of Object.keys(param.values)) if (d >= from) delete param.values[d];
  const entry: DatedValueInput = { value, reference: options.reference, basis: options.basis ?? 'law' };
  if (options.note !== undefined) entry.note = options.note;
  param.values[from] = entry as Draft<(typeof param.values)[string]>;
  draft.parameters[name] = param;
}

/** Build a reform from an immer recipe. */
export function defineReform(
  meta: Omit<Reform, 'apply'>,
  recipe: (draft: Draft<PolicyPack>) => void,
): Reform {
  return { ...meta, apply: (pack) => produce(pack, recipe) };
}

/**
 * A new pack on top of a base: the child's dated values are added to (or replace) the base's.
 * The result is unvalidated input; pass it to `parsePolicyPack`.
 */
export function extendPack(base: PolicyPackInput, child: Omit<PolicyPackInput, 'extends'>): PolicyPackInput {
  const parameters: PolicyPackInput['parameters'] = {};
  for (const [name, p] of Object.entries(base.parameters))
    parameters[name] = { ...p, values: { ...p.values } };
  for (const [name, p] of Object.entries(child.parameters)) {
    const prev = parameters[name];
    parameters[name] = prev ? { ...prev, ...p, values: { ...prev.values, ...p.values } } : p;
  }
  return { ...child, extends: base.id, parameters };
}
