/**
 * The written consultation's context in memory and in storage. In memory the ballot ledger and the
 * live ballots are persistent indexed structures (`BallotLedger`, `LiveIndex`: a ballot is taken in
 * without copying what is there); a stored snapshot carries them as the plain array and record it
 * always did, so snapshots, checkpoints and replays keep their bytes. The machine converts at its
 * edges: `getPersistedSnapshot` writes the plain form; `resolveState` and `restoreSnapshot` index
 * a plain one (once, O(n)).
 */
import type { AnyStateMachine } from 'xstate';
import {
  type BallotEntry,
  type BallotLedger,
  ballotEntries,
  indexLedger,
  liveFromLedger,
} from './ballotLedger.js';
import { freezeOf } from './consultationRules.js';
import type { ConsultationContext, PersistedConsultationContext } from './consultationSchemas.js';

type AnyContext = Omit<ConsultationContext, 'entries' | 'live'> & {
  entries: BallotLedger | readonly BallotEntry[];
  live: unknown;
};

/** The context as a stored snapshot carries it (the same keys, in the same order). */
export function persistedContext(c: AnyContext): PersistedConsultationContext {
  if (Array.isArray(c.entries)) return c as unknown as PersistedConsultationContext;
  const entries = ballotEntries(c);
  return { ...c, entries, live: liveFromLedger(entries) } as PersistedConsultationContext;
}

/** The context as the machine keeps it in memory, from a stored (or already in-memory) one. */
export function memoryContext(c: AnyContext): ConsultationContext {
  if (!Array.isArray(c.entries)) return c as ConsultationContext;
  // A snapshot stored before paper batches and replaced-ballot lists has neither: both start empty.
  const indexed = {
    ...c,
    batches: c.batches ?? {},
    replacedBallots: c.replacedBallots ?? [],
    rules: { ...c.rules, organiserMayHold: c.rules.organiserMayHold ?? false },
    ...indexLedger(c.entries as readonly BallotEntry[]),
  } as ConsultationContext;
  // A record keyed "__proto__" loses that key when a schema re-reads it: the voters are then
  // frozen again from the (frozen) register and rules, so such an owner votes after a restore too.
  if (indexed.freeze !== null && Object.keys(indexed.voters).length !== indexed.freeze.voters) {
    return { ...indexed, voters: freezeOf(indexed, indexed.freeze.on).voters };
  }
  return indexed;
}

/** The machine, converting its context at its edges (see the header). */
export function withPlainPersistence<M extends AnyStateMachine>(machine: M): M {
  const persist = machine.getPersistedSnapshot.bind(machine);
  const resolve = machine.resolveState.bind(machine);
  const restore = machine.restoreSnapshot!.bind(machine);
  const provide = machine.provide.bind(machine);
  const m = machine as {
    getPersistedSnapshot: typeof persist;
    resolveState: typeof resolve;
    restoreSnapshot: typeof restore;
    provide: typeof provide;
  };
  // A variant made with .provide() converts its context the same way.
  m.provide = ((implementations: never) => withPlainPersistence(provide(implementations))) as typeof provide;
  m.getPersistedSnapshot = ((s: { context: AnyContext }, o: unknown) =>
    persist({ ...s, context: persistedContext(s.context) } as never, o as never)) as typeof persist;
  m.resolveState = ((config: { context?: AnyContext }) =>
    resolve({
      ...config,
      ...(config.context ? { context: memoryContext(config.context) } : {}),
    } as never)) as typeof resolve;
  m.restoreSnapshot = ((s: { context?: AnyContext }, scope: unknown) =>
    restore(
      { ...s, ...(s.context ? { context: memoryContext(s.context) } : {}) } as never,
      scope as never,
    )) as typeof restore;
  return machine;
}
