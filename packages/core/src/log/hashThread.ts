/**
 * A second thread that hashes while the first does something else: verifying a long log, the
 * texts to hash are built on the calling thread (they need the entries, which live there) and
 * SHA-256 runs on the other core, so replay and verify cost about the longer of the two rather
 * than the sum.
 *
 * It only compares: each text's SHA-256 (node:crypto, the very function `sha256Hex` uses in this
 * runtime) with the hash given beside it, and reports the first position where they differ.
 * Nothing it says is taken on trust for an answer: a log it finds fault with is verified again in
 * order, on the calling thread, which names the entry and the reason exactly as before.
 *
 * Where there are no worker threads (a browser, a bundler's `process` shim, Node before 20.16:
 * found at run time through `process.getBuiltinModule`, never imported) `hashThread()` gives
 * `undefined` and callers verify in order. Synchronous for its caller: it waits with
 * `Atomics.wait`, which a Node main thread may do.
 */
import { sha256Implementation } from './sha256.js';

/** A batch of texts and the hashes they must have, and where the batch starts in the log. */
interface Batch {
  first: number;
  texts: string[];
  hashes: string[];
}

/**
 * The thread's own code (a script; Node's modules found as `findWorker` finds them). Shared state, Int32 slots:
 * 0 = texts hashed so far, 1 = the first position that differs (-1: none yet), 2 = 1 if the
 * thread failed. Each batch bumps slot 0 and wakes the caller.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const crypto = process.getBuiltinModule('node:crypto');
const state = new Int32Array(workerData);
const hex = typeof crypto.hash === 'function'
  ? (t) => crypto.hash('sha256', t, 'hex')
  : (t) => crypto.createHash('sha256').update(t, 'utf8').digest('hex');
parentPort.on('message', (batch) => {
  try {
    if (Atomics.load(state, 1) < 0) {
      for (let i = 0; i < batch.texts.length; i++) {
        if (hex(batch.texts[i]) !== batch.hashes[i]) {
          Atomics.compareExchange(state, 1, -1, batch.first + i);
          break;
        }
      }
    }
  } catch {
    Atomics.store(state, 2, 1);
  }
  Atomics.add(state, 0, batch.texts.length);
  Atomics.notify(state, 0);
});
`;

interface WorkerLike {
  postMessage(value: unknown): void;
  terminate(): Promise<number> | undefined;
  unref?(): void;
  on?(event: 'error', listener: (e: unknown) => void): void;
}
type WorkerConstructor = new (
  source: string,
  options: { eval: true; workerData: SharedArrayBuffer },
) => WorkerLike;

/** The runtime's `Worker` of node:worker_threads, or undefined. */
function findWorker(): WorkerConstructor | undefined {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const get = proc?.getBuiltinModule;
    if (typeof get !== 'function') return undefined;
    const threads = get.call(proc, 'node:worker_threads') as { Worker?: WorkerConstructor } | undefined;
    return typeof threads?.Worker === 'function' ? threads.Worker : undefined;
  } catch {
    return undefined;
  }
}

/** How long to wait for the thread without seeing it progress before verifying in order instead. */
const STALL_MS = 10_000;

export interface HashThread {
  /** Hands over texts whose SHA-256 must be `hashes`, position by position, starting at `first`. */
  check(first: number, texts: string[], hashes: string[]): void;
  /**
   * Waits until every text handed over is hashed: the first position whose hash differs, -1 when
   * none does, or `undefined` when the thread gave no answer (it failed, or stalled).
   */
  finish(): number | undefined;
  /** Ends the thread (always call it, also after `finish`). */
  close(): void;
}

/** A hashing thread, or `undefined` where the runtime has none (then verify in order). */
export function hashThread(): HashThread | undefined {
  if (sha256Implementation() !== 'node:crypto' || typeof SharedArrayBuffer !== 'function') return undefined;
  const Worker = findWorker();
  if (Worker === undefined) return undefined;
  const shared = new SharedArrayBuffer(12);
  const state = new Int32Array(shared);
  state[1] = -1;
  let worker: WorkerLike;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: shared });
  } catch {
    return undefined;
  }
  worker.unref?.();
  // An error is seen as a stall by `finish` (this thread is blocked while it waits).
  worker.on?.('error', () => {});
  let sent = 0;
  return {
    check(first, texts, hashes) {
      const batch: Batch = { first, texts, hashes };
      worker.postMessage(batch);
      sent += texts.length;
    },
    finish() {
      let seen = Atomics.load(state, 0);
      while (seen < sent && state[2] === 0) {
        if (Atomics.wait(state, 0, seen, STALL_MS) === 'timed-out' && Atomics.load(state, 0) === seen)
          return undefined;
        seen = Atomics.load(state, 0);
      }
      return state[2] === 0 ? state[1] : undefined;
    },
    close() {
      try {
        const done = worker.terminate();
        if (done && typeof done.catch === 'function') done.catch(() => {});
      } catch {
        // already gone
      }
    },
  };
}
