/**
 * The loaders as the tally handlers call them: every loader gets the options bag the user gave
 * (--encoding, --sheet, --key-collisions; --developer for the unit register; the member body
 * that --body implies for a member register in a table).
 */
import type { MemberRegistry } from '@yishi/core';
import { inputKind, type Schema } from '@yishi/io';
import {
  loadBallots,
  loadJson,
  loadMemberRegistry,
  loadResidentRegistry,
  loadUnitRegistry,
  loadVillagerRegistry,
} from '../../load.js';
import type { TallyOptions } from './handler.js';

export const loadUnits = (file: string, cwd: string, o: TallyOptions) =>
  loadUnitRegistry(file, cwd, {
    ...(o.developer !== undefined ? { developer: o.developer } : {}),
    ...o.load,
  });

export const loadBallotList = (file: string, cwd: string, o: TallyOptions) => loadBallots(file, cwd, o.load);

/** A resident register: JSON, CSV/TSV or .xlsx (--sheet applies to a workbook). */
export const loadResidents = (file: string, cwd: string, o: TallyOptions) =>
  loadResidentRegistry(file, cwd, o.load);

/** A villager register: JSON, CSV/TSV or .xlsx. */
export const loadVillagers = (file: string, cwd: string, o: TallyOptions) =>
  loadVillagerRegistry(file, cwd, o.load);

/**
 * A member register: JSON, CSV/TSV or .xlsx. A table has no place for the body its members belong
 * to, so it gets `body`, the member body of --body; a JSON register names its own, and the handler
 * checks it against --body.
 */
export const loadMembers = (file: string, cwd: string, o: TallyOptions, body: MemberRegistry['body']) =>
  loadMemberRegistry(file, cwd, inputKind(file) === 'json' ? o.load : { ...o.load, body });

/** Meeting records are JSON: a sheet does not apply. */
export const loadDocument = <T>(
  file: string,
  cwd: string,
  schema: Schema<T>,
  what: string,
  o: TallyOptions,
) => {
  const { encoding, keyCollisions } = o.load;
  return loadJson(file, cwd, schema, what, {
    ...(encoding !== undefined ? { encoding } : {}),
    ...(keyCollisions !== undefined ? { keyCollisions } : {}),
  });
};
