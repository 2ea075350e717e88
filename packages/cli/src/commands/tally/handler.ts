/**
 * What `yishi tally` needs to know about one kind of body: the options it takes, how it loads its
 * files, which core function counts it and where that function's errors point in the files. The
 * dispatcher (../tally.ts) runs every handler the same way:
 *
 *   load the files → print loader warnings → check them against each other → resolve the policy on
 *   the date → tally → on a core error, relocate each issue into the file it is about.
 */
import type { MeetingRecord, ResolvedPolicy, TallyResult, YishiError, YishiIssue } from '@yishi/core';
import { isYishiError } from '@yishi/core';
import type { Lang } from '../../format.js';
import type { LoadOptions } from '../../inputOptions.js';
import type { Io } from '../../io.js';
import { formatIssue, type Loaded, locateIssue } from '../../load.js';

/** Options that only some bodies take (the others refuse them). */
export type BodyOption =
  | 'registry'
  | 'ballots'
  | 'matter'
  | 'building'
  | 'developer'
  | 'base'
  | 'group'
  | 'members'
  | 'record'
  | 'sheet';

export const BODY_OPTIONS: readonly BodyOption[] = [
  'registry',
  'ballots',
  'matter',
  'building',
  'developer',
  'base',
  'group',
  'members',
  'record',
  'sheet',
];

/** The command line, checked: every body option a handler requires is present. */
export interface TallyOptions {
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
  /** --encoding, --sheet, --key-collisions, for every loader. */
  load: LoadOptions;
  json: boolean;
  lang: Lang;
}

/** The files a handler loaded, by name; each may carry loader warnings. */
export type Inputs = Record<string, Loaded<unknown>>;

export interface BodyHandler<I extends Inputs = Inputs> {
  /** The `--body` values this handler counts. */
  readonly bodies: readonly string[];
  readonly required: readonly BodyOption[];
  readonly optional: readonly BodyOption[];
  /** Problems with the options for one body beyond required/optional (messages, as yishi prints them). */
  check?(body: string, o: TallyOptions): string[];
  /** Load every file at once (problems in several files are reported together, as BadInput). */
  load(o: TallyOptions, cwd: string): Promise<I>;
  /** Checks across the loaded files and options, before the policy is resolved. */
  validate?(inputs: I, o: TallyOptions): void;
  /** The date whose rules apply when --at is not given. */
  defaultAt(inputs: I, io: Io): string;
  /** The core function. */
  tally(inputs: I, o: TallyOptions, policy: ResolvedPolicy): TallyResult<unknown>;
  /** A core issue located in the file it is about, or undefined when it is about an option or the policy. */
  locate(inputs: I): (issue: YishiIssue) => YishiIssue | undefined;
  /** Opinions to print under the table (三会 records). */
  opinions?(inputs: I): MeetingRecord['opinions'];
}

/** Lets a handler keep its own input type inside the dispatcher's table. */
export const defineHandler = <I extends Inputs>(h: BodyHandler<I>): BodyHandler =>
  h as unknown as BodyHandler;

/** Bad input found before or while tallying: the issues, already located in their files. */
export class BadInput extends Error {
  readonly issues: YishiIssue[];
  constructor(issues: YishiIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

export const bad = (message: string, extra: Partial<YishiIssue> = {}) =>
  new BadInput([{ message, ...extra }]);

export function isYishi(e: unknown): e is YishiError {
  return (
    isYishiError(e) ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'YishiError' && 'issues' in e)
  );
}

/** Load several files, reporting every file's problems at once. */
export async function loadAll<T extends Record<string, Promise<unknown>>>(
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
  return out;
}

/**
 * A core error as bad input, each issue located in the file it is about: `locate` returns the
 * located issue, or undefined when the issue is about an option (--building, --group) or the policy.
 */
export function relocate(
  e: YishiError,
  locate: (issue: YishiIssue) => YishiIssue | undefined,
  hint = '',
): BadInput {
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

/** Locates attendance and vote issues in a meeting record (`present[…]`, `votes[…]`). */
export const inRecord =
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
