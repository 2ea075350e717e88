/**
 * The CLI reads its input files with @yishi/io (encodings, .xlsx, duplicate JSON keys, identity
 * keys, fast validation): this module re-exports the loader the commands use.
 */
export type { IoIssue, Loaded, LoadOptions, Source } from '@yishi/io';
export { ENCODING_NAMES, ENCODINGS, formatIssue, inputError, locateIssue } from '@yishi/io';
export {
  loadBallots,
  loadJson,
  loadMemberRegistry,
  loadResidentRegistry,
  loadUnitRegistry,
  loadVillagerRegistry,
} from '@yishi/io/node';
