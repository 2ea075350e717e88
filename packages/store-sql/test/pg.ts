/**
 * Each PostgreSQL test works in a fresh schema: a URL whose connections use `search_path` =
 * that schema, so the store's tables (and its migrations table) are new and empty.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function freshSchemaUrl(base: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await c.end();
  }
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
