/**
 * Migrations run on open, once: reopening applies nothing, PostgreSQL opened by several clients at
 * the same moment applies each migration once (the advisory lock), `applied_at` comes from the
 * database's clock, and a database newer than the package is refused rather than written to.
 * (Two processes opening one SQLite file at once: multiProcess.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freshSchemaUrl } from '../test/pg.js';
import { migratePostgres, POSTGRES_MIGRATIONS } from './postgres/migrations.js';
import { openPostgresStreamStore } from './postgres/postgresStreamStore.js';
import { migrateSqlite, SQLITE_MIGRATIONS } from './sqlite/migrations.js';
import { openSqliteStreamStore } from './sqlite/sqliteStreamStore.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-mig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite migrations', () => {
  it('apply once, on open, stamped by SQLite', async () => {
    const path = join(dir, 'm.db');
    await openSqliteStreamStore({ path }).close();
    await openSqliteStreamStore({ path }).close();
    const db = new Database(path);
    const rows = db.prepare('SELECT version, applied_at FROM yishi_migrations').all() as Array<{
      version: number;
      applied_at: string;
    }>;
    expect(rows.map((r) => r.version)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(rows[0]!.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(migrateSqlite(db)).toEqual([]);
    db.prepare("INSERT INTO yishi_migrations (version, name) VALUES (99, 'from the future')").run();
    db.close();
    expect(() => openSqliteStreamStore({ path })).toThrow(/version 99, newer/);
  });
});

describe('PostgreSQL migrations', () => {
  it('apply once when several clients open the same database at the same moment', async () => {
    const url = await freshSchemaUrl(inject('pgUrl'));
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    try {
      const applied = await Promise.all(clients.map((c) => migratePostgres(c)));
      expect(applied.filter((a) => a.length > 0)).toEqual([POSTGRES_MIGRATIONS.map((m) => m.version)]);
      const c = clients[0]!;
      const rows = await c.query(
        "SELECT version, applied_at <= now() AND applied_at > now() - interval '1 hour' AS recent FROM yishi_migrations",
      );
      expect(rows.rows).toEqual([{ version: 1, recent: true }]);
      await (await openPostgresStreamStore({ connectionString: url })).close();
      expect((await c.query('SELECT count(*)::int AS n FROM yishi_migrations')).rows[0].n).toBe(1);
      await c.query("INSERT INTO yishi_migrations (version, name) VALUES (99, 'from the future')");
      await expect(openPostgresStreamStore({ connectionString: url })).rejects.toThrow(/version 99, newer/);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
