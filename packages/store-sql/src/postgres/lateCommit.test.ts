/**
 * The late commit, for real: an append that took an earlier position is held open (a trigger
 * makes its transaction wait on an advisory lock this test holds, after its rows are inserted),
 * a later append commits, a reader reads; then the first commits and the reader reads again.
 * A reader ordering by position alone would already have passed the first entry; readAll
 * withholds the later one until the first has committed, then returns both, in order.
 */
import { appendStreamEntry, type StoredEntry } from '@yishi/core/store';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { freshSchemaUrl } from '../../test/pg.js';
import { parsePosition } from './position.js';
import { openPostgresStreamStore } from './postgresStreamStore.js';

const fields = (i: number) => ({
  at: Date.UTC(2026, 0, 5) + i,
  process: 'wc-1',
  kind: 'writtenConsultation',
  actor: { id: `owner-${i}`, role: 'owner' as const },
  channel: 'web' as const,
  event: { type: 'CAST_BALLOT', ballotId: `b-${i}` },
});

const HOLD = 4242;

describe('PostgreSQL readAll and a transaction that commits late', () => {
  it('never skips an entry whose transaction commits after a later position', async () => {
    const url = await freshSchemaUrl(inject('pgUrl'));
    const store = await openPostgresStreamStore({ connectionString: url });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`
        CREATE FUNCTION hold_late() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.stream = 'late' THEN PERFORM pg_advisory_xact_lock_shared(${HOLD}); END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER hold_late AFTER INSERT ON yishi_entries FOR EACH ROW EXECUTE FUNCTION hold_late();
      `);
      const first = appendStreamEntry('early', null, fields(0));
      expect(
        (await store.append({ stream: 'early', expectedVersion: 0, entries: [{ entry: first }] })).ok,
      ).toBe(true);
      const seen: StoredEntry[] = await store.readAll();
      expect(seen.map((x) => x.entry.hash)).toEqual([first.hash]);

      await admin.query('SELECT pg_advisory_lock($1)', [HOLD]);
      const late = appendStreamEntry('late', null, fields(1));
      const lateAppend = store.append({ stream: 'late', expectedVersion: 0, entries: [{ entry: late }] });
      // Wait until the late append has inserted its row and is waiting to commit.
      for (;;) {
        const r = await admin.query(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        );
        if (r.rows[0].n > 0) break;
        await new Promise((res) => setTimeout(res, 10));
      }
      const later = appendStreamEntry('later', null, fields(2));
      const r2 = await store.append({ stream: 'later', expectedVersion: 0, entries: [{ entry: later }] });
      if (!r2.ok) throw new Error('the later append should commit');

      // The hazard is real: by position alone the committed later entry is visible and the
      // late one (an earlier position) is not, so a reader would move past it.
      const byPosition = await admin.query(
        'SELECT stream, position::text AS p FROM yishi_entries ORDER BY position',
      );
      expect(byPosition.rows.map((x) => x.stream)).toEqual(['early', 'later']);

      // readAll withholds the later entry while an older transaction is still running.
      const mid = await store.readAll({ after: seen[0]!.position });
      expect(mid).toEqual([]);

      await admin.query('SELECT pg_advisory_unlock($1)', [HOLD]);
      const r1 = await lateAppend;
      if (!r1.ok) throw new Error('the late append should commit');
      // The late entry did take the earlier position and the earlier transaction id.
      const p1 = parsePosition(r1.positions[0]!);
      const p2 = parsePosition(r2.positions[0]!);
      expect(BigInt(p1.position)).toBeLessThan(BigInt(p2.position));
      expect(BigInt(p1.tx)).toBeLessThan(BigInt(p2.tx));

      const after = await store.readAll({ after: seen[0]!.position });
      expect(after.map((x) => x.entry.stream)).toEqual(['late', 'later']);
      expect(after.map((x) => x.position)).toEqual([r1.positions[0], r2.positions[0]]);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('refuses a position that is not "tx:pos"', async () => {
    const store = await openPostgresStreamStore({ connectionString: await freshSchemaUrl(inject('pgUrl')) });
    try {
      for (const bad of ['12', 'a:1', '1:2:3', '', '-1:2']) {
        await expect(store.readAll({ after: bad })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      }
    } finally {
      await store.close();
    }
  });
});
