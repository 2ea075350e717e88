/**
 * Keys that are different strings but probably the same person or unit: "A101" and "a101", or
 * "Ａ１０１" (full-width, as a Chinese input method types it) and "A101". Trimming and NFC are
 * applied by the schemas (`IdentityKey`); what is left is reported, never merged: the register
 * holder decides whether they are one key or two.
 */

/** The form two keys share when they differ only by case or by full-width/half-width form. */
export function foldKey(key: string): string {
  if (isOwnFold(key)) return key;
  // NFKC maps full-width Latin, digits and punctuation to their half-width forms; upper then
  // lower folds case (and "ß" → "SS" → "ss", as full case folding does).
  return key.normalize('NFKC').toUpperCase().toLowerCase();
}

/**
 * Whether `key` is certainly its own fold: ASCII without capitals, and CJK unified ideographs
 * (U+4E00–U+9FFF, which have no case and no compatibility form). Most keys are ("o123",
 * "1-101", "张三"), so most registers need no folding at all.
 */
function isOwnFold(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 128 ? c >= 65 && c <= 90 : c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}

export interface KeyCollision {
  /** The key met later. */
  key: string;
  /** Its index in the list given. */
  index: number;
  /** The key met first that folds to the same text. */
  other: string;
  otherIndex: number;
  /** Both keys, and `other`'s position as `<label>[i]`. */
  message: string;
}

/**
 * Collisions among `keys` (e.g. the owner of each unit, in order). Equal keys are the same key
 * and do not collide; each distinct key that folds like an earlier distinct key yields one
 * collision with the first such key. `label` names the list in messages (`units` → "at units[3]").
 */
export function findKeyCollisions(keys: readonly string[], field: string, label: string): KeyCollision[] {
  // Keys that are their own fold can only collide with one that is not: without such a key,
  // there is nothing to report.
  let i0 = 0;
  while (i0 < keys.length && isOwnFold(keys[i0]!)) i0++;
  if (i0 === keys.length) return [];
  // folded form → the first key met with it; one Map operation per key
  const byFold = new Map<string, string>();
  const reported = new Set<string>();
  const out: KeyCollision[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const folded = foldKey(key);
    const other = byFold.get(folded);
    if (other === undefined) {
      byFold.set(folded, key);
      continue;
    }
    if (other === key || reported.has(key)) continue;
    reported.add(key);
    const otherIndex = keys.indexOf(other);
    out.push({
      key,
      index: i,
      other,
      otherIndex,
      message: `${field} "${key}" differs from ${field} "${other}" (at ${label}[${otherIndex}]) only by case or full-width/half-width form (仅大小写或全角/半角不同); check whether they are the same`,
    });
  }
  return out;
}
