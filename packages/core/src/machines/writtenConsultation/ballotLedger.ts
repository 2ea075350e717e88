/**
 * The ballot ledger of a written consultation: every ballot, correction and withdrawal is a new
 * entry (never overwritten), and one live ballot per owner across all channels is what counts.
 *
 * A second ballot from an owner who already has a live one is decided by the policy parameter
 * `ownersAssembly.repeatBallot`:
 * - 'firstCounts': refused (DOUBLE_VOTE); the first ballot stands.
 * - 'lastCounts': accepted; it replaces the live ballot (the old entry stays in the ledger).
 * - 'paperOverridesOnline': a written ballot (paper, or a proxy's) replaces a live electronic one
 *   (online / official platform); any other repeat is refused (DOUBLE_VOTE).
 * An explicit correction (CORRECT_BALLOT) or withdrawal (WITHDRAW_BALLOT) before the close is not
 * a repeat: it is recorded as its own entry. After a withdrawal the owner may vote again.
 */
import { z } from 'zod';
import { Actor } from '../../actor/actor.js';
import { IsoDate } from '../../calendar/plainDate.js';
import { freezeNew } from '../../log/immutable.js';
import type { ParameterValue } from '../../policy/parameters.js';
import { type Ballot, Choice } from '../../registry/ballots.js';
import { Text } from '../eventStamp.js';
import { type AppendList, appendTo, emptyList, toArray } from './appendList.js';
import { emptyTrie, type HashTrie, trieGet, trieRemove, trieSet } from './hashTrie.js';

export type RepeatBallot = ParameterValue<'ownersAssembly.repeatBallot'>;

/** How a ballot reached the count (`registry/ballots.ts` Channel, as a consultation takes it). */
export const BallotChannel = z.enum(['paper', 'online', 'officialPlatform', 'proxy']);
export type BallotChannel = z.infer<typeof BallotChannel>;

export const ItemChoice = z.object({ itemId: Text, choice: Choice });
export type ItemChoice = z.infer<typeof ItemChoice>;

/**
 * What a ballot entered for an owner by someone else (the counting staff at the counter, or
 * entering a paper proxy ballot) carries: the scan or photo id of the paper ballot (表决票扫描件),
 * and the paper batch it was entered in (录入批次, closed with CLOSE_PAPER_BATCH).
 */
export const PaperEvidence = z.object({ scanId: Text, batchId: Text }).strict();
export type PaperEvidence = z.infer<typeof PaperEvidence>;

export const BallotEntry = z.object({
  /** Position in the ledger (0-based). */
  seq: z.int().nonnegative(),
  kind: z.enum(['cast', 'correction', 'withdrawal']),
  owner: Text,
  /** The ballot paper / submission id (a cast); null for corrections and withdrawals. */
  ballotId: Text.nullable(),
  channel: BallotChannel,
  /** The choices after this entry (empty for a withdrawal). */
  choices: z.array(ItemChoice),
  /** The registered proxy (REGISTER_PROXY) a proxy ballot was cast under; null otherwise. */
  proxyId: Text.nullable(),
  on: IsoDate,
  by: Actor,
  reason: Text.nullable(),
  /** The cast this entry replaced or amended, if any. */
  supersedes: z.int().nonnegative().nullable(),
  /** A cast entered for the owner by someone else: the paper's scan id and its batch (absent otherwise). */
  evidence: PaperEvidence.optional(),
});
export type BallotEntry = z.infer<typeof BallotEntry>;

/** The ballot that counts for one owner now. */
export const LiveBallot = z.object({
  castSeq: z.int().nonnegative(),
  channel: BallotChannel,
  choices: z.array(ItemChoice),
  proxyId: Text.nullable(),
});
export type LiveBallot = z.infer<typeof LiveBallot>;

/**
 * Owner → live ballot, as persisted (`context.live` of a stored snapshot; a cache of the ledger,
 * see `liveFromLedger`). An owner keyed `__proto__` or `constructor` is an own key like any other.
 */
export type LiveBallots = Record<string, LiveBallot>;

/**
 * The ledger as the machine keeps it in memory (`context.entries`): the entries in order, and an
 * index of the ballot ids cast (ballot id → seq). Appending shares everything already there, so a
 * ballot costs the same whether it is the 100th or the 50,000th. A stored snapshot carries the
 * plain array instead (`persistedContext`); `ballotEntries` reads either.
 */
export interface BallotLedger {
  readonly list: AppendList<BallotEntry>;
  readonly ids: HashTrie<number>;
  /** Scan id of a paper ballot → seq of its cast (one paper, one ballot). */
  readonly scans: HashTrie<number>;
  /** Seq of a cast entered in a paper batch (as a string) → its batch id. */
  readonly batchOf: HashTrie<string>;
}

/** Owner → live ballot as the machine keeps it in memory (`context.live`); `liveBallots` reads it. */
export type LiveIndex = HashTrie<LiveBallot>;

export const emptyLedger = (): BallotLedger => EMPTY_LEDGER;
const EMPTY_LEDGER: BallotLedger = Object.freeze({
  list: emptyList<BallotEntry>(),
  ids: emptyTrie<number>(),
  scans: emptyTrie<number>(),
  batchOf: emptyTrie<string>(),
});

/** Sets `o[k] = v` as an own property, even for `k = "__proto__"` (which `o[k] = v` would not). */
export function setOwn<V>(o: Record<string, V>, k: string, v: V): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** The ledger and live index after `entry` (O(log n): nothing already there is copied). */
export function recordEntry(
  ledger: BallotLedger,
  live: LiveIndex,
  entry: BallotEntry,
): { entries: BallotLedger; live: LiveIndex } {
  freezeNew(entry);
  const ids =
    entry.kind === 'cast' && entry.ballotId !== null
      ? trieSet(ledger.ids, entry.ballotId, entry.seq)
      : ledger.ids;
  const ev = entry.kind === 'cast' ? entry.evidence : undefined;
  const scans = ev ? trieSet(ledger.scans, ev.scanId, entry.seq) : ledger.scans;
  const batchOf = ev ? trieSet(ledger.batchOf, String(entry.seq), ev.batchId) : ledger.batchOf;
  const entries: BallotLedger = Object.freeze({ list: appendTo(ledger.list, entry), ids, scans, batchOf });
  if (entry.kind === 'withdrawal') return { entries, live: trieRemove(live, entry.owner) };
  const castSeq = entry.kind === 'cast' ? entry.seq : (trieGet(live, entry.owner)?.castSeq ?? entry.seq);
  const ballot: LiveBallot = {
    castSeq,
    channel: entry.channel,
    choices: entry.choices,
    proxyId: entry.proxyId,
  };
  return { entries, live: trieSet(live, entry.owner, Object.freeze(ballot)) };
}

/** The in-memory ledger and live index of persisted entries (once, on restore: O(n)). */
export function indexLedger(entries: readonly BallotEntry[]): { entries: BallotLedger; live: LiveIndex } {
  let r = { entries: emptyLedger(), live: emptyTrie<LiveBallot>() };
  for (const e of entries) r = recordEntry(r.entries, r.live, e);
  return r;
}

const isLedger = (x: unknown): x is BallotLedger => !Array.isArray(x);

/** The ledger's entries in order, from a machine's context (in memory or restored). O(n). */
export const ballotEntries = (c: { entries: BallotLedger | readonly BallotEntry[] }): BallotEntry[] =>
  isLedger(c.entries) ? toArray(c.entries.list) : [...c.entries];

/** Owner → live ballot, as a plain record (what a stored snapshot carries). O(n). */
export const liveBallots = (c: { entries: BallotLedger | readonly BallotEntry[] }): LiveBallots =>
  liveFromLedger(ballotEntries(c));

/** How many entries the ledger holds. */
export const ledgerSize = (ledger: BallotLedger): number => ledger.list.size;

/** The seq of the cast with this ballot id, if any. */
export const castWithId = (ledger: BallotLedger, ballotId: string): number | undefined =>
  trieGet(ledger.ids, ballotId);

/** The seq of the cast whose paper has this scan id, if any. */
export const castWithScan = (ledger: BallotLedger, scanId: string): number | undefined =>
  trieGet(ledger.scans, scanId);

/** The paper batch the cast at `seq` was entered in, if any. */
export const batchOfCast = (ledger: BallotLedger, seq: number): string | undefined =>
  trieGet(ledger.batchOf, String(seq));

/**
 * The last lookup: a ballot's guards and its entry ask for the same owner's live ballot three
 * times over one (immutable) index, so the answer is kept until another index or owner comes.
 */
let lastIndex: LiveIndex | undefined;
let lastOwner = '';
let lastBallot: LiveBallot | undefined;

/** The owner's live ballot, if any. */
export function liveBallotOf(live: LiveIndex, owner: string): LiveBallot | undefined {
  if (live === lastIndex && owner === lastOwner) return lastBallot;
  lastBallot = trieGet(live, owner);
  lastIndex = live;
  lastOwner = owner;
  return lastBallot;
}

/** The owner's own ballots: only the owner (as actor) casts online or on the official platform. */
export const isOwnersOwn = (channel: BallotChannel): boolean =>
  channel === 'online' || channel === 'officialPlatform';

/** Written ballots: paper, or a proxy holding written authorisation. */
export const isWritten = (channel: BallotChannel): boolean => channel === 'paper' || channel === 'proxy';

/** Whether a new cast through `channel` is accepted when the owner's live ballot is `live`. */
export function repeatAccepted(
  rule: RepeatBallot,
  live: LiveBallot | undefined,
  channel: BallotChannel,
): boolean {
  if (live === undefined) return true;
  switch (rule) {
    case 'firstCounts':
      return false;
    case 'lastCounts':
      return true;
    case 'paperOverridesOnline':
      return isWritten(channel) && !isWritten(live.channel);
    default:
      return rule satisfies never;
  }
}

/** The live ballots after `entry` (a new record; `live` is not changed). */
export function applyEntry(live: LiveBallots, entry: BallotEntry): LiveBallots {
  const next: LiveBallots = {};
  for (const k of Object.keys(live)) setOwn(next, k, live[k]!);
  applyInPlace(next, entry);
  return next;
}

function applyInPlace(live: LiveBallots, entry: BallotEntry): void {
  const had = Object.hasOwn(live, entry.owner) ? live[entry.owner] : undefined;
  if (entry.kind === 'withdrawal') {
    delete live[entry.owner];
    return;
  }
  const castSeq = entry.kind === 'cast' ? entry.seq : (had?.castSeq ?? entry.seq);
  setOwn(live, entry.owner, {
    castSeq,
    channel: entry.channel,
    choices: entry.choices,
    proxyId: entry.proxyId,
  });
}

/**
 * The live ballots a ledger leaves (replaying every entry, O(n)): the record's keys in the order
 * the ledger first (re)admitted each owner, as they were always persisted.
 */
export function liveFromLedger(entries: readonly BallotEntry[]): LiveBallots {
  const live: LiveBallots = {};
  for (const e of entries) applyInPlace(live, e);
  return live;
}

/** The ballots on one item that go to the count (`tallyOwnersAssembly`). */
export function effectiveBallots(live: LiveBallots, itemId: string): Ballot[] {
  const out: Ballot[] = [];
  for (const [owner, b] of Object.entries(live)) {
    const c = b.choices.find((x) => x.itemId === itemId);
    if (c) out.push({ owner, choice: c.choice, channel: b.channel });
  }
  return out;
}
