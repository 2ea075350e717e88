/**
 * `yishi tally`: count a vote or a meeting under a dated policy and explain the result.
 *
 *   yishi tally --registry units.json --ballots ballots.json --policy cn-national --matter hireManager
 *   yishi tally --body residentsMeeting --registry residents.json --record meeting.json --policy shanghai
 *
 * This file reads the command line and runs the handler of the body (./tally/*.ts: one per kind of
 * body, each saying which files it needs, how it loads them, which core function counts them and
 * where that function's errors point).
 *
 * Exit 0 whenever a tally was made, whatever its outcome; exit 2 for bad input (with a message
 * naming the file, line or index, and field); exit 1 for an unexpected internal error.
 */
import type { PolicyPack, Reform, ResolvedPolicy, TallyResult, YishiError, YishiIssue } from '@yishi/core';
import { isValidIsoDate, MATTERS, MEMBER_BODY_IDS, resolvePolicy } from '@yishi/core';
import { getPolicy, getReform, policies } from '@yishi/policies';
import { ArgsError, parseCommandArgs, reportArgsError } from '../args.js';
import { formatTally } from '../format.js';
import { INPUT_OPTIONS, INPUT_OPTIONS_USAGE, loadOptionsFrom } from '../inputOptions.js';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';
import { formatIssue } from '../load.js';
import { DELIBERATION_BODIES } from './tally/deliberation.js';
import {
  BadInput,
  BODY_OPTIONS,
  type BodyHandler,
  bad,
  isYishi,
  relocate,
  type TallyOptions,
} from './tally/handler.js';
import { ALL_BODIES, handlerFor } from './tally/handlers.js';

export const USAGE = `用法 Usage:
  yishi tally --registry <units.json|csv|xlsx> --ballots <ballots.json|csv|xlsx> --matter <matter>
              [--policy cn-national|shanghai] [--at YYYY-MM-DD] [--reform <id> ...]
              [--building <id> ...] [--developer <key>] [--json] [--lang zh-CN|en]
  yishi tally --body residentsMeeting --registry <residents.json|csv|xlsx> --record meeting.json
              [--base adults|households|groupRepresentatives]
  yishi tally --body villagersMeeting --registry <villagers.json|csv|xlsx> --record meeting.json
  yishi tally --body villagersGroupMeeting --registry <villagers.json|csv|xlsx> --record meeting.json --group <villagersGroup>
  yishi tally --body <${MEMBER_BODY_IDS.join('|')}>
              --members <members.json|csv|xlsx> --record meeting.json
  yishi tally --body ${DELIBERATION_BODIES.join('|')} --record meeting.json

Options:
  --body       the body that decides (default ownersAssembly, 业主大会)
  --policy     policy pack: ${Object.keys(policies).join(', ')} (default cn-national)
  --at         apply the rules in force on this date (default: the meeting date in --record,
               otherwise today in Asia/Shanghai)
  --reform     apply a reform (repeatable), e.g. v1-property-law
  --matter     owners' assembly matter: ${MATTERS.join(', ')}
  --building   building-subset vote (上海规定 第69条); repeat for several buildings
  --developer  the developer's owner key in a CSV unit register (default "developer")
${INPUT_OPTIONS_USAGE}
               (--sheet: registers and ballots; meeting records are JSON)
  --json       print one JSON object instead of the table
  --lang       zh-CN (default) or en

Each option is given once, except --reform and --building; a value that starts with "-" is
written --option=value. Any argument error exits 2 and names the option.
Exit codes: 0 a tally was made (whatever the outcome); 2 bad input; 1 internal error.
`;

export const TALLY_OPTIONS = {
  body: { type: 'string', value: '<body>' },
  policy: { type: 'string', value: Object.keys(policies).join('|') },
  at: { type: 'string', value: 'YYYY-MM-DD' },
  reform: { type: 'string', multiple: true, value: '<id>' },
  matter: { type: 'string', value: '<matter>' },
  building: { type: 'string', multiple: true, value: '<id>' },
  developer: { type: 'string', value: '<key>' },
  registry: { type: 'string', value: '<file>' },
  ballots: { type: 'string', value: '<file>' },
  record: { type: 'string', value: '<file>' },
  members: { type: 'string', value: '<file>' },
  base: { type: 'string', value: 'adults|households|groupRepresentatives' },
  group: { type: 'string', value: '<villagersGroup>' },
  ...INPUT_OPTIONS,
  json: { type: 'boolean' },
  lang: { type: 'string', value: 'zh-CN|en' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MAX_ISSUES = 20;

function report(io: Io, issues: readonly YishiIssue[]): number {
  const shown = issues.slice(0, MAX_ISSUES);
  const lines = shown.map((i) => `yishi tally: ${formatIssue(i)}`);
  if (issues.length > shown.length) lines.push(`yishi tally: … and ${issues.length - shown.length} more`);
  io.stderr(`${lines.join('\n')}\n`);
  return EXIT_BAD_INPUT;
}

/** The body-specific options given for a body that does not take them, or missing when it needs them. */
function bodyProblems(h: BodyHandler, body: string, given: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const name of BODY_OPTIONS) {
    const has = given[name] !== undefined;
    if (!has && h.required.includes(name)) {
      problems.push(`missing required option --${name} (for --body ${body})`);
    } else if (has && !h.required.includes(name) && !h.optional.includes(name)) {
      problems.push(`option --${name} does not apply to --body ${body}`);
    }
  }
  return problems;
}

function parseOptions(argv: string[]): { options: TallyOptions; handler: BodyHandler } | 'help' {
  const { values } = parseCommandArgs(argv, { command: 'tally', options: TALLY_OPTIONS });
  if (values.help) return 'help';

  const body = values.body ?? 'ownersAssembly';
  const handler = handlerFor(body);
  if (handler === undefined) {
    const hint =
      body === 'buildingSubsetVote'
        ? ' (for a building-subset vote, give --building with the owners’ assembly)'
        : '';
    throw bad(`--body: unknown body "${body}"${hint}; expected one of ${ALL_BODIES.join('|')}`);
  }
  const lang = values.lang ?? 'zh-CN';
  const o: TallyOptions = {
    body,
    policy: values.policy ?? 'cn-national',
    reform: values.reform ?? [],
    building: values.building ?? [],
    load: loadOptionsFrom(values),
    json: values.json ?? false,
    lang: lang === 'en' ? 'en' : 'zh-CN',
  };
  for (const k of [
    'at',
    'matter',
    'developer',
    'registry',
    'ballots',
    'record',
    'members',
    'base',
    'group',
  ] as const) {
    const v = values[k];
    if (v !== undefined) o[k] = v;
  }

  const problems = [
    ...bodyProblems(handler, body, values as Record<string, unknown>),
    ...(handler.check?.(body, o) ?? []),
  ];
  if (values.at !== undefined && !isValidIsoDate(values.at)) {
    problems.push(`--at: expected an existing date as YYYY-MM-DD, got "${values.at}"`);
  }
  if (lang !== 'zh-CN' && lang !== 'zh' && lang !== 'en') {
    problems.push(`--lang: expected zh-CN or en, got "${lang}"`);
  }
  if (problems.length > 0) throw new BadInput(problems.map((message) => ({ message })));
  return { options: o, handler };
}

/** A core error about an option value (unknown policy or reform). */
function optionIssue(e: YishiError, option: string): YishiIssue {
  return { message: `--${option}: ${e.message}` };
}

interface PolicyChoice {
  pack: PolicyPack;
  reforms: Reform[];
}

/** The pack and reforms named on the command line; unknown ids are bad input. */
function choosePolicy(o: TallyOptions): PolicyChoice {
  const issues: YishiIssue[] = [];
  let pack: PolicyPack | undefined;
  try {
    pack = getPolicy(o.policy);
  } catch (e) {
    if (!isYishi(e)) throw e;
    issues.push(optionIssue(e, 'policy'));
  }
  const reforms: Reform[] = [];
  for (const id of o.reform) {
    try {
      reforms.push(getReform(id));
    } catch (e) {
      if (!isYishi(e)) throw e;
      issues.push(optionIssue(e, 'reform'));
    }
  }
  if (issues.length > 0 || !pack) throw new BadInput(issues);
  return { pack, reforms };
}

/** The rules in force on `at` after the reforms. */
function resolveAt(o: TallyOptions, choice: PolicyChoice, at: string): ResolvedPolicy {
  try {
    return resolvePolicy(choice.pack, at, { reforms: choice.reforms });
  } catch (e) {
    if (!isYishi(e)) throw e;
    throw bad(`--policy ${o.policy}: ${e.message}`);
  }
}

/** Which policy packs have a parameter in force on a date (a hint for PARAMETER_NOT_IN_FORCE). */
function packsWith(e: YishiError, at: string): string {
  const m = /"([A-Za-z.]+)"/.exec(e.message);
  if (e.code !== 'PARAMETER_NOT_IN_FORCE' || !m) return '';
  const name = m[1]!;
  const ids = Object.entries(policies)
    .filter(([, p]) => Object.keys(p.parameters[name]?.values ?? {}).some((d) => d <= at))
    .map(([id]) => id);
  return ids.length > 0
    ? ` (try --policy ${ids.join(' or ')}, or another --at date)`
    : ' (try another --at date)';
}

/** Loader warnings (a file read, but with something to say about it) on stderr. */
function printWarnings(io: Io, inputs: Record<string, unknown>): void {
  const warnings = Object.values(inputs).flatMap(
    (loaded) => (loaded as { warnings?: YishiIssue[] }).warnings ?? [],
  );
  for (const w of warnings) io.stderr(`yishi tally: 警告 warning: ${formatIssue(w)}\n`);
}

interface Tallied {
  result: TallyResult<unknown>;
  reforms: Reform[];
  policy: ResolvedPolicy;
  opinions?: ReturnType<NonNullable<BodyHandler['opinions']>>;
}

/** load → warnings → cross-checks → policy on the date → tally, with errors relocated into the files. */
async function run(h: BodyHandler, o: TallyOptions, io: Io): Promise<Tallied> {
  const choice = choosePolicy(o);
  const inputs = await h.load(o, io.cwd);
  printWarnings(io, inputs);
  h.validate?.(inputs, o);
  const at = o.at ?? h.defaultAt(inputs, io);
  const policy = resolveAt(o, choice, at);
  try {
    const result = h.tally(inputs, o, policy);
    const opinions = h.opinions?.(inputs);
    return { result, reforms: choice.reforms, policy, ...(opinions ? { opinions } : {}) };
  } catch (e) {
    if (!isYishi(e)) throw e;
    throw relocate(e, h.locate(inputs), packsWith(e, at));
  }
}

export const command: Command = async (argv, io) => {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (e) {
    if (e instanceof ArgsError) return reportArgsError(io, 'tally', e, USAGE);
    if (e instanceof BadInput) return report(io, e.issues);
    throw e;
  }
  if (parsed === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const { options, handler } = parsed;
  try {
    const { result, reforms, policy, opinions } = await run(handler, options, io);
    if (options.json) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(
        formatTally(result, {
          lang: options.lang,
          policyTitle: policy.title,
          reformTitles: Object.fromEntries(reforms.map((r) => [r.id, r.title])),
          ...(opinions ? { opinions } : {}),
        }),
      );
    }
    return EXIT_OK;
  } catch (e) {
    if (e instanceof BadInput) return report(io, e.issues);
    if (isYishi(e)) return report(io, e.issues.length > 0 ? e.issues : [{ message: e.message }]);
    io.stderr(`yishi tally: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_FAILURE;
  }
};
