import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatIssue, type IoIssue } from './issues.js';
import { parseBallots, parseUnitRegistry } from './parse.js';
import { areaFromNumber, cellText } from './xlsx.js';

async function book(sheets: Record<string, unknown[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
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

describe('areaFromNumber: numbers typed in a sheet', () => {
  it('reads a 2-decimal number exactly, through float artefacts within 1e-9', () => {
    expect(areaFromNumber(89.5)).toBe('89.50');
    expect(areaFromNumber(120)).toBe('120.00');
    expect(areaFromNumber(0.07)).toBe('0.07');
    expect(areaFromNumber(89.49999999999)).toBe('89.50');
    expect(areaFromNumber(0.1 + 0.2)).toBe('0.30');
  });
  it('draws the line at 1e-9 from a 2-decimal value: below and at it read, above it refused', () => {
    expect(areaFromNumber(89.5 + 5e-10)).toBe('89.50');
    expect(areaFromNumber(89.5 - 9.9e-10)).toBe('89.50');
    expect(areaFromNumber(89.5 + 1.1e-9)).toMatchObject({ received: String(89.5 + 1.1e-9) });
    expect(areaFromNumber(89.5 + 5e-9)).toMatchObject({ received: String(89.5 + 5e-9) });
  });
  it('refuses a number with more decimals, showing it', () => {
    expect(areaFromNumber(89.123)).toEqual({
      message: expect.stringContaining('at most 2 decimals'),
      received: '89.123',
    });
    expect(areaFromNumber(89.499999)).toMatchObject({ received: '89.499999' });
    expect(areaFromNumber(1.005)).toMatchObject({ received: '1.005' });
  });
});

describe('cellText: date cells', () => {
  it('gives the day Excel shows, below serial 61 too (exceljs makes serial 59 the Date 1900-02-27)', () => {
    expect(cellText(new Date(Date.UTC(1900, 1, 27)), null)).toBe('1900-02-28');
    expect(cellText(new Date(Date.UTC(1900, 2, 1)), null)).toBe('1900-03-01');
    expect(cellText(new Date(Date.UTC(2025, 0, 10, 12)), null)).toBe('2025-01-10');
    expect(cellText(new Date(Date.UTC(1900, 1, 28)), null)).toMatchObject({
      code: 'INVALID_DATE',
      received: '1900-02-29',
    });
  });
});

describe('.xlsx registers and ballots', () => {
  it('reads Chinese headers, numbers, formulas, rich text, shared strings and hyperlinks', async () => {
    const bytes = await book({
      单元清单: [
        ['房号', '楼栋', '面积（m²）', '业主', '状态'],
        ['1-101', 1, 89.5, '张三', '已交付'],
        [
          '1-102',
          '1',
          '120.00',
          { richText: [{ text: '李' }, { font: { bold: true }, text: '四' }] },
          'unsold',
        ],
        [
          '1-103',
          1,
          { formula: '40+49.49999999999', result: 89.49999999999 },
          { text: '王五', hyperlink: 'https://example.org/w5' },
          '',
        ],
        [{ formula: '"1-"&"104"', result: '1-104' }, 1, 60, '张三', null],
      ],
    });
    const { data, source, warnings } = await parseUnitRegistry(bytes, 'units.xlsx');
    expect(source).toMatchObject({ format: 'xlsx', sheet: '单元清单', lines: [2, 3, 4, 5] });
    expect(warnings).toEqual([]);
    expect(data.units).toEqual([
      { id: '1-101', building: '1', area: '89.50', owner: '张三', status: 'delivered' },
      { id: '1-102', building: '1', area: '120.00', owner: '李四', status: 'unsold' },
      { id: '1-103', building: '1', area: '89.50', owner: '王五', status: 'delivered' },
      { id: '1-104', building: '1', area: '60.00', owner: '张三', status: 'delivered' },
    ]);
  });

  it('names file, sheet, row and column of a bad value, below a title row', async () => {
    const bytes = await book({
      Sheet1: [
        ['梅园小区专有部分清单'],
        ['id', 'building', 'area', 'owner', 'status'],
        ['1', '1', 50, 'a', 'delivered'],
        ['2', '1', 0, 'b', 'constructor'],
      ],
    });
    const issues = await refused(parseUnitRegistry(bytes, 'u.xlsx'));
    expect(issues.map(formatIssue)).toEqual([
      'u.xlsx: sheet "Sheet1", row 4, column C: field "area": expected an area above 0.00 m²; an exclusive part (专有部分) has a positive area, got "0.00"',
      'u.xlsx: sheet "Sheet1", row 4, column E: field "status": expected one of delivered|unsold|undelivered (已交付/未售/未交付), got "constructor"',
    ]);
  });

  it('refuses an area with more than 2 decimals, a date in an identity column, an error value and a formula without a result', async () => {
    const bytes = await book({
      S: [
        ['id', 'building', 'area', 'owner'],
        ['1', '1', 50.123, 'a'],
        [new Date(Date.UTC(2025, 0, 10)), '1', 50, 'b'],
        ['3', '1', 50, { error: '#N/A' }],
        ['4', '1', { formula: 'C2*2' }, 'd'],
      ],
    });
    const msgs = (await refused(parseUnitRegistry(bytes, 'u.xlsx'))).map(formatIssue);
    expect(msgs).toHaveLength(4);
    expect(msgs[0]).toMatch(
      /^u\.xlsx: sheet "S", row 2, column C: field "area": expected an area with at most 2 decimals.*got "50\.123"$/,
    );
    expect(msgs[1]).toMatch(
      /^u\.xlsx: sheet "S", row 3, column A: field "id": Excel holds this cell as a date.*got "2025-01-10"$/,
    );
    expect(msgs[2]).toMatch(
      /^u\.xlsx: sheet "S", row 4, column D: field "owner": the cell holds an Excel error value, got "#N\/A"$/,
    );
    expect(msgs[3]).toMatch(
      /^u\.xlsx: sheet "S", row 5, column C: field "area": a formula without a saved result.*got "=C2\*2"$/,
    );
  });

  it('reads the sheet named or numbered, and lists the sheets when it does not exist', async () => {
    const bytes = await book({
      说明: [['这是说明页']],
      表决票: [
        ['业主', '表决意见', '表决方式'],
        ['张三', '同意', '纸质'],
        ['李四', '反对', ''],
      ],
    });
    const byName = await parseBallots(bytes, 'b.xlsx', { sheet: '表决票' });
    expect(byName.data).toEqual([
      { owner: '张三', choice: 'agree', channel: 'paper' },
      { owner: '李四', choice: 'oppose' },
    ]);
    expect((await parseBallots(bytes, 'b.xlsx', { sheet: 2 })).data).toEqual(byName.data);
    expect((await parseBallots(bytes, 'b.xlsx', { sheet: '2' })).data).toEqual(byName.data);
    expect((await refused(parseBallots(bytes, 'b.xlsx', { sheet: 'Votes' }))).map(formatIssue)).toEqual([
      'b.xlsx: no sheet "Votes"; the workbook\'s sheets are 1. "说明", 2. "表决票"',
    ]);
    // the first sheet is not a ballot sheet: its header is refused with the sheet named
    const first = (await refused(parseBallots(bytes, 'b.xlsx'))).map(formatIssue);
    expect(first).toEqual([
      'b.xlsx: sheet "说明": no header row: the sheet holds only rows of one cell; expected a header row naming the columns (owner, choice, channel) and one row per ballot',
    ]);
  });

  it('refuses a value right of the last header column', async () => {
    const bytes = await book({
      B: [
        ['owner', 'choice'],
        ['a', 'agree'],
        ['b', 'agree', '李四'],
      ],
    });
    expect((await refused(parseBallots(bytes, 'b.xlsx'))).map(formatIssue)).toEqual([
      'b.xlsx: sheet "B", row 3, column C: a value right of the last header column (B); give the column a header, or move the value into its column, got "李四"',
    ]);
  });

  it('refuses two ballots of one owner naming both rows, and bytes that are not a workbook', async () => {
    const bytes = await book({
      B: [
        ['owner', 'choice'],
        ['a', 'agree'],
        ['b', 'agree'],
        ['a', 'oppose'],
      ],
    });
    expect((await refused(parseBallots(bytes, 'b.xlsx'))).map(formatIssue)).toEqual([
      'b.xlsx: sheet "B", row 4, column A: field "owner": owner "a" already has a ballot at row 2; one owner, one ballot',
    ]);
    const msgs = (await refused(parseBallots(new TextEncoder().encode('owner,choice\n'), 'b.xlsx'))).map(
      formatIssue,
    );
    expect(msgs[0]).toMatch(/^b\.xlsx: cannot be read as an Excel workbook/);
    expect((await refused(parseBallots(new Uint8Array([1, 2]), 'b.xls'))).map(formatIssue)).toEqual([
      'b.xls: .xls files cannot be read; save the sheet as .xlsx or as "CSV UTF-8 (逗号分隔)"',
    ]);
  });
});
