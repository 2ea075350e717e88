// Where opening a 10,000-entry stream spends its time (memory store): cold and from a snapshot.
import { openStreamEngine } from '../src/engine/streamEngine.js';
import { writtenConsultationKind } from '../src/machines/index.js';
import { memoryStreamStore } from '../src/store/memoryStreamStore.js';
import { fixtureConsultation } from '../src/testing/fixtureConsultation.js';
import { FIXTURE_PACKS } from '../src/testing/fixtureEngine.js';
import { withRoster } from '../src/testing/fixtureRoster.js';

const KINDS = withRoster([writtenConsultationKind]);
const c = fixtureConsultation({ owners: 8000, seed: 5, community: 'big' });
const clock = { t: c.setup[0]!.at, now: () => clock.t };
const store = memoryStreamStore();
const w = await openStreamEngine({ store, kinds: KINDS, packs: FIXTURE_PACKS, clock });
for (const s of c.setup) {
  clock.t = s.at;
  const ctx = { actor: s.actor, channel: s.channel as 'web', community: c.community };
  const r =
    s.call === 'create'
      ? await w.create(s.kind!, s.process, s.payload, ctx)
      : await w.send(s.process, s.payload, ctx);
  if (!r.ok) throw r.error;
}
clock.t = c.castAt;
let t0 = performance.now();
await Promise.all(
  c.ballots.map((b) =>
    w.send(c.process, b.event, { actor: b.actor, channel: b.channel, community: c.community }),
  ),
);
console.log(`cast ${c.ballots.length} in ${(performance.now() - t0).toFixed(0)} ms`);
await w.snapshotStream('big');
for (const mode of ['verify', 'use', 'verify', 'use'] as const) {
  t0 = performance.now();
  const e = await openStreamEngine({ store, kinds: KINDS, packs: FIXTURE_PACKS, clock, snapshots: mode });
  await e.head('big');
  console.log(`${mode}: ${(performance.now() - t0).toFixed(0)} ms`);
}
