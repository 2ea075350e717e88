/**
 * `yishi tally --body residentsMeeting` with the resident register as an office keeps it: an
 * .xlsx workbook (dates typed as date cells, as serials and as text; roles in Chinese) or a CSV
 * saved by Excel in GBK, counted exactly as the same register in JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyIn } from './tally.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-tally-residents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tally = tallyIn(dir);

/** Serial 25693 formatted as a date: what Excel stores when 1970-05-05 is typed into a cell. */
const DATE_SERIAL = 25693;

const HEADER = ['编号', '户号', '居民小组', '姓名', '出生日期', '是否成年', '是否党员', '角色'];

async function writeBook(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本工作簿第二页为居民名册']);
  const ws = wb.addWorksheet('居民名册');
  ws.addRow(['测试居民区居民名册']);
  for (const r of rows) ws.addRow(r);
  // the serial typed as a date: format its cell as one
  ws.eachRow((row) => {
    const c = row.getCell(5);
    if (c.value === DATE_SERIAL) c.numFmt = 'yyyy/m/d';
  });
  writeFileSync(join(dir, name), new Uint8Array(await wb.xlsx.writeBuffer()));
  return name;
}

// r5 turns 18 on the meeting date (2007-03-01 → 2025-03-01) and counts; r6, a day younger, does not.
const REGISTER = [
  HEADER,
  ['r1', 'h1', '一组', '张三', '', '是', '否', '居民小组代表'],
  ['r2', 'h1', '一组', '张小三', new Date(Date.UTC(2010, 0, 1)), '', '', ''],
  ['r3', 'h2', '一组', '李四', DATE_SERIAL, '', '是', '居民小组代表、楼组长'],
  ['r4', 'h3', '二组', '王五', '1980/5/6', '', '', ''],
  ['r5', 'h3', '二组', '王小五', '2007年3月1日', '', '', ''],
  ['r6', 'h4', '二组', '赵六', '2007.3.2', '', '', ''],
];

const SAME_IN_JSON = {
  community: '测试居民区',
  residents: [
    {
      id: 'r1',
      household: 'h1',
      residentsGroup: '一组',
      adult: true,
      roles: ['residentsGroupRepresentative'],
    },
    { id: 'r2', household: 'h1', residentsGroup: '一组', birthDate: '2010-01-01' },
    {
      id: 'r3',
      household: 'h2',
      residentsGroup: '一组',
      birthDate: '1970-05-05',
      partyMember: true,
      roles: ['residentsGroupRepresentative', 'buildingGroupLeader'],
    },
    { id: 'r4', household: 'h3', residentsGroup: '二组', birthDate: '1980-05-06' },
    { id: 'r5', household: 'h3', residentsGroup: '二组', birthDate: '2007-03-01' },
    { id: 'r6', household: 'h4', residentsGroup: '二组', birthDate: '2007-03-02' },
  ],
};

const meeting = (present: string[], votes: [string, string][]) => ({
  date: '2025-03-01',
  present,
  votes: votes.map(([voter, choice]) => ({ voter, choice })),
});

beforeAll(async () => {
  await writeBook('residents.xlsx', REGISTER);
  writeFileSync(join(dir, 'residents.json'), JSON.stringify(SAME_IN_JSON));
  const csv = REGISTER.map((r) =>
    r.map((c) => (c instanceof Date ? '2010/1/1' : c === DATE_SERIAL ? '1970-5-5' : String(c))).join(','),
  ).join('\r\n');
  writeFileSync(join(dir, 'residents.csv'), iconv.encode(`${csv}\r\n`, 'gbk'));
  writeFileSync(
    join(dir, 'meeting.json'),
    JSON.stringify(
      meeting(
        ['r1', 'r3', 'r5'],
        [
          ['r1', 'agree'],
          ['r3', 'agree'],
          ['r5', 'oppose'],
        ],
      ),
    ),
  );
  writeFileSync(join(dir, 'minor.json'), JSON.stringify(meeting(['r1', 'r6'], [['r6', 'agree']])));
});

const args = (registry: string, ...extra: string[]) => [
  '--body',
  'residentsMeeting',
  '--registry',
  registry,
  '--record',
  'meeting.json',
  '--policy',
  'shanghai',
  ...extra,
];

describe('yishi tally --body residentsMeeting with a register in .xlsx or CSV', () => {
  it('counts an .xlsx register (sheet chosen by --sheet) exactly as the same register in JSON', async () => {
    const fromJson = await tally(...args('residents.json'), '--json');
    expect(fromJson.code).toBe(0);
    const r = await tally(...args('residents.xlsx', '--sheet', '居民名册'), '--json');
    expect([r.code, r.err]).toEqual([0, '']);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({ body: 'residentsMeeting', passed: true, outcome: 'passed' });
    // adults on 2025-03-01: r1 (flag), r3 (serial), r4 (text), r5 (18 that day); not r2, r6
    expect(result.counts).toMatchObject({ eligible: 4, present: 3, agree: 2, oppose: 1, base: 'adults' });
    expect(result).toEqual(JSON.parse(fromJson.out));
    const text = await tally(...args('residents.xlsx', '--sheet', '2'));
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/法定人数 +到会的十八周岁以上居民 +3 \/ 4 人 +75\.00% +过半数 +✓/);
  });

  it('a GBK CSV with Chinese headers gives the same count, and the group-representative base reads the roles', async () => {
    const csv = await tally(...args('residents.csv'), '--json');
    expect([csv.code, csv.err]).toEqual([0, '']);
    const json = await tally(...args('residents.json'), '--json');
    expect(JSON.parse(csv.out)).toEqual(JSON.parse(json.out));
    // r5 is no group representative: the roles column was read
    const reps = await tally(
      ...args('residents.xlsx', '--sheet', '居民名册', '--base', 'groupRepresentatives'),
    );
    expect(reps.code).toBe(2);
    expect(reps.err).toContain('"r5" is not a representative elected by a residents\' group');
  });

  it('one day short of 18 on the meeting date (2007-03-02) is not an adult', async () => {
    const r = await tally(
      '--body',
      'residentsMeeting',
      '--registry',
      'residents.xlsx',
      '--sheet',
      '居民名册',
      '--record',
      'minor.json',
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'yishi tally: minor.json: present[1]: field "present": "r6" is under 18 on 2025-03-01\n',
    );
  });

  it('a date that does not exist, or Excel serial 60, is refused with sheet, row, column and value', async () => {
    await writeBook('bad.xlsx', [
      HEADER,
      ['r1', 'h1', '一组', '张三', '2006-02-30', '', '', ''],
      ['r2', 'h1', '一组', '李四', 60, '', '', ''],
    ]);
    const r = await tally(...args('bad.xlsx', '--sheet', '居民名册'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'yishi tally: bad.xlsx: sheet "居民名册", row 3, column E: field "birthDate": expected a date that exists; 2006-02-30 is not a day of the calendar, got "2006-02-30"\n' +
        'yishi tally: bad.xlsx: sheet "居民名册", row 4, column E: field "birthDate": Excel date serial 60 is 29 February 1900, a day that does not exist (Excel counts it for compatibility with Lotus 1-2-3): type the real date as text, YYYY-MM-DD, got "60"\n',
    );
  });

  it('the first sheet is not the register: the header problem names it', async () => {
    const r = await tally(...args('residents.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('residents.xlsx: sheet "说明": no header row');
  });

  it('a meeting record stays JSON', async () => {
    const r = await tally(
      '--body',
      'residentsMeeting',
      '--registry',
      'residents.json',
      '--record',
      'residents.csv',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('residents.csv: expected a JSON meeting record');
  });
});
