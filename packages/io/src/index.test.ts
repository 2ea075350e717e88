import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as node from './node.js';

// The public API, pinned: a change here is a change users see and needs a changeset.
describe('@yishi/io public API', () => {
  it('main entry (bytes in, no file system)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BALLOT_COLUMNS',
      'CHINESE_VALUES',
      'CsvSyntaxError',
      'ENCODINGS',
      'ENCODING_NAMES',
      'MEMBER_COLUMNS',
      'RESIDENT_COLUMNS',
      'UNIT_COLUMNS',
      'VILLAGER_COLUMNS',
      'canonicalValue',
      'csvField',
      'dateFromText',
      'decodeText',
      'detectDelimiter',
      'excelSerialDate',
      'fastBallots',
      'fastUnitRegistry',
      'findDuplicateKeys',
      'formatIssue',
      'inputError',
      'inputKind',
      'locateIssue',
      'parseBallots',
      'parseCsv',
      'parseDocument',
      'parseEncoding',
      'parseJsonText',
      'parseMemberRegistry',
      'parseResidentRegistry',
      'parseUnitRegistry',
      'parseVillagerRegistry',
      'schemaIssue',
      'toCsv',
    ]);
  });
  it('@yishi/io/node (reads a path)', () => {
    expect(Object.keys(node).sort()).toEqual([
      'loadBallots',
      'loadJson',
      'loadMemberRegistry',
      'loadResidentRegistry',
      'loadUnitRegistry',
      'loadVillagerRegistry',
      'readBytes',
    ]);
  });
  it('lists the encodings the CLI accepts', () => {
    expect(api.ENCODINGS).toEqual(['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be']);
    for (const name of api.ENCODING_NAMES) expect(api.parseEncoding(name)).toBeDefined();
  });
});
