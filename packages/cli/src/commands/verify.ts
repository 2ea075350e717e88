/**
 * `yishi verify`: is a published audit log intact?
 *
 *   yishi verify project-log.jsonl            → verified 412 entries … head seq 412 sha256 3f2a…
 *   yishi verify project-log.jsonl --json
 *
 * Every entry must be well-formed, numbered 1, 2, 3 …, carry the SHA-256 of its own content and
 * the hash of the entry before it. The first entry that fails is named by line, seq and reason
 * (hash: the entry was changed; prev: an earlier entry was; seq: entries are missing, repeated
 * or out of order; schema: the line is not a log entry). Compare the head hash with the one the
 * committee published to know that nothing was rewritten wholesale: `--head <sha256>` and
 * `--count N` do that comparison, and fail (exit 1) when the log ends anywhere else — entries
 * cut off the end, added, or the whole log re-hashed.
 *
 *   yishi verify project-log.jsonl --head 58d1562c… --count 559
 *
 * Exit 0 intact; 1 not intact; 2 unreadable input or bad arguments.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jsonlLines, verifyJsonl } from '@yishi/core/engine';
import { ArgsError, type OptionTable, type ParsedArgs, parseCommandArgs, reportArgsError } from '../args.js';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';

export const USAGE = `用法 Usage:
  yishi verify <log.jsonl> [--head <sha256>] [--count N] [--json]

Checks the hash chain of an audit log (one JSON entry per line; docs/embedding.md has the recipe).
  --head <sha256>  the head hash the committee published: the log's last entry must carry it
  --count N        the number of entries published with it: the log must have exactly N
  --json           print {"ok", "count", "head"} or {"ok": false, "line", "seq", "reason", "message"}

A chain can hold and still not be the published log (cut short, extended, or re-hashed from the
first change on): compare it with the published head to know.

Exit codes: 0 the chain holds (and matches --head/--count); 1 it does not (the first bad entry is
named, or the head differs from the published one); 2 unreadable input or bad arguments.
`;

const REASONS: Record<string, string> = {
  hash: '内容与哈希不符 content does not match its hash',
  prev: '与前一条的哈希不相连 not linked to the entry before',
  seq: '序号不连续 entries missing, repeated or out of order',
  schema: '不是日志条目 not a log entry',
  canonical: '不是规范格式 not in canonical form (as the engine writes it)',
};

/** Reads a log file as text; `null` (after a message) when it cannot be read. */
export async function readLog(path: string, io: Io, name: string): Promise<string | null> {
  try {
    // Not decoded strictly: a corrupted byte then shows up as a changed entry on its own line.
    return new TextDecoder('utf-8').decode(await readFile(resolve(io.cwd, path)));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    io.stderr(`yishi ${name}: cannot read ${path}: ${why}\n`);
    return null;
  }
}

/**
 * The one log file and the options of `yishi verify` / `yishi replay`: a number (the exit code,
 * after printing usage or the argument errors) or the parsed arguments.
 */
export function parseFileArgs(argv: string[], io: Io, name: string, usage: string, extra: OptionTable = {}) {
  let parsed: ParsedArgs<OptionTable>;
  try {
    parsed = parseCommandArgs(argv, {
      command: name,
      options: { ...extra, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      positionals: {
        name: '<log.jsonl>',
        min: 1,
        max: 1,
        missing: `缺少日志文件 a log file is required; expected yishi ${name} <log.jsonl>`,
        tooMany: (n) => `只能给一个日志文件 expected one log file, got ${n}`,
      },
    });
  } catch (e) {
    if (e instanceof ArgsError) {
      // --help wins over a missing file: `yishi verify --help` is how one learns it needs one.
      if (
        e.issues.every((i) => i.code === 'MISSING_ARGUMENT') &&
        argv.some((a) => a === '--help' || a === '-h')
      ) {
        io.stdout(usage);
        return EXIT_OK;
      }
      return reportArgsError(io, name, e, usage);
    }
    throw e;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(usage);
    return EXIT_OK;
  }
  const strings: Record<string, string | undefined> = {};
  for (const k of Object.keys(extra)) strings[k] = values[k] as string | undefined;
  return { file: positionals[0]!, json: values.json === true, values: strings };
}

/** The published head to compare with (`--head`, `--count`), or an error message. */
function publishedHead(values: Record<string, string | undefined>): Published | string {
  const out: Published = {};
  if (values.head !== undefined) {
    const h = values.head.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(h)) return `--head must be a SHA-256 (64 hex digits), got "${values.head}"`;
    out.hash = h;
  }
  if (values.count !== undefined) {
    if (!/^\d+$/.test(values.count.trim())) {
      return `--count must be a whole number of entries, got "${values.count}"`;
    }
    out.count = Number(values.count.trim());
  }
  return out;
}

interface Published {
  hash?: string;
  count?: number;
}

/** Why the log's head is not the published one, or null when it is (or nothing was published). */
function headMismatch(
  published: Published,
  count: number,
  head: { seq: number; hash: string } | null,
  text: string,
): string | null {
  const countDiffers = published.count !== undefined && published.count !== count;
  const hashDiffers = published.hash !== undefined && published.hash !== head?.hash;
  if (!countDiffers && !hashDiffers) return null;
  const theirs = [
    published.count !== undefined ? `${published.count} entries` : '',
    published.hash !== undefined ? `head sha256 ${published.hash}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const ours = `${count} entries${head ? `, head sha256 ${head.hash}` : ''}`;
  let why: string;
  if (published.hash !== undefined && hashDiffers) {
    // The chain holds, so if the published hash is in it, the log up to there is the published one.
    const at = seqOf(text, published.hash);
    why =
      at !== null
        ? `the published head is entry seq ${at}; the log has ${count - at} entr${count - at === 1 ? 'y' : 'ies'} after it`
        : published.count !== undefined && published.count > count
          ? 'entries were cut off the end, or the log was rewritten'
          : 'the published head is not in this log: it was rewritten (re-hashed) or is another log';
  } else {
    why =
      count < published.count!
        ? 'entries were cut off the end'
        : 'entries were added after the published head';
  }
  return `the log (${ours}) is not the published one (${theirs}): ${why}`;
}

function seqOf(text: string, hash: string): number | null {
  for (const { text: t } of jsonlLines(text)) {
    const e = JSON.parse(t) as { seq: number; hash: string };
    if (e.hash === hash) return e.seq;
  }
  return null;
}

export const command: Command = async (argv, io) => {
  const args = parseFileArgs(argv, io, 'verify', USAGE, {
    head: { type: 'string', value: '<sha256>' },
    count: { type: 'string', value: 'N' },
  });
  if (typeof args === 'number') return args;
  const published = publishedHead(args.values);
  if (typeof published === 'string') {
    io.stderr(`yishi verify: ${published}\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const text = await readLog(args.file, io, 'verify');
  if (text === null) return EXIT_BAD_INPUT;
  const r = verifyJsonl(text);
  const mismatch = r.ok ? headMismatch(published, r.count, r.head, text) : null;
  if (args.json) {
    const out = !r.ok
      ? { ok: false, line: r.line, seq: r.seq, reason: r.reason, message: r.message }
      : mismatch
        ? { ok: false, count: r.count, head: r.head, reason: 'head', published, message: mismatch }
        : { ok: true, count: r.count, head: r.head };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return r.ok && !mismatch ? EXIT_OK : EXIT_FAILURE;
  }
  if (mismatch) {
    io.stdout(`✗ 与公布的不符 NOT the published log: ${args.file}: the chain holds, but ${mismatch}\n`);
    return EXIT_FAILURE;
  }
  if (r.ok) {
    const head = r.head ? `; head seq ${r.head.seq} sha256 ${r.head.hash}` : '';
    const matches = published.hash !== undefined || published.count !== undefined ? ', as published' : '';
    io.stdout(`✓ 已验证 verified ${r.count} entries: the chain holds${head}${matches}\n`);
    return EXIT_OK;
  }
  io.stdout(
    `✗ 校验失败 NOT intact: ${args.file}:${r.line} (entry seq ${r.seq}): ${REASONS[r.reason]}\n  ${r.message}\n` +
      `  ${r.index} entr${r.index === 1 ? 'y' : 'ies'} before it verified; nothing from line ${r.line} on can be trusted.\n`,
  );
  return EXIT_FAILURE;
};
