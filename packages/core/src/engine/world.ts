/**
 * What an event is checked against beyond its own process: the engine's rules setup (packs,
 * reforms, mode) and every process at this point of the log. The live engine and replay each
 * keep one, so replay checks an entry against exactly what the engine saw when it wrote it.
 */
import type { AnyActorScope, AnyMachineSnapshot } from 'xstate';
import type { ProcessKind } from '../machines/processKind.js';
import type { RulesSetup } from './rules.js';

/** A live process inside the engine or a replay. */
export interface ProcessState {
  id: string;
  kind: ProcessKind;
  /** The community (居委会/村委会 area) the process belongs to, from its CREATE entry. */
  community: string;
  scope: AnyActorScope;
  snapshot: AnyMachineSnapshot;
  created: { seq: number; at: number };
  updated: { seq: number; at: number };
  entries: number;
}

export interface World {
  readonly rules: RulesSetup;
  /** Every process at this point of the log, by id (the one being decided included, if it exists). */
  readonly processes: ReadonlyMap<string, ProcessState>;
}

/** The community of a process when its creator names none. */
export const DEFAULT_COMMUNITY = 'default';

/** A world without processes, for deciding steps outside an engine (tests, tools). */
export function isolatedWorld(rules: RulesSetup): World {
  return { rules, processes: new Map() };
}

export type { AnyMachineSnapshot };
