/**
 * @yishi/policies — dated policy packs with legal references, and reforms (RULES.md V1–V11).
 */
import type { Reform } from '@yishi/core';
import { lookup } from './lookup.js';
import { reforms } from './reforms/index.js';

export { cnNational } from './packs/cnNational.js';
export { getPolicy, policies } from './packs/registry.js';
export { shanghai } from './packs/shanghai.js';
export * from './reforms/index.js';

export function getReform(id: string): Reform {
  return lookup(reforms, id, 'reform');
}
