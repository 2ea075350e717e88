/**
 * How a rule set and a register enter a process: as data, copied into the context and
 * fingerprinted, so a persisted snapshot carries the exact rules it was run under and replay
 * never depends on a policy file that may since have changed.
 *
 * - `rulesHash = sha256Hex(canonicalJson(resolvedPolicy.parameters))`: every parameter in force,
 *   with its value, date, reference and basis. An auditor recomputes it from the context.
 * - `registerHash = sha256Hex(canonicalJson(registry))` of the validated register.
 */
import { z } from 'zod';
import { IsoDate } from '../calendar/plainDate.js';
import { YishiError } from '../errors/YishiError.js';
import { canonicalJson, sha256Hex } from '../log/canonicalJson.js';
import {
  isParameterName,
  type ParameterName,
  ParameterSchemas,
  type ParameterValue,
} from '../policy/parameters.js';
import type { ResolvedPolicy } from '../policy/resolve.js';

const Localised = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

export const ResolvedParameterJson = z.object({
  value: z.unknown(),
  since: IsoDate,
  reference: z.string().min(1),
  basis: z.enum(['law', 'practice', 'unverified']),
});

/**
 * A `ResolvedPolicy` (what `resolvePolicy(pack, at, { reforms })` returns) as it arrives in a
 * process's input. Every parameter value is checked against its schema again: input is a boundary.
 */
export const PolicyInput = z
  .object({
    id: z.string().min(1),
    title: Localised,
    at: IsoDate,
    reforms: z.array(z.string()),
    parameters: z.record(z.string(), ResolvedParameterJson),
  })
  .superRefine((p, ctx) => {
    for (const [name, entry] of Object.entries(p.parameters)) {
      if (!isParameterName(name)) {
        ctx.addIssue({ code: 'custom', path: ['parameters', name], message: `unknown parameter "${name}"` });
        continue;
      }
      const r = (ParameterSchemas[name] as z.ZodType).safeParse(entry.value);
      if (!r.success) {
        ctx.addIssue({
          code: 'custom',
          path: ['parameters', name, 'value'],
          message: r.error.issues[0]?.message ?? 'invalid value',
        });
      }
    }
  });
export type PolicyInput = z.infer<typeof PolicyInput>;

/** The rule set a process runs under, frozen into its context. */
export const FrozenPolicy = z.object({
  policyId: z.string().min(1),
  title: Localised,
  at: IsoDate,
  reforms: z.array(z.string()),
  parameters: z.record(z.string(), ResolvedParameterJson),
  rulesHash: Sha256,
});
export type FrozenPolicy = z.infer<typeof FrozenPolicy>;

/** SHA-256 of a value's canonical JSON: the fingerprint of a register or a rule set. */
export const fingerprint = (value: unknown): string => sha256Hex(canonicalJson(value));

export function freezePolicy(policy: PolicyInput | ResolvedPolicy): FrozenPolicy {
  return {
    policyId: policy.id,
    title: { ...policy.title },
    at: policy.at,
    reforms: [...policy.reforms],
    parameters: JSON.parse(JSON.stringify(policy.parameters)),
    rulesHash: fingerprint(policy.parameters),
  };
}

/** The frozen rules as the `ResolvedPolicy` the rules layer reads. */
export function policyOf(frozen: FrozenPolicy): ResolvedPolicy {
  return {
    id: frozen.policyId,
    title: frozen.title,
    at: frozen.at,
    reforms: [...frozen.reforms],
    parameters: frozen.parameters as ResolvedPolicy['parameters'],
  };
}

/** A parameter's value, or `fallback` when the policy has none in force. */
export function valueOr<N extends ParameterName, F>(
  frozen: FrozenPolicy,
  name: N,
  fallback: F,
): ParameterValue<N> | F {
  const p = frozen.parameters[name];
  return p === undefined ? fallback : (p.value as ParameterValue<N>);
}

/** A parameter's value; a process that cannot run without it fails closed at creation. */
export function required<N extends ParameterName>(
  frozen: FrozenPolicy,
  name: N,
  forWhat: string,
): ParameterValue<N> {
  const p = frozen.parameters[name];
  if (p === undefined) {
    throw new YishiError(
      'PARAMETER_NOT_IN_FORCE',
      `policy "${frozen.policyId}" has no value for "${name}" in force on ${frozen.at}; ${forWhat} needs it`,
      [{ path: `parameters["${name}"]`, message: `no value in force on ${frozen.at}` }],
    );
  }
  return p.value as ParameterValue<N>;
}

/** Parse a process input at the boundary; a bad input is `INVALID_INPUT` naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
    throw new YishiError(
      'INVALID_INPUT',
      `${what}: ${issues[0]?.path || '(root)'}: ${issues[0]?.message}`,
      issues,
    );
  }
  return parsed.data;
}
