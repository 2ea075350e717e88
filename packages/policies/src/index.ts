/**
 * @yishi/policies — dated policy packs with legal references, and reforms (RULES.md V1–V11).
 */
import { type Reform, YishiError } from '@yishi/core';
import { reforms } from './reforms/index.js';

export { cnNational } from './packs/cnNational.js';
export { getPolicy, policies } from './packs/registry.js';
export { shanghai } from './packs/shanghai.js';
export * from './reforms/index.js';

export function getReform(id: string): Reform {
  const r = reforms[id];
  if (!r) {
    throw new YishiError(
      'UNKNOWN_REFORM',
      `unknown reform "${id}"; expected one of: ${Object.keys(reforms).join(', ')}`,
      [
        {
          field: 'reform',
          message: 'unknown reform',
          expected: Object.keys(reforms).join(' | '),
          received: id,
        },
      ],
    );
  }
  return r;
}
