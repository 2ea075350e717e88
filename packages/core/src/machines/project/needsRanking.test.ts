import { describe, expect, it } from 'vitest';
import { type Candidate, type RankingInput, rankingProblem, rankNeeds } from './needsRanking.js';

const needs: Candidate[] = [
  { id: 'lift', seq: 0 },
  { id: 'bikes', seq: 1 },
  { id: 'garden', seq: 2 },
  { id: 'lights', seq: 3 },
];
const base = {
  candidates: needs,
  canonical: (id: string) => (id === 'elevator' ? 'lift' : needs.find((n) => n.id === id)?.id),
};
const ranks = (input: RankingInput) => rankNeeds(input).rows.map((r) => `${r.needId}:${r.score}`);

describe('ranking the needs list', () => {
  it('dot votes: most dots first; a tie goes to the need recorded first; merged needs count for their target', () => {
    const input: RankingInput = {
      ...base,
      method: 'dotVotes',
      dotVotes: [
        { voter: 'a', needId: 'garden', dots: 3 },
        { voter: 'b', needId: 'bikes', dots: 2 },
        { voter: 'b', needId: 'elevator', dots: 1 },
        { voter: 'c', needId: 'lift', dots: 1 },
      ],
    };
    expect(ranks(input)).toEqual(['garden:3', 'lift:2', 'bikes:2', 'lights:0']);
    expect(rankNeeds(input).rows[1]?.tieBrokenBySubmission).toBe(true);
    expect(rankingProblem({ ...input, dotsPerVoter: 2 })).toBe('a, b placed more than 2 dots');
    expect(rankingProblem({ ...input, dotVotes: [{ voter: 'a', needId: 'pool', dots: 1 }] })).toBe(
      'unknown needs: pool',
    );
  });

  it('Borda: n−k points for the k-th place, unranked 0; repeats after a merge keep the first place', () => {
    const input: RankingInput = {
      ...base,
      method: 'borda',
      rankings: [
        { voter: 'a', ranking: ['bikes', 'lift', 'garden'] },
        { voter: 'b', ranking: ['lift', 'elevator', 'bikes'] },
        { voter: 'c', ranking: ['garden'] },
      ],
    };
    // n = 4. a: bikes 3, lift 2, garden 1. b: lift 3, bikes 2 ("elevator" was merged into lift).
    // c: garden 3. → lift 5 and bikes 5 (lift recorded first), garden 4, lights 0.
    expect(ranks(input)).toEqual(['lift:5', 'bikes:5', 'garden:4', 'lights:0']);
    expect(
      rankingProblem({ ...input, rankings: [...input.rankings!, { voter: 'a', ranking: ['lift'] }] }),
    ).toBe('one ranking per voter');
  });

  it('repeated instant-runoff: eliminations with the later-submitted need going first on a tie', () => {
    const input: RankingInput = {
      ...base,
      method: 'instantRunoff',
      rankings: [
        { voter: 'a', ranking: ['garden', 'bikes'] },
        { voter: 'b', ranking: ['garden', 'lift'] },
        { voter: 'c', ranking: ['bikes', 'lift'] },
        { voter: 'd', ranking: ['lift', 'bikes'] },
        { voter: 'e', ranking: ['lights', 'bikes'] },
      ],
    };
    const r = rankNeeds(input);
    // Rank 1: garden 2, bikes 1, lift 1, lights 1 → lights (latest of the tied) out, e moves to
    // bikes; garden 2, bikes 2, lift 1 → lift out, d moves to bikes: bikes 3 of 5 wins.
    // Rank 2: garden 2, lift 2, lights 1 → lights out (e exhausted); garden and lift tie at 2 →
    // garden (recorded later) out, b moves to lift: lift 3 of 3 wins. Then garden, then lights.
    expect(r.rounds.slice(0, 3).map((x) => x.eliminated ?? x.winner)).toEqual(['lights', 'lift', 'bikes']);
    expect(r.rows.map((x) => x.needId)).toEqual(['bikes', 'lift', 'garden', 'lights']);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
  });
});
