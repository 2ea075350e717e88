import { type PolicyPack, YishiError } from '@yishi/core';
import { cnNational } from './cnNational.js';
import { shanghai } from './shanghai.js';

/** The packs yishi ships, by id. */
export const policies: Readonly<Record<string, PolicyPack>> = Object.freeze({
  'cn-national': cnNational,
  shanghai,
});

export function getPolicy(id: string): PolicyPack {
  const p = policies[id];
  if (!p) {
    throw new YishiError(
      'UNKNOWN_POLICY',
      `unknown policy "${id}"; expected one of: ${Object.keys(policies).join(', ')}`,
      [
        {
          field: 'policy',
          message: 'unknown policy',
          expected: Object.keys(policies).join(' | '),
          received: id,
        },
      ],
    );
  }
  return p;
}
