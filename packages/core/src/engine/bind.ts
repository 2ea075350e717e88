/**
 * Step 2b of an event, between its role check and the machine: the checks that need the world
 * (world.ts) rather than the process alone. Each binder looks at one thing an event claims —
 * a process it cites, the person behind a role — and refuses with a coded error. The live engine
 * runs them when the event arrives, and replay runs them in log order, so an entry that cites a
 * result that no longer holds fails replay at that entry.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../actor/actor.js';
import type { YishiError } from '../errors/YishiError.js';
import type { LoggedEvent } from '../log/logEntry.js';
import type { ProcessKind } from '../machines/processKind.js';
import { linkBinder } from './links.js';
import { rosterBinder } from './roster.js';
import type { World } from './world.js';

/** What is being decided: a creation (`event.type === 'CREATE'`, `event.input`) or an event. */
export interface Subject {
  kind: ProcessKind;
  process: string;
  community: string;
  actor: Actor;
  /** The China date of the entry (YYYY-MM-DD). */
  on: string;
  /** The stamped event, or `{ type: 'CREATE', input }` with the input as the machine gets it. */
  event: LoggedEvent;
  /** The process's snapshot before the event (absent for a creation). */
  snapshot?: AnyMachineSnapshot;
}

export type Binder = (world: World, subject: Subject) => YishiError | undefined;

/**
 * In order: the roster first (engine/roster.ts: the sender holds the role they claim, on the
 * community's roster, on the event's date; and so do the people the event names), then the links
 * to other processes (engine/links.ts).
 */
const BINDERS: Binder[] = [rosterBinder, linkBinder];

/** The first binder's refusal, or undefined when every binder accepts. */
export function bind(world: World, subject: Subject): YishiError | undefined {
  for (const b of BINDERS) {
    const e = b(world, subject);
    if (e) return e;
  }
  return undefined;
}
