import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue, type IoIssue } from './issues.js';
import { parseMemberRegistry, parseResidentRegistry, parseVillagerRegistry } from './people.js';

/** A number cell formatted as a date, as Excel stores a date typed into a cell. */
class DateSerial {
  constructor(readonly serial: number) {}
}

async function book(
  rows: unknown[][],
  options: { name?: string; date1904?: boolean } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet(options.name ?? '名册');
  for (const r of rows) {
    const row = ws.addRow(r.map((c) => (c instanceof DateSerial ? c.serial : c)));
    r.forEach((c, i) => {
      if (c instanceof DateSerial) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

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

const utf8 = (s: string) => new TextEncoder().encode(s);

// The host's zone must not move a date: read every workbook west of UTC, where a UTC midnight is
// the evening before in local time (and far east, where it is the same morning).
let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('resident registers from .xlsx (居民名册)', () => {
  const header = ['编号', '户号', '居民小组', '楼组', '姓名', '出生日期', '是否成年', '是否党员', '角色'];

  it('reads Chinese headers, dates typed every way, 是/否 and roles in Chinese, in any time zone', async () => {
    // the zone really is west of UTC here: a local getter would give the day before
    expect(new Date(Date.UTC(2006, 1, 3)).getDate()).toBe(2);
    const bytes = await book([
      ['梅园居委会居民名册'],
      header,
      ['r1', 'h1', '一组', '1号楼', '张三', new Date(Date.UTC(1980, 4, 6)), '', '是', '居民代表、楼组长'],
      ['r2', 'h1', '一组', '1号楼', '李四', new DateSerial(38751), '', '否', ''],
      ['r3', 'h2', '一组', '', '王五', 29221, '', 'N', 'householdRepresentative'],
      ['r4', 'h2', '二组', '', '赵六', '1975/3/9', '', 'Y', '户代表; 居民小组代表'],
      ['r5', 'h3', '二组', '', '孙七', '1975.12.1', '', true, '居民小组长|居民代表'],
      ['r6', 'h3', '二组', '', '周八', '1990年2月28日', '', '', ''],
      ['r7', 'h4', '二组', '', '吴九', '', '是', '', ''],
      ['r8', 'h4', '二组', '', '郑十', '', false, 'FALSE', ''],
      ['r9', 'h5', '二组', '', '冯一', new DateSerial(59), '', '', ''],
      ['r10', 'h5', '二组', '', '陈二', new DateSerial(61), '', '', ''],
    ]);
    const { data, source, warnings } = await parseResidentRegistry(bytes, 'residents.xlsx', {
      community: '梅园居委会',
    });
    expect(warnings).toEqual([]);
    expect(source).toMatchObject({ format: 'xlsx', sheet: '名册', lines: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(data.community).toBe('梅园居委会');
    expect(data.residents).toEqual([
      {
        id: 'r1',
        household: 'h1',
        residentsGroup: '一组',
        buildingGroup: '1号楼',
        birthDate: '1980-05-06',
        partyMember: true,
        roles: ['residentRepresentative', 'buildingGroupLeader'],
      },
      {
        id: 'r2',
        household: 'h1',
        residentsGroup: '一组',
        buildingGroup: '1号楼',
        birthDate: '2006-02-03',
        partyMember: false,
        roles: [],
      },
      {
        id: 'r3',
        household: 'h2',
        residentsGroup: '一组',
        birthDate: '1980-01-01',
        partyMember: false,
        roles: ['householdRepresentative'],
      },
      {
        id: 'r4',
        household: 'h2',
        residentsGroup: '二组',
        birthDate: '1975-03-09',
        partyMember: true,
        roles: ['householdRepresentative', 'residentsGroupRepresentative'],
      },
      {
        id: 'r5',
        household: 'h3',
        residentsGroup: '二组',
        birthDate: '1975-12-01',
        partyMember: true,
        roles: ['residentsGroupLeader', 'residentRepresentative'],
      },
      {
        id: 'r6',
        household: 'h3',
        residentsGroup: '二组',
        birthDate: '1990-02-28',
        partyMember: false,
        roles: [],
      },
      { id: 'r7', household: 'h4', residentsGroup: '二组', adult: true, partyMember: false, roles: [] },
      { id: 'r8', household: 'h4', residentsGroup: '二组', adult: false, partyMember: false, roles: [] },
      // Excel's serial 59 is 1900-02-28 (exceljs makes it 1900-02-27), 61 is 1900-03-01
      {
        id: 'r9',
        household: 'h5',
        residentsGroup: '二组',
        birthDate: '1900-02-28',
        partyMember: false,
        roles: [],
      },
      {
        id: 'r10',
        household: 'h5',
        residentsGroup: '二组',
        birthDate: '1900-03-01',
        partyMember: false,
        roles: [],
      },
    ]);
  });

  it('gives the same dates in a zone east of UTC', async () => {
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      const bytes = await book([
        ['id', 'household', 'birthDate'],
        ['a', 'h', new Date(Date.UTC(2006, 1, 3))],
        ['b', 'h', new DateSerial(38751)],
      ]);
      const { data } = await parseResidentRegistry(bytes, 'r.xlsx');
      expect(data.residents.map((r) => r.birthDate)).toEqual(['2006-02-03', '2006-02-03']);
    } finally {
      process.env.TZ = 'America/Los_Angeles';
    }
  });

  it('refuses 2006-02-30, serial 60, a date typed in an unknown form, a bad 是/否 and an unknown role, each located', async () => {
    const bytes = await book([
      ['编号', '户号', '出生日期', '是否成年', '角色'],
      ['r1', 'h1', '2006-02-30', '', ''],
      ['r2', 'h1', new DateSerial(60), '', ''],
      ['r3', 'h1', 60, '', ''],
      ['r4', 'h1', '3/2/2006', '', ''],
      ['r5', 'h1', 1980, '', ''],
      ['r6', 'h1', '', '大概', ''],
      ['r7', 'h1', '', '是', '居民代表、主任'],
      ['r8', 'h1', '2006-02-28', '', 'constructor'],
    ]);
    const issues = await refused(parseResidentRegistry(bytes, 'r.xlsx'));
    expect(issues.map(formatIssue)).toEqual([
      'r.xlsx: sheet "名册", row 2, column C: field "birthDate": expected a date that exists; 2006-02-30 is not a day of the calendar, got "2006-02-30"',
      'r.xlsx: sheet "名册", row 3, column C: field "birthDate": Excel date serial 60 is 29 February 1900, a day that does not exist (Excel counts it for compatibility with Lotus 1-2-3): type the real date as text, YYYY-MM-DD, got "1900-02-29"',
      'r.xlsx: sheet "名册", row 4, column C: field "birthDate": Excel date serial 60 is 29 February 1900, a day that does not exist (Excel counts it for compatibility with Lotus 1-2-3): type the real date as text, YYYY-MM-DD, got "60"',
      'r.xlsx: sheet "名册", row 5, column C: field "birthDate": expected a date as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日, got "3/2/2006"',
      'r.xlsx: sheet "名册", row 6, column C: field "birthDate": expected a date; this number looks like a year, not an Excel date serial: type the whole date as YYYY-MM-DD, got "1980"',
      'r.xlsx: sheet "名册", row 7, column D: field "adult": expected 是 or 否 (yes/no, true/false, Y/N), got "大概"',
      'r.xlsx: sheet "名册", row 8, column E: field "roles": unknown role "主任"; expected roles separated by 、 , ; or |, each one of 居民小组代表 (residentsGroupRepresentative), 居民代表 (residentRepresentative), 户代表 (householdRepresentative), 村民代表 (villagerRepresentative), 楼组长 (buildingGroupLeader), 居民小组长 (residentsGroupLeader), got "居民代表、主任"',
      'r.xlsx: sheet "名册", row 9, column E: field "roles": unknown role "constructor"; expected roles separated by 、 , ; or |, each one of 居民小组代表 (residentsGroupRepresentative), 居民代表 (residentRepresentative), 户代表 (householdRepresentative), 村民代表 (villagerRepresentative), 楼组长 (buildingGroupLeader), 居民小组长 (residentsGroupLeader)',
    ]);
    expect(issues.slice(0, 5).map((i) => i.code)).toEqual([
      'INVALID_DATE',
      'INVALID_DATE',
      'INVALID_DATE',
      'INVALID_DATE',
      'INVALID_DATE',
    ]);
  });

  it('a 1904-system workbook', async () => {
    const bytes = await book(
      [
        ['id', 'household', 'birthDate'],
        ['a', 'h', new DateSerial(37289)],
        ['b', 'h', 37289],
      ],
      { date1904: true },
    );
    const { data } = await parseResidentRegistry(bytes, 'r.xlsx');
    expect(data.residents.map((r) => r.birthDate)).toEqual(['2006-02-03', '2006-02-03']);
  });

  it('refuses a person with neither birth date nor adult flag, and an id twice, by row', async () => {
    const bytes = await book([
      ['id', 'household', 'birthDate', 'adult'],
      ['a', 'h', '1980-01-01', ''],
      ['b', 'h', '', ''],
      ['a', 'h2', '', 'yes'],
    ]);
    expect((await refused(parseResidentRegistry(bytes, 'r.xlsx'))).map(formatIssue)).toEqual([
      'r.xlsx: sheet "名册", row 3, column C: field "birthDate": give "birthDate" (YYYY-MM-DD) or "adult" (true/false)',
      'r.xlsx: sheet "名册", row 4, column A: field "id": id "a" appears twice (first at row 2)',
    ]);
  });

  it('refuses a header with no rows, a missing id column and an unknown column', async () => {
    expect(
      (await refused(parseResidentRegistry(await book([['编号', '户号']]), 'r.xlsx'))).map(formatIssue),
    ).toEqual(['r.xlsx: sheet "名册": the header row has no rows under it; expected one row per resident']);
    const msgs = (
      await refused(
        parseResidentRegistry(
          await book([
            ['户号', '电话'],
            ['h', '123'],
          ]),
          'r.xlsx',
        ),
      )
    ).map(formatIssue);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(
      /^r\.xlsx: sheet "名册", row 1, column B: field "电话": unknown column; expected id \(编号/,
    );
    expect(msgs[1]).toBe(
      'r.xlsx: sheet "名册", row 1: field "id": missing column; name it "id" or "编号" in the header row',
    );
  });

  it('a date cell in an identity column is still refused', async () => {
    const bytes = await book([
      ['id', 'household', 'adult'],
      ['a', new Date(Date.UTC(2025, 0, 10)), '是'],
    ]);
    expect((await refused(parseResidentRegistry(bytes, 'r.xlsx'))).map(formatIssue)[0]).toMatch(
      /^r\.xlsx: sheet "名册", row 2, column B: field "household": Excel holds this cell as a date.*got "2025-01-10"$/,
    );
  });
});

describe('resident and villager registers from CSV', () => {
  it('a villager register saved by Excel on Chinese Windows (GBK), with Chinese headers and text dates', async () => {
    const text =
      '村民编号,户号,村民小组,姓名,出生日期,是否成年,身份\r\n' +
      'v1,h1,一组,王芳,1980/5/6,,村民代表\r\n' +
      'v2,h1,一组,李娜,2008年1月2日,,\r\n' +
      'v3,h2,二组,赵敏,,是,户代表\r\n';
    const bytes = new Uint8Array(iconv.encode(text, 'gbk'));
    const { data, source } = await parseVillagerRegistry(bytes, 'villagers.csv');
    expect(source).toMatchObject({ format: 'csv', encoding: 'gb18030', lines: [2, 3, 4] });
    expect(data.villagers).toEqual([
      {
        id: 'v1',
        household: 'h1',
        villagersGroup: '一组',
        birthDate: '1980-05-06',
        roles: ['villagerRepresentative'],
      },
      { id: 'v2', household: 'h1', villagersGroup: '一组', birthDate: '2008-01-02', roles: [] },
      { id: 'v3', household: 'h2', villagersGroup: '二组', adult: true, roles: ['householdRepresentative'] },
    ]);
  });

  it('refuses 2006-02-30 in a CSV with line, column and value', async () => {
    const bytes = new Uint8Array(
      iconv.encode('编号,户号,出生日期\nr1,h1,2006-02-30\nr2,h1,2006-02-28\n', 'gbk'),
    );
    const issues = await refused(parseResidentRegistry(bytes, 'r.csv'));
    expect(issues.map(formatIssue)).toEqual([
      'r.csv:2:3: field "birthDate": expected a date that exists; 2006-02-30 is not a day of the calendar, got "2006-02-30"',
    ]);
    expect(issues[0]).toMatchObject({ code: 'INVALID_DATE', row: 2, column: 3, received: '2006-02-30' });
  });

  it('refuses GBK bytes forced to UTF-8, and U+FFFD in an identity column, never counting them', async () => {
    const gbk = new Uint8Array(iconv.encode('编号,户号,是否成年\n张三,h1,是\n', 'gbk'));
    expect(
      (await refused(parseResidentRegistry(gbk, 'r.csv', { encoding: 'utf-8' }))).map((i) => i.code),
    ).toEqual(['UNDECODABLE']);
    const damaged = utf8('编号,户号,是否成年\n\uFFFD\uFFFD,h1,是\n\uFFFD\uFFFD,h2,是\n');
    const issues = await refused(parseResidentRegistry(damaged, 'r.csv'));
    expect(issues.map((i) => [i.code, i.row, i.column, i.field, i.received])).toEqual([
      ['REPLACEMENT_CHARACTER', 2, 1, 'id', '\uFFFD\uFFFD'],
      ['REPLACEMENT_CHARACTER', 3, 1, 'id', '\uFFFD\uFFFD'],
    ]);
  });

  it('tab-separated UTF-16 (Excel "Unicode 文本")', async () => {
    const bytes = new Uint8Array(
      iconv.encode('编号\t户号\t村民小组\t是否成年\nv1\th1\t一组\t否\n', 'utf-16le', { addBOM: true }),
    );
    const { data } = await parseVillagerRegistry(bytes, 'v.txt');
    expect(data.villagers).toEqual([
      { id: 'v1', household: 'h1', villagersGroup: '一组', adult: false, roles: [] },
    ]);
  });

  it('warns about ids that differ only by case, naming both lines', async () => {
    const { warnings } = await parseResidentRegistry(utf8('id,household,adult\nA1,h,是\na1,h,是\n'), 'r.csv');
    expect(warnings.map(formatIssue)).toEqual([
      expect.stringMatching(/^r\.csv:3: field "id": id "a1" differs from id "A1" \(at line 2\)/),
    ]);
    await expect(
      parseResidentRegistry(utf8('id,household,adult\nA1,h,是\na1,h,是\n'), 'r.csv', {
        keyCollisions: 'refuse',
      }),
    ).rejects.toThrow(/refused/);
  });

  it('JSON registers read as before; a community option must agree with the file', async () => {
    const json = utf8(
      JSON.stringify({ community: '梅园', residents: [{ id: 'a', household: 'h', adult: true }] }),
    );
    const { data, source } = await parseResidentRegistry(json, 'r.json');
    expect(source.format).toBe('json');
    expect(data.residents).toEqual([{ id: 'a', household: 'h', adult: true, partyMember: false, roles: [] }]);
    expect(
      (await refused(parseResidentRegistry(json, 'r.json', { community: '桃园' }))).map(formatIssue),
    ).toEqual([
      'r.json: field "community": the file names the community "梅园" but the community option says "桃园"',
    ]);
    expect(
      (
        await refused(
          parseResidentRegistry(
            utf8('{"residents":[{"id":"a","household":"h","birthDate":"2006-02-30"}]}'),
            'r.json',
          ),
        )
      ).map(formatIssue),
    ).toEqual([
      'r.json: residents[0]: field "birthDate": expected a date that exists (e.g. not 2006-02-30 or 2023-02-29), got "2006-02-30"',
    ]);
  });
});

describe('member registers (成员名单)', () => {
  const rows = [
    ['编号', '姓名', '职务', '任期开始', '任期结束'],
    ['m1', '张三', '主任', new DateSerial(45658), '2029/12/31'],
    ['m2', '李四', '委员', '2025年1月1日', new Date(Date.UTC(2029, 11, 31))],
    ['m3', '', '', '', ''],
  ];

  it('from .xlsx, with the body from the option', async () => {
    const { data, source } = await parseMemberRegistry(await book(rows), 'm.xlsx', {
      body: 'ownersCommittee',
      name: '第三届业委会',
    });
    expect(source).toMatchObject({ format: 'xlsx', lines: [2, 3, 4] });
    expect(data).toEqual({
      body: 'ownersCommittee',
      name: '第三届业委会',
      members: [
        { id: 'm1', name: '张三', role: '主任', termStart: '2025-01-01', termEnd: '2029-12-31' },
        { id: 'm2', name: '李四', role: '委员', termStart: '2025-01-01', termEnd: '2029-12-31' },
        { id: 'm3' },
      ],
    });
  });

  it('任期起/任期止 in a CSV; a term end that does not exist is refused', async () => {
    const csv = utf8('编号,任期起,任期止\nm1,2025-01-01,2029-02-29\n');
    expect(
      (await refused(parseMemberRegistry(csv, 'm.csv', { body: 'villagerRepresentatives' }))).map(
        formatIssue,
      ),
    ).toEqual([
      'm.csv:2:3: field "termEnd": expected a date that exists; 2029-02-29 is not a day of the calendar, got "2029-02-29"',
    ]);
  });

  it('a table without the body option is refused before it is read; an unknown body too', async () => {
    const bytes = await book(rows);
    const missing = await refused(parseMemberRegistry(bytes, 'm.xlsx'));
    expect(missing).toEqual([
      expect.objectContaining({ code: 'MISSING_BODY', file: 'm.xlsx', field: 'body' }),
    ]);
    expect(formatIssue(missing[0]!)).toBe(
      'm.xlsx: field "body": a member register in a table does not say which body its members belong to (成员名单须指明所属组织): give the body option, one of ownersCommittee|partyMembersCouncil|buildingGroup|ownerRepresentatives|residentRepresentatives|villagerRepresentatives (the yishi CLI takes it from --body)',
    );
    expect(
      (await refused(parseMemberRegistry(bytes, 'm.xlsx', { body: 'constructor' }))).map(formatIssue),
    ).toEqual([
      'm.xlsx: field "body": the body option: expected one of ownersCommittee|partyMembersCouncil|buildingGroup|ownerRepresentatives|residentRepresentatives|villagerRepresentatives, got "constructor"',
    ]);
  });

  it('JSON: the body option fills a missing body and must agree with a given one', async () => {
    const without = utf8(JSON.stringify({ members: [{ id: 'm1' }] }));
    expect((await parseMemberRegistry(without, 'm.json', { body: 'buildingGroup' })).data.body).toBe(
      'buildingGroup',
    );
    const withBody = utf8(JSON.stringify({ body: 'ownersCommittee', members: [{ id: 'm1' }] }));
    expect((await parseMemberRegistry(withBody, 'm.json')).data.body).toBe('ownersCommittee');
    expect(
      (await refused(parseMemberRegistry(withBody, 'm.json', { body: 'buildingGroup' }))).map(formatIssue),
    ).toEqual([
      'm.json: field "body": the file names the body "ownersCommittee" but the body option says "buildingGroup"',
    ]);
  });
});
