/**
 * The SQLite schema, as numbered migrations run on open. Each runs in the same `BEGIN IMMEDIATE`
 * transaction as the read of `yishi_migrations`, so two processes opening one file at once apply
 * each migration exactly once: the second waits for the first's write lock (busy_timeout), then
 * finds the versions recorded. `applied_at` is SQLite's own clock (UTC, milliseconds).
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'streams, entries, request ids, snapshots, vault',
    sql: `
      -- position is the rowid: SQLite has one writer at a time, so rowids commit in order.
      CREATE TABLE yishi_entries (
        position   INTEGER PRIMARY KEY,
        stream     TEXT    NOT NULL,
        version    INTEGER NOT NULL,
        hash       TEXT    NOT NULL,
        request_id TEXT,
        line       TEXT    NOT NULL,
        UNIQUE (stream, version)
      );
      CREATE UNIQUE INDEX yishi_entries_request ON yishi_entries (stream, request_id)
        WHERE request_id IS NOT NULL;
      -- TEXT compares as BINARY: UTF-8 bytes, which is code point order (compareCodePoints).
      CREATE TABLE yishi_streams (
        stream  TEXT    PRIMARY KEY,
        version INTEGER NOT NULL,
        hash    TEXT    NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE yishi_snapshots (
        stream  TEXT    PRIMARY KEY,
        version INTEGER NOT NULL,
        hash    TEXT    NOT NULL,
        data    TEXT    NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE yishi_vault (
        stream     TEXT NOT NULL,
        commitment TEXT NOT NULL,
        salt       TEXT NOT NULL,
        value      TEXT NOT NULL,
        PRIMARY KEY (stream, commitment)
      ) WITHOUT ROWID;
    `,
  },
];

/** Applies the migrations this file lacks; returns the versions it applied. */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): number[] {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS yishi_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`);
    const row = db.prepare('SELECT max(version) AS v FROM yishi_migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    const known = migrations.at(-1)?.version ?? 0;
    if (current > known) {
      throw new Error(
        `this database's schema is at version ${current}, newer than this @yishi/store-sql knows (${known}): upgrade the package`,
      );
    }
    const applied: number[] = [];
    const record = db.prepare('INSERT INTO yishi_migrations (version, name) VALUES (?, ?)');
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.name);
      applied.push(m.version);
    }
    return applied;
  });
  return run.immediate();
}
