import type { PolicyPack } from '@yishi/core';
import { lookup } from '../lookup.js';
import { cnNational } from './cnNational.js';
import { shanghai } from './shanghai.js';

/** The packs yishi ships, by id. */
export const policies: Readonly<Record<string, PolicyPack>> = Object.freeze({
  'cn-national': cnNational,
  shanghai,
});

export function getPolicy(id: string): PolicyPack {
  return lookup(policies, id, 'policy');
}
