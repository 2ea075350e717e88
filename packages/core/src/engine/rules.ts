/**
 * Rules come from the law, not from the caller. The engine is given the policy packs it may use
 * (`createEngine({ packs })`); a process names its pack, the date whose rules apply, and the
 * estate's covenant choices (`rules`), and the engine resolves and freezes the policy itself:
 *
 *   engine.create('writtenConsultation', 'wc-1', {
 *     rules: {
 *       pack: 'shanghai', at: '2025-03-01',
 *       covenant: { 'ownersAssembly.repeatBallot': { value: 'lastCounts', reference: '本小区议事规则 第12条' } },
 *     },
 *     registry, matter, …
 *   }, ctx);
 *
 * - A covenant choice may set only a parameter whose value in force lists `choices` (what the law
 *   leaves to the estate's 议事规则 or 管理规约), and only to one of them. Any other parameter is
 *   the law's: STATUTORY_LINE, citing its article. A value outside the choices: COVENANT_NOT_ALLOWED.
 * - A policy handed in whole (`policy` instead of `rules`) is refused: POLICY_NOT_FROM_PACK.
 * - Reforms (rule variants) are refused unless the engine was created with
 *   `mode: 'simulation'`: REFORM_NOT_ALLOWED. The mode is written into every resolved policy, so the
 *   log records which of the two the engine was, and a simulation's log never replays as live.
 * - In a live engine a resolved policy below a statutory floor (policy/statutoryFloors.ts) is
 *   refused (STATUTORY_LINE), whoever wrote the pack; `createEngine` checks each pack up front.
 *
 * Replay re-resolves every logged policy from the same packs (by id and version) and the choices
 * it records, and refuses an entry whose policy is not what the engine would have resolved.
 */
import { z } from 'zod';
import { IsoDate } from '../calendar/plainDate.js';
import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import type { PolicyInput, RulesMode } from '../machines/frozenPolicy.js';
import { type PolicyPack, parsePolicyPack } from '../policy/pack.js';
import { isParameterName, ParameterSchemas } from '../policy/parameters.js';
import type { Reform } from '../policy/reform.js';
import { type ResolvedParameter, type ResolvedPolicy, resolvePolicy } from '../policy/resolve.js';
import { STATUTORY_FLOORS, statutoryViolations } from '../policy/statutoryFloors.js';

/** One covenant choice: the value, and the estate's rule that makes it. */
export const CovenantChoice = z.strictObject({
  value: z.unknown(),
  /** The estate's own rule, e.g. "本小区业主大会议事规则 第12条". */
  reference: z.string().min(1).max(400),
});
export type CovenantChoice = z.infer<typeof CovenantChoice>;

/** What a process names instead of a policy: the pack, the date, and the estate's choices. */
export const RulesRef = z.strictObject({
  /** The pack's id, e.g. "shanghai". */
  pack: z.string().min(1).max(128),
  /** The pack's version; default: the last version of that pack the engine was given. */
  version: z.string().min(1).max(32).optional(),
  /** The date whose rules apply (YYYY-MM-DD). */
  at: IsoDate,
  covenant: z.record(z.string(), CovenantChoice).optional(),
  /** Reform ids (simulation engines only). */
  reforms: z.array(z.string().min(1).max(128)).optional(),
});
export type RulesRef = z.infer<typeof RulesRef>;
export type RulesRefInput = z.input<typeof RulesRef>;

/** What the engine resolves rules with: its packs, reforms and mode. */
export interface RulesSetup {
  mode: RulesMode;
  /** id → version → pack, in the order given. */
  packs: ReadonlyMap<string, ReadonlyMap<string, PolicyPack>>;
  reforms: ReadonlyMap<string, Reform>;
}

const error = (code: YishiError['code'], message: string, issues: YishiIssue[] = []) =>
  new YishiError(code, message, issues);

/**
 * Checks and indexes what an engine is given. Every pack needs a version, an id@version is given
 * once (or twice identically), and in a live engine no pack may go below a statutory floor at any
 * of its dates. Throws INVALID_POLICY or STATUTORY_LINE.
 */
export interface RulesOptions {
  packs?: readonly PolicyPack[] | undefined;
  reforms?: readonly Reform[] | undefined;
  mode?: RulesMode | undefined;
}

export function rulesSetup(options: RulesOptions = {}): RulesSetup {
  const mode = options.mode ?? 'live';
  if (mode !== 'live' && mode !== 'simulation') {
    throw error('INVALID_INPUT', `engine mode must be "live" or "simulation", got ${JSON.stringify(mode)}`);
  }
  const packs = new Map<string, Map<string, PolicyPack>>();
  for (const [i, given] of (options.packs ?? []).entries()) {
    const pack = parsePolicyPack(given, `packs[${i}]`);
    if (pack.version === undefined) {
      throw error(
        'INVALID_POLICY',
        `packs[${i}] "${pack.id}" has no version: the engine records one with every process`,
        [
          {
            path: `packs[${i}].version`,
            message: 'a pack given to the engine needs a version',
            expected: 'e.g. "2025.1"',
          },
        ],
      );
    }
    const versions = packs.get(pack.id) ?? new Map<string, PolicyPack>();
    const before = versions.get(pack.version);
    if (before && canonicalJson(before) !== canonicalJson(pack)) {
      throw error('INVALID_POLICY', `two different packs are "${pack.id}" version ${pack.version}`, [
        {
          path: `packs[${i}]`,
          message: 'an id and version name one pack',
          received: `${pack.id}@${pack.version}`,
        },
      ]);
    }
    versions.delete(pack.version);
    versions.set(pack.version, pack);
    packs.set(pack.id, versions);
    if (mode === 'live') {
      // Every line the pack goes below, at the first date it does.
      const issues = new Map<string, YishiIssue>();
      for (const at of datesOf(pack)) {
        for (const v of statutoryViolations(resolvePolicy(pack, at))) {
          if (!issues.has(v.path!)) issues.set(v.path!, { ...v, path: `packs[${i}].${v.path}` });
        }
      }
      if (issues.size) {
        const all = [...issues.values()];
        throw error(
          'STATUTORY_LINE',
          `pack "${pack.id}" ${pack.version} goes below the law, and a live engine refuses it: ${all.map((x) => `${x.message} (${x.expected})`).join('; ')}`,
          all,
        );
      }
    }
  }
  const reforms = new Map<string, Reform>();
  for (const r of options.reforms ?? []) {
    if (reforms.has(r.id)) throw error('INVALID_INPUT', `two reforms are named "${r.id}"`);
    reforms.set(r.id, r);
  }
  if (reforms.size > 0 && mode !== 'simulation') {
    throw error(
      'REFORM_NOT_ALLOWED',
      'reforms are rule variants for simulation: create the engine with mode: "simulation" to use them',
    );
  }
  return { mode, packs, reforms };
}

/** Every date on which some value of the pack, or some statutory floor, takes effect. */
function datesOf(pack: PolicyPack): string[] {
  const dates = new Set<string>(STATUTORY_FLOORS.map((f) => f.since));
  for (const p of Object.values(pack.parameters)) for (const d of Object.keys(p.values)) dates.add(d);
  return [...dates].filter((d) => d >= '1990-01-01').sort();
}

const show = (v: unknown) => JSON.stringify(v);

/** Resolves a process's `rules` to the policy it runs under, or the refusal. */
export function resolveRules(setup: RulesSetup, value: unknown, what: string): PolicyInput | YishiError {
  const parsed = RulesRef.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      message: i.message,
      path: ['rules', ...i.path].join('.'),
    }));
    return error('INVALID_INPUT', `${what}: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  const ref = parsed.data;
  const versions = setup.packs.get(ref.pack);
  if (!versions) {
    const known = [...setup.packs.keys()];
    return error(
      'UNKNOWN_POLICY',
      `${what}: this engine was given no pack "${ref.pack}"` +
        (known.length
          ? ` (it has ${known.join(', ')})`
          : ' (it was given no packs: createEngine({ packs }))'),
      [{ path: 'rules.pack', message: 'unknown pack', received: ref.pack, expected: known.join('|') }],
    );
  }
  const version = ref.version ?? [...versions.keys()].at(-1)!;
  const pack = versions.get(version);
  if (!pack) {
    return error('UNKNOWN_POLICY', `${what}: the engine has no version ${version} of pack "${ref.pack}"`, [
      {
        path: 'rules.version',
        message: 'unknown version',
        received: version,
        expected: [...versions.keys()].join('|'),
      },
    ]);
  }
  const reforms: Reform[] = [];
  for (const id of ref.reforms ?? []) {
    if (setup.mode !== 'simulation') {
      return error(
        'REFORM_NOT_ALLOWED',
        `${what}: reform "${id}" is a rule variant for simulation; this engine runs live processes`,
        [{ path: 'rules.reforms', message: 'reforms only in a simulation engine', received: id }],
      );
    }
    const r = setup.reforms.get(id);
    if (!r) {
      return error('UNKNOWN_REFORM', `${what}: this engine was given no reform "${id}"`, [
        {
          path: 'rules.reforms',
          message: 'unknown reform',
          received: id,
          expected: [...setup.reforms.keys()].join('|'),
        },
      ]);
    }
    reforms.push(r);
  }
  let resolved: ResolvedPolicy;
  try {
    resolved = resolvePolicy(pack, ref.at, { reforms });
  } catch (e) {
    if (e instanceof YishiError) return e;
    throw e;
  }
  const parameters: Record<string, ResolvedParameter> = { ...resolved.parameters };
  for (const [name, choice] of Object.entries(ref.covenant ?? {})) {
    const refusal = applyChoice(parameters, name, choice, ref.at, what);
    if (refusal) return refusal;
  }
  const policy: PolicyInput = {
    id: resolved.id,
    version,
    title: resolved.title,
    at: resolved.at,
    reforms: resolved.reforms,
    mode: setup.mode,
    parameters: parameters as PolicyInput['parameters'],
  };
  if (setup.mode === 'live') {
    const issues = statutoryViolations({ at: policy.at, parameters });
    if (issues.length) {
      return error('STATUTORY_LINE', `${what}: ${issues[0]!.message} (${issues[0]!.expected})`, issues);
    }
  }
  return policy;
}

function applyChoice(
  parameters: Record<string, ResolvedParameter>,
  name: string,
  choice: CovenantChoice,
  at: string,
  what: string,
): YishiError | undefined {
  const path = `rules.covenant["${name}"]`;
  if (!isParameterName(name)) {
    return error('INVALID_INPUT', `${what}: ${path}: unknown parameter "${name}"`, [
      { path, message: 'unknown parameter', received: name },
    ]);
  }
  const p = parameters[name];
  if (p === undefined) {
    return error('PARAMETER_NOT_IN_FORCE', `${what}: ${path}: the pack has no "${name}" in force on ${at}`, [
      { path, message: `no value in force on ${at}`, received: show(choice.value) },
    ]);
  }
  if (p.choices === undefined) {
    return error(
      'STATUTORY_LINE',
      `${what}: ${path}: "${name}" is set by ${p.reference}; an estate's rules cannot change it`,
      [{ path, message: `set by ${p.reference}`, received: show(choice.value), expected: show(p.value) }],
    );
  }
  const r = (ParameterSchemas[name] as z.ZodType).safeParse(choice.value);
  const key = r.success ? JSON.stringify(r.data) : undefined;
  if (!r.success || !p.choices.some((c) => JSON.stringify(c) === key)) {
    return error(
      'COVENANT_NOT_ALLOWED',
      `${what}: ${path}: ${show(choice.value)} is not among the choices ${p.reference} leaves to the estate (${p.choices.map(show).join(', ')})`,
      [
        {
          path,
          message: 'not an allowed choice',
          received: show(choice.value),
          expected: p.choices.map(show).join('|'),
        },
      ],
    );
  }
  parameters[name] = { ...p, value: r.data, covenant: choice.reference };
  return undefined;
}

/** The `rules` a logged policy was resolved from: pack, version, date, choices and reforms. */
export function rulesOf(policy: PolicyInput): RulesRef {
  const covenant: Record<string, CovenantChoice> = {};
  for (const [name, p] of Object.entries(policy.parameters)) {
    if (p.covenant !== undefined) covenant[name] = { value: p.value, reference: p.covenant };
  }
  const ref: RulesRef = { pack: policy.id, at: policy.at };
  if (policy.version !== undefined) ref.version = policy.version;
  if (Object.keys(covenant).length) ref.covenant = covenant;
  if (policy.reforms.length) ref.reforms = [...policy.reforms];
  return ref;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A creation's input or an event as the machine will see it: `rules` resolved into `policy`.
 * - live (`logged` false): `rules` is resolved; a `policy` the caller wrote is refused.
 * - replay (`logged` true): the logged `policy` must be what its own `rules` resolve to now.
 * A value without either is returned as it is.
 */
export function withRules(setup: RulesSetup, value: unknown, logged: boolean, what: string): unknown {
  if (!isRecord(value)) return value;
  const hasRules = Object.hasOwn(value, 'rules');
  const hasPolicy = Object.hasOwn(value, 'policy');
  if (!logged) {
    if (hasPolicy) {
      return error(
        'POLICY_NOT_FROM_PACK',
        `${what}: a policy is not handed in: name the pack, date and covenant choices as "rules", and the engine resolves them`,
        [
          {
            path: 'policy',
            message: 'rules come from the packs the engine was given',
            expected: 'rules: { pack, at, covenant? }',
          },
        ],
      );
    }
    if (!hasRules) return value;
    const policy = resolveRules(setup, value.rules, what);
    if (policy instanceof YishiError) return policy;
    const { rules: _rules, ...rest } = value;
    return { ...rest, policy };
  }
  if (hasRules) {
    return error('POLICY_NOT_FROM_PACK', `${what}: a logged entry carries the resolved policy, not "rules"`);
  }
  if (!hasPolicy) return value;
  const logPolicy = value.policy as PolicyInput;
  if (!isRecord(logPolicy) || !isRecord(logPolicy.parameters) || typeof logPolicy.id !== 'string') {
    return error('POLICY_NOT_FROM_PACK', `${what}: the logged policy is not one the engine resolved`);
  }
  if ((logPolicy.mode ?? 'live') !== setup.mode) {
    return error(
      'POLICY_NOT_FROM_PACK',
      `${what}: the log was written by a ${logPolicy.mode ?? 'live'} engine; this one is ${setup.mode}: a simulation never replays as live, nor the other way`,
      [
        {
          path: 'policy.mode',
          message: 'another mode',
          received: String(logPolicy.mode),
          expected: setup.mode,
        },
      ],
    );
  }
  const again = resolveRules(setup, rulesOf(logPolicy), what);
  if (again instanceof YishiError) return again;
  if (canonicalJson(again) !== canonicalJson(logPolicy)) {
    return error(
      'POLICY_NOT_FROM_PACK',
      `${what}: the logged policy "${logPolicy.id}" ${String(logPolicy.version)} on ${String(logPolicy.at)} is not what that pack resolves to in this engine (${setup.mode}): the rules were changed, or the log was written by another engine`,
      [
        {
          path: 'policy',
          message: 'differs from the pack',
          received: `${logPolicy.id}@${String(logPolicy.version)}`,
        },
      ],
    );
  }
  return value;
}
