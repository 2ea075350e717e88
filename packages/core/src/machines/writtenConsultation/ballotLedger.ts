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
import type { ParameterValue } from '../../policy/parameters.js';
import { type Ballot, Choice } from '../../registry/ballots.js';
import { Text } from '../eventStamp.js';

export type RepeatBallot = ParameterValue<'ownersAssembly.repeatBallot'>;

/** How a ballot reached the count (`registry/ballots.ts` Channel, as a consultation takes it). */
export const BallotChannel = z.enum(['paper', 'online', 'officialPlatform', 'proxy']);
export type BallotChannel = z.infer<typeof BallotChannel>;

export const ItemChoice = z.object({ itemId: Text, choice: Choice });
export type ItemChoice = z.infer<typeof ItemChoice>;

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

/** Owner → live ballot. A cache of the ledger (see `liveFromLedger`), kept so intake is O(1) per check. */
export type LiveBallots = Record<string, LiveBallot>;

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

/** The live ballots after `entry`. */
export function applyEntry(live: LiveBallots, entry: BallotEntry): LiveBallots {
  const next = { ...live };
  if (entry.kind === 'withdrawal') {
    delete next[entry.owner];
    return next;
  }
  const castSeq = entry.kind === 'cast' ? entry.seq : (live[entry.owner]?.castSeq ?? entry.seq);
  next[entry.owner] = { castSeq, channel: entry.channel, choices: entry.choices, proxyId: entry.proxyId };
  return next;
}

/** The live ballots a ledger leaves (replaying every entry). */
export const liveFromLedger = (entries: readonly BallotEntry[]): LiveBallots =>
  entries.reduce<LiveBallots>(applyEntry, {});

/** The ballots on one item that go to the count (`tallyOwnersAssembly`). */
export function effectiveBallots(live: LiveBallots, itemId: string): Ballot[] {
  const out: Ballot[] = [];
  for (const [owner, b] of Object.entries(live)) {
    const c = b.choices.find((x) => x.itemId === itemId);
    if (c) out.push({ owner, choice: c.choice, channel: b.channel });
  }
  return out;
}
