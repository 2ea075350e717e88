/**
 * The engine over a log split into streams (issue 10): one stream — one hash chain, one version
 * sequence — per community (居村), stored in any `StreamStore` (memory, SQLite, PostgreSQL,
 * IndexedDB). A community is what residents verify and what a notice board publishes, and every
 * link the engine checks (a project citing its meetings, consultations and notices; roles on the
 * community's roster) lies within one community, so a stream can be decided on its own.
 *
 *   const engine = await openStreamEngine({ store, kinds: PROCESS_KINDS, packs, clock });
 *   await engine.create('writtenConsultation', 'wc-1', input, { actor, channel: 'web', community: 'meiyuan' });
 *   const r = await engine.send('wc-1', ballot, { actor, channel: 'web', community: 'meiyuan', requestId });
 *   if (r.ok) r.receipt; // { v: 1, stream, version, hash, head (signed), salts } (proof/receipt.ts)
 *
 * - **Loaded on first use.** A stream is read (from its snapshot, when trusted, plus the tail) the
 *   first time a call names its community, and kept in a bounded LRU cache (`cache.streams`).
 * - **Optimistic concurrency.** Every append names the version it expects. When another writer
 *   (another node, another engine) got there first, the stream's tail is read, the events are
 *   decided again on the new state, and the append is retried up to `retries` times; then the
 *   caller gets VERSION_CONFLICT.
 * - **Idempotency.** A send or create may carry a `requestId`. It is stored with the entry, so a
 *   retried request — after a lost reply, a conflict, or a restart — returns the first result (the
 *   same entry and receipt, with `duplicate: true`), and is never counted twice.
 * - **Group commit.** Concurrent calls for one stream are decided in arrival order and appended in
 *   one store transaction; each is answered only after that transaction committed.
 *
 * Inside, each cached stream runs the single-chain engine core (engineCore.ts) on a staging
 * store: its own chain (format v1, `seq` = the stream version) never leaves memory; what is stored
 * and published is the v2 entry (streamEntry.ts) with the same fields.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { chinaDateAt } from '../calendar/plainDate.js';
import { isYishiError, YishiError } from '../errors/YishiError.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { appendEntry, GENESIS, headOf, type LogEntry, type LogHead } from '../log/logEntry.js';
import {
  appendStreamEntry,
  isStreamEntry,
  type StreamEntry,
  type StreamEntryFields,
  type StreamHead,
  streamEntryHash,
  streamHeadOf,
} from '../log/streamEntry.js';
import type { ProcessKind } from '../machines/processKind.js';
import { type Anchor, makeAnchor } from '../proof/anchor.js';
import type { Signer } from '../proof/ed25519.js';
import { type Receipt, type SignedHead, signHead } from '../proof/receipt.js';
import { MIGRATION_KIND } from '../proof/streamsFromLog.js';
import type { AppendItem, StoredEntry, StreamStore } from '../store/streamStore.js';
import { readClock } from './bounds.js';
import type { CreateContext, Refusal, SendContext } from './decide.js';
import { type Core, type CoreMark, engineCore, isThenable, type Proc } from './engineCore.js';
import type { EngineOptions, SendResult, TickOptions } from './engineTypes.js';
import {
  COMMITMENT,
  commitFields,
  cryptoSalt,
  openings,
  revealFields,
  type SaltSource,
  unknownCommitments,
  Vault,
} from './privacy.js';
import { createRebuilder, kindMap } from './replay.js';
import { rosterAllows } from './roster.js';
import type { Checkpoint, SyncEventStore } from './store.js';

/**
 * Proof that an entry was accepted (`Receipt`, proof/receipt.ts): its stream, version and hash; the
 * head at the entry, signed when the engine has a `signer` (an unsigned receipt cannot be checked
 * against a rewrite by whoever holds the store: give the engine a signer in production); and the
 * openings of the commitments in the entry (engine/privacy.ts) — what the sender sent, so they can
 * open their own entry in the published log, and no one else's.
 */
export type StreamReceipt = Omit<Receipt, 'head' | 'salts'> & {
  head?: SignedHead;
  salts: NonNullable<Receipt['salts']>;
};

export interface StreamSendContext extends SendContext {
  /** The community (stream) the process lives in. */
  community: string;
  /** The caller's id for this request (1–128 characters): a retry with it returns the first result. */
  requestId?: string;
}

export interface StreamCreateContext extends CreateContext {
  community: string;
  requestId?: string;
}

/**
 * What a printed notice carries so that it pins the log (公示 and 公告): the stream's head at the
 * notice's own entry, and the latest anchor's root (every community's head, signed) — a later
 * rewrite of anything before it no longer reaches that head. `pinText` formats it for printing.
 */
export interface NoticePin {
  stream: string;
  version: number;
  hash: string;
  anchor?: { root: string; at: number; keyId: string };
}

/** The events that publish a notice or a result (公示/公告), whose results carry a `pin`. */
export const PINNED_EVENTS: Readonly<Record<string, readonly string[]>> = {
  publicNotice: ['POST'],
  writtenConsultation: ['ANNOUNCE'],
  meeting: ['POST_RESULT'],
};

export type StreamAccepted = {
  ok: true;
  entry: StreamEntry;
  snapshot: AnyMachineSnapshot;
  receipt: StreamReceipt;
  /** For an event that publishes a notice (PINNED_EVENTS): what the printed notice must show. */
  pin?: NoticePin;
  /** True when this answers a retried request id: the entry was stored by the first attempt. */
  duplicate?: true;
};
export type StreamResult = StreamAccepted | Refusal;

export interface StreamEngineOptions extends Omit<EngineOptions, 'community' | 'checkpoints' | 'inspect'> {
  store: StreamStore;
  cache?: {
    /** Streams kept loaded (LRU; default 100). A stream with work in flight is never evicted. */
    streams?: number;
  };
  /** Times a batch is decided again after a VERSION_CONFLICT (default 5). */
  retries?: number;
  /** Most calls appended in one transaction (default 256). */
  maxBatch?: number;
  /**
   * The stream snapshots the store holds (a cache, never evidence): 'verify' (default) rebuilds
   * from the whole stream and ignores the snapshot; 'use' restores a snapshot that matches the
   * stream (its hash at that version) and replays only the tail — choose it only for a store only
   * you write.
   */
  snapshots?: 'verify' | 'use';
  /** Save a snapshot after this many entries since the last one (default: never). */
  snapshotEvery?: number;
  /** The portal's Ed25519 key (proof/ed25519.ts): signs each receipt's head, and anchors. */
  signer?: Signer;
  /**
   * Where salts for personal-data commitments come from (default: WebCrypto's random source).
   * Salts are stored, never recomputed, so replay stays deterministic; tests inject a seeded one.
   */
  salt?: SaltSource;
}

/** What an erasure cites: the commitment (as in the entry, `~` + hex) and the legal basis. */
export interface ErasureRequest {
  commitment: string;
  /** Why (e.g. 个人信息保护法 第47条, the person's request of a date). */
  basis: string;
}

/** The kind of the entries the stream engine writes itself (erasures), never a process's. */
export const VAULT_KIND = 'vault';
/** Roles that may erase a person's data, on the community's roster. */
const ERASERS = new Set(['residentsCommitteeStaff', 'subdistrictStaff']);

export interface StreamChange {
  community: string;
  process: string;
  kind: string;
  entry: StreamEntry;
  snapshot: AnyMachineSnapshot;
}

export interface StreamEngine {
  create(kind: string, id: string, input: unknown, ctx: StreamCreateContext): Promise<StreamResult>;
  send(id: string, event: unknown, ctx: StreamSendContext): Promise<StreamResult>;
  /**
   * Erases one personal value from the store's vault (个人信息保护法 第47条): a logged entry of
   * kind `vault`, by residents' committee or sub-district staff on the roster. The chain still
   * verifies; the entries keep the commitment, which nobody can open any more.
   */
  erase(community: string, request: ErasureRequest, ctx: StreamSendContext): Promise<StreamResult>;
  /**
   * Makes an anchor now: the Merkle root over every stream's head in the store, signed with the
   * engine's `signer` (proof/anchor.ts). Publish it where it cannot be taken back (the 公示 board,
   * a newspaper, an outside timestamp): a stream rewritten afterwards no longer reaches its head.
   */
  anchor(): Promise<Anchor>;
  /** The latest anchor this engine made (null before the first). */
  latestAnchor(): Anchor | null;
  /**
   * Makes an anchor every `everyMs` (at least a minute), handing each to `onAnchor` (to publish or
   * store it); returns the function that stops it.
   */
  startAnchoring(o: { everyMs: number; onAnchor(a: Anchor): void; onError?(e: unknown): void }): () => void;
  /** Sends `TICK` to every process of the community that accepts it now (see Engine.tick). */
  tick(community: string, options?: TickOptions): Promise<StreamAccepted[]>;
  /** The process's current snapshot, as this node last saw the stream (see `refresh`). */
  snapshot(community: string, id: string): Promise<AnyMachineSnapshot | undefined>;
  /** Every process of the community: id, kind, snapshot, in order of creation. */
  processes(community: string): Promise<Array<{ id: string; kind: string; snapshot: AnyMachineSnapshot }>>;
  /** Whether `send` would be accepted now (no side effects). */
  can(id: string, event: unknown, ctx: StreamSendContext): Promise<boolean>;
  /** Reads what other writers appended to the stream since this node last saw it. */
  refresh(community: string): Promise<StreamHead | null>;
  /** The stream's head as this node last saw it (null when it has no entry). */
  head(community: string): Promise<StreamHead | null>;
  /** Saves the stream's snapshot at its head. */
  snapshotStream(community: string): Promise<void>;
  /** Called after each committed entry on this node. */
  subscribe(listener: (change: StreamChange) => void): () => void;
  /** Streams loaded now, least recently used first. */
  cached(): string[];
  close(): Promise<void>;
}

interface Job {
  requestId: string | undefined;
  /** Accepted when decided in an earlier attempt of its batch (before another writer's entries). */
  wasAccepted?: boolean;
  /** Process, actor and channel of the request: a retry must name the same. */
  signature: string;
  /**
   * Whether the logged event (its personal values opened) is the event this request sends: a
   * retry that changed the ballot is another request, not the first one answered again.
   */
  sameEvent?: (logged: StreamEntryFields['event'], kind: ProcessKind | undefined) => boolean;
  decide(core: Core, state: StreamState): Refusal | { ok: true; process: string } | 'tick';
  resolve(r: StreamResult | StreamAccepted[]): void;
  reject(e: unknown): void;
}

interface StreamState {
  id: string;
  core: Core;
  staging: Staging;
  /** The stored head this core reflects. */
  head: StreamHead | null;
  /** request id → version, for every stored entry that carried one. */
  requests: Map<string, number>;
  vault: Vault;
  /** The last stored entry's time. */
  lastAt: number | null;
  /** False when the stream was loaded from a snapshot: older request ids are asked of the store. */
  requestsComplete: boolean;
  queue: Job[];
  running: boolean;
  /** Work on this stream runs one piece at a time: batches, and catching up on `refresh`. */
  lock: Promise<unknown>;
  sinceSnapshot: number;
}

/** The core's store: appends are collected for the batch; the core's own chain stays here. */
interface Staging extends SyncEventStore {
  /** The batch's entries so far, as fields (the engine's own entries, erasures, go here too). */
  pending: StreamEntryFields[];
  setHead(h: LogHead | null): void;
}

function staging(): Staging {
  let head: LogHead | null = null;
  const pending: StreamEntryFields[] = [];
  return {
    pending,
    setHead(h) {
      head = h;
    },
    append(entry) {
      pending.push(fieldsOf(entry));
      head = headOf(entry);
    },
    entries: () => [],
    head: () => head,
  };
}

const fieldsOf = (e: LogEntry | StreamEntry) => ({
  at: e.at,
  process: e.process,
  kind: e.kind,
  actor: e.actor,
  channel: e.channel,
  event: e.event,
});

const refusal = (
  code: 'VERSION_CONFLICT' | 'DUPLICATE_REQUEST' | 'INVALID_EVENT',
  message: string,
): Refusal => ({
  ok: false,
  error: new YishiError(code, message),
});

/**
 * Whether `sent` is the event logged as `logged`: both as the kind's schema reads them (so a retry
 * that only differs by what the schema normalises, such as surrounding spaces, is the same), the
 * engine's stamp left out. An event whose logged form holds a policy the engine resolved
 * (AMEND_RULES) is compared by its sender alone.
 */
function sameEventAs(
  sent: unknown,
  logged: StreamEntryFields['event'],
  kind: ProcessKind | undefined,
): boolean {
  if (!kind || kind.policyIn?.events.includes(logged.type)) return true;
  const parsed = kind.events.safeParse(sent);
  if (!parsed.success) return false;
  const { on: _on, actor: _actor, ...rest } = logged;
  try {
    return canonicalJson(parsed.data) === canonicalJson(rest);
  } catch {
    return false;
  }
}

const requestSignature = (process: string, ctx: SendContext) =>
  JSON.stringify([process, ctx?.actor?.id, ctx?.actor?.role, ctx?.channel]);

export async function openStreamEngine(options: StreamEngineOptions): Promise<StreamEngine> {
  const { store } = options;
  const maxStreams = Math.max(1, options.cache?.streams ?? 100);
  const retries = Math.max(0, options.retries ?? 5);
  const maxBatch = Math.max(1, options.maxBatch ?? 256);
  const check = options.check ?? 'full';
  const salt = options.salt ?? cryptoSalt;
  const kindsByName = kindMap(options.kinds);
  /** Loaded streams, least recently used first (a Map keeps insertion order). */
  const streams = new Map<string, StreamState>();
  const loading = new Map<string, Promise<StreamState>>();
  const listeners = new Set<(c: StreamChange) => void>();
  let closed = false;
  let latest: Anchor | null = null;
  const timers = new Set<ReturnType<typeof setInterval>>();

  async function makeAnchorNow(): Promise<Anchor> {
    if (!options.signer) {
      throw new YishiError(
        'INVALID_INPUT',
        'an anchor is signed: open the engine with a signer (proof/ed25519.ts)',
      );
    }
    const clock = readClock(options.clock, options.clock.now(), null);
    if (!clock.ok) throw clock.error;
    const heads = [];
    for (let after: string | undefined; ; ) {
      const page = await store.listStreams(after === undefined ? { limit: 1000 } : { after, limit: 1000 });
      for (const h of page) heads.push({ stream: h.stream, version: h.version, hash: h.hash });
      if (page.length < 1000) break;
      after = page[page.length - 1]!.stream;
    }
    const a = await makeAnchor(heads, clock.at, options.signer);
    if (!latest || a.at >= latest.at) latest = a;
    return a;
  }

  function pinOf(entry: StreamEntry): NoticePin | undefined {
    if (!PINNED_EVENTS[entry.kind]?.includes(entry.event.type)) return undefined;
    return {
      stream: entry.stream,
      version: entry.version,
      hash: entry.hash,
      ...(latest ? { anchor: { root: latest.root, at: latest.at, keyId: latest.keyId } } : {}),
    };
  }

  function newCore(community: string) {
    const stage = staging();
    const core = engineCore({ ...options, community, checkpoints: 'ignore' }, stage, (e) => stage.append(e));
    return { core, stage };
  }

  /** Checks a stored stream's chain from `head` on (LOG_TAMPERED at the first entry that breaks it). */
  function verifyTail(community: string, head: StreamHead | null, stored: readonly StoredEntry[]) {
    let h = head;
    for (const { entry } of stored) {
      const expected = (h?.version ?? 0) + 1;
      const why = !isStreamEntry(entry)
        ? 'is not a well-formed stream entry'
        : entry.stream !== community
          ? `belongs to stream "${entry.stream}"`
          : entry.version !== expected
            ? `has version ${entry.version}, expected ${expected}`
            : entry.prev !== (h?.hash ?? GENESIS)
              ? 'does not chain to the entry before it'
              : streamEntryHash(entry) !== entry.hash
                ? 'does not match its hash'
                : null;
      if (why) {
        throw new YishiError('LOG_TAMPERED', `stream "${community}" version ${expected} ${why}`, [
          { message: why, row: expected, field: 'stream' },
        ]);
      }
      h = streamHeadOf(entry);
    }
    return h;
  }

  /**
   * Applies stored entries to a rebuilder, their personal values opened from the vault, with the
   * core's own chain alongside. The engine's own entries (erasures) are not a process's: an
   * erasure the store did not finish (a crash between the entry and the vault) is finished here.
   */
  async function applyAll(
    rebuilder: ReturnType<typeof createRebuilder>,
    community: string,
    from: LogHead | null,
    stored: readonly StoredEntry[],
    vault: Vault,
  ): Promise<LogHead | null> {
    let h = from;
    for (const { entry } of stored) {
      // A converted log's provenance entry (proof/streamsFromLog.ts) is no process's: it records
      // the version 1 head the stream was converted from.
      if (entry.kind === MIGRATION_KIND) {
        if (entry.version !== 1) {
          throw new YishiError(
            'LOG_TAMPERED',
            `stream "${community}" version ${entry.version}: a migration entry may only open a stream`,
          );
        }
        continue;
      }
      if (entry.kind === VAULT_KIND) {
        const c = String(entry.event.commitment);
        if (entry.event.type === 'ERASE' && vault.has(c)) {
          await store.erase(community, c.slice(1));
          vault.erase(c);
        }
        continue;
      }
      if (entry.event.type === 'CREATE' && entry.event.community !== community) {
        throw new YishiError(
          'LOG_TAMPERED',
          `stream "${community}" version ${entry.version} creates a process of community "${String(entry.event.community)}"`,
        );
      }
      const fields = revealFields(fieldsOf(entry), kindsByName.get(entry.kind), vault);
      const v1 = appendEntry(h, fields);
      const error = rebuilder.apply(v1, entry.version - 1);
      if (error) throw error;
      h = headOf(v1);
    }
    return h;
  }

  async function load(community: string): Promise<StreamState> {
    const { core, stage } = newCore(community);
    const vault = new Vault(salt, await store.vault(community));
    const requests = new Map<string, number>();
    const rebuilder = createRebuilder(core.kinds, check, core.rules, core.limits);
    let from: StreamHead | null = null;
    let v1: LogHead | null = null;
    let stored: StoredEntry[] | undefined;
    let snapAt: number | null = null;
    const snap = options.snapshots === 'use' ? await store.loadSnapshot(community) : null;
    const cp = (snap?.data as { checkpoint?: Checkpoint } | null | undefined)?.checkpoint;
    if (snap && cp) {
      const fromSnap = await store.readStream(community, snap.version);
      const [at] = fromSnap;
      // A snapshot is used only where the stream still has that entry, and only if it passes its
      // own hash and the kinds' schemas (LOG_TAMPERED otherwise): the entries after it are replayed.
      if (at && at.entry.version === snap.version && at.entry.hash === snap.hash) {
        verifyTail(community, { version: snap.version - 1, hash: at.entry.prev }, [at]);
        const error = rebuilder.restore(cp);
        if (error) throw error;
        from = { version: snap.version, hash: snap.hash };
        v1 = { seq: cp.seq, hash: cp.hash };
        stored = fromSnap.slice(1);
        snapAt = at.entry.at;
      }
    }
    stored ??= await store.readStream(community, 1);
    const head = verifyTail(community, from, stored);
    v1 = await applyAll(rebuilder, community, v1, stored, vault);
    for (const s of stored) if (s.requestId !== null) requests.set(s.requestId, s.entry.version);
    stage.setHead(v1);
    core.loaded(rebuilder, v1);
    return {
      id: community,
      core,
      staging: stage,
      head,
      requests,
      requestsComplete: from === null,
      vault,
      lastAt: stored.at(-1)?.entry.at ?? snapAt,
      queue: [],
      running: false,
      lock: Promise.resolve(),
      sinceSnapshot: stored.length,
    };
  }

  /** Brings a loaded stream up to what the store holds (after a conflict, or on `refresh`). */
  async function catchUp(state: StreamState) {
    const tail = await store.readStream(state.id, (state.head?.version ?? 0) + 1);
    if (tail.length === 0) return;
    const head = verifyTail(state.id, state.head, tail);
    const { core } = state;
    // Another writer's batch stored its vault records with its entries: read them when needed.
    if (
      tail.some(({ entry }) => unknownCommitments(fieldsOf(entry), core.kinds.get(entry.kind), state.vault))
    ) {
      state.vault = new Vault(salt, await store.vault(state.id));
    }
    const cp = core.checkpoint() as Checkpoint | null;
    const rebuilder = createRebuilder(core.kinds, check, core.rules, core.limits);
    if (cp) {
      const error = rebuilder.restore(cp);
      if (error) throw error;
    }
    const v1 = await applyAll(rebuilder, state.id, core.head(), tail, state.vault);
    state.staging.setHead(v1);
    state.lastAt = tail.at(-1)!.entry.at;
    core.loaded(rebuilder, v1);
    for (const s of tail) if (s.requestId !== null) state.requests.set(s.requestId, s.entry.version);
    state.head = head;
    state.sinceSnapshot += tail.length;
  }

  async function streamOf(community: string): Promise<StreamState> {
    if (closed) throw new YishiError('STORE_CLOSED', 'the engine is closed');
    const s = streams.get(community);
    if (s) {
      streams.delete(community);
      streams.set(community, s);
      return s;
    }
    let p = loading.get(community);
    if (!p) {
      p = load(community).finally(() => loading.delete(community));
      loading.set(community, p);
    }
    const loaded = await p;
    if (!streams.has(community)) {
      streams.set(community, loaded);
      evict();
    }
    return streams.get(community)!;
  }

  function evict() {
    for (const [id, s] of streams) {
      if (streams.size <= maxStreams) return;
      if (s.running || s.queue.length > 0) continue;
      streams.delete(id);
      s.core.stop();
    }
  }

  /**
   * The receipt of a stored entry, its head the entry itself (so the signature covers the entry's
   * hash): the same whenever it is asked for — Ed25519 signatures are deterministic — so a retry
   * gets the same receipt.
   */
  async function receiptOf(entry: StreamEntry, vault: Vault): Promise<StreamReceipt> {
    const at = { stream: entry.stream, version: entry.version, hash: entry.hash };
    const salts = openings(fieldsOf(entry), kindsByName.get(entry.kind), vault);
    const head = options.signer ? await signHead(at, entry.at, options.signer) : undefined;
    return { v: 1, ...at, ...(head ? { head } : {}), salts };
  }

  async function duplicateOf(state: StreamState, job: Job, version: number): Promise<StreamResult> {
    const [stored] = await store.readStream(state.id, version);
    if (!stored || stored.requestId !== job.requestId) {
      throw new YishiError(
        'LOG_TAMPERED',
        `stream "${state.id}" version ${version} is not the entry of request "${job.requestId}"`,
      );
    }
    const { entry } = stored;
    const sender = revealFields(fieldsOf(entry), kindsByName.get(entry.kind), state.vault);
    if (requestSignature(entry.process, sender) !== job.signature) {
      return refusal(
        'DUPLICATE_REQUEST',
        `request id "${job.requestId}" was already used in stream "${state.id}" for another request (version ${version})`,
      );
    }
    if (job.sameEvent && !job.sameEvent(sender.event, kindsByName.get(entry.kind))) {
      return refusal(
        'DUPLICATE_REQUEST',
        `request id "${job.requestId}" was already used in stream "${state.id}" for a different event (version ${version}): a changed request needs a new request id`,
      );
    }
    const p = state.core.procs.get(entry.process);
    return {
      ok: true,
      entry,
      snapshot: p?.snapshot ?? (null as unknown as AnyMachineSnapshot),
      receipt: await receiptOf(entry, state.vault),
      duplicate: true,
    };
  }

  function enqueue<T extends StreamResult | StreamAccepted[]>(
    community: string,
    make: (resolve: (r: T) => void, reject: (e: unknown) => void) => Job,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      streamOf(community).then((state) => {
        state.queue.push(make(resolve, reject));
        if (!state.running) {
          state.running = true;
          state.lock = state.lock.then(() => drain(state));
        }
      }, reject);
    });
  }

  async function drain(state: StreamState) {
    try {
      while (state.queue.length > 0) {
        const jobs = state.queue.splice(0, maxBatch);
        await runBatch(state, jobs);
      }
    } finally {
      state.running = false;
      evict();
    }
  }

  interface Decided {
    job: Job;
    /** The result before receipts: refusal, duplicate (version), or the entries it produced. */
    outcome: Refusal | { duplicate: number } | { process: string; from: number; to: number; tick: boolean };
  }

  /** Decides every job on the current state; the core keeps their entries in staging. */
  function decideAll(state: StreamState, jobs: readonly Job[]): { decided: Decided[]; mark: CoreMark } {
    const mark = state.core.mark();
    state.staging.pending.length = 0;
    const batchRequests = new Map<string, number>();
    const decided: Decided[] = [];
    for (const job of jobs) {
      if (job.requestId !== undefined) {
        const seen = state.requests.get(job.requestId) ?? batchRequests.get(job.requestId);
        if (seen !== undefined) {
          decided.push({ job, outcome: { duplicate: seen } });
          continue;
        }
      }
      const from = state.staging.pending.length;
      let r: ReturnType<Job['decide']>;
      try {
        r = job.decide(state.core, state);
      } catch (e) {
        // A tick's clock refusal (CLOCK_JUMP…) is thrown, as Engine.tick throws it.
        decided.push({ job, outcome: { ok: false, error: e as YishiError } });
        continue;
      }
      if (r !== 'tick' && !r.ok) {
        decided.push({ job, outcome: r });
        continue;
      }
      const to = state.staging.pending.length;
      if (to > from) job.wasAccepted = true;
      const process = r === 'tick' ? '' : r.process;
      decided.push({ job, outcome: { process, from, to, tick: r === 'tick' } });
      if (job.requestId !== undefined && to > from) {
        batchRequests.set(job.requestId, (state.head?.version ?? 0) + from + 1);
      }
    }
    return { decided, mark };
  }

  /** Request ids older than a snapshot the stream was loaded from are asked of the store. */
  async function learnRequests(state: StreamState, jobs: readonly Job[]) {
    if (state.requestsComplete) return;
    for (const j of jobs) {
      if (j.requestId === undefined || state.requests.has(j.requestId)) continue;
      const found = await store.findRequest(state.id, j.requestId);
      if (found && found.entry.version <= (state.head?.version ?? 0)) {
        state.requests.set(j.requestId, found.entry.version);
      }
    }
  }

  async function runBatch(state: StreamState, jobs: Job[]) {
    try {
      await learnRequests(state, jobs);
    } catch (e) {
      for (const j of jobs) j.reject(e);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      let decided: Decided[];
      let mark: CoreMark;
      try {
        ({ decided, mark } = decideAll(state, jobs));
      } catch (e) {
        for (const j of jobs) j.reject(e);
        return;
      }
      const pending = state.staging.pending.slice();
      state.staging.pending.length = 0;
      const base = state.head;
      let head = base;
      const items: AppendItem[] = [];
      const entries: StreamEntry[] = [];
      for (const d of decided) {
        if (!('from' in d.outcome)) continue;
        for (let i = d.outcome.from; i < d.outcome.to; i++) {
          const fields = pending[i]!;
          // Stored and published with personal values as commitments (engine/privacy.ts).
          const e = appendStreamEntry(
            state.id,
            head,
            fields.kind === VAULT_KIND
              ? fields
              : commitFields(fields, kindsByName.get(fields.kind), state.vault),
          );
          head = streamHeadOf(e);
          entries.push(e);
          // A request id goes with the first entry a call produced (a call makes one, a tick many).
          items.push(
            i === d.outcome.from && d.job.requestId !== undefined
              ? { entry: e, requestId: d.job.requestId }
              : { entry: e },
          );
        }
      }
      if (items.length === 0) {
        await answer(state, decided, entries);
        return;
      }
      let outcome: Awaited<ReturnType<StreamStore['append']>>;
      try {
        const vault = state.vault.pending();
        outcome = await store.append({
          stream: state.id,
          expectedVersion: base?.version ?? 0,
          entries: items,
          ...(vault.length > 0 ? { vault } : {}),
        });
      } catch (e) {
        state.vault.drop();
        state.core.rollback(mark);
        if (jobs.length > 1) {
          // One bad call must not sink the batch: decide and append each on its own.
          for (const j of jobs) await runBatch(state, [j]);
        } else if (isYishiError(e)) {
          for (const j of jobs) j.resolve({ ok: false, error: e });
        } else {
          for (const j of jobs) j.reject(e);
        }
        return;
      }
      if (outcome.ok) {
        state.vault.settle();
        state.head = outcome.head;
        state.lastAt = entries.at(-1)!.at;
        for (const e of entries) if (e.kind === VAULT_KIND) await finishErasure(state, e);
        items.forEach((it) => {
          if (it.requestId !== undefined) state.requests.set(it.requestId, it.entry.version);
        });
        state.sinceSnapshot += items.length;
        await answer(state, decided, entries);
        if (options.snapshotEvery && state.sinceSnapshot >= options.snapshotEvery) {
          await saveSnapshot(state).catch(() => {});
        }
        return;
      }
      state.vault.drop();
      state.core.rollback(mark);
      if (!outcome.ok && outcome.code === 'DUPLICATE_REQUEST') {
        // Stored before what this node knows of (a snapshot): answer it as the duplicate it is.
        state.requests.set(outcome.requestId, outcome.existing.entry.version);
      }
      if (attempt >= retries) {
        const why = `stream "${state.id}" kept moving: ${attempt + 1} attempts, the last at version ${base?.version ?? 0}`;
        for (const j of jobs) j.resolve(refusal('VERSION_CONFLICT', why));
        return;
      }
      try {
        await catchUp(state);
      } catch (e) {
        for (const j of jobs) j.reject(e);
        return;
      }
    }
  }

  async function answer(state: StreamState, decided: Decided[], entries: StreamEntry[]) {
    for (const d of decided) {
      const o = d.outcome;
      try {
        if ('duplicate' in o) {
          d.job.resolve(await duplicateOf(state, d.job, o.duplicate));
        } else if ('from' in o) {
          const accepted: StreamAccepted[] = [];
          for (let i = o.from; i < o.to; i++) {
            const entry = entries[i]!;
            const p = state.core.procs.get(entry.process);
            const snapshot = p?.snapshot ?? (null as unknown as AnyMachineSnapshot);
            const pin = pinOf(entry);
            const receipt = await receiptOf(entry, state.vault);
            accepted.push({ ok: true, entry, snapshot, receipt, ...(pin ? { pin } : {}) });
            if (p) publish(state.id, entry, p);
          }
          d.job.resolve(o.tick ? accepted : accepted[0]!);
        } else if (d.job.wasAccepted && o.error.code !== 'VERSION_CONFLICT') {
          // Accepted on this node's view, then another writer's entries came first and the
          // event no longer applies: the caller hears of the conflict, and why.
          d.job.resolve({
            ok: false,
            error: new YishiError(
              'VERSION_CONFLICT',
              `another writer changed stream "${state.id}" first, and the event no longer applies: ${o.error.code}: ${o.error.message}`,
              [{ message: o.error.code, received: o.error.message }, ...o.error.issues],
            ),
          });
        } else {
          d.job.resolve(o);
        }
      } catch (e) {
        d.job.reject(e);
      }
    }
  }

  /** The erasure entry is stored: now the value and its salt go (a crash here: finished on load). */
  async function finishErasure(state: StreamState, entry: StreamEntry) {
    const c = String(entry.event.commitment);
    await store.erase(state.id, c.slice(1));
    state.vault.erase(c);
  }

  function publish(community: string, entry: StreamEntry, p: Proc) {
    const change: StreamChange = { community, process: p.id, kind: p.kind.kind, entry, snapshot: p.snapshot };
    for (const l of [...listeners]) {
      try {
        l(change);
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
  }

  async function saveSnapshot(state: StreamState) {
    if (!state.head) return;
    const checkpoint = state.core.checkpoint() as Checkpoint | null;
    if (!checkpoint) return;
    await store.saveSnapshot(state.id, {
      version: state.head.version,
      hash: state.head.hash,
      data: { checkpoint },
    });
    state.sinceSnapshot = 0;
  }

  const sendJob =
    (id: string, event: unknown, ctx: StreamSendContext) =>
    (resolve: (r: StreamResult) => void, reject: (e: unknown) => void): Job => ({
      requestId: ctx.requestId,
      signature: requestSignature(id, ctx),
      sameEvent: (logged, kind) => sameEventAs(event, logged, kind),
      decide: (core) => {
        const r = core.send(id, event, ctx) as SendResult;
        if (isThenable(r)) throw new Error('staging store appended asynchronously');
        return r.ok ? { ok: true, process: id } : r;
      },
      resolve: resolve as Job['resolve'],
      reject,
    });

  /** An erasure, decided like an event: who may, what it cites; its entry goes with the batch. */
  function decideErasure(
    state: StreamState,
    request: ErasureRequest,
    ctx: StreamSendContext,
  ): Refusal | { ok: true; process: string } {
    const process = `${VAULT_KIND}:${state.id}`;
    const actor = ctx?.actor;
    const clock = readClock(options.clock, options.clock.now(), state.lastAt);
    if (!clock.ok) return clock;
    const on = chinaDateAt(clock.at);
    const world = { rules: state.core.rules, processes: state.core.procs };
    if (
      typeof actor?.id !== 'string' ||
      !ERASERS.has(String(actor.role)) ||
      !rosterAllows(world, state.id, actor, on)
    ) {
      return {
        ok: false,
        error: new YishiError(
          'FORBIDDEN_ROLE',
          `${String(actor?.id)} (${String(actor?.role)}) may not erase personal data in ${state.id} on ${on}: residents' committee or sub-district staff on the roster only`,
          [
            {
              message: 'not an eraser',
              received: `${String(actor?.id)}:${String(actor?.role)}`,
              expected: [...ERASERS].join('|'),
            },
          ],
        ),
      };
    }
    const commitment = request?.commitment;
    const basis = request?.basis;
    if (typeof commitment !== 'string' || !COMMITMENT.test(commitment) || !state.vault.has(commitment)) {
      return {
        ok: false,
        error: new YishiError(
          'INVALID_EVENT',
          `nothing to erase: "${String(commitment)}" is not a commitment this stream's vault holds`,
          [
            {
              message: 'unknown commitment',
              path: 'commitment',
              received: String(commitment),
              expected: "a commitment ('~' + 64 hex digits) of this stream",
            },
          ],
        ),
      };
    }
    if (
      typeof basis !== 'string' ||
      basis.trim().length === 0 ||
      basis.length > (state.core.limits.text ?? 4000)
    ) {
      return {
        ok: false,
        error: new YishiError('INVALID_EVENT', 'an erasure states its basis (1–4,000 characters)', [
          {
            message: 'no basis',
            path: 'basis',
            received: String(basis),
            expected: 'the legal basis and the request',
          },
        ]),
      };
    }
    state.staging.pending.push({
      at: clock.at,
      process,
      kind: VAULT_KIND,
      actor: { id: actor.id, role: actor.role },
      channel: ctx.channel,
      event: { type: 'ERASE', commitment, basis: basis.trim(), on },
    });
    return { ok: true, process };
  }

  function badRequestId(ctx: { requestId?: unknown }): Refusal | undefined {
    const r = ctx?.requestId;
    if (
      r === undefined ||
      (typeof r === 'string' && r.length >= 1 && r.length <= 128 && !/\p{Cc}/u.test(r))
    ) {
      return undefined;
    }
    return {
      ok: false,
      error: new YishiError('INVALID_EVENT', 'requestId must be 1–128 characters, no control characters', [
        {
          message: 'invalid request id',
          path: 'requestId',
          received: String(r),
          expected: '1–128 characters',
        },
      ]),
    };
  }

  function badCommunity(ctx: { community?: unknown }): Refusal | undefined {
    const c = ctx?.community;
    if (typeof c === 'string' && c.length >= 1 && c.length <= 128 && !/\p{Cc}/u.test(c)) return undefined;
    return {
      ok: false,
      error: new YishiError(
        'INVALID_EVENT',
        'community must name the stream: 1–128 characters, no control characters',
        [
          {
            message: 'invalid community',
            path: 'community',
            received: String(c),
            expected: '1–128 characters',
          },
        ],
      ),
    };
  }

  return {
    async create(kind, id, input, ctx) {
      const bad = badCommunity(ctx) ?? badRequestId(ctx);
      if (bad) return bad;
      return enqueue<StreamResult>(ctx.community, (resolve, reject) => ({
        requestId: ctx.requestId,
        signature: requestSignature(id, ctx),
        decide: (core) => {
          const r = core.create(kind, id, input, ctx);
          if (isThenable(r)) throw new Error('staging store appended asynchronously');
          return r.ok ? { ok: true, process: id } : r;
        },
        resolve: resolve as Job['resolve'],
        reject,
      }));
    },
    async send(id, event, ctx) {
      const bad = badCommunity(ctx) ?? badRequestId(ctx);
      if (bad) return bad;
      return enqueue<StreamResult>(ctx.community, sendJob(id, event, ctx));
    },
    async erase(community, request, ctx) {
      const bad = badCommunity({ community }) ?? badRequestId(ctx);
      if (bad) return bad;
      return enqueue<StreamResult>(community, (resolve, reject) => ({
        requestId: ctx.requestId,
        signature: requestSignature(`${VAULT_KIND}:${community}`, ctx),
        decide: (_core, state) => decideErasure(state, request, ctx),
        resolve: resolve as Job['resolve'],
        reject,
      }));
    },
    async tick(community, tickOptions) {
      const bad = badCommunity({ community });
      if (bad) throw bad.error;
      return enqueue<StreamAccepted[]>(community, (resolve, reject) => ({
        requestId: undefined,
        signature: '',
        decide: (core) => {
          core.tick(tickOptions);
          return 'tick';
        },
        resolve: (r) => {
          if (Array.isArray(r)) resolve(r);
          else if (!r.ok) reject(r.error);
          else resolve([r]);
        },
        reject,
      }));
    },
    async snapshot(community, id) {
      return (await streamOf(community)).core.procs.get(id)?.snapshot;
    },
    async processes(community) {
      const s = await streamOf(community);
      return [...s.core.procs.values()].map((p) => ({ id: p.id, kind: p.kind.kind, snapshot: p.snapshot }));
    },
    async can(id, event, ctx) {
      const s = await streamOf(ctx.community);
      const p = s.core.procs.get(id);
      if (!p) return false;
      return s.core.handle<{ can(e: unknown, c: SendContext): boolean }>(p, () => undefined).can(event, ctx);
    },
    async refresh(community) {
      const s = await streamOf(community);
      const done = s.lock.then(() => catchUp(s));
      s.lock = done.catch(() => {});
      await done;
      return s.head;
    },
    async head(community) {
      return (await streamOf(community)).head;
    },
    async snapshotStream(community) {
      await saveSnapshot(await streamOf(community));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    cached: () => [...streams.keys()],
    anchor: makeAnchorNow,
    latestAnchor: () => latest,
    startAnchoring({ everyMs, onAnchor, onError }) {
      if (!Number.isFinite(everyMs) || everyMs < 60_000) {
        throw new YishiError('INVALID_INPUT', `anchor at most once a minute: everyMs ${everyMs}`);
      }
      const t = setInterval(() => {
        makeAnchorNow().then(onAnchor, (e) => (onError ? onError(e) : undefined));
      }, everyMs);
      timers.add(t);
      return () => {
        clearInterval(t);
        timers.delete(t);
      };
    },
    async close() {
      closed = true;
      for (const t of timers) clearInterval(t);
      timers.clear();
      for (const s of streams.values()) s.core.stop();
      streams.clear();
    },
  };
}

/** A notice's pin as printed under it (zh-CN, then English). */
export function pinText(pin: NoticePin): string {
  const when = pin.anchor
    ? new Date(pin.anchor.at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    : '';
  const zh =
    `本公示记录于议事日志：社区 ${pin.stream} 第 ${pin.version} 条，哈希 ${pin.hash}` +
    (pin.anchor ? `；此前最近一次锚定根 ${pin.anchor.root}（${when}，密钥 ${pin.anchor.keyId}）` : '');
  const en =
    `Recorded in the log of community ${pin.stream} as entry ${pin.version}, hash ${pin.hash}` +
    (pin.anchor
      ? `; latest anchor before it: root ${pin.anchor.root} (${when} China time, key ${pin.anchor.keyId})`
      : '');
  return `${zh}\n${en}`;
}
