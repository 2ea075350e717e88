import { streamStoreConformance } from '@yishi/core/store';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { freshSchemaUrl } from '../../test/pg.js';
import { openPostgresStreamStore } from './postgresStreamStore.js';

const base = inject('pgUrl');

describe('openPostgresStreamStore: the stream store conformance suite', () => {
  for (const c of streamStoreConformance) {
    it(c.name, () =>
      c.run(async (o) => openPostgresStreamStore({ connectionString: await freshSchemaUrl(base), ...o })),
    );
  }
});

describe('openPostgresStreamStore on a server whose default isolation is SERIALIZABLE', () => {
  // Appends set READ COMMITTED themselves: racing writers still get one winner and
  // VERSION_CONFLICTs, never a serialization failure.
  for (const c of streamStoreConformance.filter((x) => /concurrent/.test(x.name))) {
    it(c.name, () =>
      c.run(async (o) => {
        const u = new URL(await freshSchemaUrl(base));
        u.searchParams.set(
          'options',
          `${u.searchParams.get('options')} -c default_transaction_isolation=serializable`,
        );
        const store = await openPostgresStreamStore({ connectionString: u.toString(), ...o });
        return store;
      }),
    );
  }
});

describe('openPostgresStreamStore with a pool of the caller', () => {
  it('passes the conformance suite and leaves the pool open on close', async () => {
    for (const c of streamStoreConformance) {
      // Each case wants an empty store: a fresh schema per case, one pool per schema.
      const p = new pg.Pool({ connectionString: await freshSchemaUrl(base), max: 4 });
      try {
        await c.run(async (o) => openPostgresStreamStore({ pool: p, ...o }));
        expect((await p.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      } finally {
        await p.end();
      }
    }
  });

  it('refuses to open with both or neither of connectionString and pool', async () => {
    await expect(openPostgresStreamStore({})).rejects.toThrow(/exactly one/);
  });
});
