/**
 * Keeping what the engine hands out from being changed behind its back. Log entries are frozen
 * when appended, snapshots' contexts when they become a process's state, and the objects the
 * machines receive are copies, never the objects stored in the log — so no caller (a UI, a
 * listener, a test) can alter the log or a process by mutating something it was given.
 */

/**
 * Objects `deepFreeze` has frozen together with everything reachable from them. An object merely
 * frozen (`Object.isFrozen`) is not enough to stop at: someone may have frozen it shallowly, its
 * children still open to change.
 */
const deeplyFrozen = new WeakSet<object>();

/**
 * Freezes `value` and everything reachable from it (plain objects and arrays), in place, and
 * returns it. Only plain objects and arrays are frozen: an actor ref, a Map or a class instance is
 * left as it is.
 *
 * Structural sharing makes this cheap: a new snapshot's context shares most of its parts with the
 * previous (frozen) one, and a part this function froze before is not descended into again, so
 * freezing costs only the new parts. A part frozen by someone else (perhaps only shallowly) is
 * descended into, once.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || deeplyFrozen.has(value)) return value;
  if (Array.isArray(value)) {
    deeplyFrozen.add(value);
    Object.freeze(value);
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  // Only plain data: an actor ref, a Map or a class instance is left as it is.
  if (proto !== Object.prototype && proto !== null) return value;
  deeplyFrozen.add(value);
  Object.freeze(value);
  const o = value as Record<string, unknown>;
  for (const k in o) if (Object.hasOwn(o, k)) deepFreeze(o[k]);
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
