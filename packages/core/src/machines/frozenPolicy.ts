/**
 * How a rule set and a register enter a process: as data, copied into the context and
 * fingerprinted, so a persisted snapshot carries the exact rules it was run under and replay
 * never depends on a policy file that may since have changed.
 *
 * - `rulesHash = sha256Hex(canonicalJson({ id, version, at, reforms, mode, parameters }))`: the
 *   pack and its version, the date whose rules apply, the reforms (simulation only), whether the
 *   engine ran live or as a simulation, and every parameter in force with its value, date,
 *   reference, basis, the choices the law leaves to the estate and the estate's own choice
 *   (`covenant`). An auditor recomputes it from the context (`rulesFingerprint`).
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
  choices: z.array(z.unknown()).optional(),
  covenant: z.string().min(1).optional(),
});

/** Whether an engine ran the process for real or as a simulation of rule variants (reforms). */
export const RulesMode = z.enum(['live', 'simulation']);
export type RulesMode = z.infer<typeof RulesMode>;

/**
 * A `ResolvedPolicy` (what `resolvePolicy(pack, at, { reforms })` returns) as it arrives in a
 * process's input. Every parameter value is checked against its schema again: input is a boundary.
 */
export const PolicyInput = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1).optional(),
    title: Localised,
    at: IsoDate,
    reforms: z.array(z.string()),
    mode: RulesMode.optional(),
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
  version: z.string().min(1).optional(),
  title: Localised,
  at: IsoDate,
  reforms: z.array(z.string()),
  mode: RulesMode.optional(),
  parameters: z.record(z.string(), ResolvedParameterJson),
  rulesHash: Sha256,
});
export type FrozenPolicy = z.infer<typeof FrozenPolicy>;

/** SHA-256 of a value's canonical JSON: the fingerprint of a register or a rule set. */
export const fingerprint = (value: unknown): string => sha256Hex(canonicalJson(value));

/**
 * The fingerprint of a rule set: pack id and version, date, reforms, mode and every parameter
 * (with the covenant choices). Members that are absent are left out, not written as null.
 */
export function rulesFingerprint(policy: PolicyInput | ResolvedPolicy | FrozenPolicy): string {
  const { version, at, reforms, parameters } = policy;
  const id = 'policyId' in policy ? policy.policyId : policy.id;
  const mode = (policy as PolicyInput).mode;
  return fingerprint({ id, version, at, reforms, mode, parameters });
}

export function freezePolicy(policy: PolicyInput | ResolvedPolicy): FrozenPolicy {
  const mode = (policy as PolicyInput).mode;
  const frozen: FrozenPolicy = {
    policyId: policy.id,
    title: { ...policy.title },
    at: policy.at,
    reforms: [...policy.reforms],
    parameters: JSON.parse(JSON.stringify(policy.parameters)),
    rulesHash: rulesFingerprint(policy),
  };
  if (policy.version !== undefined) frozen.version = policy.version;
  if (mode !== undefined) frozen.mode = mode;
  return frozen;
}

/** The frozen rules as the `ResolvedPolicy` the rules layer reads. */
export function policyOf(frozen: FrozenPolicy): ResolvedPolicy {
  const policy: ResolvedPolicy = {
    id: frozen.policyId,
    title: frozen.title,
    at: frozen.at,
    reforms: [...frozen.reforms],
    parameters: frozen.parameters as ResolvedPolicy['parameters'],
  };
  if (frozen.version !== undefined) policy.version = frozen.version;
  return policy;
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
