/**
 * A persistent append-only list: `appendTo` returns a new list sharing every full chunk of 32
 * items with the old one (a new list costs at most one chunk's copy, however long the list), so a
 * ledger of 50,000 entries grows without ever being copied. Nodes are frozen when made.
 */

const CHUNK = 32;

interface Chunk<T> {
  readonly items: readonly T[];
  readonly prev: Chunk<T> | null;
}

export interface AppendList<T> {
  readonly size: number;
  /** The last, partly filled chunk (1–32 items; empty only in the empty list). */
  readonly tail: readonly T[];
  /** The full chunks before it, newest first. */
  readonly full: Chunk<T> | null;
}

const EMPTY: AppendList<never> = Object.freeze({ size: 0, tail: Object.freeze([]), full: null });

export const emptyList = <T>(): AppendList<T> => EMPTY;

/** The list with `item` added at the end. */
export function appendTo<T>(list: AppendList<T>, item: T): AppendList<T> {
  if (list.tail.length < CHUNK) {
    const tail = Object.freeze([...list.tail, item]);
    return Object.freeze({ size: list.size + 1, tail, full: list.full });
  }
  const full = Object.freeze({ items: list.tail, prev: list.full });
  return Object.freeze({ size: list.size + 1, tail: Object.freeze([item]), full });
}

/** The last item, or undefined. */
export const lastOf = <T>(list: AppendList<T>): T | undefined => list.tail[list.tail.length - 1];

/** The items in order, as a new array (O(n)). */
export function toArray<T>(list: AppendList<T>): T[] {
  const chunks: (readonly T[])[] = [];
  for (let c = list.full; c !== null; c = c.prev) chunks.push(c.items);
  const out: T[] = new Array(list.size);
  let i = 0;
  for (let k = chunks.length - 1; k >= 0; k--) for (const x of chunks[k]!) out[i++] = x;
  for (const x of list.tail) out[i++] = x;
  return out;
}

/** A list of `items`, in order. */
export function listOf<T>(items: readonly T[]): AppendList<T> {
  let list = emptyList<T>();
  for (const x of items) list = appendTo(list, x);
  return list;
}
