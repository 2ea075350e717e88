/**
 * A writer process for the multi-process and crash tests:
 *
 *   node --import tsx test/appender.ts <sqlite|postgres> <path or url> <json options>
 *
 * options: { worker, streams: string[], senders, appends (0: until killed), batch (max entries) }.
 * Each async sender loops: read the head, build entries with appendStreamEntry, append; on
 * VERSION_CONFLICT re-read and retry. After each acknowledged append it prints one JSON line per
 * entry, {"stream","version","hash","batch","of"}, so the parent knows exactly what was acknowledged.
 */
import { appendStreamEntry, type StreamEntry, type StreamStore } from '@yishi/core/store';
import { openPostgresStreamStore } from '../src/postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from '../src/sqlite/sqliteStreamStore.js';

interface Options {
  worker: string;
  streams: string[];
  senders: number;
  appends: number;
  batch: number;
}

const [kind, target, json] = process.argv.slice(2);
const o = JSON.parse(json ?? '{}') as Options;

const store: StreamStore =
  kind === 'sqlite'
    ? openSqliteStreamStore({ path: target!, busyTimeoutMs: 60_000 })
    : await openPostgresStreamStore({ connectionString: target!, max: o.senders });

let seq = 0;
let conflicts = 0;
// A small deterministic generator per process, so runs differ between workers but not by chance.
let state = [...o.worker].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
const next = () => {
  state = (state * 1103515245 + 12345) >>> 0;
  return state;
};

async function sender(s: number) {
  for (let i = 0; o.appends === 0 || i < o.appends; i++) {
    const stream = o.streams[next() % o.streams.length]!;
    const size = 1 + (next() % o.batch);
    const batchId = `${o.worker}-${s}-${i}`;
    for (;;) {
      const head = await store.head(stream);
      const entries: StreamEntry[] = [];
      let h = head;
      for (let k = 0; k < size; k++) {
        const e = appendStreamEntry(stream, h, {
          at: Date.UTC(2026, 0, 5) + seq++,
          process: 'wc-1',
          kind: 'writtenConsultation',
          actor: { id: `owner-${o.worker}`, role: 'owner' },
          channel: 'web',
          event: {
            type: 'CAST_BALLOT',
            ballotId: `${batchId}-${k}`,
            batch: batchId,
            of: size,
            pad: 'x'.repeat(200),
          },
        });
        entries.push(e);
        h = e;
      }
      const r = await store.append({
        stream,
        expectedVersion: head?.version ?? 0,
        entries: entries.map((entry, k) => ({ entry, requestId: `${batchId}-${k}` })),
      });
      if (r.ok) {
        process.stdout.write(
          entries
            .map(
              (e) =>
                `${JSON.stringify({ stream, version: e.version, hash: e.hash, batch: batchId, of: size })}\n`,
            )
            .join(''),
        );
        break;
      }
      if (r.code !== 'VERSION_CONFLICT') throw new Error(`unexpected ${JSON.stringify(r)}`);
      conflicts++;
    }
  }
}

await Promise.all(Array.from({ length: o.senders }, (_, s) => sender(s)));
process.stderr.write(`${o.worker}: ${conflicts} conflicts retried\n`);
await store.close();
