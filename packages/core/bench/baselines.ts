/**
 * What yishi is measured against: (1) a "floor", the least code that produces the same totals —
 * typed arrays, no validation, no explanation — and (2) the SQL a portal would write, on
 * better-sqlite3 in memory.
 */
import Database from 'better-sqlite3';
import type { Ballot, Threshold, UnitRegistry } from '../src/index.js';
import { parseArea } from '../src/index.js';

/** The figures all three must agree on (areas in 0.01 m², integers). */
export interface Totals {
  totalArea: number;
  totalOwners: number;
  participatingArea: number;
  participatingOwners: number;
  agreeArea: number;
  agreeOwners: number;
  quorumMet: boolean;
  passed: boolean;
}

/** The lines a tally checks: quorum over all owners, approval over participants. */
export interface Lines {
  quorum: { area: Threshold; headcount: Threshold };
  approval: { area: Threshold; headcount: Threshold };
}

// ── floor ─────────────────────────────────────────────────────────────────────────────────────

export interface FloorElectorate {
  index: Map<string, number>;
  area: Float64Array;
  owners: number;
  totalArea: number;
}

/** "89.50" → 8950, by character codes; assumes well-formed input (no checks at all). */
function centi(s: string): number {
  let v = 0;
  let frac = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      frac = 0;
      continue;
    }
    v = v * 10 + (c - 48);
    if (frac >= 0) frac++;
  }
  return frac <= 0 ? v * 100 : frac === 1 ? v * 10 : v;
}

/** Owner map, area parsing and developer grouping (司法解释 第8–9条, one-person developer). */
export function floorCompile(registry: UnitRegistry, developer: string): FloorElectorate {
  const units = registry.units;
  const n = units.length;
  const index = new Map<string, number>();
  const area = new Float64Array(n);
  let owners = 0;
  let totalArea = 0;
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    const key = u.status === 'delivered' ? u.owner : developer;
    let k = index.get(key);
    if (k === undefined) {
      k = owners++;
      index.set(key, k);
    }
    const a = centi(u.area!);
    area[k]! += a;
    totalArea += a;
  }
  return { index, area: area.subarray(0, owners), owners, totalArea };
}

const met = (part: number, whole: number, t: Threshold) =>
  whole > 0 && (t.cmp === '>=' ? part * t.den >= whole * t.num : part * t.den > whole * t.num);

/** The ballot loop: lookup, duplicate check, sums per choice, then the four cross-multiplications. */
export function floorTally(
  el: FloorElectorate,
  ballots: readonly Ballot[],
  acceptOnline: boolean,
  lines: Lines,
): Totals {
  const { index, area } = el;
  const seen = new Uint8Array(el.owners);
  const sumArea = new Float64Array(4);
  const sumOwners = new Uint32Array(4);
  for (let i = 0; i < ballots.length; i++) {
    const b = ballots[i]!;
    const k = index.get(b.owner);
    if (k === undefined) throw new Error(`unknown owner ${b.owner}`);
    if (seen[k] === 1) throw new Error(`duplicate ballot ${b.owner}`);
    seen[k] = 1;
    if (!acceptOnline && b.channel === 'online') continue;
    const ch = b.choice;
    const c = ch === 'agree' ? 0 : ch === 'oppose' ? 1 : ch === 'abstain' ? 2 : 3;
    sumArea[c]! += area[k]!;
    sumOwners[c]!++;
  }
  const pa = sumArea[0]! + sumArea[1]! + sumArea[2]! + sumArea[3]!;
  const po = sumOwners[0]! + sumOwners[1]! + sumOwners[2]! + sumOwners[3]!;
  return decide(el.totalArea, el.owners, pa, po, sumArea[0]!, sumOwners[0]!, lines);
}

/**
 * (c): the count alone, over ballots already resolved to owner indexes (as a ballot box holds
 * them): the bare typed-array summing loop.
 */
export function floorBoxTally(
  el: FloorElectorate,
  owner: Int32Array,
  choice: Uint8Array,
  online: Uint8Array,
  acceptOnline: boolean,
  lines: Lines,
): Totals {
  const { area } = el;
  const sumArea = new Float64Array(4);
  const sumOwners = new Uint32Array(4);
  for (let i = 0; i < owner.length; i++) {
    if (!acceptOnline && online[i] === 1) continue;
    const k = owner[i]!;
    const c = choice[i]!;
    sumArea[c]! += area[k]!;
    sumOwners[c]!++;
  }
  const pa = sumArea[0]! + sumArea[1]! + sumArea[2]! + sumArea[3]!;
  const po = sumOwners[0]! + sumOwners[1]! + sumOwners[2]! + sumOwners[3]!;
  return decide(el.totalArea, el.owners, pa, po, sumArea[0]!, sumOwners[0]!, lines);
}

/** (a): compile and count, from the validated register. */
export function floorFull(
  registry: UnitRegistry,
  developer: string,
  ballots: readonly Ballot[],
  acceptOnline: boolean,
  lines: Lines,
): Totals {
  return floorTally(floorCompile(registry, developer), ballots, acceptOnline, lines);
}

function decide(
  ta: number,
  to: number,
  pa: number,
  po: number,
  aa: number,
  ao: number,
  lines: Lines,
): Totals {
  const quorumMet = met(pa, ta, lines.quorum.area) && met(po, to, lines.quorum.headcount);
  const passed = quorumMet && met(aa, pa, lines.approval.area) && met(ao, po, lines.approval.headcount);
  return {
    totalArea: ta,
    totalOwners: to,
    participatingArea: pa,
    participatingOwners: po,
    agreeArea: aa,
    agreeOwners: ao,
    quorumMet,
    passed,
  };
}

// ── SQLite ────────────────────────────────────────────────────────────────────────────────────

export interface SqliteBench {
  /** (a) the whole count from the raw tables, one query. */
  full: () => Totals;
  /** (b) the count against a materialised electorate table (the frozen register). */
  frozen: () => Totals;
  /** ms to create the tables, insert units and ballots, and build indexes. */
  loadMs: number;
  /** ms to materialise the electorate table for (b). */
  freezeMs: number;
  plan: string[];
  close: () => void;
}

interface Row {
  totalArea: number;
  totalOwners: number;
  participatingArea: number;
  participatingOwners: number;
  agreeArea: number;
  agreeOwners: number;
}

const SUMS = `
  COALESCE(SUM(e.area), 0)                                   AS participatingArea,
  COUNT(*)                                                   AS participatingOwners,
  COALESCE(SUM(CASE WHEN b.choice = 'agree' THEN e.area END), 0) AS agreeArea,
  COUNT(CASE WHEN b.choice = 'agree' THEN 1 END)             AS agreeOwners`;

/**
 * What a portal would write: the electorate by CASE on status (unsold/undelivered → developer),
 * then ballots joined to it. Abstentions count as participating, as under the policy tallied.
 */
export const FULL_SQL = `
WITH electorate AS MATERIALIZED (
  SELECT CASE WHEN status = 'delivered' THEN owner ELSE @developer END AS okey,
         SUM(area_centi) AS area
  FROM units
  GROUP BY okey
)
SELECT
  (SELECT SUM(area) FROM electorate)  AS totalArea,
  (SELECT COUNT(*) FROM electorate)   AS totalOwners,${SUMS}
FROM ballots b JOIN electorate e ON e.okey = b.owner`;

export const FROZEN_SQL = `
SELECT
  (SELECT SUM(area) FROM electorate)  AS totalArea,
  (SELECT COUNT(*) FROM electorate)   AS totalOwners,${SUMS}
FROM ballots b JOIN electorate e ON e.okey = b.owner`;

export function sqliteSetup(
  registry: UnitRegistry,
  developer: string,
  ballots: readonly Ballot[],
  lines: Lines,
): SqliteBench {
  const t0 = performance.now();
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE units (
      id TEXT PRIMARY KEY,
      building TEXT NOT NULL,
      area_centi INTEGER NOT NULL,
      owner TEXT NOT NULL,
      status TEXT NOT NULL
    );
    CREATE TABLE ballots (owner TEXT PRIMARY KEY, choice TEXT NOT NULL) WITHOUT ROWID;`);
  const insUnit = db.prepare(
    'INSERT INTO units (id, building, area_centi, owner, status) VALUES (?, ?, ?, ?, ?)',
  );
  const insBallot = db.prepare('INSERT INTO ballots (owner, choice) VALUES (?, ?)');
  db.transaction(() => {
    for (const u of registry.units) insUnit.run(u.id, u.building, parseArea(u.area!), u.owner, u.status);
    for (const b of ballots) insBallot.run(b.owner, b.choice);
  })();
  db.exec(`
    CREATE INDEX units_owner ON units (owner, status);
    CREATE INDEX units_building ON units (building);
    ANALYZE;`);
  const loadMs = performance.now() - t0;

  const t1 = performance.now();
  db.exec('CREATE TABLE electorate (okey TEXT PRIMARY KEY, area INTEGER NOT NULL) WITHOUT ROWID');
  db.prepare(
    `INSERT INTO electorate
       SELECT CASE WHEN status = 'delivered' THEN owner ELSE @developer END AS okey, SUM(area_centi)
       FROM units GROUP BY okey`,
  ).run({ developer });
  db.exec('ANALYZE');
  const freezeMs = performance.now() - t1;

  const full = db.prepare<{ developer: string }, Row>(FULL_SQL);
  const frozen = db.prepare<[], Row>(FROZEN_SQL);
  const toTotals = (r: Row | undefined): Totals => {
    if (!r) throw new Error('no row');
    return decide(
      r.totalArea,
      r.totalOwners,
      r.participatingArea,
      r.participatingOwners,
      r.agreeArea,
      r.agreeOwners,
      lines,
    );
  };
  const planOf = (sql: string, params: object) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  return {
    full: () => toTotals(full.get({ developer })),
    frozen: () => toTotals(frozen.get()),
    loadMs,
    freezeMs,
    plan: [
      ...planOf(FULL_SQL, { developer }).map((d) => `(a) ${d}`),
      ...planOf(FROZEN_SQL, {}).map((d) => `(b) ${d}`),
    ],
    close: () => db.close(),
  };
}
