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
 * committee published to know that nothing was rewritten wholesale.
 *
 * Exit 0 intact; 1 not intact; 2 unreadable input or bad arguments.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyJsonl } from '@yishi/core/engine';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';

export const USAGE = `用法 Usage:
  yishi verify <log.jsonl> [--json]

Checks the hash chain of an audit log (one JSON entry per line; docs/embedding.md has the recipe).
  --json   print {"ok", "count", "head"} or {"ok": false, "line", "seq", "reason", "message"}

Exit codes: 0 the chain holds; 1 it does not (the first bad entry is named); 2 unreadable input.
`;

const REASONS: Record<string, string> = {
  hash: '内容与哈希不符 content does not match its hash',
  prev: '与前一条的哈希不相连 not linked to the entry before',
  seq: '序号不连续 entries missing, repeated or out of order',
  schema: '不是日志条目 not a log entry',
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

export function parseFileArgs(argv: string[], io: Io, name: string, usage: string) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(usage);
      return EXIT_OK;
    }
    if (positionals.length !== 1) {
      throw new Error(
        positionals.length ? `expected one log file, got ${positionals.length}` : 'a log file is required',
      );
    }
    return { file: positionals[0]!, json: values.json === true };
  } catch (e) {
    io.stderr(`yishi ${name}: ${(e as Error).message}\n\n${usage}`);
    return EXIT_BAD_INPUT;
  }
}

export const command: Command = async (argv, io) => {
  const args = parseFileArgs(argv, io, 'verify', USAGE);
  if (typeof args === 'number') return args;
  const text = await readLog(args.file, io, 'verify');
  if (text === null) return EXIT_BAD_INPUT;
  const r = verifyJsonl(text);
  if (args.json) {
    const out = r.ok
      ? { ok: true, count: r.count, head: r.head }
      : { ok: false, line: r.line, seq: r.seq, reason: r.reason, message: r.message };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return r.ok ? EXIT_OK : EXIT_FAILURE;
  }
  if (r.ok) {
    const head = r.head ? `; head seq ${r.head.seq} sha256 ${r.head.hash}` : '';
    io.stdout(`✓ 已验证 verified ${r.count} entries: the chain holds${head}\n`);
    return EXIT_OK;
  }
  io.stdout(
    `✗ 校验失败 NOT intact: ${args.file}:${r.line} (entry seq ${r.seq}): ${REASONS[r.reason]}\n  ${r.message}\n` +
      `  ${r.index} entr${r.index === 1 ? 'y' : 'ies'} before it verified; nothing from line ${r.line} on can be trusted.\n`,
  );
  return EXIT_FAILURE;
};
