/**
 * The PostgreSQL schema, as numbered migrations run on open, inside one transaction that first
 * takes a transaction-level advisory lock: two processes opening one database at once apply each
 * migration exactly once (the second waits, then finds the versions recorded), and DDL is
 * transactional, so a failed migration leaves nothing behind. `applied_at` is the server's `now()`.
 */
import type pg from 'pg';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/** The advisory lock key the migrations hold (a constant: "yishi" in ASCII). */
export const MIGRATION_LOCK = 0x79697368_69;

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'streams, entries, request ids, snapshots, vault',
    sql: `
      -- position: a bigserial, taken at INSERT, so it does not say in which order entries commit.
      -- tx: the inserting transaction's id. readAll returns only rows whose tx is below the
      -- oldest transaction still running (pg_snapshot_xmin), in (tx, position) order: a row that
      -- commits late has a tx no reader has passed yet, so it is never skipped.
      -- stream is COLLATE "C": byte order of UTF-8, which is code point order (compareCodePoints).
      CREATE TABLE yishi_entries (
        position   bigserial PRIMARY KEY,
        tx         xid8    NOT NULL DEFAULT pg_current_xact_id(),
        stream     text    COLLATE "C" NOT NULL,
        version    integer NOT NULL,
        hash       text    NOT NULL,
        request_id text,
        line       text    NOT NULL,
        CONSTRAINT yishi_entries_version UNIQUE (stream, version)
      );
      CREATE UNIQUE INDEX yishi_entries_request ON yishi_entries (stream, request_id)
        WHERE request_id IS NOT NULL;
      CREATE INDEX yishi_entries_tx ON yishi_entries (tx, position);
      CREATE INDEX yishi_entries_hash ON yishi_entries (hash);
      -- One row per stream: the head an append locks (FOR UPDATE) while it checks and writes.
      CREATE TABLE yishi_streams (
        stream  text    COLLATE "C" PRIMARY KEY,
        version integer NOT NULL,
        hash    text    NOT NULL
      );
      CREATE TABLE yishi_snapshots (
        stream  text    COLLATE "C" PRIMARY KEY,
        version integer NOT NULL,
        hash    text    NOT NULL,
        data    text    NOT NULL
      );
      CREATE TABLE yishi_vault (
        stream     text COLLATE "C" NOT NULL,
        commitment text NOT NULL,
        salt       text NOT NULL,
        value      text NOT NULL,
        PRIMARY KEY (stream, commitment)
      );
    `,
  },
];

/** Applies the migrations this database lacks; returns the versions it applied. */
export async function migratePostgres(
  client: pg.ClientBase,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const settings = await client.query<{ enc: string; num: string }>(
    "SELECT current_setting('server_encoding') AS enc, current_setting('server_version_num') AS num",
  );
  const { enc, num } = settings.rows[0]!;
  // xid8 and pg_current_xact_id() arrived in PostgreSQL 13.
  if (Number(num) < 130000) throw new Error(`@yishi/store-sql needs PostgreSQL 13 or later (server: ${num})`);
  // Stream ids and entries are Unicode text; only UTF8 keeps them and orders "C" by code point.
  if (enc !== 'UTF8') throw new Error(`@yishi/store-sql needs a UTF8 database (this one is ${enc})`);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS yishi_migrations (
      version    integer     PRIMARY KEY,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM yishi_migrations');
    const current = r.rows[0]?.v ?? 0;
    const known = migrations.at(-1)?.version ?? 0;
    if (current > known) {
      throw new Error(
        `this database's schema is at version ${current}, newer than this @yishi/store-sql knows (${known}): upgrade the package`,
      );
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO yishi_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
