/** `yishi tally --body villagersMeeting|villagersGroupMeeting` with a villager register in CSV or .xlsx. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyIn } from './tally.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-tally-villagers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tally = tallyIn(dir);

const ROWS = [
  ['村民编号', '户号', '村民小组', '出生日期', '是否成年'],
  ['v1', 'd1', 'g1', '1960/1/2', ''],
  ['v2', 'd1', 'g1', '', '是'],
  ['v3', 'd2', 'g1', '1985年10月1日', ''],
  ['v4', 'd3', 'g2', '', 'Y'],
  ['v5', 'd3', 'g2', '', 'Y'],
  ['v6', 'd4', 'g2', '1990.7.15', ''],
];

beforeAll(async () => {
  writeFileSync(
    join(dir, 'villagers.csv'),
    iconv.encode(`${ROWS.map((r) => r.join(',')).join('\r\n')}\r\n`, 'gbk'),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村民');
  for (const r of ROWS) ws.addRow(r);
  writeFileSync(join(dir, 'villagers.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
  writeFileSync(
    join(dir, 'villagers.json'),
    JSON.stringify({
      villagers: [
        { id: 'v1', household: 'd1', villagersGroup: 'g1', birthDate: '1960-01-02' },
        { id: 'v2', household: 'd1', villagersGroup: 'g1', adult: true },
        { id: 'v3', household: 'd2', villagersGroup: 'g1', birthDate: '1985-10-01' },
        { id: 'v4', household: 'd3', villagersGroup: 'g2', adult: true },
        { id: 'v5', household: 'd3', villagersGroup: 'g2', adult: true },
        { id: 'v6', household: 'd4', villagersGroup: 'g2', birthDate: '1990-07-15' },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'v-meeting.json'),
    JSON.stringify({
      date: '2025-04-10',
      present: ['v1', 'v3', 'v6'],
      votes: [
        { voter: 'v1', choice: 'agree' },
        { voter: 'v3', choice: 'agree' },
        { voter: 'v6', choice: 'oppose' },
      ],
    }),
  );
});

describe('yishi tally with a villager register in CSV or .xlsx', () => {
  it.each(['villagers.csv', 'villagers.xlsx'])('%s counts as the same register in JSON', async (file) => {
    const base = ['--body', 'villagersMeeting', '--record', 'v-meeting.json', '--json'];
    const json = await tally(...base, '--registry', 'villagers.json');
    const r = await tally(...base, '--registry', file);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(JSON.parse(r.out)).toMatchObject({ body: 'villagersMeeting', quorumMet: true, passed: true });
    expect(JSON.parse(r.out)).toEqual(JSON.parse(json.out));
  });

  it('villagersGroupMeeting reads the 村民小组 column', async () => {
    writeFileSync(
      join(dir, 'g-meeting.json'),
      JSON.stringify({
        date: '2025-04-11',
        present: ['v1', 'v2', 'v3'],
        votes: [{ voter: 'v1', choice: 'agree' }],
      }),
    );
    const r = await tally(
      '--body',
      'villagersGroupMeeting',
      '--registry',
      'villagers.xlsx',
      '--sheet',
      '村民',
      '--record',
      'g-meeting.json',
      '--group',
      'g1',
      '--json',
    );
    expect([r.code, r.err]).toEqual([0, '']);
    expect(JSON.parse(r.out).counts).toMatchObject({ adults: 3, adultsPresent: 3, households: 2 });
  });

  it('a register without the 村民小组 column is refused, naming the column', async () => {
    writeFileSync(join(dir, 'no-group.csv'), '编号,户号,是否成年\nv1,d1,是\n');
    const r = await tally(
      '--body',
      'villagersMeeting',
      '--registry',
      'no-group.csv',
      '--record',
      'v-meeting.json',
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'yishi tally: no-group.csv:1: field "villagersGroup": missing column; name it "villagersgroup" or "村民小组" in the header row\n',
    );
  });
});
