import { MeetingRecord, MemberRegistry, ResidentRegistry } from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { formatIssue, type IoIssue } from './issues.js';
import { findDuplicateKeys } from './json.js';
import { parseBallots, parseDocument, parseUnitRegistry } from './parse.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function refused(p: Promise<unknown>): Promise<IoIssue[]> {
  try {
    await p;
  } catch (e) {
    const issues = (e as { issues?: IoIssue[] }).issues;
    if (!issues) throw e;
    return issues;
  }
  throw new Error('expected a refusal');
}
const lines = async (p: Promise<unknown>) => (await refused(p)).map(formatIssue);

describe('duplicate keys in a JSON object', () => {
  it('refuses "area" twice in one unit, with the path, line and column', async () => {
    const text =
      '{"units": [\n  {"id": "1", "building": "1", "area": "50.00", "owner": "a"},\n  {"id": "2", "building": "1", "area": "0.01",\n   "owner": "b", "area": "99.00"}\n]}';
    const issues = await refused(parseUnitRegistry(enc(text), 'u.json'));
    expect(issues.map(formatIssue)).toEqual([
      'u.json:4:18: units[1]: field "area": key "area" appears twice in one object (first at line 3, column 32); JSON would keep only the last value, so write it once',
    ]);
    expect(issues[0]).toMatchObject({
      code: 'DUPLICATE_JSON_KEY',
      path: 'units[1].area',
      line: 4,
      column: 18,
    });
  });

  it('finds duplicates at any depth and in escaped keys, and none in valid documents', () => {
    expect(findDuplicateKeys('{"a":{"b":1,"\\u0062":2},"c":[{"x":"\\"x\\":"}, {"x":1}]}')).toEqual([
      { key: 'b', path: 'a', offset: 12, firstOffset: 6 },
    ]);
    expect(findDuplicateKeys('[{"a":1},{"a":1},{"b":{"a":1},"a":2}]')).toEqual([]);
    expect(findDuplicateKeys('{"k":"a\\\\","k":1}')).toEqual([
      { key: 'k', path: '', offset: 11, firstOffset: 1 },
    ]);
  });

  it('refuses a top-level key written twice', async () => {
    const msgs = await lines(
      parseDocument(
        enc('{"date":"2025-01-02","present":[],"date":"2025-01-03"}'),
        'm.json',
        MeetingRecord,
        'meeting record',
      ),
    );
    expect(msgs[0]).toMatch(/^m\.json:1:35: field "date": key "date" appears twice/);
  });
});

describe('values are named as they were read', () => {
  it('reports a CSV cell "constructor" as that text', async () => {
    const csv = 'id,building,area,owner,status,areaSource\n1,1,50.00,a,constructor,__proto__\n';
    expect(await lines(parseUnitRegistry(enc(csv), 'u.csv'))).toEqual([
      'u.csv:2: field "areaSource": expected one of register|survey|contract (登记/实测/合同), got "__proto__"',
      'u.csv:2: field "status": expected one of delivered|unsold|undelivered (已交付/未售/未交付), got "constructor"',
    ]);
    const ballots = 'owner,choice,channel\na,toString,hasOwnProperty\n';
    expect(await lines(parseBallots(enc(ballots), 'b.csv'))).toEqual([
      'b.csv:2: field "choice": expected one of agree|oppose|abstain|invalid (同意/反对/弃权/无效), got "toString"',
      'b.csv:2: field "channel": expected one of paper|online|officialPlatform|proxy|inPerson (纸质/线上/官方平台/委托/现场), got "hasOwnProperty"',
    ]);
  });

  it('names a number or a boolean where text was expected', async () => {
    const msgs = await lines(parseBallots(enc('[{"owner":"a","choice":true}]'), 'b.json'));
    expect(msgs).toEqual([
      'b.json: [0]: field "choice": expected one of agree|oppose|abstain|invalid, got true',
    ]);
  });

  it('refuses a "__proto__" key in JSON as an unknown field', async () => {
    const msgs = await lines(
      parseBallots(enc('[{"owner":"a","choice":"agree","__proto__":{"x":1}}]'), 'b.json'),
    );
    expect(msgs).toEqual(['b.json: [0]: field "__proto__": unknown field']);
  });
});

describe('a unit with area 0.00 is refused', () => {
  it('in CSV, with the line', async () => {
    const csv = 'id,building,area,owner\n1,1,0.01,a\n2,1,0.00,b\n3,1,0,c\n';
    expect(await lines(parseUnitRegistry(enc(csv), 'u.csv'))).toEqual([
      'u.csv:3: field "area": expected an area above 0.00 m²; an exclusive part (专有部分) has a positive area, got "0.00"',
      'u.csv:4: field "area": expected an area above 0.00 m²; an exclusive part (专有部分) has a positive area, got "0"',
    ]);
  });
  it('in areas.* of JSON', async () => {
    const json =
      '{"units":[{"id":"1","building":"1","owner":"a","areas":{"survey":"0.00","contract":"50.00"}}]}';
    expect(await lines(parseUnitRegistry(enc(json), 'u.json'))).toEqual([
      'u.json: units[0].areas: field "survey": expected an area above 0.00 m²; an exclusive part (专有部分) has a positive area, got "0.00"',
    ]);
  });
});

describe('identity keys', () => {
  it('are trimmed and NFC in JSON as in CSV', async () => {
    const json = '{"units":[{"id":" 1-101 ","building":"1 ","area":"50.00","owner":" Rene\\u0301"}]}';
    const { data } = await parseUnitRegistry(enc(json), 'u.json');
    expect(data.units[0]).toMatchObject({ id: '1-101', building: '1', owner: 'Ren\u00e9' });
  });

  it('warn when they differ only by case or width, naming both rows', async () => {
    const csv = 'id,building,area,owner\n1-101,1,50.00,A01\n1-102,1,50.00,a01\n1-103,1,50.00,Ａ０１\n';
    const { warnings } = await parseUnitRegistry(enc(csv), 'u.csv');
    expect(warnings.map(formatIssue)).toEqual([
      'u.csv:3: field "owner": owner "a01" differs from owner "A01" (at line 2) only by case or full-width/half-width form (仅大小写或全角/半角不同); check whether they are the same',
      'u.csv:4: field "owner": owner "Ａ０１" differs from owner "A01" (at line 2) only by case or full-width/half-width form (仅大小写或全角/半角不同); check whether they are the same',
    ]);
    expect(warnings[0]?.code).toBe('KEY_COLLISION');
    const msgs = await lines(parseUnitRegistry(enc(csv), 'u.csv', { keyCollisions: 'refuse' }));
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(/\(refused: keyCollisions is "refuse"\)$/);
  });

  it('warn in ballots and people registers too', async () => {
    const { warnings } = await parseBallots(
      enc('[{"owner":"x1","choice":"agree"},{"owner":"X1","choice":"oppose"}]'),
      'b.json',
    );
    expect(warnings.map(formatIssue)).toEqual([
      'b.json: [1]: field "owner": owner "X1" differs from owner "x1" (at ballots[0]) only by case or full-width/half-width form (仅大小写或全角/半角不同); check whether they are the same',
    ]);
    const reg =
      '{"residents":[{"id":"r1","household":"H1","adult":true},{"id":"R1","household":"h1","adult":true}]}';
    const r = await parseDocument(enc(reg), 'r.json', ResidentRegistry, 'resident register');
    expect(r.warnings.map((w) => w.path)).toEqual(['residents[1].id', 'residents[1].household']);
  });
});

describe('dates in registers are real calendar dates', () => {
  it('refuses 2006-02-30 as a birth date and a term end, with file, row and field', async () => {
    const reg =
      '{"residents":[{"id":"r1","household":"h","birthDate":"2006-02-28"},{"id":"r2","household":"h","birthDate":"2006-02-30"}]}';
    expect(await lines(parseDocument(enc(reg), 'r.json', ResidentRegistry, 'resident register'))).toEqual([
      'r.json: residents[1]: field "birthDate": expected a date that exists (e.g. not 2006-02-30 or 2023-02-29), got "2006-02-30"',
    ]);
    const members =
      '{"body":"ownersCommittee","members":[{"id":"m1","termStart":"2024-03-01","termEnd":"2027-02-29"}]}';
    expect(await lines(parseDocument(enc(members), 'm.json', MemberRegistry, 'member register'))).toEqual([
      'm.json: members[0]: field "termEnd": expected a date that exists (e.g. not 2006-02-30 or 2023-02-29), got "2027-02-29"',
    ]);
  });
});

describe('a title row above the header', () => {
  it('is skipped in CSV, and lines still count from the top of the file', async () => {
    const csv = '梅园小区业主名册,,,\n,,,\n房号,楼栋,面积,业主\n1-101,1,50.00,张三\n1-102,1,0.00,李四\n';
    expect(await lines(parseUnitRegistry(enc(csv), 'u.csv'))).toEqual([
      'u.csv:5: field "area": expected an area above 0.00 m²; an exclusive part (专有部分) has a positive area, got "0.00"',
    ]);
  });
  it('is not confused with a header that lacks columns', async () => {
    expect(await lines(parseBallots(enc('owner\na\n'), 'b.csv'))).toEqual([
      'b.csv:1: field "choice": missing column; name it "choice" or "表决意见" in the header row',
    ]);
  });
});
