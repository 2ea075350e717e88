/**
 * `yishi receipt`: issues the receipt of one entry of a version 2 log, its head signed at the
 * entry itself (what the engine hands a voter when a ballot is accepted; this command is how a
 * committee issues or re-issues one from a published log).
 *
 *   yishi receipt streams.jsonl --stream default --version 289 --key committee.key --at 2025-05-16T13:08+08:00
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ed25519, makeReceipt, signHead, verifyStreamsJsonl } from '@yishi/core/proof';
import { EXIT_FAILURE, EXIT_OK } from '../io.js';
import { proofCommand } from './proofCommand.js';
import { formatOf, parseAt, parseLines, Refusal, readKey, readText } from './proofFiles.js';

export const USAGE = `用法 Usage:
  yishi receipt <log.jsonl> --stream <id> --version N --key <private key> [--at <time>] [--out <receipt.json>]

Issues the receipt of the entry at --version of --stream (docs/verification.md): its position and
hash, and the stream's head at that entry, signed. It reveals nothing of the entry's content.
  --key <private key>   the committee's Ed25519 key (PEM, or 64 hex digits), given or in a file
  --at <time>           when it is signed: ISO 8601 with its zone, or milliseconds (default: now)
  --out <receipt.json>  write it there (never over an existing file); default: print it

Exit codes: 0 issued; 1 the log does not verify; 2 no such entry, unreadable input or bad arguments.
`;

export const command = proofCommand(
  'receipt',
  USAGE,
  {
    stream: { type: 'string', value: '<id>' },
    version: { type: 'string', value: 'N' },
    key: { type: 'string', value: '<private key>' },
    at: { type: 'string', value: '<time>' },
    out: { type: 'string', value: '<receipt.json>' },
  },
  {
    name: '<log.jsonl>',
    min: 1,
    max: 1,
    missing: '缺少日志文件 a log file is required; expected yishi receipt <log.jsonl> …',
  },
  async ({ values, positionals }, io) => {
    const file = positionals[0]!;
    const { stream, version, key } = values;
    if (typeof stream !== 'string') throw new Refusal('--stream is required');
    if (typeof version !== 'string' || !/^[1-9]\d*$/.test(version.trim())) {
      throw new Refusal(`--version must be a whole number ≥ 1, got ${JSON.stringify(version ?? null)}`);
    }
    if (typeof key !== 'string') throw new Refusal('--key is required: the private key to sign with');
    const at = typeof values.at === 'string' ? parseAt(values.at) : Date.now();
    const text = await readText(io, file, 'the log');
    if (formatOf(text) !== 2)
      throw new Refusal(`${file} is not a version 2 log (yishi migrate converts one)`);
    const r = verifyStreamsJsonl(text);
    if (!r.ok) {
      io.stdout(`✗ 校验失败 NOT intact, no receipt issued: ${file}: ${r.message}\n`);
      return EXIT_FAILURE;
    }
    const v = Number(version.trim());
    const entry = (parseLines(text, file) as { stream: string; version: number; hash: string }[]).find(
      (e) => e.stream === stream && e.version === v,
    );
    if (!entry) throw new Refusal(`${file} has no entry at stream ${JSON.stringify(stream)} version ${v}`);
    const signer = await ed25519().signer(await readKey(io, key, 'the key'));
    const head = await signHead({ stream, version: v, hash: entry.hash }, at, signer);
    const body = `${JSON.stringify(makeReceipt(entry, head), null, 2)}\n`;
    if (typeof values.out !== 'string') {
      io.stdout(body);
      return EXIT_OK;
    }
    try {
      await writeFile(resolve(io.cwd, values.out), body, { flag: 'wx' });
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new Refusal(code === 'EEXIST' ? `${values.out} exists: not overwritten` : (e as Error).message);
    }
    io.stdout(`✓ 已出具回执 receipt issued: stream ${JSON.stringify(stream)} version ${v} → ${values.out}\n`);
    return EXIT_OK;
  },
);
