/**
 * Ranking the needs list (需求清单) to find the common need, the "greatest common divisor"
 * (最大公约数, seed §三.1). Three documented methods; every tie is broken by earlier submission
 * (the need recorded first ranks higher), so a list never depends on input order.
 *
 * - 'dotVotes' (贴点投票): each voter places dots on needs (at most `dotsPerVoter` in all, when
 *   given); score = dots received.
 * - 'borda': each voter ranks some needs; with n needs on the list, the k-th ranked (1-based)
 *   scores n − k; unranked needs score 0. Score = sum.
 * - 'instantRunoff' (repeated): instant-runoff finds a winner (more than half of the ballots
 *   still active; otherwise the need with fewest first preferences is eliminated, the later
 *   submitted one on a tie); the winner takes rank 1, and instant-runoff runs again without it for
 *   rank 2, and so on. Score = the winner's votes in its deciding round.
 *
 * Votes for a need merged into another (dedupe) count for the need it was merged into.
 */
import { z } from 'zod';
import { Text } from '../eventStamp.js';

export const RankingMethod = z.enum(['dotVotes', 'borda', 'instantRunoff']);
export type RankingMethod = z.infer<typeof RankingMethod>;

export const DotVote = z.object({ voter: Text, needId: Text, dots: z.int().positive() });
export type DotVote = z.infer<typeof DotVote>;
export const RankedBallot = z.object({ voter: Text, ranking: z.array(Text).min(1) });
export type RankedBallot = z.infer<typeof RankedBallot>;

/** A need on the list: its id and the order it was recorded in (the tie-break). */
export interface Candidate {
  id: string;
  seq: number;
}

export interface RankedRow {
  needId: string;
  rank: number;
  score: number;
  /** Its score equals a neighbour's: the order between them is by earlier submission. */
  tieBrokenBySubmission: boolean;
}

export interface RunoffRound {
  /** Which rank this run decides (1-based). */
  forRank: number;
  counts: Record<string, number>;
  activeBallots: number;
  eliminated: string | null;
  winner: string | null;
}

export interface NeedsRanking {
  method: RankingMethod;
  rows: RankedRow[];
  rounds: RunoffRound[];
  voters: number;
}

export interface RankingInput {
  method: RankingMethod;
  candidates: readonly Candidate[];
  /** Maps any recorded need id (merged or not) to the need it counts for. */
  canonical: (needId: string) => string | undefined;
  dotVotes?: readonly DotVote[] | undefined;
  rankings?: readonly RankedBallot[] | undefined;
  dotsPerVoter?: number | undefined;
}

const bySubmission = (a: Candidate, b: Candidate) => a.seq - b.seq;

function rowsByScore(candidates: readonly Candidate[], score: ReadonlyMap<string, number>): RankedRow[] {
  const sorted = [...candidates].sort(
    (a, b) => (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0) || bySubmission(a, b),
  );
  return sorted.map((c, i) => {
    const s = score.get(c.id) ?? 0;
    const tie = [sorted[i - 1], sorted[i + 1]].some((n) => n !== undefined && (score.get(n.id) ?? 0) === s);
    return { needId: c.id, rank: i + 1, score: s, tieBrokenBySubmission: tie };
  });
}

/** Why the votes cannot be ranked (unknown need, too many dots, missing ballots), or null. */
export function rankingProblem(input: RankingInput): string | null {
  if (input.candidates.length === 0) return 'there are no needs to rank';
  if (input.method === 'dotVotes') {
    const votes = input.dotVotes ?? [];
    if (votes.length === 0) return 'dot voting needs dotVotes';
    const unknown = votes.filter((v) => input.canonical(v.needId) === undefined).map((v) => v.needId);
    if (unknown.length > 0) return `unknown needs: ${[...new Set(unknown)].join(', ')}`;
    if (input.dotsPerVoter !== undefined) {
      const used = new Map<string, number>();
      for (const v of votes) used.set(v.voter, (used.get(v.voter) ?? 0) + v.dots);
      const over = [...used].filter(([, n]) => n > input.dotsPerVoter!).map(([voter]) => voter);
      if (over.length > 0) return `${over.join(', ')} placed more than ${input.dotsPerVoter} dots`;
    }
    return null;
  }
  const ballots = input.rankings ?? [];
  if (ballots.length === 0) return `${input.method} needs rankings`;
  const unknown = ballots.flatMap((b) => b.ranking).filter((id) => input.canonical(id) === undefined);
  if (unknown.length > 0) return `unknown needs: ${[...new Set(unknown)].join(', ')}`;
  const voters = ballots.map((b) => b.voter);
  if (new Set(voters).size !== voters.length) return 'one ranking per voter';
  return null;
}

/** A ranking with merged needs mapped and repeats removed (first position kept). */
function normalised(input: RankingInput): string[][] {
  return (input.rankings ?? []).map((b) => [...new Set(b.ranking.map((id) => input.canonical(id)!))]);
}

export function rankNeeds(input: RankingInput): NeedsRanking {
  const { candidates } = input;
  switch (input.method) {
    case 'dotVotes': {
      const score = new Map<string, number>();
      for (const v of input.dotVotes ?? []) {
        const id = input.canonical(v.needId)!;
        score.set(id, (score.get(id) ?? 0) + v.dots);
      }
      const voters = new Set((input.dotVotes ?? []).map((v) => v.voter)).size;
      return { method: 'dotVotes', rows: rowsByScore(candidates, score), rounds: [], voters };
    }
    case 'borda': {
      const n = candidates.length;
      const score = new Map<string, number>();
      for (const ranking of normalised(input)) {
        for (const [k, id] of ranking.entries()) score.set(id, (score.get(id) ?? 0) + (n - 1 - k));
      }
      return {
        method: 'borda',
        rows: rowsByScore(candidates, score),
        rounds: [],
        voters: input.rankings?.length ?? 0,
      };
    }
    case 'instantRunoff':
      return repeatedRunoff(candidates, normalised(input));
    default:
      return input.method satisfies never;
  }
}

function repeatedRunoff(candidates: readonly Candidate[], ballots: string[][]): NeedsRanking {
  const rows: RankedRow[] = [];
  const rounds: RunoffRound[] = [];
  let pool = [...candidates].sort(bySubmission);
  while (pool.length > 0) {
    const forRank = rows.length + 1;
    let active = [...pool];
    for (;;) {
      const counts: Record<string, number> = {};
      for (const c of active) counts[c.id] = 0;
      let activeBallots = 0;
      for (const b of ballots) {
        const first = b.find((id) => Object.hasOwn(counts, id));
        if (first !== undefined) {
          counts[first]! += 1;
          activeBallots++;
        }
      }
      const majority = active.find((c) => counts[c.id]! * 2 > activeBallots);
      // Nobody left with a vote: the earliest-submitted need wins the rank (the documented tie-break).
      const winner = majority ?? (active.length === 1 || activeBallots === 0 ? active[0] : undefined);
      if (winner) {
        rounds.push({ forRank, counts, activeBallots, eliminated: null, winner: winner.id });
        const tie = active.some((c) => c !== winner && counts[c.id] === counts[winner.id]);
        rows.push({
          needId: winner.id,
          rank: forRank,
          score: counts[winner.id]!,
          tieBrokenBySubmission: tie,
        });
        pool = pool.filter((c) => c !== winner);
        break;
      }
      // Eliminate the fewest first preferences; on a tie, the later-submitted need goes.
      const loser = [...active].sort((a, b) => counts[a.id]! - counts[b.id]! || b.seq - a.seq)[0]!;
      rounds.push({ forRank, counts, activeBallots, eliminated: loser.id, winner: null });
      active = active.filter((c) => c !== loser);
    }
  }
  return { method: 'instantRunoff', rows, rounds, voters: ballots.length };
}
