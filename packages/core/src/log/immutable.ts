/**
 * Keeping what the engine hands out from being changed behind its back. Log entries are frozen
 * when appended, snapshots' contexts when they become a process's state, and the objects the
 * machines receive are copies, never the objects stored in the log — so no caller (a UI, a
 * listener, a test) can alter the log or a process by mutating something it was given.
 */

/**
 * Freezes `value` and everything reachable from it (plain objects and arrays), in place, and
 * returns it. Only plain objects and arrays are frozen. An object already frozen is taken to be deeply frozen and not descended into, so
 * freezing a new snapshot whose context shares most of its parts with the previous (frozen) one
 * costs only the new parts.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || known.has(value)) return value;
  if (Object.isFrozen(value)) {
    known.add(value);
    return value;
  }
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (const v of value) deepFreeze(v);
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

/**
 * Objects known to be frozen all the way down, asked before `Object.isFrozen`: for an object with
 * many keys (a record of 50,000 voters) V8 answers `isFrozen` by visiting every property, which
 * made freezing each new snapshot cost O(n) though only a few of its parts were new. Holds the
 * large objects deepFreeze froze and the frozen roots it met (weakly: they are collected with
 * their objects).
 */
const known = new WeakSet<object>();
const LARGE = 32;

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
