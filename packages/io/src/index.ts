/**
 * @yishi/io — reading registers, ballots and meeting records as portals and offices really send
 * them (see docs/io.md): unit, resident, villager and member registers and ballots as JSON, CSV/TSV
 * or .xlsx; meeting records as JSON. This entry works on bytes and needs no file system; `@yishi/io/node`
 * adds loaders that read a path.
 */
export {
  BALLOT_COLUMNS,
  CHINESE_VALUES,
  type ColumnSpec,
  canonicalValue,
  MEMBER_COLUMNS,
  RESIDENT_COLUMNS,
  UNIT_COLUMNS,
  VILLAGER_COLUMNS,
} from './columns.js';
export { type CsvRecord, CsvSyntaxError, csvField, detectDelimiter, parseCsv, toCsv } from './csv.js';
export { type DateProblem, dateFromText, excelSerialDate } from './dates.js';
export {
  type Decoded,
  decodeText,
  ENCODING_NAMES,
  ENCODINGS,
  type Encoding,
  parseEncoding,
} from './decode.js';
export { fastBallots, fastUnitRegistry } from './fast.js';
export { formatIssue, type IoIssue, type IoIssueCode, inputError } from './issues.js';
export { findDuplicateKeys, parseJsonText } from './json.js';
export { locateIssue, type Schema, type SchemaIssue, type Source, schemaIssue } from './locate.js';
export {
  inputKind,
  type Loaded,
  type LoadOptions,
  parseBallots,
  parseDocument,
  parseUnitRegistry,
} from './parse.js';
export { parseMemberRegistry, parseResidentRegistry, parseVillagerRegistry } from './people.js';
