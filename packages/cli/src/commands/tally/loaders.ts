/**
 * The loaders as the tally handlers call them: every loader gets the options bag the user gave
 * (--encoding, --sheet, --key-collisions; --developer for the unit register).
 */
import type { Ballot, UnitRegistry } from '@yishi/core';
import type { LoadOptions } from '../../inputOptions.js';
import { type Loaded, loadBallots, loadJson, loadUnitRegistry, type Schema } from '../../load.js';
import type { TallyOptions } from './handler.js';

// The loaders that read encodings, sheets and key collisions take the whole bag; these types say
// so here until load.ts declares it, and a loader that does not yet read a field ignores it.
const units = loadUnitRegistry as (
  file: string,
  cwd: string,
  options: LoadOptions,
) => Promise<Loaded<UnitRegistry>>;
const ballots = loadBallots as (file: string, cwd: string, options: LoadOptions) => Promise<Loaded<Ballot[]>>;
const json = loadJson as <T>(
  file: string,
  cwd: string,
  schema: Schema<T>,
  what: string,
  options: LoadOptions,
) => Promise<Loaded<T>>;

export const loadUnits = (file: string, cwd: string, o: TallyOptions) =>
  units(file, cwd, { ...(o.developer !== undefined ? { developer: o.developer } : {}), ...o.load });

export const loadBallotList = (file: string, cwd: string, o: TallyOptions) => ballots(file, cwd, o.load);

export const loadDocument = <T>(
  file: string,
  cwd: string,
  schema: Schema<T>,
  what: string,
  o: TallyOptions,
) => {
  const { encoding, keyCollisions } = o.load;
  return json(file, cwd, schema, what, {
    ...(encoding !== undefined ? { encoding } : {}),
    ...(keyCollisions !== undefined ? { keyCollisions } : {}),
  });
};
