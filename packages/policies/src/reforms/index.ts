import type { Reform } from '@yishi/core';
import * as each from './all.js';

export * from './all.js';

/** Every reform yishi ships, by id (RULES.md V1–V11). */
export const reforms: Readonly<Record<string, Reform>> = Object.freeze(
  Object.fromEntries(
    Object.values(each)
      .sort((a, b) => variantNumber(a) - variantNumber(b) || a.id.localeCompare(b.id))
      .map((r) => [r.id, r]),
  ),
);

/** V1…V11 in numeric order (a namespace import lists exports alphabetically: v10 before v2). */
function variantNumber(r: Reform): number {
  return Number(r.variant?.slice(1) ?? Number.POSITIVE_INFINITY);
}
