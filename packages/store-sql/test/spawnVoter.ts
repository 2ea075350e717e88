/** Starts test/voter.ts in its own OS process and collects the sends it acknowledges. */
import { type Child, startChild } from './spawn.js';

export interface VoteAck {
  i: number;
  version: number;
  hash: string;
  duplicate: boolean;
}

export type Voter = Child<VoteAck>;

export function startVoter(kind: 'sqlite' | 'postgres', target: string, options: object): Voter {
  return startChild<VoteAck>('./voter.ts', kind, target, options);
}
