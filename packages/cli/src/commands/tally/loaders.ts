/**
 * The loaders as the tally handlers call them: every loader gets the options bag the user gave
 * (--encoding, --sheet, --key-collisions; --developer for the unit register).
 */
import type { Schema } from '@yishi/io';
import { loadBallots, loadJson, loadUnitRegistry } from '../../load.js';
import type { TallyOptions } from './handler.js';

export const loadUnits = (file: string, cwd: string, o: TallyOptions) =>
  loadUnitRegistry(file, cwd, {
    ...(o.developer !== undefined ? { developer: o.developer } : {}),
    ...o.load,
  });

export const loadBallotList = (file: string, cwd: string, o: TallyOptions) => loadBallots(file, cwd, o.load);

/** People registers and meeting records are JSON: a sheet does not apply. */
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
