import type { Reform } from '@yishi/core';
import * as each from './all.js';

export * from './all.js';

/** Every reform yishi ships, by id (RULES.md V1–V11). */
export const reforms: Readonly<Record<string, Reform>> = Object.freeze(
  Object.fromEntries(Object.values(each).map((r) => [r.id, r])),
);
