/**
 * Keeping what the engine hands out from being changed behind its back. Log entries are frozen
 * when appended, snapshots' contexts when they become a process's state, and the objects the
 * machines receive are copies, never the objects stored in the log — so no caller (a UI, a
 * listener, a test) can alter the log or a process by mutating something it was given.
 */

/**
 * Objects known to be frozen all the way down: the ones `deepFreeze` froze itself, and objects
 * our own code froze as it built them (the ballot ledger's chunks and tries), met frozen.
 *
 * Structural sharing makes `deepFreeze` cheap: a new snapshot's context shares most of its parts
 * with the previous (frozen) one, and a part already known is not descended into again, so
 * freezing costs only the new parts. Only objects with many keys are remembered here: a small
 * frozen object is recognised by `Object.isFrozen`, which is cheap for it, while V8 answers
 * `isFrozen` on a record of 50,000 voters by visiting every key; objects met frozen are
 * remembered too. Remembering every object instead made the set so large that the garbage
 * collector's work on it halved ballot intake.
 */
const known = new WeakSet<object>();
const LARGE = 32;

/**
 * Freezes `value` and everything reachable from it (plain objects and arrays), in place, and
 * returns it. Only plain objects and arrays are frozen: an actor ref, a Map or a class instance is
 * left as it is. A frozen object met on the way is taken as deeply frozen: everything the engine
 * stores is built by yishi's own code from parsed input (zod returns fresh objects), and that code
 * freezes only what it built frozen all the way down.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || known.has(value)) return value;
  if (Object.isFrozen(value)) {
    // met frozen (built frozen by our own code): remember it, so a large one is not asked again
    known.add(value);
    return value;
  }
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    if (value.length > LARGE) known.add(value);
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  // Only plain data: an actor ref, a Map or a class instance is left as it is.
  if (proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  const keys = Object.keys(value);
  for (const k of keys) deepFreeze((value as Record<string, unknown>)[k]);
  if (keys.length > LARGE) known.add(value);
  return value;
}

/** A deep copy of JSON data (objects, arrays, primitives): cheaper than `structuredClone`. */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = cloneJson((value as Record<string, unknown>)[k]);
  return out as T;
}

/**
 * `deepFreeze` for a small value its caller has just built from new objects (a log entry around
 * a `JSON.parse` result, a ballot's ledger entry): the same objects frozen, but the set of known
 * objects is neither asked nor grown — a hot path (ballot intake) freezes a few new objects a
 * call, and asking that set about each cost more than freezing them. An object met frozen is
 * taken as frozen throughout, as `deepFreeze` takes it. A large record frozen here is not
 * remembered, so freezing it again would ask V8 about each of its keys: for values passed on
 * (snapshots, checkpoints) use `deepFreeze`.
 */
export function freezeNew<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (let i = 0; i < value.length; i++) freezeNew(value[i]);
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  for (const k of Object.keys(value)) freezeNew((value as Record<string, unknown>)[k]);
  return value;
}
