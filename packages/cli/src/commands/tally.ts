/**
 * `yishi tally`: count a vote or a meeting under a dated policy and explain the result.
 *
 *   yishi tally --registry units.json --ballots ballots.json --policy cn-national --matter hireManager
 *   yishi tally --body residentsMeeting --registry residents.json --record meeting.json --policy shanghai
 *
 * Exit 0 whenever a tally was made, whatever its outcome; exit 2 for bad input (with a message
 * naming the file, line or index, and field); exit 1 for an unexpected internal error.
 */
import { parseArgs } from 'node:util';
import type {
  Ballot,
  DeliberationBodyId,
  Matter,
  MemberBodyId,
  PolicyPack,
  Reform,
  ResidentsMeetingBase,
  ResolvedPolicy,
  TallyResult,
  UnitRegistry,
  YishiIssue,
} from '@yishi/core';
import {
  isValidIsoDate,
  isYishiError,
  MATTER_LABELS,
  MATTERS,
  MEMBER_BODY_IDS,
  MeetingRecord,
  MemberRegistry,
  ResidentRegistry,
  recordDeliberation,
  resolvePolicy,
  tallyMemberMeeting,
  tallyOwnersAssembly,
  tallyResidentsMeeting,
  tallyVillagersMeeting,
  VillagerRegistry,
  type YishiError,
} from '@yishi/core';
import { getPolicy, getReform, policies } from '@yishi/policies';
import { formatTally, type Lang } from '../format.js';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';
import { formatIssue, type Loaded, loadBallots, loadJson, loadUnitRegistry, locateIssue } from '../load.js';

export const USAGE = `用法 Usage:
  yishi tally --registry <units.json|csv> --ballots <ballots.json|csv> --matter <matter>
              [--policy cn-national|shanghai] [--at YYYY-MM-DD] [--reform <id> ...]
              [--building <id> ...] [--developer <key>] [--json] [--lang zh-CN|en]
  yishi tally --body residentsMeeting --registry residents.json --record meeting.json
              [--base adults|households|groupRepresentatives]
  yishi tally --body villagersMeeting --registry villagers.json --record meeting.json
  yishi tally --body villagersGroupMeeting --registry villagers.json --record meeting.json --group <villagersGroup>
  yishi tally --body <${MEMBER_BODY_IDS.join('|')}>
              --members members.json --record meeting.json
  yishi tally --body hearing|coordinationMeeting|evaluationMeeting|jointMeeting --record meeting.json

Options:
  --body       the body that decides (default ownersAssembly, 业主大会)
  --policy     policy pack: ${Object.keys(policies).join(', ')} (default cn-national)
  --at         apply the rules in force on this date (default: the meeting date in --record,
               otherwise today in Asia/Shanghai)
  --reform     apply a reform (repeatable), e.g. v1-property-law
  --matter     owners' assembly matter: ${MATTERS.join(', ')}
  --building   building-subset vote (上海规定 第69条); repeat for several buildings
  --developer  the developer's owner key in a CSV unit register (default "developer")
  --json       print one JSON object instead of the table
  --lang       zh-CN (default) or en

Exit codes: 0 a tally was made (whatever the outcome); 2 bad input; 1 internal error.
`;

const OWNER_BODIES = ['ownersAssembly'] as const;
const DELIBERATION_BODIES = ['hearing', 'coordinationMeeting', 'evaluationMeeting', 'jointMeeting'] as const;
const VILLAGE_BODIES = ['villagersMeeting', 'villagersGroupMeeting'] as const;
const RESIDENT_BASES = ['adults', 'households', 'groupRepresentatives'] as const;

type Kind = 'owners' | 'residents' | 'village' | 'members' | 'deliberation';

function kindOf(body: string): Kind | null {
  if ((OWNER_BODIES as readonly string[]).includes(body)) return 'owners';
  if (body === 'residentsMeeting') return 'residents';
  if ((VILLAGE_BODIES as readonly string[]).includes(body)) return 'village';
  if ((MEMBER_BODY_IDS as readonly string[]).includes(body)) return 'members';
  if ((DELIBERATION_BODIES as readonly string[]).includes(body)) return 'deliberation';
  return null;
}

const ALL_BODIES = [
  ...OWNER_BODIES,
  'residentsMeeting',
  ...VILLAGE_BODIES,
  ...MEMBER_BODY_IDS,
  ...DELIBERATION_BODIES,
] as const;

/** Which file options each kind of body needs (required) or accepts (optional). */
const OPTIONS_BY_KIND: Record<Kind, { required: string[]; optional: string[] }> = {
  owners: { required: ['registry', 'ballots', 'matter'], optional: ['building', 'developer'] },
  residents: { required: ['registry', 'record'], optional: ['base'] },
  village: { required: ['registry', 'record'], optional: ['group'] },
  members: { required: ['members', 'record'], optional: [] },
  deliberation: { required: ['record'], optional: [] },
};
const BODY_SPECIFIC = [
  'registry',
  'ballots',
  'matter',
  'building',
  'developer',
  'base',
  'group',
  'members',
  'record',
];

/** The member register's `body` each member-body meeting expects. */
const MEMBER_REGISTER_BODY: Record<MemberBodyId, MemberRegistry['body']> = {
  ownersCommitteeMeeting: 'ownersCommittee',
  villagerRepresentativesMeeting: 'villagerRepresentatives',
  partyMembersCouncil: 'partyMembersCouncil',
  buildingGroupMeeting: 'buildingGroup',
  ownerRepresentativesMeeting: 'ownerRepresentatives',
  residentRepresentativesMeeting: 'residentRepresentatives',
};

/** Bad input found before or while tallying: the issues, already located in their files. */
class BadInput extends Error {
  readonly issues: YishiIssue[];
  constructor(issues: YishiIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

const bad = (message: string, extra: Partial<YishiIssue> = {}) => new BadInput([{ message, ...extra }]);

function isYishi(e: unknown): e is YishiError {
  return (
    isYishiError(e) ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'YishiError' && 'issues' in e)
  );
}

const MAX_ISSUES = 20;

function report(io: Io, issues: readonly YishiIssue[]): number {
  const shown = issues.slice(0, MAX_ISSUES);
  const lines = shown.map((i) => `yishi tally: ${formatIssue(i)}`);
  if (issues.length > shown.length) lines.push(`yishi tally: … and ${issues.length - shown.length} more`);
  io.stderr(`${lines.join('\n')}\n`);
  return EXIT_BAD_INPUT;
}

interface Options {
  body: string;
  policy: string;
  at?: string;
  reform: string[];
  matter?: string;
  building: string[];
  developer?: string;
  registry?: string;
  ballots?: string;
  record?: string;
  members?: string;
  base?: string;
  group?: string;
  json: boolean;
  lang: Lang;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      body: { type: 'string' },
      policy: { type: 'string' },
      at: { type: 'string' },
      reform: { type: 'string', multiple: true },
      matter: { type: 'string' },
      building: { type: 'string', multiple: true },
      developer: { type: 'string' },
      registry: { type: 'string' },
      ballots: { type: 'string' },
      record: { type: 'string' },
      members: { type: 'string' },
      base: { type: 'string' },
      group: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';

  const body = values.body ?? 'ownersAssembly';
  const kind = kindOf(body);
  if (kind === null) {
    const hint =
      body === 'buildingSubsetVote'
        ? ' (for a building-subset vote, give --building with the owners’ assembly)'
        : '';
    throw bad(`--body: unknown body "${body}"${hint}; expected one of ${ALL_BODIES.join('|')}`);
  }
  const given = values as Record<string, unknown>;
  const spec = OPTIONS_BY_KIND[kind];
  const problems: string[] = [];
  for (const name of BODY_SPECIFIC) {
    const has = given[name] !== undefined;
    if (!has && spec.required.includes(name)) {
      problems.push(`missing required option --${name} (for --body ${body})`);
    } else if (has && !spec.required.includes(name) && !spec.optional.includes(name)) {
      problems.push(`option --${name} does not apply to --body ${body}`);
    }
  }
  if (body === 'villagersGroupMeeting' && values.group === undefined) {
    problems.push('missing required option --group (for --body villagersGroupMeeting)');
  }
  if (body === 'villagersMeeting' && values.group !== undefined) {
    problems.push('option --group applies to --body villagersGroupMeeting, not villagersMeeting');
  }
  const matter = values.matter;
  if (matter !== undefined && kind === 'owners' && !(MATTERS as readonly string[]).includes(matter)) {
    const expected = MATTERS.map((m) => `${m} (${MATTER_LABELS[m]['zh-CN']})`).join(', ');
    problems.push(`--matter: unknown matter "${matter}"; expected one of ${expected}`);
  }
  if (values.base !== undefined && !(RESIDENT_BASES as readonly string[]).includes(values.base)) {
    problems.push(`--base: expected one of ${RESIDENT_BASES.join('|')}, got "${values.base}"`);
  }
  if (values.at !== undefined && !isValidIsoDate(values.at)) {
    problems.push(`--at: expected an existing date as YYYY-MM-DD, got "${values.at}"`);
  }
  const lang = values.lang ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'zh' && lang !== 'en') {
    problems.push(`--lang: expected zh-CN or en, got "${lang}"`);
  }
  if (problems.length > 0) throw new BadInput(problems.map((message) => ({ message })));

  const o: Options = {
    body,
    policy: values.policy ?? 'cn-national',
    reform: values.reform ?? [],
    building: values.building ?? [],
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
  return o;
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
function choosePolicy(o: Options): PolicyChoice {
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
function resolveAt(
  o: Options,
  choice: PolicyChoice,
  at: string,
): { policy: ResolvedPolicy; reforms: Reform[] } {
  try {
    return { policy: resolvePolicy(choice.pack, at, { reforms: choice.reforms }), reforms: choice.reforms };
  } catch (e) {
    if (!isYishi(e)) throw e;
    throw bad(`--policy ${o.policy}: ${e.message}`);
  }
}

/** Where loader warnings (keys differing only by case or width) go: the running command's stderr. */
let warn: (text: string) => void = () => {};

/** Load several files, reporting every file's problems at once; warnings go to `warn`. */
async function loadAll<T extends Record<string, Promise<unknown>>>(
  jobs: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(jobs) as (keyof T)[];
  const settled = await Promise.allSettled(keys.map((k) => jobs[k]));
  const issues: YishiIssue[] = [];
  const out = {} as { [K in keyof T]: Awaited<T[K]> };
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') out[keys[i]!] = s.value as Awaited<T[keyof T]>;
    else if (isYishi(s.reason)) issues.push(...s.reason.issues);
    else throw s.reason;
  });
  if (issues.length > 0) throw new BadInput(issues);
  for (const v of Object.values(out) as { warnings?: YishiIssue[] }[]) {
    for (const w of v.warnings ?? []) warn(`yishi: warning (警告): ${formatIssue(w)}\n`);
  }
  return out;
}

/**
 * A core error as bad input, each issue located in the file it is about: `locate` returns the
 * located issue, or undefined when the issue is about an option (--building, --group) or the policy.
 */
function relocate(e: YishiError, locate: (issue: YishiIssue) => YishiIssue | undefined, hint = ''): BadInput {
  if (e.issues.length === 0) return bad(`${e.message}${hint}`);
  return new BadInput(
    e.issues.map((i) => {
      const located = locate(i);
      if (located) return located;
      const option =
        i.field === 'buildings' ? 'building' : i.field === 'villagersGroup' ? 'group' : undefined;
      return { message: option ? `--${option}: ${e.message}` : `${e.message}${hint}` };
    }),
  );
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

interface Tallied {
  result: TallyResult<unknown>;
  reforms: Reform[];
  policy: ResolvedPolicy;
  opinions?: MeetingRecord['opinions'];
}

async function run(o: Options, io: Io): Promise<Tallied> {
  warn = io.stderr;
  const kind = kindOf(o.body)!;
  const cwd = io.cwd;
  const choice = choosePolicy(o);

  if (kind === 'owners') {
    const files = await loadAll({
      units: loadUnitRegistry(o.registry!, cwd, o.developer !== undefined ? { developer: o.developer } : {}),
      ballots: loadBallots(o.ballots!, cwd),
    });
    const units: Loaded<UnitRegistry> = files.units;
    const ballots: Loaded<Ballot[]> = files.ballots;
    if (o.building.length > 0) {
      const known = [...new Set(units.data.units.map((u) => u.building))];
      const missing = o.building.filter((b) => !known.includes(b));
      if (missing.length > 0) {
        throw bad(
          `--building: no unit of ${units.source.file} lies in ${missing.map((b) => `"${b}"`).join(', ')}; its buildings are ${known.join(', ')}`,
        );
      }
    }
    const at = o.at ?? io.today();
    const { policy, reforms } = resolveAt(o, choice, at);
    try {
      const result = tallyOwnersAssembly({
        registry: units.data,
        ballots: ballots.data,
        matter: o.matter as Matter,
        policy,
        ...(o.building.length > 0 ? { buildings: o.building } : {}),
      });
      return { result, reforms, policy };
    } catch (e) {
      if (!isYishi(e)) throw e;
      const source = (i: YishiIssue) =>
        i.path?.startsWith('units') ? units.source : i.path?.startsWith('[') ? ballots.source : undefined;
      throw relocate(
        e,
        (i) => {
          const s = source(i);
          return s ? locateIssue(i, s) : undefined;
        },
        packsWith(e, at),
      );
    }
  }

  const recordJob = loadJson(o.record!, cwd, MeetingRecord, 'meeting record');
  const recordOnly = async () => (await loadAll({ record: recordJob })).record;

  if (kind === 'deliberation') {
    const record = await recordOnly();
    const at = o.at ?? record.data.date;
    const { policy, reforms } = resolveAt(o, choice, at);
    const result = recordDeliberation({ body: o.body as DeliberationBodyId, record: record.data, policy });
    return { result, reforms, policy, opinions: record.data.opinions };
  }

  const inRecord =
    (record: Loaded<MeetingRecord>) =>
    (i: YishiIssue): YishiIssue | undefined => {
      if (!i.path?.startsWith('present') && !i.path?.startsWith('votes')) return undefined;
      // Some attendance issues name the person but not the index: find it.
      if (i.index === undefined && i.received !== undefined && i.path === 'present') {
        const k = record.data.present.indexOf(i.received);
        if (k >= 0) return locateIssue({ ...i, index: k, path: `present[${k}]` }, record.source);
      }
      return locateIssue(i, record.source);
    };

  if (kind === 'residents') {
    const files = await loadAll({
      registry: loadJson(o.registry!, cwd, ResidentRegistry, 'resident register'),
      record: recordJob,
    });
    const at = o.at ?? files.record.data.date;
    const { policy, reforms } = resolveAt(o, choice, at);
    try {
      const result = tallyResidentsMeeting({
        registry: files.registry.data,
        record: files.record.data,
        policy,
        ...(o.base !== undefined ? { base: o.base as ResidentsMeetingBase } : {}),
      });
      return { result, reforms, policy };
    } catch (e) {
      if (!isYishi(e)) throw e;
      throw relocate(e, inRecord(files.record), packsWith(e, at));
    }
  }

  if (kind === 'village') {
    const files = await loadAll({
      registry: loadJson(o.registry!, cwd, VillagerRegistry, 'villager register'),
      record: recordJob,
    });
    const at = o.at ?? files.record.data.date;
    const { policy, reforms } = resolveAt(o, choice, at);
    try {
      const result = tallyVillagersMeeting({
        registry: files.registry.data,
        record: files.record.data,
        policy,
        ...(o.group !== undefined ? { villagersGroup: o.group } : {}),
      });
      return { result, reforms, policy };
    } catch (e) {
      if (!isYishi(e)) throw e;
      throw relocate(e, inRecord(files.record), packsWith(e, at));
    }
  }

  // kind === 'members'
  const files = await loadAll({
    members: loadJson(o.members!, cwd, MemberRegistry, 'member register'),
    record: recordJob,
  });
  const body = o.body as MemberBodyId;
  const expected = MEMBER_REGISTER_BODY[body];
  if (files.members.data.body !== expected) {
    throw bad(`this register is of "${files.members.data.body}" but --body ${body} needs "${expected}"`, {
      file: files.members.source.file,
      field: 'body',
    });
  }
  const at = o.at ?? files.record.data.date;
  const { policy, reforms } = resolveAt(o, choice, at);
  try {
    const result = tallyMemberMeeting({
      body,
      members: files.members.data,
      record: files.record.data,
      policy,
    });
    return { result, reforms, policy };
  } catch (e) {
    if (!isYishi(e)) throw e;
    throw relocate(e, inRecord(files.record), packsWith(e, at));
  }
}

export const command: Command = async (argv, io) => {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (e instanceof BadInput) return report(io, e.issues);
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`yishi tally: ${(e as Error).message}\n\n${USAGE}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  if (options === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  try {
    const { result, reforms, policy, opinions } = await run(options, io);
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
