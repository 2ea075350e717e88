/**
 * `yishi verify` for logs of either format. A version 1 log (one chain) is handed to verify.ts as
 * before; a version 2 log (one chain per stream, docs/verification.md) is checked stream by
 * stream here, and against published anchors:
 *
 *   yishi verify streams.jsonl
 *   yishi verify streams.jsonl --anchor anchor-0601.json --anchor anchor-0615.json --key committee.pub
 *
 * Each anchor must be signed by the key, and every stream it names must still reach the anchored
 * hash at the anchored version: a stream rewritten (and re-hashed) after an anchor fails, naming
 * the stream and the version. With several anchors, the rewrite is placed between the last anchor
 * the stream still matches and the first it does not.
 *
 * Exit 0 intact (and as anchored); 1 not; 2 unreadable input or bad arguments.
 */
import { isYishiError } from '@yishi/core';
import { type Anchor, type StreamsVerifyResult, verifyAnchor, verifyStreamsJsonl } from '@yishi/core/proof';
import { ArgsError, parseCommandArgs, reportArgsError } from '../args.js';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';
import { formatOf, iso, parseLines, Refusal, readJson, readKey, readText } from './proofFiles.js';

export const USAGE = `用法 Usage:
  yishi verify <log.jsonl> [--head <sha256>] [--count N] [--json]                      (version 1 log)
  yishi verify <log.jsonl> [--anchor <anchor.json> ...] [--key <public key>] [--json]   (version 2 log)

Checks the hash chains of an audit log (one JSON entry per line; docs/verification.md). A version 2
log has one chain per stream (community); the first bad entry is named by line, stream and version.
  --head <sha256>        (v1) the head hash the committee published: the log's last entry must carry it
  --count N              (v1) the number of entries published with it
  --anchor <anchor.json> (v2) a published anchor (may be given more than once): every stream it names
                         must still reach the anchored hash at the anchored version
  --key <public key>     (v2) the key the anchors were signed with: 64 hex digits, or a file (hex or PEM)
  --json                 print the result as JSON

Exit codes: 0 the chains hold (and match what was published); 1 they do not (the first bad entry, or
the stream and version that differ from an anchor, is named); 2 unreadable input or bad arguments.
`;

const OPTIONS = {
  head: { type: 'string', value: '<sha256>' },
  count: { type: 'string', value: 'N' },
  anchor: { type: 'string', value: '<anchor.json>', multiple: true },
  key: { type: 'string', value: '<public key>' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const REASONS: Record<string, string> = {
  hash: '内容与哈希不符 content does not match its hash',
  prev: '与前一条的哈希不相连 not linked to the entry before',
  version: '版本号不连续 versions missing, repeated or out of order',
  schema: '不是日志条目 not a log entry',
  canonical: '不是规范格式 not in canonical form (RFC 8785)',
};

/** One anchored head the log no longer reaches. */
interface Mismatch {
  stream: string;
  version: number;
  anchored: string;
  /** The log's hash at that version, or null when the stream is shorter (or absent). */
  found: string | null;
}

interface AnchorCheck {
  file: string;
  at: number;
  keyId: string;
  mismatches: Mismatch[];
  /** The version the anchor fixed each stream at. */
  versions: Map<string, number>;
}

export const command: Command = async (argv, io) => {
  let parsed: ReturnType<typeof parseCommandArgs<typeof OPTIONS>>;
  try {
    parsed = parseCommandArgs(argv, {
      command: 'verify',
      options: OPTIONS,
      positionals: {
        name: '<log.jsonl>',
        min: 1,
        max: 1,
        missing: '缺少日志文件 a log file is required; expected yishi verify <log.jsonl>',
        tooMany: (n) => `只能给一个日志文件 expected one log file, got ${n}`,
      },
    });
  } catch (e) {
    if (e instanceof ArgsError) {
      if (
        e.issues.every((i) => i.code === 'MISSING_ARGUMENT') &&
        argv.some((a) => a === '--help' || a === '-h')
      ) {
        io.stdout(USAGE);
        return EXIT_OK;
      }
      return reportArgsError(io, 'verify', e, USAGE);
    }
    throw e;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const file = positionals[0]!;
  const anchors = values.anchor ?? [];
  try {
    const v2Options = anchors.length > 0 || values.key !== undefined;
    let text: string;
    try {
      text = await readText(io, file, 'the log');
    } catch (e) {
      // Without version 2 options, an unreadable file is reported as verify always reported it.
      if (e instanceof Refusal && !v2Options) return (await import('./verify.js')).command(argv, io);
      throw e;
    }
    if (formatOf(text) !== 2) {
      if (v2Options) {
        throw new Refusal(
          `${file} is not a version 2 log: --anchor and --key check the streams of a version 2 log ` +
            '(convert a version 1 log with yishi migrate; check its head with --head and --count)',
        );
      }
      const { command: verifyV1 } = await import('./verify.js');
      return verifyV1(argv, io);
    }
    if (values.head !== undefined || values.count !== undefined) {
      throw new Refusal(
        '--head and --count compare the one head of a version 1 log; a version 2 log has a head per stream: use --anchor and --key',
      );
    }
    if (anchors.length > 0 && values.key === undefined)
      throw new Refusal('--anchor needs --key (the key it was signed with)');
    if (anchors.length === 0 && values.key !== undefined)
      throw new Refusal('--key is the key of an --anchor: give one');
    return await verifyV2(io, file, text, anchors, values.key, values.json === true);
  } catch (e) {
    if (e instanceof Refusal) {
      io.stderr(`yishi verify: ${e.message}\n${e.exit === EXIT_BAD_INPUT ? `\n${USAGE}` : ''}`);
      return e.exit;
    }
    if (isYishiError(e) && e.code === 'INVALID_INPUT') {
      io.stderr(`yishi verify: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
};

async function verifyV2(
  io: Io,
  file: string,
  text: string,
  anchorFiles: readonly string[],
  keyValue: string | undefined,
  json: boolean,
): Promise<number> {
  const r = verifyStreamsJsonl(text);
  if (!r.ok) return chainFailure(io, file, r, json);
  if (r.format !== 2) throw new Error('unreachable: a version 2 log verified as version 1');

  const checks: AnchorCheck[] = [];
  if (anchorFiles.length > 0) {
    const key = await readKey(io, keyValue!, 'the key');
    // Every stream's hash at every version: the anchored versions are looked up in it.
    const hashes = new Map<string, string[]>();
    for (const e of parseLines(text, file) as { stream: string; hash: string }[]) {
      const list = hashes.get(e.stream);
      if (list) list.push(e.hash);
      else hashes.set(e.stream, [e.hash]);
    }
    for (const f of anchorFiles) {
      let anchor: Anchor;
      try {
        anchor = await verifyAnchor(await readJson(io, f, 'the anchor'), key);
      } catch (e) {
        if (isYishiError(e) && e.code === 'INVALID_ANCHOR') {
          const out = `✗ 锚点无效 INVALID anchor ${f}: ${e.message}\n`;
          io.stdout(
            json
              ? `${JSON.stringify({ ok: false, reason: 'anchor', anchor: f, message: e.message }, null, 2)}\n`
              : out,
          );
          return EXIT_FAILURE;
        }
        throw e;
      }
      const mismatches: Mismatch[] = [];
      for (const h of anchor.heads) {
        const found = hashes.get(h.stream)?.[h.version - 1] ?? null;
        if (found !== h.hash)
          mismatches.push({ stream: h.stream, version: h.version, anchored: h.hash, found });
      }
      const versions = new Map(anchor.heads.map((h) => [h.stream, h.version]));
      checks.push({ file: f, at: anchor.at, keyId: anchor.keyId, mismatches, versions });
    }
  }
  const failed = checks.filter((c) => c.mismatches.length > 0);
  const ok = failed.length === 0;
  if (json) {
    io.stdout(
      `${JSON.stringify(
        {
          ok,
          format: 2,
          count: r.count,
          heads: r.heads,
          ...(checks.length > 0
            ? { anchors: checks.map(({ file, at, keyId, mismatches }) => ({ file, at, keyId, mismatches })) }
            : {}),
          ...(ok ? {} : { reason: 'anchor', message: anchorMessage(checks) }),
        },
        null,
        2,
      )}\n`,
    );
    return ok ? EXIT_OK : EXIT_FAILURE;
  }
  if (!ok) {
    io.stdout(
      `✗ 与公布的锚点不符 NOT the anchored log: ${file}: every chain holds, but\n${anchorMessage(checks)}\n`,
    );
    return EXIT_FAILURE;
  }
  const streams = r.heads.length;
  let out = `✓ 已验证 verified ${r.count} entries in ${streams} stream${streams === 1 ? '' : 's'}: every chain holds\n`;
  for (const h of r.heads) out += `  ${JSON.stringify(h.stream)} version ${h.version} sha256 ${h.hash}\n`;
  for (const c of checks) {
    out += `✓ 与锚点相符 as anchored: ${c.file} (${iso(c.at)}, key ${c.keyId}) — the signature holds and every stream reaches its anchored head\n`;
  }
  io.stdout(out);
  return EXIT_OK;
}

/** What differs from the anchors, stream by stream, placing each rewrite between two anchors when it can. */
function anchorMessage(checks: readonly AnchorCheck[]): string {
  const lines: string[] = [];
  const streams = new Set(checks.flatMap((c) => c.mismatches.map((m) => m.stream)));
  for (const stream of streams) {
    const bad = checks
      .flatMap((c) => c.mismatches.filter((m) => m.stream === stream).map((m) => ({ ...m, c })))
      .sort((a, b) => a.version - b.version)[0]!;
    const good = checks
      .filter((c) => !c.mismatches.some((m) => m.stream === stream))
      .map((c) => ({ c, version: c.versions.get(stream) }))
      .filter(
        (x): x is { c: AnchorCheck; version: number } => x.version !== undefined && x.version < bad.version,
      )
      .sort((a, b) => b.version - a.version)[0];
    const found =
      bad.found === null
        ? `the log's stream ends before version ${bad.version} (entries were removed)`
        : `the log has sha256 ${bad.found}`;
    const where = good
      ? `rewritten after version ${good.version} (${good.c.file} still matches) and at or before version ${bad.version}`
      : `rewritten at or before version ${bad.version}`;
    lines.push(
      `  stream ${JSON.stringify(stream)} version ${bad.version}: ${bad.c.file} (${iso(bad.c.at)}) anchored sha256 ${bad.anchored}; ` +
        `${found}: the stream was ${where}`,
    );
  }
  return lines.join('\n');
}

function chainFailure(
  io: Io,
  file: string,
  r: Extract<StreamsVerifyResult, { ok: false }>,
  json: boolean,
): number {
  if (json) {
    const { ok, line, stream, version, reason, message } = r;
    io.stdout(`${JSON.stringify({ ok, format: 2, line, stream, version, reason, message }, null, 2)}\n`);
    return EXIT_FAILURE;
  }
  const where = r.stream !== undefined ? ` (stream ${JSON.stringify(r.stream)} version ${r.version})` : '';
  io.stdout(
    `✗ 校验失败 NOT intact: ${file}:${r.line}${where}: ${REASONS[r.reason] ?? r.reason}\n  ${r.message}\n` +
      (r.stream !== undefined
        ? `  nothing in stream ${JSON.stringify(r.stream)} from version ${r.version} on can be trusted.\n`
        : ''),
  );
  return EXIT_FAILURE;
}
