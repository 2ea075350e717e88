/**
 * The headless engine: processes of registered kinds, one hash-chained log, and a store.
 * Framework-free; runs in Node and in browsers. Follows the contract's six steps (contract.ts):
 * an event is parsed, its sender's role checked, stamped with `on` and `actor`, checked with the
 * machine's `can`, applied with a pure transition, appended to the log, and only then published.
 * A refused event changes neither state nor log.
 *
 *   const engine = createEngine({ kinds: [publicNoticeKind], clock: { now: () => Date.now() } });
 *   engine.create('publicNotice', 'n-1', input, { actor, channel: 'web' });
 *   const r = engine.process('n-1')?.send({ type: 'OBJECT', … }, { actor, channel: 'counter' });
 *
 * `createEngine` takes a synchronous store (memory by default) and returns results directly;
 * `openEngine` takes any store, loads what it holds, and returns promises.
 *
 * State lives in snapshots advanced purely (decide.ts), never in running actors, so nothing the
 * log does not record (a timer, an invoked promise) can change a process. When `inspect` is given
 * (the Stately inspector, or any xstate inspection observer), each process also gets a started
 * "mirror" actor created with that `inspect`, fed every accepted event after it is logged; its
 * timers are disabled, and it never affects state or log.
 */
import { YishiError } from '../errors/YishiError.js';
import type { LogEntry } from '../log/logEntry.js';
import {
  andThen,
  engineCore,
  isThenable,
  loadAsync,
  loadSync,
  type Maybe,
  type Proc,
  processLookup,
} from './engineCore.js';
import type {
  Accepted,
  AsyncEngine,
  AsyncProcessHandle,
  CreateResult,
  Engine,
  EngineOptions,
  ProcessHandle,
  SendResult,
} from './engineTypes.js';
import { type Checkpoint, type EventStore, memoryStore, type SyncEventStore } from './store.js';

/**
 * A synchronous engine: every result is a value. The store (memory by default) must be
 * synchronous; if it already holds a log, the log is verified and replayed first (throws
 * `LOG_TAMPERED`, or the code replay gives, when it does not hold).
 */
export function createEngine(options: EngineOptions & { store?: SyncEventStore }): Engine {
  const store = options.store ?? memoryStore();
  const core = engineCore(options, store, (entry) => {
    const r = store.append(entry) as unknown;
    if (isThenable(r)) {
      throw new YishiError(
        'INVALID_INPUT',
        'this store appends asynchronously: open the engine with openEngine()',
      );
    }
  });
  loadSync(core, store, options.check ?? 'full', options.checkpoints);
  const handles = new Map<string, ProcessHandle>();
  const lookup = processLookup<ProcessHandle>(core, handles, (p) =>
    core.handle<ProcessHandle>(p, (e, c) => core.send(p.id, e, c) as SendResult),
  );
  return {
    create(kind, id, input, ctx) {
      const r = core.create(kind, id, input, ctx) as CreateResult<Proc>;
      return r.ok ? { ...r, process: lookup.get(r.process) } : r;
    },
    send: (id, event, ctx) => core.send(id, event, ctx) as SendResult,
    tick: (o) => core.tick(o) as Accepted[],
    checkpoint: () => core.checkpoint() as Checkpoint | null,
    log: () => Array.from(store.entries()),
    process: lookup.process as Engine['process'],
    processes: lookup.processes,
    head: core.head,
    subscribe: core.subscribe,
    stop: core.stop,
  };
}

/**
 * An engine over any store, synchronous or not: loads (verifies and replays) what the store holds,
 * using its checkpoint when it has one that matches the log, and returns promises. Calls are
 * serialised, so each entry is appended only after the previous one was stored.
 */
export async function openEngine(options: EngineOptions & { store: EventStore }): Promise<AsyncEngine> {
  const { store } = options;
  const core = engineCore(options, store, (entry) => store.append(entry));
  await loadAsync(core, store, options.check ?? 'full', options.checkpoints);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Maybe<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.then(
      () => {},
      () => {},
    );
    return run;
  };
  const handles = new Map<string, AsyncProcessHandle>();
  const lookup = processLookup<AsyncProcessHandle>(core, handles, (p) =>
    core.handle<AsyncProcessHandle>(p, (e, c) => serial(() => core.send(p.id, e, c))),
  );
  return {
    create: (kind, id, input, ctx) =>
      serial(() =>
        andThen(core.create(kind, id, input, ctx), (r) =>
          r.ok ? { ...r, process: lookup.get(r.process) } : r,
        ),
      ),
    send: (id, event, ctx) => serial(() => core.send(id, event, ctx)),
    tick: (o) => serial(() => core.tick(o)),
    checkpoint: () => serial(() => core.checkpoint()),
    log: () =>
      serial(async () => {
        const out: LogEntry[] = [];
        for await (const e of store.entries()) out.push(e);
        return out;
      }),
    process: lookup.process as AsyncEngine['process'],
    processes: lookup.processes,
    head: core.head,
    subscribe: core.subscribe,
    stop: core.stop,
  };
}
