import { describe, expect, it } from 'vitest';
import * as all from './index.js';
import * as postgres from './postgres.js';
import * as sqlite from './sqlite.js';

// The public API, pinned: a change here is a change users see (and wants a changeset).
describe('@yishi/store-sql exports', () => {
  it('the SQLite entry', () => {
    expect(Object.keys(sqlite).sort()).toEqual([
      'SQLITE_MIGRATIONS',
      'migrateSqlite',
      'openSqliteStreamStore',
    ]);
  });
  it('the PostgreSQL entry', () => {
    expect(Object.keys(postgres).sort()).toEqual([
      'MIGRATION_LOCK',
      'POSTGRES_MIGRATIONS',
      'migratePostgres',
      'openPostgresStreamStore',
    ]);
  });
  it('the main entry is both', () => {
    expect(Object.keys(all).sort()).toEqual([...Object.keys(sqlite), ...Object.keys(postgres)].sort());
  });
});
