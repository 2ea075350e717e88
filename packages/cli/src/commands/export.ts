/**
 * `yishi export --public`: writes the streams a store holds as a version 2 log (JSONL), for
 * publishing. The entries a stream engine stores are already public — personal identifiers and free
 * text in them are salted commitments, the values stay in the store's vault — so the export is the
 * entries as they are, and it verifies against the same heads, anchors and receipts
 * (docs/verification.md). The vault never leaves the store through this command.
 *
 *   yishi export --store yishi.db --public --out published.jsonl
 *   yishi export --store postgres://… --stream 梅园居委 --public --out meiyuan.jsonl
 *
 * Exit 0 written; 2 bad arguments, a store that cannot be opened, or an existing output file.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { canonicalJson } from '@yishi/core/engine';
import type { StreamStore } from '@yishi/core/store';
import { EXIT_OK } from '../io.js';
import { proofCommand } from './proofCommand.js';
import { Refusal } from './proofFiles.js';

export const USAGE = `用法 Usage:
  yishi export --store <file.db | postgres://…> --public --out <file.jsonl> [--stream <community>] [--json]

Writes the streams of a store (SQLite file or PostgreSQL URL, @yishi/store-sql) as a version 2 log
for publishing: personal data in it is salted commitments only (docs/verification.md, "What a
published log reveals"); the values stay in the store. It verifies with yishi verify --anchor.
  --public            required: the published form (the only one this command writes)
  --stream <id>       one community's stream only (default: every stream)
  --json              print the streams' heads as JSON

Existing files are not overwritten. Exit codes: 0 written; 2 bad arguments, a store that cannot be
opened, or an existing output file.
`;

async function openStore(where: string, cwd: string): Promise<StreamStore> {
  try {
    if (/^postgres(ql)?:\/\//.test(where)) {
      const { openPostgresStreamStore } = await import('@yishi/store-sql/postgres');
      return await openPostgresStreamStore({ connectionString: where, max: 2 });
    }
    const { existsSync } = await import('node:fs');
    const path = resolve(cwd, where);
    if (!existsSync(path)) throw new Refusal(`cannot open the store ${where}: no such file`);
    const { openSqliteStreamStore } = await import('@yishi/store-sql/sqlite');
    return openSqliteStreamStore({ path });
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw new Refusal(`cannot open the store ${where}: ${(e as Error).message}`);
  }
}

export const command = proofCommand(
  'export',
  USAGE,
  {
    store: { type: 'string', value: '<file.db | postgres://…>' },
    public: { type: 'boolean' },
    out: { type: 'string', value: '<file.jsonl>' },
    stream: { type: 'string', value: '<community>' },
    json: { type: 'boolean' },
  },
  { name: '', min: 0, max: 0, missing: '', tooMany: (n) => `export takes no file arguments, got ${n}` },
  async ({ values }, io) => {
    if (typeof values.store !== 'string')
      throw new Refusal('--store is required: a SQLite file or a postgres:// URL');
    if (values.public !== true) {
      throw new Refusal(
        '--public is required: this command writes the published form only (personal data as commitments); the vault never leaves the store',
      );
    }
    if (typeof values.out !== 'string' || !values.out.endsWith('.jsonl')) {
      throw new Refusal('--out is required: a .jsonl file to write');
    }
    const store = await openStore(values.store, io.cwd);
    try {
      const heads: { stream: string; version: number; hash: string }[] = [];
      if (typeof values.stream === 'string') {
        const h = await store.head(values.stream);
        if (!h) throw new Refusal(`the store has no stream "${values.stream}"`);
        heads.push({ stream: values.stream, ...h });
      } else {
        for (let after: string | undefined; ; ) {
          const page = await store.listStreams(after === undefined ? { limit: 500 } : { after, limit: 500 });
          heads.push(...page);
          if (page.length < 500) break;
          after = page[page.length - 1]!.stream;
        }
      }
      let body = '';
      let count = 0;
      for (const h of heads) {
        // Up to the head listed, so every stream's export ends where the summary says.
        for (const s of await store.readStream(h.stream)) {
          if (s.entry.version > h.version) break;
          body += `${canonicalJson(s.entry)}\n`;
          count++;
        }
      }
      const out = resolve(io.cwd, values.out);
      try {
        await writeFile(out, body, { flag: 'wx' });
      } catch (e) {
        const code = (e as { code?: string }).code;
        throw new Refusal(
          code === 'EEXIST'
            ? `${out} exists: not overwritten`
            : `cannot write ${out}: ${(e as Error).message}`,
        );
      }
      if (values.json) io.stdout(`${JSON.stringify({ out: values.out, entries: count, heads })}\n`);
      else {
        io.stdout(`已导出 exported ${count} entries of ${heads.length} stream(s) to ${values.out}\n`);
        for (const h of heads) io.stdout(`  ${h.stream}: version ${h.version}, head ${h.hash}\n`);
      }
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
);
