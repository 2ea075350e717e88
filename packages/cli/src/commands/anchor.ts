/**
 * `yishi anchor`: signs the head of every stream of a version 2 log — the anchor a committee
 * publishes (notice board, minutes, the subdistrict) so that a later rewrite shows.
 *
 *   yishi anchor streams.jsonl --key committee.key --at 2026-06-01T18:00+08:00 --out anchor-0601.json
 *
 * The log is verified first; a log that does not verify is not anchored (exit 1).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ed25519, makeAnchor, verifyStreamsJsonl } from '@yishi/core/proof';
import { EXIT_FAILURE, EXIT_OK } from '../io.js';
import { proofCommand } from './proofCommand.js';
import { formatOf, iso, parseAt, Refusal, readKey, readText } from './proofFiles.js';

export const USAGE = `用法 Usage:
  yishi anchor <log.jsonl> --key <private key> [--at <time>] [--out <anchor.json>]

Signs the head of every stream of a version 2 log (docs/verification.md) after verifying it.
  --key <private key>  the committee's Ed25519 key: a PEM file (openssl genpkey -algorithm ed25519),
                       or 64 hex digits (the seed), given or in a file
  --at <time>          when the heads were taken: ISO 8601 with its zone, or milliseconds (default: now)
  --out <anchor.json>  write the anchor there (never over an existing file); default: print it

Exit codes: 0 anchored; 1 the log does not verify; 2 unreadable input or bad arguments.
`;

export const command = proofCommand(
  'anchor',
  USAGE,
  {
    key: { type: 'string', value: '<private key>' },
    at: { type: 'string', value: '<time>' },
    out: { type: 'string', value: '<anchor.json>' },
  },
  {
    name: '<log.jsonl>',
    min: 1,
    max: 1,
    missing: '缺少日志文件 a log file is required; expected yishi anchor <log.jsonl> --key <private key>',
  },
  async ({ values, positionals }, io) => {
    const file = positionals[0]!;
    if (typeof values.key !== 'string') throw new Refusal('--key is required: the private key to sign with');
    // The CLI is the edge where the clock may be read (the core never does).
    const at = typeof values.at === 'string' ? parseAt(values.at) : Date.now();
    const text = await readText(io, file, 'the log');
    if (formatOf(text) !== 2)
      throw new Refusal(`${file} is not a version 2 log (yishi migrate converts one)`);
    const r = verifyStreamsJsonl(text);
    if (!r.ok || r.format !== 2) {
      io.stdout(
        `✗ 校验失败 NOT intact, not anchored: ${file}: ${r.ok ? 'not a version 2 log' : r.message}\n`,
      );
      return EXIT_FAILURE;
    }
    const signer = await ed25519().signer(await readKey(io, values.key, 'the key'));
    const anchor = await makeAnchor(r.heads, at, signer);
    const body = `${JSON.stringify(anchor, null, 2)}\n`;
    if (typeof values.out !== 'string') {
      io.stdout(body);
      return EXIT_OK;
    }
    const out = resolve(io.cwd, values.out);
    try {
      await writeFile(out, body, { flag: 'wx' });
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new Refusal(code === 'EEXIST' ? `${values.out} exists: not overwritten` : (e as Error).message);
    }
    io.stdout(
      `✓ 已签锚点 anchored ${anchor.heads.length} stream${anchor.heads.length === 1 ? '' : 's'} at ${iso(at)} ` +
        `with key ${anchor.keyId} (public key ${signer.publicKey}): ${values.out}\n`,
    );
    return EXIT_OK;
  },
);
