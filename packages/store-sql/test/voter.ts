/**
 * A voting node for the engine-level tests: a stream engine over a shared database, casting its
 * share of a consultation's ballots from many concurrent senders, each send under a request id,
 * every `retryEvery`-th one sent again with the same id (a phone that did not hear back).
 *
 *   node --import tsx test/voter.ts <sqlite|postgres> <path or url> <json options>
 *
 * options: { owners, seed, part, parts, senders, retryEvery, start }. One JSON line per
 * acknowledged send — {"i","version","hash","duplicate"} — so the parent knows exactly what was
 * acknowledged; exit 0 when the share is cast. The clock is the consultation's voting day plus the
 * real time since `start` (both nodes share it, as servers share NTP time).
 */
import { openStreamEngine, type StreamResult } from '@yishi/core/engine';
import type { StreamStore } from '@yishi/core/store';
import { openPostgresStreamStore } from '../src/postgres/postgresStreamStore.js';
import { openSqliteStreamStore } from '../src/sqlite/sqliteStreamStore.js';
import { FIXTURE_PACKS, fixtureConsultation, KINDS } from './engineFixtures.js';

interface Options {
  owners: number;
  seed: number;
  part: number;
  parts: number;
  senders: number;
  retryEvery: number;
  start: number;
}

const [kind, target, json] = process.argv.slice(2);
const o = JSON.parse(json ?? '{}') as Options;
const store: StreamStore =
  kind === 'sqlite'
    ? openSqliteStreamStore({ path: target!, busyTimeoutMs: 60_000 })
    : await openPostgresStreamStore({ connectionString: target!, max: Math.min(o.senders, 16) });
const c = fixtureConsultation({ owners: o.owners, seed: o.seed });
const clock = { now: () => c.castAt + (Date.now() - o.start) };
const engine = await openStreamEngine({ store, kinds: KINDS, packs: FIXTURE_PACKS, clock, retries: 1000 });

const mine = c.ballots.map((b, i) => ({ b, i })).filter(({ i }) => i % o.parts === o.part);
let next = 0;
const print = (i: number, r: StreamResult) => {
  if (!r.ok) throw new Error(`ballot ${i}: ${r.error.code}: ${r.error.message}`);
  process.stdout.write(
    `${JSON.stringify({ i, version: r.entry.version, hash: r.entry.hash, duplicate: r.duplicate === true })}\n`,
  );
};

async function sender() {
  for (;;) {
    const k = next++;
    if (k >= mine.length) return;
    const { b, i } = mine[k]!;
    const ctx = { actor: b.actor, channel: b.channel, community: c.community, requestId: `r-${i}` };
    print(i, await engine.send(c.process, b.event, ctx));
    if (i % o.retryEvery === 0) print(i, await engine.send(c.process, b.event, ctx));
  }
}

await Promise.all(Array.from({ length: o.senders }, sender));
await engine.close();
await store.close();
