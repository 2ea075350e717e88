/**
 * @yishi/store-sql — `StreamStore`s on SQLite (better-sqlite3) and PostgreSQL (pg), passing the
 * same conformance suite as the in-memory store. Import `@yishi/store-sql/sqlite` or
 * `@yishi/store-sql/postgres` to load only one driver. See docs/stores.md.
 */
export * from './postgres.js';
export * from './sqlite.js';
export type { SqlStoreOptions } from './stored.js';
