/**
 * A persistent map from strings to values (a hash array mapped trie, 32-way): `set` and `remove`
 * return a new map that shares every untouched node with the old one, so keeping both costs
 * O(log₃₂ n) new nodes, never a copy of the whole map. Every node is frozen when it is made, so a
 * map handed out in a snapshot cannot be changed behind the engine's back. Any string is a key
 * like any other, `"__proto__"` and `"constructor"` included (no object is keyed by it).
 *
 * The written consultation indexes its ballot ledger with it: ballot id → entry, owner → live
 * ballot (ballotLedger.ts).
 */

interface Leaf<V> {
  readonly h: number;
  readonly k: string;
  readonly v: V;
}
/** Keys whose 32-bit hashes are equal. */
interface Collision<V> {
  readonly h: number;
  readonly leaves: readonly Leaf<V>[];
}
interface Branch<V> {
  readonly bitmap: number;
  readonly kids: readonly TrieNode<V>[];
}
type TrieNode<V> = Leaf<V> | Collision<V> | Branch<V>;

export interface HashTrie<V> {
  readonly size: number;
  readonly root: TrieNode<V> | null;
}

const EMPTY: HashTrie<never> = Object.freeze({ size: 0, root: null });

/** The empty map. */
export const emptyTrie = <V>(): HashTrie<V> => EMPTY;

/** FNV-1a over UTF-16 code units (exported for tests). */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const isBranch = <V>(n: TrieNode<V>): n is Branch<V> => 'bitmap' in n;
const isCollision = <V>(n: TrieNode<V>): n is Collision<V> => 'leaves' in n;
const hashOfNode = <V>(n: Leaf<V> | Collision<V>) => n.h;
const slot = (h: number, shift: number) => (h >>> shift) & 31;

function branch<V>(bitmap: number, kids: TrieNode<V>[]): Branch<V> {
  Object.freeze(kids);
  return Object.freeze({ bitmap, kids });
}

/** A branch holding two nodes whose hashes differ, at `shift` and below. */
function join<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Branch<V> {
  const ia = slot(hashOfNode(a), shift);
  const ib = slot(b.h, shift);
  if (ia === ib) return branch(1 << ia, [join(a, b, shift + 5)]);
  return branch((1 << ia) | (1 << ib), ia < ib ? [a, b] : [b, a]);
}

/** The value under `key`, or undefined. */
export function trieGet<V>(t: HashTrie<V>, key: string): V | undefined {
  let n = t.root;
  if (n === null) return undefined;
  const h = hashOf(key);
  for (let shift = 0; ; shift += 5) {
    if (isBranch(n)) {
      const bit = 1 << slot(h, shift);
      if ((n.bitmap & bit) === 0) return undefined;
      n = n.kids[popcount(n.bitmap & (bit - 1))]!;
    } else if (isCollision(n)) {
      if (n.h !== h) return undefined;
      for (const l of n.leaves) if (l.k === key) return l.v;
      return undefined;
    } else return n.k === key ? n.v : undefined;
  }
}

export const trieHas = <V>(t: HashTrie<V>, key: string): boolean => trieGet(t, key) !== undefined;

function put<V>(n: TrieNode<V>, shift: number, leaf: Leaf<V>, added: { n: number }): TrieNode<V> {
  if (isBranch(n)) {
    const bit = 1 << slot(leaf.h, shift);
    const i = popcount(n.bitmap & (bit - 1));
    const kids = [...n.kids];
    if ((n.bitmap & bit) === 0) {
      kids.splice(i, 0, leaf);
      added.n = 1;
      return branch(n.bitmap | bit, kids);
    }
    kids[i] = put(n.kids[i]!, shift + 5, leaf, added);
    return branch(n.bitmap, kids);
  }
  if (isCollision(n)) {
    if (n.h !== leaf.h) {
      added.n = 1;
      return join(n, leaf, shift);
    }
    const i = n.leaves.findIndex((l) => l.k === leaf.k);
    const leaves = [...n.leaves];
    if (i === -1) {
      leaves.push(leaf);
      added.n = 1;
    } else leaves[i] = leaf;
    return Object.freeze({ h: n.h, leaves: Object.freeze(leaves) });
  }
  if (n.k === leaf.k) return leaf;
  added.n = 1;
  if (n.h === leaf.h) return Object.freeze({ h: n.h, leaves: Object.freeze([n, leaf]) });
  return join(n, leaf, shift);
}

/** The map with `key` set to `value` (`value` must not be undefined). */
export function trieSet<V>(t: HashTrie<V>, key: string, value: V): HashTrie<V> {
  if (value === undefined) throw new TypeError('trieSet: a value cannot be undefined');
  const leaf: Leaf<V> = Object.freeze({ h: hashOf(key), k: key, v: value });
  if (t.root === null) return Object.freeze({ size: 1, root: leaf });
  const added = { n: 0 };
  const root = put(t.root, 0, leaf, added);
  return Object.freeze({ size: t.size + added.n, root });
}

function drop<V>(n: TrieNode<V>, shift: number, h: number, key: string): TrieNode<V> | null {
  if (isBranch(n)) {
    const bit = 1 << slot(h, shift);
    if ((n.bitmap & bit) === 0) return n;
    const i = popcount(n.bitmap & (bit - 1));
    const kid = n.kids[i]!;
    const next = drop(kid, shift + 5, h, key);
    if (next === kid) return n;
    const kids = [...n.kids];
    if (next !== null) {
      kids[i] = next;
      return branch(n.bitmap, kids);
    }
    kids.splice(i, 1);
    if (kids.length === 0) return null;
    // A branch left with one leaf or collision collapses into it (it no longer needs a level).
    if (kids.length === 1 && !isBranch(kids[0]!)) return kids[0]!;
    return branch(n.bitmap & ~bit, kids);
  }
  if (isCollision(n)) {
    if (n.h !== h) return n;
    const leaves = n.leaves.filter((l) => l.k !== key);
    if (leaves.length === n.leaves.length) return n;
    return leaves.length === 1 ? leaves[0]! : Object.freeze({ h: n.h, leaves: Object.freeze(leaves) });
  }
  return n.k === key ? null : n;
}

/** The map without `key` (the same map when it has no such key). */
export function trieRemove<V>(t: HashTrie<V>, key: string): HashTrie<V> {
  if (t.root === null) return t;
  const root = drop(t.root, 0, hashOf(key), key);
  if (root === t.root) return t;
  return root === null ? emptyTrie<V>() : Object.freeze({ size: t.size - 1, root });
}

/** Every key and value, in no particular order. */
export function* trieEntries<V>(t: HashTrie<V>): Generator<[string, V]> {
  const stack: TrieNode<V>[] = t.root === null ? [] : [t.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isBranch(n)) for (const k of n.kids) stack.push(k);
    else if (isCollision(n)) for (const l of n.leaves) yield [l.k, l.v];
    else yield [n.k, n.v];
  }
}
