import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isYishiError, MeetingRecord, type YishiIssue } from '@yishi/core';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from './issues.js';
import {
  loadBallots,
  loadJson,
  loadMemberRegistry,
  loadResidentRegistry,
  loadUnitRegistry,
  loadVillagerRegistry,
} from './node.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** The formatted issues of a rejected load. */
async function problems(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (!isYishiError(e)) throw e;
    return e.issues.map((i: YishiIssue) => formatIssue(i));
  }
  throw new Error('expected the load to fail');
}

describe('loadUnitRegistry', () => {
  it('names CSV lines, not array indexes, for a unit listed twice', async () => {
    const f = file(
      'dup-units.csv',
      'id,building,area,owner,status\nA1,1,50.00,o1,delivered\nA1,1,60.00,o2,delivered\n',
    );
    expect(await problems(loadUnitRegistry(f, dir))).toEqual([
      'dup-units.csv:3: field "id": unit id "A1" appears twice (first at line 2); each 专有部分 must be listed once',
    ]);
  });

  it('reads CSV with English headers', async () => {
    const f = file(
      'units-en.csv',
      'id,building,area,owner,status,buildingGroup,areaSource\r\n1-101,1,89.5,ann,delivered,,register\r\n1-102,1,120.00,developer,unsold,G1,\r\n',
    );
    const { data, source } = await loadUnitRegistry(f, dir);
    expect(source).toEqual({ file: f, format: 'csv', lines: [2, 3], encoding: 'utf-8' });
    expect(data.developer).toBe('developer');
    expect(data.units).toEqual([
      { id: '1-101', building: '1', area: '89.5', owner: 'ann', status: 'delivered', areaSource: 'register' },
      {
        id: '1-102',
        building: '1',
        area: '120.00',
        owner: 'developer',
        status: 'unsold',
        buildingGroup: 'G1',
      },
    ]);
  });

  it('reads CSV with Chinese headers and values, a BOM and loose header spelling', async () => {
    const f = file(
      'units-zh.csv',
      '\uFEFF房号, 楼栋 ,面积（m²）,业主,状态\n1-101,1号楼,89.50,王建国,已交付\n3-901,3号楼,100.00,鸿泰置业,未售\n3-801,3号楼,90.00,钱多多,未交付\n',
    );
    const { data } = await loadUnitRegistry(f, dir, { developer: '鸿泰置业' });
    expect(data.developer).toBe('鸿泰置业');
    expect(data.units.map((u) => u.status)).toEqual(['delivered', 'unsold', 'undelivered']);
    expect(data.units[0]).toMatchObject({ id: '1-101', building: '1号楼', area: '89.50', owner: '王建国' });
  });

  it('reads area columns by source (司法解释 第8条)', async () => {
    const f = file('units-areas.csv', '编号,楼栋,业主,登记面积,合同面积\n1,A,x,,90.10\n2,A,y,88.00,89.00\n');
    const { data } = await loadUnitRegistry(f, dir);
    expect(data.units[0]?.areas).toEqual({ contract: '90.10' });
    expect(data.units[1]?.areas).toEqual({ register: '88.00', contract: '89.00' });
  });

  it('names the CSV line and field of a bad value', async () => {
    const f = file(
      'units-bad.csv',
      'id,building,area,owner,status\n1,A,10.00,x,delivered\n\n2,A,-5.00,y,delivered\n3,A,12.345,z,sold\n4,A,,w,\n',
    );
    expect(await problems(loadUnitRegistry(f, dir))).toEqual([
      'units-bad.csv:4: field "area": expected a non-negative area in m² with at most 2 decimals, e.g. "89.50", got "-5.00"',
      'units-bad.csv:5: field "area": expected a non-negative area in m² with at most 2 decimals, e.g. "89.50", got "12.345"',
      'units-bad.csv:5: field "status": expected one of delivered|unsold|undelivered (已交付/未售/未交付), got "sold"',
      'units-bad.csv:6: field "area": a unit needs "area" or at least one of "areas.register", "areas.survey", "areas.contract"',
    ]);
  });

  it('counts lines from the header even when a quoted field spans lines', async () => {
    const f = file('units-multiline.csv', 'id,building,area,owner\n"1\nA",A,10.00,x\n2,A,abc,y\n');
    expect(await problems(loadUnitRegistry(f, dir))).toEqual([
      'units-multiline.csv:4: field "area": expected a non-negative area in m² with at most 2 decimals, e.g. "89.50", got "abc"',
    ]);
  });

  it('rejects missing, unknown and repeated columns on line 1', async () => {
    const f = file('units-cols.csv', 'id,楼栋,area,colour,area\n1,A,10.00,red,10.00\n');
    const msgs = await problems(loadUnitRegistry(f, dir));
    expect(msgs).toHaveLength(3);
    expect(msgs[0]).toMatch(
      /^units-cols\.csv:1: field "colour": unknown column; expected id \(编号\/房号\/房屋编号\)/,
    );
    expect(msgs[1]).toBe('units-cols.csv:1: field "area": column "area" appears twice');
    expect(msgs[2]).toBe(
      'units-cols.csv:1: field "owner": missing column; name it "owner" or "业主" in the header row',
    );
  });

  it('rejects a row with the wrong number of fields', async () => {
    const f = file('units-fields.csv', 'id,building,area,owner\n1,A,10.00,x\n2,A,1,234.00,y\n3,A,5.00,z,,\n');
    expect(await problems(loadUnitRegistry(f, dir))).toEqual([
      'units-fields.csv:3: has 5 fields but the header has 4; quote a value that contains a comma',
    ]);
  });

  it('reports malformed CSV with its line', async () => {
    const f = file('units-quote.csv', 'id,building,area,owner\n1,A,10.00,"x\n');
    expect(await problems(loadUnitRegistry(f, dir))).toEqual([
      'units-quote.csv:2: malformed CSV: a quoted field opened at line 2, column 11 is never closed',
    ]);
  });

  it('names the JSON index, field, expected and received value', async () => {
    const f = file(
      'units-bad.json',
      JSON.stringify({
        units: [
          { id: '1', building: 'A', area: '10.00', owner: 'x' },
          { id: '2', building: 'A', area: '-3', owner: 'y' },
          { id: '3', building: 'A', area: 12.5, owner: 'z' },
          { id: '4', building: 'A', area: '1.00', owner: 'w', colour: 'red' },
        ],
      }),
    );
    expect(await problems(loadUnitRegistry(f, dir))).toEqual([
      'units-bad.json: units[1]: field "area": expected a non-negative area in m² with at most 2 decimals, e.g. "89.50", got "-3"',
      'units-bad.json: units[2]: field "area": expected a string, got a number (write it in quotes: "12.5")',
      'units-bad.json: units[3]: field "colour": unknown field',
    ]);
  });

  it('rejects two units with one id', async () => {
    const f = file(
      'units-dup.json',
      JSON.stringify({
        units: [
          { id: '1', building: 'A', area: '10.00', owner: 'x' },
          { id: '1', building: 'A', area: '11.00', owner: 'y' },
        ],
      }),
    );
    const [msg] = await problems(loadUnitRegistry(f, dir));
    expect(msg).toMatch(/^units-dup\.json: units\[1\]: field "id": unit id "1" appears twice/);
  });

  it('reports malformed JSON and missing files', async () => {
    const f = file('broken.json', '{"units": [\n  {"id": "1",}\n]}');
    const [msg] = await problems(loadUnitRegistry(f, dir));
    expect(msg).toMatch(/^broken\.json: malformed JSON/);
    expect(await problems(loadUnitRegistry('nope.json', dir))).toEqual([
      'nope.json: file not found (文件不存在)',
    ]);
  });

  it('checks --developer against the JSON file', async () => {
    const f = file(
      'units-dev.json',
      JSON.stringify({ developer: 'dev', units: [{ id: '1', building: 'A', area: '1.00', owner: 'x' }] }),
    );
    expect((await loadUnitRegistry(f, dir, { developer: 'dev' })).data.developer).toBe('dev');
    const [msg] = await problems(loadUnitRegistry(f, dir, { developer: 'other' }));
    expect(msg).toBe(
      'units-dev.json: field "developer": the file names the developer "dev" but --developer says "other"',
    );
  });
});

describe('loadBallots', () => {
  it('reads Chinese headers and values', async () => {
    const f = file(
      'b-zh.csv',
      '业主,表决意见,渠道\n王建国,同意,纸质\n李芳,反对,线上\n张伟,弃权,委托\n陈静,无效,现场\n刘洋,废票,官方平台\n',
    );
    const { data } = await loadBallots(f, dir);
    expect(data).toEqual([
      { owner: '王建国', choice: 'agree', channel: 'paper' },
      { owner: '李芳', choice: 'oppose', channel: 'online' },
      { owner: '张伟', choice: 'abstain', channel: 'proxy' },
      { owner: '陈静', choice: 'invalid', channel: 'inPerson' },
      { owner: '刘洋', choice: 'invalid', channel: 'officialPlatform' },
    ]);
  });

  it('gives the message the README promises for a bad choice', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `o${i},agree`);
    const f = file('ballots.csv', `owner,choice\n${rows.join('\n')}\nlast,yes\n`);
    expect(await problems(loadBallots(f, dir))).toEqual([
      'ballots.csv:14: field "choice": expected one of agree|oppose|abstain|invalid (同意/反对/弃权/无效), got "yes"',
    ]);
  });

  it('rejects two ballots from one owner, pointing at both', async () => {
    const csv = file('b-dup.csv', 'owner,choice\na,agree\nb,agree\na,oppose\n');
    expect(await problems(loadBallots(csv, dir))).toEqual([
      'b-dup.csv:4: field "owner": owner "a" already has a ballot at line 2; one owner, one ballot',
    ]);
    const json = file(
      'b-dup.json',
      JSON.stringify([
        { owner: 'a', choice: 'agree' },
        { owner: 'a', choice: 'oppose' },
      ]),
    );
    expect(await problems(loadBallots(json, dir))).toEqual([
      'b-dup.json: [1]: field "owner": owner "a" already has a ballot at [0]; one owner, one ballot',
    ]);
  });

  it('rejects a JSON document that is not an array', async () => {
    const f = file('b-obj.json', '{"ballots": []}');
    expect(await problems(loadBallots(f, dir))).toEqual(['b-obj.json: expected an array, got an object']);
  });

  it('names missing fields', async () => {
    const f = file('b-missing.json', JSON.stringify([{ choice: 'agree' }]));
    expect(await problems(loadBallots(f, dir))).toEqual([
      'b-missing.json: [0]: field "owner": required; expected a string, but it is missing',
    ]);
    const g = file('b-empty.csv', 'owner,choice\n,agree\n');
    expect(await problems(loadBallots(g, dir))).toEqual([
      'b-empty.csv:2: field "owner": expected a non-empty value, got ""',
    ]);
  });

  it('rejects an empty CSV file', async () => {
    const f = file('b-none.csv', '\uFEFF');
    const [msg] = await problems(loadBallots(f, dir));
    expect(msg).toMatch(/^b-none\.csv: the file is empty/);
  });
});

describe('loadJson', () => {
  it('validates a meeting record', async () => {
    const f = file(
      'm.json',
      JSON.stringify({ date: '2025-01-02', present: ['a'], votes: [{ voter: 'a', choice: 'yes' }] }),
    );
    expect(await problems(loadJson(f, dir, MeetingRecord, 'meeting record'))).toEqual([
      'm.json: votes[0]: field "choice": expected one of agree|oppose|abstain|invalid, got "yes"',
    ]);
  });

  it('refuses CSV for documents that are JSON only', async () => {
    const f = file('m.csv', 'a,b\n');
    const [msg] = await problems(loadJson(f, dir, MeetingRecord, 'meeting record'));
    expect(msg).toBe(
      'm.csv: expected a JSON meeting record; only registers (of units, residents, villagers or members) and ballots may be CSV or .xlsx',
    );
  });
});

describe('people registers from a path', () => {
  it('residents, villagers and members from CSV; a member CSV needs the body', async () => {
    const r = file('residents.csv', '编号,户号,出生日期\nr1,h1,1980/5/6\n');
    expect((await loadResidentRegistry(r, dir)).data.residents).toEqual([
      { id: 'r1', household: 'h1', birthDate: '1980-05-06', partyMember: false, roles: [] },
    ]);
    const v = file('villagers.csv', '编号,户号,村民小组,是否成年\nv1,h1,一组,是\n');
    expect((await loadVillagerRegistry(v, dir)).data.villagers).toEqual([
      { id: 'v1', household: 'h1', villagersGroup: '一组', adult: true, roles: [] },
    ]);
    const m = file('members.csv', '编号,姓名\nm1,张三\n');
    expect((await loadMemberRegistry(m, dir, { body: 'partyMembersCouncil' })).data).toEqual({
      body: 'partyMembersCouncil',
      members: [{ id: 'm1', name: '张三' }],
    });
    expect((await problems(loadMemberRegistry(m, dir)))[0]).toMatch(
      /^members\.csv: field "body": a member register in a table/,
    );
    expect(await problems(loadResidentRegistry('nope.csv', dir))).toEqual([
      'nope.csv: file not found (文件不存在)',
    ]);
  });
});
