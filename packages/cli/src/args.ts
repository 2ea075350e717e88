/**
 * Command-line arguments for every yishi command: node:util `parseArgs` underneath, yishi's own
 * messages on top. A user never sees Node's parser text ("Unknown option '--x'. To specify a
 * positional argument…"): each problem names the flag, says what was wrong in zh-CN then English,
 * and says what was expected.
 *
 *   const SPEC = { command: 'tally', options: { at: { type: 'string', value: 'YYYY-MM-DD' }, json: { type: 'boolean' } } } as const;
 *   const { values, positionals } = parseCommandArgs(argv, SPEC);   // throws ArgsError
 *
 * Rules, the same for every command:
 * - an option the command does not know is refused, with the options it does know;
 * - a string option needs a value (`--at 2025-06-01` or `--at=2025-06-01`); a value that starts
 *   with "-" must be written with "=" (`--days=-3`), so a forgotten value never swallows the next flag;
 * - a boolean option takes no value (`--json=yes` is refused);
 * - a string option not marked `multiple` may be given once (two `--at` are refused, not "last wins");
 * - `choices` are checked here (case-insensitively when `caseInsensitive`), so a bad value is refused
 *   before any file is read;
 * - positional arguments only where the command declares them, and as many as it declares.
 *
 * Node's errors are recognised by their codes (ERR_PARSE_ARGS_UNKNOWN_OPTION,
 * ERR_PARSE_ARGS_INVALID_OPTION_VALUE, ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL) and never shown; the
 * arguments are also read leniently, token by token, to find every flag at fault (Node stops at the
 * first, and lets a repeated option win silently), so all problems are reported at once.
 *
 * A command adopts it in two steps:
 *
 *   try { ({ values, positionals } = parseCommandArgs(argv, { command: 'calendar period-end', options })); }
 *   catch (e) { if (e instanceof ArgsError) return reportArgsError(io, 'calendar period-end', e, USAGE); throw e; }
 */
import { parseArgs } from 'node:util';
import type { Io } from './io.js';
import { EXIT_BAD_INPUT } from './io.js';

/** One option of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** May be given more than once (the values are collected in order). */
  readonly multiple?: boolean;
  readonly short?: string;
  /** What the value looks like, for messages: `YYYY-MM-DD`, `<file>`, `N`. */
  readonly value?: string;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** Compare `choices` ignoring case (the value is returned as given). */
  readonly caseInsensitive?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Positional arguments a command takes, and how it words their absence or excess. */
export interface PositionalSpec {
  /** As in the usage line: `<log.jsonl>`. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** The message when fewer than `min` are given (default: 缺少参数 missing argument …). */
  readonly missing?: string;
  /** The message when more than `max` are given, from the count (default: 多余的参数 …). */
  readonly tooMany?: (count: number) => string;
}

export interface ArgsSpec {
  /** The command as the user typed it, for messages: `tally`, `calendar period-end`. */
  readonly command: string;
  readonly options: OptionTable;
  /** Omitted: the command takes no positional argument. */
  readonly positionals?: PositionalSpec;
}

type ValueOf<S extends OptionSpec> = S extends { type: 'boolean' }
  ? S extends { multiple: true }
    ? boolean[]
    : boolean
  : S extends { type: 'string' }
    ? S extends { multiple: true }
      ? string[]
      : string
    : string | boolean | string[] | boolean[];

/** The parsed values: absent options are undefined. */
export type ArgValues<T extends OptionTable> = { -readonly [K in keyof T]?: ValueOf<T[K]> };

export interface ParsedArgs<T extends OptionTable> {
  values: ArgValues<T>;
  positionals: string[];
}

export type ArgIssueCode =
  | 'UNKNOWN_OPTION'
  | 'MISSING_VALUE'
  | 'VALUE_LOOKS_LIKE_OPTION'
  | 'UNEXPECTED_VALUE'
  | 'REPEATED_OPTION'
  | 'BAD_CHOICE'
  | 'UNEXPECTED_ARGUMENT'
  | 'MISSING_ARGUMENT';

/** One problem with the arguments: `option` is the flag as typed (`--at`, `-x`), when there is one. */
export interface ArgIssue {
  code: ArgIssueCode;
  option?: string;
  message: string;
}

/** The arguments could not be read; `issues` holds every problem found. */
export class ArgsError extends Error {
  readonly issues: readonly ArgIssue[];
  constructor(issues: readonly ArgIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'ArgsError';
    this.issues = issues;
  }
}

/** `--at` or `-h`. */
const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);

const shown = (v: string) => JSON.stringify(v);

/** What an option expects, for messages: `--at YYYY-MM-DD`, `--lang zh-CN|en`, `--json`. */
export function expectedForm(name: string, spec: OptionSpec): string {
  if (spec.type === 'boolean') return flag(name);
  const value = spec.value ?? (spec.choices ? spec.choices.join('|') : '<value>');
  return `${flag(name)} ${value}`;
}

/** The closest known option, when one is within two edits (a typo), else undefined. */
function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

interface Token {
  kind: 'option' | 'positional' | 'option-terminator';
  index: number;
  name?: string;
  rawName?: string;
  value?: string | undefined;
  inlineValue?: boolean | undefined;
}

function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
    code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
  );
}

/** Every problem in the arguments, in the order the user typed them (repeats and positionals last). */
function diagnose(args: readonly string[], spec: ArgsSpec): ArgIssue[] {
  const issues: ArgIssue[] = [];
  const options = spec.options;
  const byShort = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) if (o.short) byShort.set(o.short, name);
  const known = Object.keys(options).map(flag);
  const knownList = known.join(', ');
  const seen = new Map<string, string[]>();
  const positionals: string[] = [];
  let previousUnknown = false;
  const unknownOption = (raw: string): ArgIssue => {
    const typo = raw.startsWith('--') ? nearest(raw, known) : undefined;
    return {
      code: 'UNKNOWN_OPTION',
      option: raw,
      message:
        `${raw}: 未知选项 unknown option` +
        (typo ? `; 是否想用 did you mean ${typo}?` : `; 可用选项 expected one of ${knownList}`),
    };
  };

  const scan = (rest: readonly string[]): void => {
    for (const t of tokenize(rest, options)) {
      if (t.kind === 'option-terminator') continue;
      if (t.kind === 'positional') {
        positionals.push(t.value ?? '');
        previousUnknown = false;
        continue;
      }
      const raw = t.rawName ?? flag(t.name ?? '');
      const given = t.name ?? '';
      const name = Object.hasOwn(options, given) ? given : byShort.get(given);
      const o = name === undefined || !Object.hasOwn(options, name) ? undefined : options[name];
      if (name === undefined || o === undefined) {
        // `--days -3` where --days is unknown: "-3" was meant as its value, not a second unknown flag.
        if (previousUnknown && /^-\d/.test(raw)) continue;
        previousUnknown = raw.startsWith('--');
        issues.push(unknownOption(raw));
        continue;
      }
      previousUnknown = false;
      const long = flag(name);
      if (o.type === 'boolean') {
        if (t.value !== undefined) {
          issues.push({
            code: 'UNEXPECTED_VALUE',
            option: long,
            message: `${long}: 不接受取值 takes no value, got ${shown(t.value)}; expected ${long} alone`,
          });
        }
        continue;
      }
      const form = expectedForm(name, o);
      if (t.value === undefined) {
        issues.push({
          code: 'MISSING_VALUE',
          option: long,
          message: `${long}: 缺少取值 missing value; expected ${form}`,
        });
        continue;
      }
      if (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-')) {
        const isFlag = /^--?[A-Za-z]/.test(t.value);
        issues.push(
          isFlag
            ? {
                code: 'MISSING_VALUE',
                option: long,
                message: `${long}: 缺少取值 missing value (${t.value} is the next option); expected ${form}`,
              }
            : {
                code: 'VALUE_LOOKS_LIKE_OPTION',
                option: long,
                message:
                  `${long}: 取值以“-”开头 the value ${shown(t.value)} starts with "-"; expected ${form}` +
                  ` (to pass it anyway, write ${long}=${t.value})`,
              },
        );
        if (isFlag) {
          // The parser took the next option as this one's value: read on from that option.
          scan(rest.slice(t.index + 1));
          return;
        }
        continue;
      }
      if (!o.multiple) {
        const earlier = seen.get(name) ?? [];
        earlier.push(t.value);
        seen.set(name, earlier);
      }
      if (o.choices) {
        const v = o.caseInsensitive ? t.value.toLowerCase() : t.value;
        const ok = o.choices.some((c) => (o.caseInsensitive ? c.toLowerCase() : c) === v);
        if (!ok) {
          issues.push({
            code: 'BAD_CHOICE',
            option: long,
            message: `${long}: 不支持的取值 unsupported value ${shown(t.value)}; expected one of ${o.choices.join('|')}`,
          });
        }
      }
    }
  };
  scan(args);

  for (const [name, values] of seen) {
    if (values.length > 1) {
      const long = flag(name);
      issues.push({
        code: 'REPEATED_OPTION',
        option: long,
        message: `${long}: 只能给一次 given ${values.length} times (${values.map(shown).join(', ')}); expected it once`,
      });
    }
  }

  const p = spec.positionals;
  if (!p) {
    for (const v of positionals) {
      issues.push({
        code: 'UNEXPECTED_ARGUMENT',
        message: `${shown(v)}: 多余的参数 unexpected argument; yishi ${spec.command} takes options only (${knownList})`,
      });
    }
  } else if (positionals.length < p.min) {
    issues.push({
      code: 'MISSING_ARGUMENT',
      message: p.missing ?? `缺少参数 missing argument; expected ${p.name}`,
    });
  } else if (positionals.length > p.max) {
    issues.push({
      code: 'UNEXPECTED_ARGUMENT',
      message:
        p.tooMany?.(positionals.length) ??
        `多余的参数 unexpected argument ${shown(positionals[p.max]!)}; expected at most ${p.max} (${p.name})`,
    });
  }
  return issues;
}

/** The tokens of `args`, read leniently (unknown options and missing values do not throw). */
function tokenize(args: readonly string[], options: OptionTable): Token[] {
  return parseArgs({
    args: [...args],
    options: nodeOptions(options),
    strict: false,
    allowPositionals: true,
    tokens: true,
  }).tokens as Token[];
}

function nodeOptions(options: OptionTable) {
  const out: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = {
      type: o.type,
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.short ? { short: o.short } : {}),
    };
  }
  return out;
}

/**
 * `--days -3` means the value -3 (a number is never an option): pass it on as `--days=-3`, so the
 * command refuses it for what it is ("expected a whole number of days … got "-3"") instead of
 * calling it a missing value.
 */
function negativeValuesJoined(argv: readonly string[], options: OptionTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    const next = argv[i + 1];
    const o = name !== undefined && Object.hasOwn(options, name) ? options[name] : undefined;
    if (o?.type === 'string' && next !== undefined && /^-\d+(\.\d+)?$/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Parse `argv` against a command's options. Throws `ArgsError` listing every problem; never lets a
 * node:util parse error through.
 */
export function parseCommandArgs<T extends OptionTable>(
  given: readonly string[],
  spec: ArgsSpec & { options: T },
): ParsedArgs<T> {
  const argv = negativeValuesJoined(given, spec.options);
  const options = nodeOptions(spec.options);
  let values: Record<string, unknown> = {};
  let positionals: string[] = [];
  let strictFailed = false;
  try {
    const r = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    values = r.values as Record<string, unknown>;
    positionals = r.positionals;
  } catch (e) {
    if (!isParseArgsError(e)) throw e;
    strictFailed = true;
  }
  // Node's parser stops at the first error and lets a repeated option win silently: read the
  // arguments again, leniently, to find every problem.
  const issues = diagnose(argv, spec);
  if (strictFailed && issues.length === 0) {
    // Not reached with node 20's parser; kept so an unforeseen case still gets a yishi message.
    issues.push({
      code: 'UNEXPECTED_ARGUMENT',
      message: `无法读取参数 could not read the arguments ${shown(argv.join(' '))}; see yishi ${spec.command} --help`,
    });
  }
  if (issues.length > 0) throw new ArgsError(issues);
  return { values: values as ArgValues<T>, positionals };
}

/**
 * Print an ArgsError as `yishi <command>: <problem>` lines, then the usage, and return exit 2.
 * Any command (calendar included) can end its argument handling with it.
 */
export function reportArgsError(io: Io, command: string, error: ArgsError, usage?: string): number {
  const lines = error.issues.map((i) => `yishi ${command}: ${i.message}`).join('\n');
  io.stderr(`${lines}\n${usage ? `\n${usage}` : ''}`);
  return EXIT_BAD_INPUT;
}
