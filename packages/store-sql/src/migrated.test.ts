/**
 * A version 1 log converted into streams (`streamsFromLog`, what `yishi migrate` writes), stored in
 * SQLite and opened by the stream engine: the provenance entry is skipped, and every process is
 * rebuilt exactly as a replay of the version 1 log rebuilds it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStreamEngine, parseJsonl, replay } from '@yishi/core/engine';
import { PROCESS_KINDS } from '@yishi/core/machines';
import { streamsFromLog } from '@yishi/core/proof';
import { policies } from '@yishi/policies';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStreamStore } from './sqlite/sqliteStreamStore.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-migrated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a converted version 1 log in the stream engine', () => {
  it('opens from SQLite with every process as the version 1 replay rebuilds it', async () => {
    const v1 = parseJsonl(
      readFileSync(join(import.meta.dirname, '../../../examples/project/project-log.jsonl'), 'utf8'),
    );
    const packs = Object.values(policies);
    const direct = replay(v1, PROCESS_KINDS, { packs });
    expect(direct.ok).toBe(true);
    if (!direct.ok) return;
    const m = streamsFromLog(v1);
    const store = openSqliteStreamStore({ path: join(dir, 'migrated.db') });
    try {
      for (const h of m.heads) {
        const entries = m.entries.filter((e) => e.stream === h.stream).map((entry) => ({ entry }));
        expect((await store.append({ stream: h.stream, expectedVersion: 0, entries })).ok).toBe(true);
      }
      const engine = await openStreamEngine({
        store,
        kinds: PROCESS_KINDS,
        packs,
        clock: { now: () => v1.at(-1)!.at },
      });
      expect(direct.processes.length).toBeGreaterThan(5);
      for (const p of direct.processes) {
        const snap = await engine.snapshot(p.community, p.id);
        const kind = PROCESS_KINDS.find((k) => k.kind === p.kind)!;
        expect(
          (kind.machine as { getPersistedSnapshot(s: unknown): unknown }).getPersistedSnapshot(snap!),
        ).toEqual(p.persisted);
      }
      await engine.close();
    } finally {
      await store.close();
    }
  });
});
