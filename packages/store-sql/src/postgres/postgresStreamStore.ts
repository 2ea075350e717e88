/**
 * The PostgreSQL stream store (`pg`), for many engine processes sharing one database.
 *
 * An append is one READ COMMITTED transaction: lock the stream's head row (`FOR UPDATE`, inserting
 * it for a new stream), run `checkAgainstHead` against it, check request ids, insert the entries
 * and vault records, move the head, commit. Two writers at the same version queue on the row
 * lock; the second then reads the first's head and gets VERSION_CONFLICT. A serialization failure
 * or deadlock (possible only if the server forces another isolation level) is retried, never
 * passed to the caller. The append resolves after COMMIT returns, i.e. after the commit record is
 * flushed (with the server's default `synchronous_commit = on`).
 *
 * Positions: see migrations.ts. `readAll` returns rows whose transaction id is below
 * `pg_snapshot_xmin(pg_current_snapshot())`, ordered by (tx, position), so an entry that commits
 * late is never skipped; the price is that a reader sees nothing newer than the oldest write
 * transaction still running anywhere in the cluster, until it ends (lateCommit.test.ts).
 */
import { isYishiError, YishiError } from '@yishi/core';
import {
  type AppendBatch,
  type AppendOutcome,
  checkAgainstHead,
  checkBatch,
  READ_ALL_LIMIT,
  type ReadAllOptions,
  type StoredEntry,
  type StreamHead,
  type StreamInfo,
  type StreamSnapshot,
  type StreamStore,
  type VaultRecord,
} from '@yishi/core/store';
import pg from 'pg';
import { pageSize, type SqlStoreOptions, storedEntry } from '../stored.js';
import { migratePostgres } from './migrations.js';
import { formatPosition, parsePosition } from './position.js';

export interface PostgresStreamStoreOptions extends SqlStoreOptions {
  /** e.g. `postgres://yishi@127.0.0.1:5432/yishi`; the store opens (and closes) its own pool. */
  connectionString?: string;
  /** Size of the store's own pool (default 10). */
  max?: number;
  /** An existing pool instead of `connectionString`; `close()` leaves it open. */
  pool?: pg.Pool;
}

interface EntryRow {
  tx: string;
  position: string;
  line: string;
  request_id: string | null;
}

// The text casts keep the column names, so an ORDER BY must name the table's columns
// (yishi_entries.tx), or it sorts the text.
const ENTRY_COLUMNS = 'tx::text AS tx, position::text AS position, line, request_id';
/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 10;

const stored = (r: EntryRow): StoredEntry =>
  storedEntry(r.line, formatPosition({ tx: r.tx, position: r.position }), r.request_id);

type Client = pg.PoolClient;

interface GroupJob {
  batch: AppendBatch;
  lines: string[];
  resolve(outcome: AppendOutcome): void;
  reject(error: unknown): void;
}

/**
 * PostgreSQL text cannot hold U+0000; entries cannot contain it raw (canonical JSON escapes it),
 * but a request id or a vault value could. Refused before the transaction, nothing stored.
 */
function refuseNul(batch: AppendBatch) {
  const at = [
    ...batch.entries.map((x, i) => [`entries.${i}.requestId`, x.requestId] as const),
    ...(batch.vault ?? []).map((v, i) => [`vault.${i}.value`, v.value] as const),
  ].find(([, s]) => s?.includes('\u0000'));
  if (at) {
    throw new YishiError(
      'INVALID_ENTRY',
      `append refused, nothing stored: ${at[0]} contains U+0000, which PostgreSQL text cannot hold`,
      [{ message: 'U+0000 in text', path: at[0] }],
    );
  }
}

export async function openPostgresStreamStore(options: PostgresStreamStoreOptions): Promise<StreamStore> {
  if ((options.connectionString === undefined) === (options.pool === undefined)) {
    throw new YishiError(
      'INVALID_INPUT',
      'openPostgresStreamStore: give exactly one of connectionString and pool',
    );
  }
  const owned = options.pool === undefined;
  const pool =
    options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  // An idle client that loses its server emits 'error'; without a listener that ends the process.
  // The next query through the pool reports the failure to its caller instead.
  if (owned) pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (e) {
    if (owned) await pool.end();
    throw e;
  }

  let closed = false;
  const open = () => {
    if (closed) throw new YishiError('STORE_CLOSED', 'the store is closed');
  };
  // Named statements: each connection parses and plans them once, not on every call.
  const query = async <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[] = []) => {
    open();
    return (await pool.query<R>({ name: `yishi_${name}`, text, values })).rows;
  };

  /**
   * Opens the transaction and locks the stream's head row, creating it (version 0) for a new
   * stream. BEGIN and the lock go in one round trip (the simple protocol allows several
   * statements, not parameters, so the stream id is quoted by pg's `escapeLiteral`).
   */
  async function beginAndLockHead(c: Client, stream: string): Promise<StreamHead | null> {
    const sel = `SELECT version, hash FROM yishi_streams WHERE stream = ${c.escapeLiteral(stream)} FOR UPDATE`;
    const both = (await c.query(
      `BEGIN ISOLATION LEVEL READ COMMITTED; ${sel}`,
    )) as unknown as pg.QueryResult[];
    let rows = both[1]!.rows as StreamHead[];
    if (rows.length === 0) {
      const ins = await c.query(
        "INSERT INTO yishi_streams (stream, version, hash) VALUES ($1, 0, '') ON CONFLICT (stream) DO NOTHING",
        [stream],
      );
      if (ins.rowCount === 1) return null;
      // Another writer created the stream and committed while we looked: lock its row.
      rows = (await c.query<StreamHead>(sel)).rows;
    }
    const h = rows[0];
    return h === undefined || h.version === 0 ? null : h;
  }

  async function appendOnce(c: Client, batch: AppendBatch, lines: string[]): Promise<AppendOutcome> {
    const head = await beginAndLockHead(c, batch.stream);
    if (checkAgainstHead(batch, head) === 'conflict') {
      await c.query('ROLLBACK');
      return { ok: false, code: 'VERSION_CONFLICT', head };
    }
    const ids = batch.entries.flatMap((x) => (x.requestId === undefined ? [] : [x.requestId]));
    if (ids.length > 0) {
      // The head row lock keeps every other writer of this stream out, so this check is exact.
      const found = await c.query<EntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM yishi_entries WHERE stream = $1 AND request_id = ANY($2::text[])`,
        [batch.stream, ids],
      );
      if (found.rows.length > 0) {
        await c.query('ROLLBACK');
        const byId = new Map(found.rows.map((r) => [r.request_id, r]));
        const requestId = ids.find((id) => byId.has(id))!;
        return { ok: false, code: 'DUPLICATE_REQUEST', requestId, existing: stored(byId.get(requestId)!) };
      }
    }
    // The writes and COMMIT in one round trip, values quoted by pg's escapeLiteral (numbers are
    // checked safe integers). Should a statement fail, the server skips the rest, COMMIT too.
    const q = (x: string) => c.escapeLiteral(x);
    const es = batch.entries;
    const last = es[es.length - 1]!.entry;
    const stream = q(batch.stream);
    const rows = es.map(
      (x, i) =>
        `(${stream}, ${x.entry.version}, ${q(x.entry.hash)}, ${x.requestId === undefined ? 'NULL' : q(x.requestId)}, ${q(lines[i]!)})`,
    );
    let sql =
      `INSERT INTO yishi_entries (stream, version, hash, request_id, line) VALUES ${rows.join(', ')} ` +
      'RETURNING tx::text AS tx, position::text AS position, version;\n' +
      `UPDATE yishi_streams SET version = ${last.version}, hash = ${q(last.hash)} WHERE stream = ${stream};\n`;
    if (batch.vault !== undefined && batch.vault.length > 0) {
      // One row per commitment (the last wins, as in memory): ON CONFLICT may touch a row once.
      const vault = [...new Map(batch.vault.map((v) => [v.commitment, v])).values()];
      sql +=
        `INSERT INTO yishi_vault (stream, commitment, salt, value) VALUES ${vault
          .map((v) => `(${stream}, ${q(v.commitment)}, ${q(v.salt)}, ${q(v.value)})`)
          .join(', ')} ` +
        'ON CONFLICT (stream, commitment) DO UPDATE SET salt = excluded.salt, value = excluded.value;\n';
    }
    const results = (await c.query(`${sql}COMMIT`)) as unknown as pg.QueryResult[];
    const inserted = (results[0]!.rows as Array<{ tx: string; position: string; version: number }>).sort(
      (a, b) => a.version - b.version,
    );
    return {
      ok: true,
      head: { version: last.version, hash: last.hash },
      positions: inserted.map((r) => formatPosition(r)),
    };
  }

  /**
   * Group commit across streams: the appends that arrive in one turn of the event loop go to the
   * server as one transaction — one round trip locks every head they touch (in stream order, so
   * two nodes cannot deadlock each other) and finds their request ids, one more writes every batch
   * that passed and commits. Each batch is judged on its own against its stream's head (a conflict,
   * a duplicate request or a fork answers that caller only), and every caller is answered after the
   * COMMIT. A group that fails as a whole, or holds a stream that has no head row yet, is appended
   * batch by batch instead.
   */
  let queue: GroupJob[] = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    const jobs = queue;
    queue = [];
    void (async () => {
      if (jobs.length === 1) return settle(jobs[0]!, appendAlone(jobs[0]!.batch, jobs[0]!.lines));
      let c: Client | undefined;
      let broken: unknown;
      let done = false;
      try {
        open();
        c = await pool.connect();
        const results = await appendGroup(c, jobs);
        if (results) {
          done = true;
          results.forEach((r, i) => {
            if ('outcome' in r) jobs[i]!.resolve(r.outcome);
            else jobs[i]!.reject(r.error);
          });
        }
      } catch (e) {
        if (c) {
          try {
            await c.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError;
          }
        }
        if (isYishiError(e) && e.code === 'STORE_CLOSED') {
          done = true;
          for (const j of jobs) j.reject(e);
        }
      } finally {
        c?.release(broken instanceof Error ? broken : undefined);
      }
      if (!done) for (const j of jobs) settle(j, appendAlone(j.batch, j.lines));
    })();
  }

  function settle(j: GroupJob, p: Promise<AppendOutcome>) {
    p.then(j.resolve, j.reject);
  }

  type GroupResult = { outcome: AppendOutcome } | { error: unknown };

  /** One transaction for many batches; undefined when it must fall back (a stream with no head row). */
  async function appendGroup(c: Client, jobs: readonly GroupJob[]): Promise<GroupResult[] | undefined> {
    const q = (x: string) => c.escapeLiteral(x);
    const streams = [...new Set(jobs.map((j) => j.batch.stream))].sort();
    const pairs = jobs.flatMap((j) =>
      j.batch.entries.flatMap((x) =>
        x.requestId === undefined ? [] : [`(${q(j.batch.stream)}, ${q(x.requestId)})`],
      ),
    );
    const lock = `SELECT stream, version, hash FROM yishi_streams WHERE stream IN (${streams.map(q).join(', ')}) ORDER BY stream FOR UPDATE`;
    const dup =
      pairs.length === 0
        ? ''
        : `; SELECT stream, ${ENTRY_COLUMNS} FROM yishi_entries WHERE (stream, request_id) IN (${pairs.join(', ')})`;
    const res = (await c.query(
      `BEGIN ISOLATION LEVEL READ COMMITTED; ${lock}${dup}`,
    )) as unknown as pg.QueryResult[];
    const heads = new Map<string, StreamHead | null>();
    for (const r of res[1]!.rows as Array<StreamHead & { stream: string }>) {
      heads.set(r.stream, r.version === 0 ? null : { version: r.version, hash: r.hash });
    }
    if (heads.size !== streams.length) {
      // A new stream needs its head row made first: the single path does that.
      await c.query('ROLLBACK');
      return undefined;
    }
    const known = new Map<string, EntryRow>();
    for (const r of (res[2]?.rows ?? []) as Array<EntryRow & { stream: string }>) {
      known.set(`${r.stream}\u0000${r.request_id}`, r);
    }
    const results: GroupResult[] = [];
    const entryRows: string[] = [];
    const vaultRows = new Map<string, string>();
    const accepted: number[] = [];
    jobs.forEach((j, i) => {
      const { batch, lines } = j;
      try {
        const head = heads.get(batch.stream) ?? null;
        if (checkAgainstHead(batch, head) === 'conflict') {
          results.push({ outcome: { ok: false, code: 'VERSION_CONFLICT', head } });
          return;
        }
        for (const x of batch.entries) {
          const r = x.requestId === undefined ? undefined : known.get(`${batch.stream}\u0000${x.requestId}`);
          if (r) {
            results.push({
              outcome: { ok: false, code: 'DUPLICATE_REQUEST', requestId: x.requestId!, existing: stored(r) },
            });
            return;
          }
        }
        const stream = q(batch.stream);
        batch.entries.forEach((x, k) => {
          entryRows.push(
            `(${stream}, ${x.entry.version}, ${q(x.entry.hash)}, ${x.requestId === undefined ? 'NULL' : q(x.requestId)}, ${q(lines[k]!)})`,
          );
          if (x.requestId !== undefined)
            known.set(`${batch.stream}\u0000${x.requestId}`, {
              tx: '',
              position: '',
              line: lines[k]!,
              request_id: x.requestId,
            });
        });
        for (const v of batch.vault ?? []) {
          vaultRows.set(
            `${batch.stream}\u0000${v.commitment}`,
            `(${stream}, ${q(v.commitment)}, ${q(v.salt)}, ${q(v.value)})`,
          );
        }
        const last = batch.entries[batch.entries.length - 1]!.entry;
        heads.set(batch.stream, { version: last.version, hash: last.hash });
        accepted.push(i);
        results.push({
          outcome: { ok: true, head: { version: last.version, hash: last.hash }, positions: [] },
        });
      } catch (error) {
        results.push({ error });
      }
    });
    if (accepted.length === 0) {
      await c.query('ROLLBACK');
      return results;
    }
    let sql = `INSERT INTO yishi_entries (stream, version, hash, request_id, line) VALUES ${entryRows.join(', ')} RETURNING stream, tx::text AS tx, position::text AS position, version;\n`;
    for (const s of new Set(accepted.map((i) => jobs[i]!.batch.stream))) {
      const h = heads.get(s)!;
      sql += `UPDATE yishi_streams SET version = ${h.version}, hash = ${q(h.hash)} WHERE stream = ${q(s)};\n`;
    }
    if (vaultRows.size > 0) {
      sql += `INSERT INTO yishi_vault (stream, commitment, salt, value) VALUES ${[...vaultRows.values()].join(', ')} ON CONFLICT (stream, commitment) DO UPDATE SET salt = excluded.salt, value = excluded.value;\n`;
    }
    const written = (await c.query(`${sql}COMMIT`)) as unknown as pg.QueryResult[];
    const positions = new Map<string, string>();
    for (const r of written[0]!.rows as Array<{
      stream: string;
      tx: string;
      position: string;
      version: number;
    }>) {
      positions.set(`${r.stream}\u0000${r.version}`, formatPosition(r));
    }
    for (const i of accepted) {
      const r = results[i] as unknown as { outcome: { positions: string[] } };
      const { batch } = jobs[i]!;
      r.outcome.positions = batch.entries.map(
        (x) => positions.get(`${batch.stream}\u0000${x.entry.version}`)!,
      );
    }
    return results;
  }

  async function append(batch: AppendBatch): Promise<AppendOutcome> {
    open();
    const lines = checkBatch(batch, options.maxEntryBytes);
    refuseNul(batch);
    return new Promise<AppendOutcome>((resolve, reject) => {
      queue.push({ batch, lines, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  }

  async function appendAlone(batch: AppendBatch, lines: string[]): Promise<AppendOutcome> {
    for (let attempt = 1; ; attempt++) {
      open();
      const c = await pool.connect();
      let broken: unknown;
      try {
        return await appendOnce(c, batch, lines);
      } catch (e) {
        try {
          await c.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError; // the connection is unusable: drop it from the pool
        }
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string' && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) continue;
        if (code === '23505' && (e as { constraint?: string }).constraint === 'yishi_entries_version') {
          // Only a writer that bypassed the head row could get here; it is still a lost race.
          return { ok: false, code: 'VERSION_CONFLICT', head: await headOf(batch.stream) };
        }
        throw e;
      } finally {
        c.release(broken instanceof Error ? broken : undefined);
      }
    }
  }

  async function headOf(stream: string): Promise<StreamHead | null> {
    const rows = await query<StreamHead>(
      'head',
      'SELECT version, hash FROM yishi_streams WHERE stream = $1 AND version > 0',
      [stream],
    );
    return rows[0] ?? null;
  }

  return {
    append,
    readStream: async (stream, fromVersion = 1) =>
      (
        await query<EntryRow>(
          'read_stream',
          `SELECT ${ENTRY_COLUMNS} FROM yishi_entries WHERE stream = $1 AND version >= $2 ORDER BY version`,
          [stream, fromVersion],
        )
      ).map(stored),
    readAll: async (o: ReadAllOptions = {}) => {
      const limit = pageSize(o.limit, READ_ALL_LIMIT);
      const visible = 'tx < pg_snapshot_xmin(pg_current_snapshot())';
      const rows =
        o.after === undefined
          ? await query<EntryRow>(
              'read_all',
              `SELECT ${ENTRY_COLUMNS} FROM yishi_entries WHERE ${visible} ORDER BY yishi_entries.tx, yishi_entries.position LIMIT $1`,
              [limit],
            )
          : await (async () => {
              const p = parsePosition(o.after!);
              return query<EntryRow>(
                'read_all_after',
                `SELECT ${ENTRY_COLUMNS} FROM yishi_entries
                 WHERE ${visible} AND (tx, position) > ($1::xid8, $2::bigint)
                 ORDER BY yishi_entries.tx, yishi_entries.position LIMIT $3`,
                [p.tx, p.position, limit],
              );
            })();
      return rows.map(stored);
    },
    head: headOf,
    listStreams: async (o = {}) => {
      const limit = o.limit === undefined ? null : pageSize(o.limit, 0);
      return o.after === undefined
        ? query<StreamInfo>(
            'list_streams',
            'SELECT stream, version, hash FROM yishi_streams WHERE version > 0 ORDER BY stream LIMIT $1',
            [limit],
          )
        : query<StreamInfo>(
            'list_streams_after',
            'SELECT stream, version, hash FROM yishi_streams WHERE version > 0 AND stream > $1 ORDER BY stream LIMIT $2',
            [o.after, limit],
          );
    },
    findRequest: async (stream, requestId) => {
      const rows = await query<EntryRow>(
        'find_request',
        `SELECT ${ENTRY_COLUMNS} FROM yishi_entries WHERE stream = $1 AND request_id = $2`,
        [stream, requestId],
      );
      return rows[0] ? stored(rows[0]) : null;
    },
    saveSnapshot: async (stream, s: StreamSnapshot) => {
      await query(
        'save_snapshot',
        `INSERT INTO yishi_snapshots (stream, version, hash, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (stream) DO UPDATE SET version = excluded.version, hash = excluded.hash, data = excluded.data`,
        [stream, s.version, s.hash, JSON.stringify(s.data ?? null)],
      );
    },
    loadSnapshot: async (stream) => {
      const rows = await query<{ version: number; hash: string; data: string }>(
        'load_snapshot',
        'SELECT version, hash, data FROM yishi_snapshots WHERE stream = $1',
        [stream],
      );
      const r = rows[0];
      return r ? { version: r.version, hash: r.hash, data: JSON.parse(r.data) as unknown } : null;
    },
    vault: (stream) =>
      query<VaultRecord>(
        'vault',
        'SELECT commitment, salt, value FROM yishi_vault WHERE stream = $1 ORDER BY commitment',
        [stream],
      ),
    erase: async (stream, commitment) => {
      open();
      const r = await pool.query('DELETE FROM yishi_vault WHERE stream = $1 AND commitment = $2', [
        stream,
        commitment,
      ]);
      return (r.rowCount ?? 0) > 0;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) await pool.end();
    },
  };
}
