/**
 * `yishi verify-receipt`: does the log still hold my entry, unchanged, where it was accepted?
 *
 *   yishi verify-receipt receipt.json streams.jsonl --key committee.pub [--anchor anchor.json]
 *
 * Checks the receipt's signed head with the key, the stream's chain from its first version to the
 * head (and on to the anchor's head for the stream), and that the entry at the receipt's version
 * carries the receipt's hash. A ballot rewritten afterwards fails at its version, even when every
 * later hash was recomputed. Exit 0 the receipt holds; 1 it does not (the code and the version
 * are named); 2 unreadable input or bad arguments.
 */
import { verifyReceipt } from '@yishi/core/proof';
import { EXIT_OK } from '../io.js';
import { proofCommand } from './proofCommand.js';
import { formatOf, iso, parseLines, Refusal, readJson, readKey, readText } from './proofFiles.js';

export const USAGE = `用法 Usage:
  yishi verify-receipt <receipt.json> <log.jsonl> --key <public key> [--anchor <anchor.json>] [--json]

Checks a receipt (issued when an entry was accepted) against a version 2 log (docs/verification.md):
the receipt's head is signed by the key, the stream's chain holds up to that head (and on to the
anchor's head for the stream), and the entry at the receipt's version still has the receipt's hash.
  --key <public key>      the committee's key: 64 hex digits, or a file (hex or PEM)
  --anchor <anchor.json>  a published anchor, signed by the same key
  --json                  print the result as JSON

Exit codes: 0 the receipt holds; 1 it does not (LOG_TAMPERED names the stream and version;
INVALID_RECEIPT, INVALID_ANCHOR); 2 unreadable input or bad arguments.
`;

export const command = proofCommand(
  'verify-receipt',
  USAGE,
  {
    key: { type: 'string', value: '<public key>' },
    anchor: { type: 'string', value: '<anchor.json>' },
    json: { type: 'boolean' },
  },
  {
    name: '<receipt.json> <log.jsonl>',
    min: 2,
    max: 2,
    missing:
      '缺少文件 a receipt and a log are required; expected yishi verify-receipt <receipt.json> <log.jsonl>',
    tooMany: (n) => `只能给一张回执和一个日志 expected a receipt and a log, got ${n} files`,
  },
  async ({ values, positionals }, io) => {
    const [receiptFile, logFile] = positionals as [string, string];
    if (typeof values.key !== 'string')
      throw new Refusal('--key is required: the key the receipt was signed with');
    const key = await readKey(io, values.key, 'the key');
    const receipt = await readJson(io, receiptFile, 'the receipt');
    const anchor =
      typeof values.anchor === 'string' ? await readJson(io, values.anchor, 'the anchor') : undefined;
    const text = await readText(io, logFile, 'the log');
    if (formatOf(text) === 1) {
      throw new Refusal(
        `${logFile} is a version 1 log; receipts are of version 2 streams (yishi migrate converts it)`,
      );
    }
    const r = await verifyReceipt(receipt, parseLines(text, logFile), {
      publicKey: key,
      ...(anchor === undefined ? {} : { anchor }),
    });
    if (values.json) {
      io.stdout(`${JSON.stringify({ ok: true, ...r }, null, 2)}\n`);
      return EXIT_OK;
    }
    io.stdout(
      `✓ 回执有效 receipt holds: stream ${JSON.stringify(r.stream)} version ${r.version} sha256 ${r.hash}\n` +
        `  is in ${logFile} unchanged, and the chain holds to the head signed ${iso(r.head.at)} (version ${r.head.version})` +
        (r.anchored
          ? `\n  and on to the anchor of ${iso(r.anchored.at)} (version ${r.anchored.version} sha256 ${r.anchored.hash})\n`
          : '\n'),
    );
    return EXIT_OK;
  },
);
