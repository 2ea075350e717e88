/**
 * Personal data out of the published log (个人信息保护法): personal identifiers and free text enter
 * a stream entry only as **commitments**, `~` followed by 64 hex digits,
 *
 *   commitment = hex(SHA-256(UTF-8(salt + ":" + value)))      salt: 32 hex digits, random
 *
 * with the value and its salt kept beside the chain in the store's vault. One salt per value per
 * stream, so within a community the same person is the same commitment everywhere (a published log
 * can still be recounted, by commitments), while across communities they are unlinkable, and
 * nobody without the salt can test a guessed name against it.
 *
 * What is personal:
 * - the id of an actor who is a person acting for themself (`owner`, `resident`, `observer`), in the
 *   entry and in the event's stamp;
 * - the paths each process kind declares (`ProcessKind.personal`): owners, holders, voters,
 *   attendees, unit numbers, ballot and proxy ids, and free text (reasons, opinions, objections).
 * Organisers (everyone on the roster: staff, committee, planner…) act in public office and stay
 * public, so that their authority can be checked by anyone.
 *
 * A commitment replaces every occurrence of its value at a personal path, and the machines only
 * compare such values for equality, so replaying entries with commitments in place of values (an
 * auditor's public recount, or after an erasure) gives the same counts.
 */
import { sha256Hex } from '../log/sha256.js';
import type { StreamEntryFields } from '../log/streamEntry.js';
import type { PersonalSpec, ProcessKind } from '../machines/processKind.js';
import type { VaultRecord } from '../store/streamStore.js';

/** Roles whose actor id is a private person's. */
export const PERSONAL_ROLES: ReadonlySet<string> = new Set(['owner', 'resident', 'observer']);

/** What a commitment looks like in an entry. */
export const COMMITMENT = /^~[0-9a-f]{64}$/;

export const commitmentOf = (salt: string, value: string) => `~${sha256Hex(`${salt}:${value}`)}`;

/** A source of salts: 32 lower-case hex digits each (128 bits), unpredictable. */
export type SaltSource = () => string;

/** Salts from the platform's cryptographic random source (WebCrypto, in Node and browsers). */
export const cryptoSalt: SaltSource = () => {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
};

/** A stream's vault in memory: value ↔ record, plus the records a batch added (not yet stored). */
export class Vault {
  private readonly byValue = new Map<string, VaultRecord>();
  private readonly byCommitment = new Map<string, VaultRecord>();
  private staged: VaultRecord[] = [];

  constructor(
    private readonly salt: SaltSource,
    records: Iterable<VaultRecord> = [],
  ) {
    for (const r of records) this.add(r);
  }

  private add(r: VaultRecord) {
    this.byValue.set(r.value, r);
    this.byCommitment.set(r.commitment.startsWith('~') ? r.commitment.slice(1) : r.commitment, r);
  }

  /** The commitment for `value`, made (and staged) the first time the stream meets it. */
  commit(value: string): string {
    let r = this.byValue.get(value);
    if (!r) {
      const salt = this.salt();
      if (!/^[0-9a-f]{32,128}$/.test(salt)) throw new Error('a salt must be 32–128 lower-case hex digits');
      r = { commitment: commitmentOf(salt, value).slice(1), salt, value };
      this.add(r);
      this.staged.push(r);
    }
    return `~${r.commitment}`;
  }

  /** The value behind `token` (`~` + hex), or undefined (erased, or never in this vault). */
  reveal(token: string): VaultRecord | undefined {
    return this.byCommitment.get(token.slice(1));
  }

  /** The records made since the last `settle` (to store with the batch). */
  pending(): VaultRecord[] {
    return this.staged.slice();
  }

  /** The batch was stored: its records are now the store's. */
  settle() {
    this.staged = [];
  }

  /** The batch was not stored: forget the records it made. */
  drop() {
    for (const r of this.staged) {
      this.byValue.delete(r.value);
      this.byCommitment.delete(r.commitment);
    }
    this.staged = [];
  }

  /** Forgets a record (erasure). */
  erase(commitment: string) {
    const key = commitment.startsWith('~') ? commitment.slice(1) : commitment;
    const r = this.byCommitment.get(key);
    if (!r) return false;
    this.byCommitment.delete(key);
    this.byValue.delete(r.value);
    return true;
  }

  has(commitment: string) {
    return this.byCommitment.has(commitment.startsWith('~') ? commitment.slice(1) : commitment);
  }
}

type Path = readonly string[];
const split = (p: string): Path => p.split('.');
const cache = new WeakMap<PersonalSpec, { input: Path[]; events: Map<string, Path[]> }>();

function pathsOf(spec: PersonalSpec | undefined, type: string): Path[] {
  if (!spec) return [];
  let c = cache.get(spec);
  if (!c) {
    c = {
      input: (spec.input ?? []).map((p) => ['input', ...split(p)]),
      events: new Map(Object.entries(spec.events ?? {}).map(([t, ps]) => [t, ps.map(split)])),
    };
    cache.set(spec, c);
  }
  return type === 'CREATE' ? c.input : (c.events.get(type) ?? []);
}

/**
 * `value` with `f` applied to every string at `path` (`*`: every item or member), copied only
 * where something changed.
 */
function mapAt(value: unknown, path: Path, i: number, f: (s: string) => string): unknown {
  if (i === path.length) {
    if (typeof value === 'string') return f(value);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const out = value.map(f);
      return out.some((v, k) => v !== value[k]) ? out : value;
    }
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const seg = path[i]!;
  if (Array.isArray(value)) {
    if (seg !== '*') return value;
    let out: unknown[] | undefined;
    value.forEach((v, k) => {
      const w = mapAt(v, path, i + 1, f);
      if (w === v) return;
      out ??= value.slice();
      out[k] = w;
    });
    return out ?? value;
  }
  const o = value as Record<string, unknown>;
  if (seg === '*') {
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(o)) {
      const w = mapAt(o[k], path, i + 1, f);
      if (w === o[k]) continue;
      out ??= { ...o };
      out[k] = w;
    }
    return out ?? o;
  }
  if (!Object.hasOwn(o, seg)) return o;
  const w = mapAt(o[seg], path, i + 1, f);
  return w === o[seg] ? o : { ...o, [seg]: w };
}

/** `fields` with `f` applied to every personal value (the kind's paths and personal actor ids). */
function mapPersonal(fields: StreamEntryFields, kind: ProcessKind | undefined, f: (s: string) => string) {
  let event = fields.event as unknown;
  for (const p of pathsOf(kind?.personal, fields.event.type)) event = mapAt(event, p, 0, f);
  const stamp = (event as { actor?: { id?: unknown; role?: unknown } }).actor;
  if (stamp && typeof stamp.id === 'string' && PERSONAL_ROLES.has(String(stamp.role))) {
    event = { ...(event as object), actor: { ...stamp, id: f(stamp.id) } };
  }
  const actor = PERSONAL_ROLES.has(fields.actor.role)
    ? { ...fields.actor, id: f(fields.actor.id) }
    : fields.actor;
  return { ...fields, actor, event: event as StreamEntryFields['event'] };
}

/** The entry's fields as they are stored and published: personal values as commitments. */
export function commitFields(fields: StreamEntryFields, kind: ProcessKind | undefined, vault: Vault) {
  // Every value is committed, even one that looks like a commitment: a caller cannot smuggle in
  // another person's commitment to be opened as theirs.
  return mapPersonal(fields, kind, (s) => vault.commit(s));
}

/** The stored fields with every commitment the vault still holds opened again. */
export function revealFields(fields: StreamEntryFields, kind: ProcessKind | undefined, vault: Vault) {
  return mapPersonal(fields, kind, (s) => (COMMITMENT.test(s) ? (vault.reveal(s)?.value ?? s) : s));
}

/**
 * The openings of the commitments in these fields (for the sender's receipt): commitment as 64 hex
 * digits (the entry carries it with a leading `~`), salt and value.
 */
export function openings(
  fields: StreamEntryFields,
  kind: ProcessKind | undefined,
  vault: Vault,
): VaultRecord[] {
  const out = new Map<string, VaultRecord>();
  mapPersonal(fields, kind, (s) => {
    const r = COMMITMENT.test(s) ? vault.reveal(s) : undefined;
    if (r) out.set(r.commitment, r);
    return s;
  });
  return [...out.values()].map((r) => ({ commitment: r.commitment, salt: r.salt, value: r.value }));
}

/** Whether the fields hold a commitment this vault cannot open (made by another writer, or erased). */
export function unknownCommitments(
  fields: StreamEntryFields,
  kind: ProcessKind | undefined,
  vault: Vault,
): boolean {
  let unknown = false;
  mapPersonal(fields, kind, (s) => {
    if (COMMITMENT.test(s) && !vault.has(s)) unknown = true;
    return s;
  });
  return unknown;
}
