/**
 * `yishi tally --members` with a member register in .xlsx or CSV: a table has no place for the
 * body its members belong to, so it is the member body of --body.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyIn } from './tally.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-tally-members-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tally = tallyIn(dir);

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业委会');
  ws.addRow(['第三届业主委员会成员名单']);
  ws.addRow(['编号', '姓名', '职务', '任期开始', '任期结束']);
  ws.addRow(['m1', '张三', '主任', new Date(Date.UTC(2023, 0, 1)), '2027/12/31']);
  ws.addRow(['m2', '李四', '副主任', '2023年1月1日', new Date(Date.UTC(2027, 11, 31))]);
  ws.addRow(['m3', '王五', '委员', '2023.1.1', '2027-12-31']);
  ws.addRow(['m4', '赵六', '委员', '2023-01-01', '2027-12-31']);
  // m5's term ended the day before the meeting: not a member on 2025-04-10
  ws.addRow(['m5', '孙七', '委员', '2020-01-01', '2025-04-09']);
  writeFileSync(join(dir, 'committee.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
  writeFileSync(
    join(dir, 'committee.json'),
    JSON.stringify({
      body: 'ownersCommittee',
      members: [
        { id: 'm1', name: '张三', role: '主任', termStart: '2023-01-01', termEnd: '2027-12-31' },
        { id: 'm2', name: '李四', role: '副主任', termStart: '2023-01-01', termEnd: '2027-12-31' },
        { id: 'm3', name: '王五', role: '委员', termStart: '2023-01-01', termEnd: '2027-12-31' },
        { id: 'm4', name: '赵六', role: '委员', termStart: '2023-01-01', termEnd: '2027-12-31' },
        { id: 'm5', name: '孙七', role: '委员', termStart: '2020-01-01', termEnd: '2025-04-09' },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'meeting.json'),
    JSON.stringify({
      date: '2025-04-10',
      present: ['m1', 'm2', 'm3'],
      votes: [
        { voter: 'm1', choice: 'agree' },
        { voter: 'm2', choice: 'agree' },
        { voter: 'm3', choice: 'agree' },
      ],
    }),
  );
  writeFileSync(join(dir, 'members.csv'), '编号,任期起,任期止\nm1,2023-01-01,2027-02-29\n');
});

const args = (file: string, body = 'ownersCommitteeMeeting') => [
  '--body',
  body,
  '--members',
  file,
  '--record',
  'meeting.json',
  '--policy',
  'shanghai',
  '--json',
];

describe('yishi tally --members with a table', () => {
  it('an .xlsx register of the body --body implies counts as the same register in JSON', async () => {
    const json = await tally(...args('committee.json'));
    const r = await tally(...args('committee.xlsx'));
    expect([r.code, r.err]).toEqual([0, '']);
    const result = JSON.parse(r.out);
    // 3 of the 4 members in office on the meeting date agree: more than half of all members
    expect(result.counts).toMatchObject({ eligible: 4, present: 3, agree: 3 });
    expect(result).toMatchObject({ body: 'ownersCommitteeMeeting', passed: true });
    expect(result).toEqual(JSON.parse(json.out));
  });

  it('the same table serves another member body: the body comes from --body', async () => {
    const r = await tally(...args('committee.xlsx', 'partyMembersCouncil'));
    expect([r.code, r.err]).toEqual([0, '']);
    expect(JSON.parse(r.out)).toMatchObject({ body: 'partyMembersCouncil' });
  });

  it('a JSON register of another body is still refused by --body', async () => {
    const r = await tally(...args('committee.json', 'partyMembersCouncil'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'yishi tally: committee.json: field "body": this register is of "ownersCommittee" but --body partyMembersCouncil needs "partyMembersCouncil"\n',
    );
  });

  it('a term end that does not exist is refused with line, column and value', async () => {
    const r = await tally(...args('members.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'yishi tally: members.csv:2:3: field "termEnd": expected a date that exists; 2027-02-29 is not a day of the calendar, got "2027-02-29"\n',
    );
  });
});
