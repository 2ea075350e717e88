/** @yishi/store-sql/sqlite — the SQLite stream store alone (loads better-sqlite3, not pg). */
export { type Migration, migrateSqlite, SQLITE_MIGRATIONS } from './sqlite/migrations.js';
export { openSqliteStreamStore, type SqliteStreamStoreOptions } from './sqlite/sqliteStreamStore.js';
