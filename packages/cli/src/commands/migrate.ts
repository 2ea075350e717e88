/**
 * `yishi migrate`: converts a version 1 log (one chain) into version 2 streams (one chain per
 * community), each starting with an entry that records the v1 head it came from. The conversion
 * is deterministic: anyone holding the v1 log can run it again and compare, byte for byte.
 *
 *   yishi migrate project-log.jsonl --out streams.jsonl   (one file, streams interleaved)
 *   yishi migrate project-log.jsonl --out streams/        (one file per stream)
 *
 * Existing files are never overwritten. Exit 0 converted; 1 the v1 log does not verify (nothing
 * written); 2 unreadable input, an existing output, or bad arguments.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { canonicalJson } from '@yishi/core/engine';
import { streamsFromLog } from '@yishi/core/proof';
import { EXIT_OK } from '../io.js';
import { proofCommand } from './proofCommand.js';
import { formatOf, parseLines, Refusal, readText } from './proofFiles.js';

export const USAGE = `用法 Usage:
  yishi migrate <v1-log.jsonl> --out <streams.jsonl | directory> [--json]

Converts a version 1 log into version 2 streams, one per community (docs/verification.md): the
entries of each process go to the stream of the community its CREATE entry named, re-chained; each
stream starts with a provenance entry naming the v1 log's head (seq and sha256).
  --out <file.jsonl>  one file, the streams interleaved in the v1 order
  --out <directory>   one file per stream: <directory>/<stream>.jsonl (the id URI-encoded)
  --json              print the streams' heads as JSON

Existing files are not overwritten. Exit codes: 0 converted; 1 the v1 log does not verify
(nothing written); 2 unreadable input, an existing output file, or bad arguments.
`;

export const command = proofCommand(
  'migrate',
  USAGE,
  { out: { type: 'string', value: '<streams.jsonl | directory>' }, json: { type: 'boolean' } },
  {
    name: '<v1-log.jsonl>',
    min: 1,
    max: 1,
    missing:
      '缺少日志文件 a version 1 log is required; expected yishi migrate <v1-log.jsonl> --out <file|dir>',
    tooMany: (n) => `只能给一个日志文件 expected one log file, got ${n}`,
  },
  async ({ values, positionals }, io) => {
    const file = positionals[0]!;
    if (typeof values.out !== 'string') throw new Refusal('--out is required: a .jsonl file or a directory');
    const text = await readText(io, file, 'the log');
    if (formatOf(text) === 2) throw new Refusal(`${file} is already a version 2 log`);
    const m = streamsFromLog(parseLines(text, file));
    const out = resolve(io.cwd, values.out);
    const written: string[] = [];
    /** Each file as the user named it (a path under --out), for the summary. */
    const write = async (path: string, body: string, shown: string) => {
      try {
        await writeFile(path, body, { flag: 'wx' });
      } catch (e) {
        const code = (e as { code?: string }).code;
        throw new Refusal(
          code === 'EEXIST'
            ? `${path} exists: not overwritten`
            : `cannot write ${path}: ${(e as Error).message}`,
        );
      }
      written.push(shown);
    };
    const lines = (stream?: string) =>
      m.entries
        .filter((e) => stream === undefined || e.stream === stream)
        .map((e) => `${canonicalJson(e)}\n`)
        .join('');
    if (values.out.endsWith('.jsonl')) await write(out, lines(), values.out);
    else {
      await mkdir(out, { recursive: true });
      for (const h of m.heads) {
        const name = `${encodeURIComponent(h.stream)}.jsonl`;
        await write(join(out, name), lines(h.stream), join(values.out, name));
      }
    }
    if (values.json) {
      io.stdout(`${JSON.stringify({ ok: true, from: m.from, heads: m.heads, files: written }, null, 2)}\n`);
      return EXIT_OK;
    }
    const n = m.heads.length;
    let s = `✓ 已转换 converted ${m.from?.seq ?? 0} entries (v1 head seq ${m.from?.seq ?? 0} sha256 ${m.from?.hash ?? '-'}) into ${n} stream${n === 1 ? '' : 's'}:\n`;
    for (const h of m.heads) s += `  ${JSON.stringify(h.stream)} version ${h.version} sha256 ${h.hash}\n`;
    s += `  written: ${written.join(', ')}\n`;
    io.stdout(s);
    return EXIT_OK;
  },
);
