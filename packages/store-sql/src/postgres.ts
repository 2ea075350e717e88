/** @yishi/store-sql/postgres — the PostgreSQL stream store alone (loads pg, not better-sqlite3). */
export {
  MIGRATION_LOCK,
  migratePostgres,
  POSTGRES_MIGRATIONS,
  type PostgresMigration,
} from './postgres/migrations.js';
export { openPostgresStreamStore, type PostgresStreamStoreOptions } from './postgres/postgresStreamStore.js';
