import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEMBER_BODY_IDS } from '@yishi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyIn } from './tally/tally.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-tally-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const writeJson = (name: string, value: unknown) => write(name, JSON.stringify(value, null, 2));

const tally = tallyIn(dir);

async function tallyJson(...argv: string[]) {
  const r = await tally(...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

// ── a small estate ────────────────────────────────────────────────────────────────────────
// 6 persons: alice (two units), bob, carol, dave, erin, and the developer (B-201 unsold and
// B-202 sold to frank but not delivered: both vote as the developer). Total 781.50 m².
const UNITS = [
  { id: 'A-101', building: 'A', area: '100.00', owner: 'alice', status: 'delivered' },
  { id: 'A-102', building: 'A', area: '80.50', owner: 'bob', status: 'delivered' },
  { id: 'A-201', building: 'A', area: '120.25', owner: 'carol', status: 'delivered' },
  { id: 'A-202', building: 'A', area: '95.75', owner: 'alice', status: 'delivered' },
  { id: 'B-101', building: 'B', area: '110.00', owner: 'dave', status: 'delivered' },
  { id: 'B-102', building: 'B', area: '90.00', owner: 'erin', status: 'delivered' },
  { id: 'B-201', building: 'B', area: '100.00', owner: 'developer', status: 'unsold' },
  { id: 'B-202', building: 'B', area: '85.00', owner: 'frank', status: 'undelivered' },
];
const BALLOTS = [
  { owner: 'alice', choice: 'agree', channel: 'paper' },
  { owner: 'bob', choice: 'agree', channel: 'online' },
  { owner: 'carol', choice: 'agree' },
  { owner: 'dave', choice: 'oppose', channel: 'proxy' },
  { owner: 'erin', choice: 'abstain', channel: 'inPerson' },
];
const ZH: Record<string, string> = {
  agree: '同意',
  oppose: '反对',
  abstain: '弃权',
  paper: '纸质',
  online: '线上',
  proxy: '委托',
  inPerson: '现场',
  delivered: '已交付',
  unsold: '未售',
  undelivered: '未交付',
};

beforeAll(() => {
  writeJson('units.json', { units: UNITS });
  write(
    'units.csv',
    `id,building,area,owner,status\r\n${UNITS.map((u) => [u.id, u.building, u.area, u.owner, u.status].join(',')).join('\r\n')}\r\n`,
  );
  write(
    'units-zh.csv',
    `\uFEFF房号,楼栋,面积,业主,状态\n${UNITS.map((u) => [u.id, u.building, u.area, u.owner, ZH[u.status]].join(',')).join('\n')}\n`,
  );
  writeJson('ballots.json', BALLOTS);
  write(
    'ballots.csv',
    `owner,choice,channel\n${BALLOTS.map((b) => [b.owner, b.choice, b.channel ?? ''].join(',')).join('\n')}\n`,
  );
  write(
    'ballots-zh.csv',
    `业主,表决意见,渠道\r\n${BALLOTS.map((b) => [b.owner, ZH[b.choice], b.channel ? ZH[b.channel] : ''].join(',')).join('\r\n')}\r\n`,
  );
  writeJson('ballots-a.json', [
    { owner: 'alice', choice: 'agree' },
    { owner: 'bob', choice: 'agree' },
    { owner: 'carol', choice: 'agree' },
  ]);
});

const owners = (...extra: string[]) => ['--registry', 'units.json', '--ballots', 'ballots.json', ...extra];

describe('yishi tally: owners’ assembly', () => {
  it('gives identical results from JSON, English CSV and Chinese CSV', async () => {
    const args = ['--policy', 'cn-national', '--matter', 'hireManager', '--at', '2025-06-01'];
    const fromJson = await tallyJson(...owners(...args));
    const fromCsv = await tallyJson('--registry', 'units.csv', '--ballots', 'ballots.csv', ...args);
    const fromZh = await tallyJson('--registry', 'units-zh.csv', '--ballots', 'ballots-zh.csv', ...args);
    expect(fromCsv).toEqual(fromJson);
    expect(fromZh).toEqual(fromJson);
    const text = await tally(...owners(...args));
    const textCsv = await tally('--registry', 'units-zh.csv', '--ballots', 'ballots-zh.csv', ...args);
    expect(textCsv.out).toBe(text.out);
  });

  it('--json prints one object with the result, counts and explanation', async () => {
    const r = await tallyJson(...owners('--matter', 'hireManager', '--at', '2025-06-01'));
    for (const key of [
      'body',
      'counts',
      'explanation',
      'matter',
      'outcome',
      'passed',
      'policy',
      'quorumMet',
    ]) {
      expect(r).toHaveProperty(key);
    }
    expect(r).toMatchObject({
      body: 'ownersAssembly',
      matter: 'hireManager',
      policy: { id: 'cn-national', at: '2025-06-01', reforms: [] },
      quorumMet: true,
      passed: true,
      outcome: 'passed',
    });
    expect(r.counts).toMatchObject({
      units: 8,
      total: { area: '781.50', owners: 6 },
      participating: { area: '596.50', owners: 5 },
      agree: { area: '396.50', owners: 3 },
      oppose: { area: '110.00', owners: 1 },
      abstain: { area: '90.00', owners: 1 },
      notVoted: { area: '185.00', owners: 1 },
    });
    expect(r.explanation.lines.map((l: { id: string; met: boolean }) => [l.id, l.met])).toEqual([
      ['quorum.area', true],
      ['quorum.headcount', true],
      ['approval.area', true],
      ['approval.headcount', true],
    ]);
    expect(r.explanation.summary['zh-CN']).toContain('表决通过');
  });

  it('a pass: the Chinese table has header, lines with thresholds and ✓, parameters and the summary', async () => {
    const r = await tally(
      ...owners('--policy', 'cn-national', '--matter', 'hireManager', '--at', '2025-06-01'),
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('【业主大会】表决结果');
    expect(r.out).toContain('选聘和解聘物业服务企业或者其他管理人（hireManager）');
    expect(r.out).toContain('全国（民法典 / 物权法） · cn-national，适用 2025-06-01 施行的规定');
    expect(r.out).toMatch(/法定人数 +参与表决的业主人数 +5 \/ 6 人 +83\.33% +三分之二以上 +✓/);
    expect(r.out).toMatch(/表决 +同意的专有部分面积 +396\.50 \/ 596\.50 m² +66\.47% +过半数 +✓/);
    expect(r.out).toMatch(
      /ownersAssembly\.quorum +面积三分之二以上且人数三分之二以上 +2021-01-01 +民法典 第278条第2款/,
    );
    expect(r.out).toMatch(/\n结论：「选聘和解聘物业服务企业或者其他管理人」表决通过（普通多数）。\n$/);
  });

  it('a fail: a special matter short of three quarters, with the gap and failure codes', async () => {
    const r = await tally(...owners('--matter', 'changeCommonUse', '--at', '2025-06-01'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('✗ 未通过');
    expect(r.out).toMatch(/表决 +同意的业主人数 +3 \/ 5 人 +60\.00% +四分之三以上 +✗ +1 人/);
    expect(r.out).toContain('✗ APPROVAL_AREA_NOT_MET');
    expect(r.out).toContain('✗ APPROVAL_HEADCOUNT_NOT_MET');
    const j = await tallyJson(...owners('--matter', 'changeCommonUse', '--at', '2025-06-01'));
    expect(j).toMatchObject({ quorumMet: true, passed: false, outcome: 'rejected' });
  });

  it('--lang en prints the table in English', async () => {
    const r = await tally(...owners('--matter', 'changeCommonUse', '--at', '2025-06-01', '--lang', 'en'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Owners’ assembly: tally');
    expect(r.out).toContain(
      'Changing the use of common parts or running a business on them (changeCommonUse)',
    );
    expect(r.out).toContain(
      'National (Civil Code / Property Law) · cn-national, rules in force on 2025-06-01',
    );
    expect(r.out).toMatch(/approval +owners who agree +3 \/ 5 +60\.00% +at least 3\/4 +✗ +1/);
    expect(r.out).toContain('Parameters used');
    expect(r.out).toMatch(
      /\nSummary: “Changing the use of common parts or running a business on them” is not adopted/,
    );
    expect(r.out).not.toContain('结论');
  });

  it('--at defaults to today in Asia/Shanghai (from the injected clock)', async () => {
    const r = await tallyJson(...owners('--matter', 'hireManager'));
    expect(r.policy.at).toBe('2025-06-01');
  });

  it('--at 2020-06-01 applies the Property Law: no quorum, and lines over all owners', async () => {
    const now = await tallyJson(...owners('--matter', 'hireManager', '--at', '2025-06-01'));
    const then = await tallyJson(...owners('--matter', 'hireManager', '--at', '2020-06-01'));
    expect(now.passed).toBe(true);
    expect(then).toMatchObject({ quorumMet: true, passed: false, outcome: 'rejected' });
    expect(then.explanation.lines.map((l: { id: string }) => l.id)).toEqual([
      'approval.area',
      'approval.headcount',
    ]);
    // 3 of all 6 owners is not more than half.
    expect(then.explanation.lines[1]).toMatchObject({ part: { raw: '3' }, whole: { raw: '6' }, met: false });
    const text = await tally(...owners('--matter', 'hireManager', '--at', '2020-06-01'));
    expect(text.out).toMatch(/ownersAssembly\.quorum +无 +2007-10-01 +物权法 第76条/);
  });

  it('a reform changes the result and is named in the output', async () => {
    const r = await tallyJson(
      ...owners('--matter', 'hireManager', '--at', '2025-06-01', '--reform', 'v1-property-law'),
    );
    expect(r.policy.reforms).toEqual(['v1-property-law']);
    expect(r.passed).toBe(false);
    const perUnit = await tallyJson(
      ...owners('--matter', 'hireManager', '--at', '2025-06-01', '--reform', 'v6a-developer-per-unit'),
    );
    expect(perUnit.counts.total.owners).toBe(7);
    const text = await tally(
      ...owners('--matter', 'hireManager', '--at', '2025-06-01', '--reform', 'v1-property-law'),
    );
    expect(text.out).toContain('改革情景  v1-property-law（物权法第76条规则继续适用）');
    const two = await tallyJson(
      ...owners(
        '--matter',
        'hireManager',
        '--reform',
        'v1-property-law',
        '--reform',
        'v6a-developer-per-unit',
      ),
    );
    expect(two.policy.reforms).toEqual(['v1-property-law', 'v6a-developer-per-unit']);
  });

  it('--building makes a building-subset vote (上海规定 第69条)', async () => {
    const args = [
      '--registry',
      'units.json',
      '--ballots',
      'ballots-a.json',
      '--matter',
      'useMaintenanceFund',
    ];
    const r = await tallyJson(...args, '--policy', 'shanghai', '--building', 'A', '--at', '2025-06-01');
    expect(r).toMatchObject({ body: 'buildingSubsetVote', passed: true, outcome: 'passed' });
    expect(r.counts.total).toEqual({ area: '396.50', owners: 3 });
    expect(r.explanation.rule.id).toBe('buildingSubsetVote.ordinary');
    const text = await tally(...args, '--policy', 'shanghai', '--building', 'A', '--at', '2025-06-01');
    expect(text.out).toContain('【部分业主共同决定（部分共用部分）】表决结果');
    expect(text.out).toMatch(/该部分业主 +3 +396\.50/);
    // Two buildings: everyone is in scope.
    const both = await tallyJson(...args, '--policy', 'shanghai', '--building', 'A', '--building', 'B');
    expect(both.counts.total.owners).toBe(6);
    // The national pack has no subset vote: the whole estate decides, and the note says so.
    const national = await tallyJson(
      ...args,
      '--policy',
      'cn-national',
      '--building',
      'A',
      '--at',
      '2025-06-01',
    );
    expect(national).toMatchObject({ body: 'ownersAssembly', outcome: 'noQuorum' });
    expect(national.explanation.notes[0]['zh-CN']).toContain('由全体业主共同决定');
  });

  it('--developer names the developer key of a CSV register', async () => {
    write(
      'units-dev.csv',
      'id,building,area,owner,status\n1,A,50.00,x,delivered\n2,A,50.00,鸿泰置业,unsold\n',
    );
    write('ballots-dev.csv', 'owner,choice\nx,agree\n鸿泰置业,agree\n');
    const args = ['--registry', 'units-dev.csv', '--ballots', 'ballots-dev.csv', '--matter', 'hireManager'];
    const r = await tallyJson(...args, '--developer', '鸿泰置业');
    expect(r.counts.total.owners).toBe(2);
    expect(r.counts.agree.owners).toBe(2);
    const wrong = await tally(...args);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(
      'ballots-dev.csv:3: field "owner": owner "鸿泰置业" holds only unsold or undelivered units',
    );
  });
});

describe('yishi tally: bad input exits 2 and says where', () => {
  const bad = async (...argv: string[]) => {
    const r = await tally(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    return r.err;
  };

  it('malformed JSON', async () => {
    write('broken.json', '{"units": [ {"id": "1", } ]}');
    expect(
      await bad('--registry', 'broken.json', '--ballots', 'ballots.json', '--matter', 'hireManager'),
    ).toMatch(/^yishi tally: broken\.json: malformed JSON/);
  });

  it('a ballot from an unknown owner (CSV line, JSON index)', async () => {
    write('b-unknown.csv', 'owner,choice\nalice,agree\nbob,agree\nmallory,oppose\n');
    expect(
      await bad('--registry', 'units.json', '--ballots', 'b-unknown.csv', '--matter', 'hireManager'),
    ).toBe('yishi tally: b-unknown.csv:4: field "owner": owner "mallory" is not in the registry\n');
    writeJson('b-unknown.json', [
      { owner: 'alice', choice: 'agree' },
      { owner: 'mallory', choice: 'oppose' },
    ]);
    expect(
      await bad('--registry', 'units.csv', '--ballots', 'b-unknown.json', '--matter', 'hireManager'),
    ).toBe('yishi tally: b-unknown.json: [1]: field "owner": owner "mallory" is not in the registry\n');
  });

  it('a ballot from a buyer whose unit is not delivered', async () => {
    writeJson('b-frank.json', [{ owner: 'frank', choice: 'agree' }]);
    const err = await bad('--registry', 'units.json', '--ballots', 'b-frank.json', '--matter', 'hireManager');
    expect(err).toContain(
      'b-frank.json: [0]: field "owner": owner "frank" holds only unsold or undelivered units',
    );
  });

  it('two ballots from one owner', async () => {
    write('b-dup.csv', 'owner,choice\nalice,agree\nbob,agree\nalice,oppose\n');
    expect(await bad('--registry', 'units.json', '--ballots', 'b-dup.csv', '--matter', 'hireManager')).toBe(
      'yishi tally: b-dup.csv:4: field "owner": owner "alice" already has a ballot at line 2; one owner, one ballot\n',
    );
  });

  it('a ballot outside the buildings of a subset vote', async () => {
    const err = await bad(
      ...owners('--matter', 'useMaintenanceFund', '--policy', 'shanghai', '--building', 'A'),
    );
    expect(err).toContain('ballots.json: [3]: field "owner": owner "dave" holds no unit in buildings A');
  });

  it('negative and malformed areas', async () => {
    write('u-neg.csv', 'id,building,area,owner\n1,A,10.00,alice\n2,A,-5.00,bob\n');
    expect(
      await bad('--registry', 'u-neg.csv', '--ballots', 'ballots-a.json', '--matter', 'hireManager'),
    ).toBe(
      'yishi tally: u-neg.csv:3: field "area": expected a non-negative area in m² with at most 2 decimals, e.g. "89.50", got "-5.00"\n',
    );
    writeJson('u-bad.json', { units: [{ id: '1', building: 'A', area: '1,200.00', owner: 'alice' }] });
    expect(
      await bad('--registry', 'u-bad.json', '--ballots', 'ballots-a.json', '--matter', 'hireManager'),
    ).toContain(
      'u-bad.json: units[0]: field "area": expected a non-negative area in m² with at most 2 decimals, e.g. "89.50", got "1,200.00"',
    );
  });

  it('a bad choice, as documented', async () => {
    write('b-yes.csv', 'owner,choice\nalice,yes\n');
    expect(await bad('--registry', 'units.json', '--ballots', 'b-yes.csv', '--matter', 'hireManager')).toBe(
      'yishi tally: b-yes.csv:2: field "choice": expected one of agree|oppose|abstain|invalid (同意/反对/弃权/无效), got "yes"\n',
    );
  });

  it('problems in both files are reported together', async () => {
    write('b-yes2.csv', 'owner,choice\nalice,yes\n');
    const err = await bad('--registry', 'u-neg.csv', '--ballots', 'b-yes2.csv', '--matter', 'hireManager');
    expect(err).toContain('u-neg.csv:3: field "area"');
    expect(err).toContain('b-yes2.csv:2: field "choice"');
  });

  it('unknown matter, policy, reform and body', async () => {
    expect(await bad(...owners('--matter', 'paintTheFence'))).toMatch(
      /^yishi tally: --matter: unknown matter "paintTheFence"; expected one of rulesOfProcedure/,
    );
    expect(await bad(...owners('--matter', 'hireManager', '--policy', 'beijing'))).toBe(
      'yishi tally: --policy: unknown policy "beijing"; expected one of: cn-national, shanghai\n',
    );
    expect(await bad(...owners('--matter', 'hireManager', '--reform', 'v99'))).toMatch(
      /^yishi tally: --reform: unknown reform "v99"; expected one of: v1-property-law/,
    );
    expect(await bad('--body', 'parliament', '--record', 'x.json')).toMatch(
      /^yishi tally: --body: unknown body "parliament"; expected one of ownersAssembly\|residentsMeeting/,
    );
  });

  it('missing required options, and options that do not apply', async () => {
    expect(await bad('--registry', 'units.json', '--matter', 'hireManager')).toBe(
      'yishi tally: missing required option --ballots (for --body ownersAssembly)\n',
    );
    expect(await bad('--body', 'residentsMeeting', '--registry', 'r.json', '--ballots', 'b.json')).toBe(
      'yishi tally: option --ballots does not apply to --body residentsMeeting\nyishi tally: missing required option --record (for --body residentsMeeting)\n',
    );
    expect(
      await bad('--body', 'villagersGroupMeeting', '--registry', 'v.json', '--record', 'm.json'),
    ).toContain('missing required option --group');
  });

  it('file not found', async () => {
    expect(
      await bad('--registry', 'nowhere.csv', '--ballots', 'ballots.json', '--matter', 'hireManager'),
    ).toBe('yishi tally: nowhere.csv: file not found (文件不存在)\n');
  });

  it('unknown options, stray arguments, bad dates, languages and buildings', async () => {
    // Once Node's own parser text ("Unknown option '--colour'"); now yishi's (see args.test.ts).
    expect(await bad(...owners('--matter', 'hireManager', '--colour', 'red'))).toMatch(
      /^yishi tally: --colour: 未知选项 unknown option/,
    );
    expect(await bad(...owners('--matter', 'hireManager', 'extra'))).toMatch(
      /^yishi tally: "extra": 多余的参数 unexpected argument; yishi tally takes options only/,
    );
    expect(await bad(...owners('--matter', 'hireManager', '--at', '2025-02-30'))).toBe(
      'yishi tally: --at: expected an existing date as YYYY-MM-DD, got "2025-02-30"\n',
    );
    expect(await bad(...owners('--matter', 'hireManager', '--lang', 'fr'))).toBe(
      'yishi tally: --lang: expected zh-CN or en, got "fr"\n',
    );
    expect(await bad(...owners('--matter', 'hireManager', '--policy', 'shanghai', '--building', 'Z'))).toBe(
      'yishi tally: --building: no unit of units.json lies in "Z"; its buildings are A, B\n',
    );
  });

  it.each([
    // [arguments after the owners' files and --matter, the first line of the message]
    [
      ['--days', '-3'],
      'yishi tally: --days: 未知选项 unknown option; 可用选项 expected one of --body, --policy, --at',
    ],
    [['--at'], 'yishi tally: --at: 缺少取值 missing value; expected --at YYYY-MM-DD'],
    [
      ['--at', '--json'],
      'yishi tally: --at: 缺少取值 missing value (--json is the next option); expected --at YYYY-MM-DD',
    ],
    [
      ['--at', '2025-06-01', '--at', '2025-07-01'],
      'yishi tally: --at: 只能给一次 given 2 times ("2025-06-01", "2025-07-01"); expected it once',
    ],
    [['--policy', 'shanghai', '--policy=cn-national'], 'yishi tally: --policy: 只能给一次 given 2 times'],
    [['--json=yes'], 'yishi tally: --json: 不接受取值 takes no value, got "yes"; expected --json alone'],
    [['--matte', 'x'], 'yishi tally: --matte: 未知选项 unknown option; 是否想用 did you mean --matter?'],
    [
      ['--encoding', 'latin1'],
      'yishi tally: --encoding: 不支持的取值 unsupported value "latin1"; expected one of utf8|utf-8|',
    ],
    [
      ['--key-collisions', 'ignore'],
      'yishi tally: --key-collisions: 不支持的取值 unsupported value "ignore"; expected one of warn|refuse',
    ],
    [['--sheet'], 'yishi tally: --sheet: 缺少取值 missing value; expected --sheet <name|index>'],
  ])('argument error %j: yishi’s own message naming the flag, usage, exit 2', async (extra, first) => {
    const r = await tally(...owners('--matter', 'hireManager', ...extra));
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.startsWith(first)).toBe(true);
    expect(r.err).toContain('用法 Usage:\n  yishi tally --registry');
    for (const raw of [
      'ERR_PARSE_ARGS',
      'TypeError',
      "Unknown option '",
      "Unexpected argument '",
      "Option '",
    ]) {
      expect(r.err).not.toContain(raw);
    }
  });

  it('a negative number after --at is taken as its value and refused as a date', async () => {
    const r = await tally(...owners('--matter', 'hireManager', '--at', '-1'));
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe('yishi tally: --at: expected an existing date as YYYY-MM-DD, got "-1"\n');
  });

  it('--lang fr and a missing required option are refused without a parser message', async () => {
    for (const argv of [
      owners('--matter', 'hireManager', '--lang', 'fr'),
      ['--registry', 'units.json', '--matter', 'hireManager'],
      ['--body', 'residentsMeeting', '--registry', 'residents.json'],
    ]) {
      const r = await tally(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^yishi tally: (--lang: expected zh-CN or en|missing required option --)/);
      for (const raw of ['ERR_PARSE_ARGS', 'TypeError', "Unknown option '"]) expect(r.err).not.toContain(raw);
    }
  });

  it('--encoding in any case, --sheet and --key-collisions are accepted for the owners’ assembly', async () => {
    const plain = await tallyJson(...owners('--matter', 'hireManager', '--at', '2025-06-01'));
    const withOptions = await tallyJson(
      ...owners('--matter', 'hireManager', '--at', '2025-06-01', '--encoding', 'UTF-8'),
      '--sheet',
      '1',
      '--key-collisions',
      'refuse',
    );
    expect(withOptions).toEqual(plain);
  });

  it('a policy with no rule on that date', async () => {
    expect(await bad(...owners('--matter', 'hireManager', '--at', '2001-01-01'))).toMatch(
      /no value for "ownersAssembly\.[A-Za-z.]+" in force on 2001-01-01/,
    );
  });

  it('--help prints usage and exits 0', async () => {
    const r = await tally('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('yishi tally --registry');
  });
});

// ── people ───────────────────────────────────────────────────────────────────────────────
describe('yishi tally: other bodies', () => {
  beforeAll(() => {
    writeJson('residents.json', {
      community: '测试居民区',
      residents: [
        { id: 'r1', household: 'h1', adult: true, roles: ['residentsGroupRepresentative'] },
        { id: 'r2', household: 'h1', birthDate: '2010-01-01' },
        { id: 'r3', household: 'h2', birthDate: '1970-05-05', roles: ['residentsGroupRepresentative'] },
        { id: 'r4', household: 'h3', adult: true },
        { id: 'r5', household: 'h3', adult: true },
      ],
    });
    writeJson('r-meeting.json', {
      date: '2025-03-01',
      present: ['r1', 'r3', 'r4'],
      votes: [
        { voter: 'r1', choice: 'agree' },
        { voter: 'r3', choice: 'agree' },
        { voter: 'r4', choice: 'oppose' },
      ],
    });
    writeJson('villagers.json', {
      villagers: [
        { id: 'v1', household: 'd1', villagersGroup: 'g1', adult: true },
        { id: 'v2', household: 'd1', villagersGroup: 'g1', adult: true },
        { id: 'v3', household: 'd2', villagersGroup: 'g1', adult: true },
        { id: 'v4', household: 'd3', villagersGroup: 'g2', adult: true },
        { id: 'v5', household: 'd3', villagersGroup: 'g2', adult: true },
        { id: 'v6', household: 'd4', villagersGroup: 'g2', adult: true },
      ],
    });
    writeJson('v-meeting.json', {
      date: '2025-04-10',
      present: ['v1', 'v3', 'v6'],
      votes: [
        { voter: 'v1', choice: 'agree' },
        { voter: 'v3', choice: 'agree' },
        { voter: 'v6', choice: 'oppose' },
      ],
    });
    writeJson('g-meeting.json', {
      date: '2025-04-11',
      present: ['v1', 'v2', 'v3'],
      votes: [
        { voter: 'v1', choice: 'agree' },
        { voter: 'v2', choice: 'agree' },
      ],
    });
    writeJson('m-meeting.json', {
      date: '2025-04-10',
      present: ['m1', 'm2', 'm3'],
      votes: [
        { voter: 'm1', choice: 'agree' },
        { voter: 'm2', choice: 'agree' },
        { voter: 'm3', choice: 'oppose' },
      ],
    });
    writeJson('hearing.json', {
      date: '2025-02-20',
      present: ['a', 'b', 'c'],
      opinions: [{ by: 'a', text: '支持增设充电棚' }, { text: '担心施工噪音' }],
    });
  });

  const residents = (...extra: string[]) => [
    '--body',
    'residentsMeeting',
    '--registry',
    'residents.json',
    '--record',
    'r-meeting.json',
    '--policy',
    'shanghai',
    ...extra,
  ];

  it('residentsMeeting: adults by default; --base households; the meeting date is the default --at', async () => {
    const r = await tallyJson(...residents());
    expect(r).toMatchObject({ body: 'residentsMeeting', passed: true, outcome: 'passed', matter: null });
    expect(r.policy).toMatchObject({ id: 'shanghai', at: '2025-03-01', reforms: [] });
    expect(r.counts).toMatchObject({ eligible: 4, present: 3, agree: 2, oppose: 1, base: 'adults' });
    const hh = await tallyJson(...residents('--base', 'households'));
    expect(hh.counts).toMatchObject({ eligible: 3, base: 'households' });
    expect(hh.explanation.lines[0].id).toBe('quorum.households');
    const text = await tally(...residents());
    expect(text.out).toContain('【居民会议】表决结果');
    expect(text.out).toMatch(/法定人数 +到会的十八周岁以上居民 +3 \/ 4 人 +75\.00% +过半数 +✓/);
  });

  it('residentsMeeting: a non-representative at a representatives’ meeting is located in the record', async () => {
    const r = await tally(...residents('--base', 'groupRepresentatives'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'yishi tally: r-meeting.json: present[2]: field "present": "r4" is not a representative elected by a residents\' group\n',
    );
  });

  it('residentsMeeting: a vote from someone not signed in', async () => {
    writeJson('r-bad.json', {
      date: '2025-03-01',
      present: ['r1'],
      votes: [{ voter: 'r5', choice: 'agree' }],
    });
    const r = await tally(
      '--body',
      'residentsMeeting',
      '--registry',
      'residents.json',
      '--record',
      'r-bad.json',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'r-bad.json: votes[0]: field "voter": "r5" voted but is not signed in as present',
    );
  });

  it('villagersMeeting: the either-or quorum, and a reform that needs both bases', async () => {
    const args = ['--body', 'villagersMeeting', '--registry', 'villagers.json', '--record', 'v-meeting.json'];
    const r = await tallyJson(...args);
    expect(r).toMatchObject({ body: 'villagersMeeting', quorumMet: true, passed: true });
    expect(r.explanation.notes[0]['zh-CN']).toContain('任一基数');
    const both = await tallyJson(...args, '--reform', 'v10b-village-both-bases');
    expect(both).toMatchObject({ quorumMet: false, passed: false, outcome: 'noQuorum' });
    const text = await tally(...args);
    expect(text.out).toMatch(/法定人数 +到会代表的户数 +3 \/ 4 户 +75\.00% +三分之二以上 +✓/);
  });

  it('villagersGroupMeeting: --group picks the group', async () => {
    const args = [
      '--body',
      'villagersGroupMeeting',
      '--registry',
      'villagers.json',
      '--record',
      'g-meeting.json',
    ];
    const r = await tallyJson(...args, '--group', 'g1');
    expect(r).toMatchObject({ body: 'villagersGroupMeeting', passed: true });
    expect(r.counts).toMatchObject({ adults: 3, adultsPresent: 3, households: 2 });
    const none = await tally(...args, '--group', 'g9');
    expect(none.code).toBe(2);
    expect(none.err).toBe('yishi tally: --group: no villager belongs to group "g9"\n');
    const wrong = await tally(...args, '--group', 'g2');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(
      'g-meeting.json: present[0]: field "present": "v1" is not a villager of this group',
    );
  });

  it.each(MEMBER_BODY_IDS)('%s: members and a record', async (body) => {
    const registerBody = {
      ownersCommitteeMeeting: 'ownersCommittee',
      villagerRepresentativesMeeting: 'villagerRepresentatives',
      partyMembersCouncil: 'partyMembersCouncil',
      buildingGroupMeeting: 'buildingGroup',
      ownerRepresentativesMeeting: 'ownerRepresentatives',
      residentRepresentativesMeeting: 'residentRepresentatives',
    }[body];
    const members = `members-${body}.json`;
    writeJson(members, {
      body: registerBody,
      members: ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => ({ id, termStart: '2023-01-01' })),
    });
    const r = await tallyJson(
      '--body',
      body,
      '--members',
      members,
      '--record',
      'm-meeting.json',
      '--policy',
      'shanghai',
    );
    expect(r.body).toBe(body);
    expect(r.counts).toMatchObject({ eligible: 5, present: 3, agree: 2, oppose: 1 });
    const expected =
      body === 'ownersCommitteeMeeting'
        ? 'rejected' // decisions need more than half of ALL members (上海规定 第26条): 2 of 5
        : body === 'villagerRepresentativesMeeting'
          ? 'noQuorum' // at least two thirds of members must attend: 3 of 5
          : 'passed';
    expect(r.outcome).toBe(expected);
    const text = await tally(
      '--body',
      body,
      '--members',
      members,
      '--record',
      'm-meeting.json',
      '--policy',
      'shanghai',
    );
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^【.+】表决结果\n/);
  });

  it('a member register of another body is refused', async () => {
    writeJson('members-wrong.json', { body: 'buildingGroup', members: [{ id: 'm1' }] });
    const r = await tally(
      '--body',
      'ownersCommitteeMeeting',
      '--members',
      'members-wrong.json',
      '--record',
      'm-meeting.json',
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'yishi tally: members-wrong.json: field "body": this register is of "buildingGroup" but --body ownersCommitteeMeeting needs "ownersCommittee"\n',
    );
  });

  it('a body whose rule the policy lacks says which policy has it', async () => {
    writeJson('members-oc.json', {
      body: 'ownersCommittee',
      members: [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }],
    });
    const r = await tally(
      '--body',
      'ownersCommitteeMeeting',
      '--members',
      'members-oc.json',
      '--record',
      'm-meeting.json',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('(try --policy shanghai, or another --at date)');
  });

  it.each(['hearing', 'coordinationMeeting', 'evaluationMeeting', 'jointMeeting'])(
    '%s: recorded, with opinions',
    async (body) => {
      const r = await tallyJson('--body', body, '--record', 'hearing.json');
      expect(r).toMatchObject({ body, quorumMet: null, passed: null, outcome: 'recorded', matter: null });
      expect(r.counts.opinions).toBe(2);
      const text = await tally('--body', body, '--record', 'hearing.json', '--lang', 'en');
      expect(text.code).toBe(0);
      expect(text.out).toContain('recorded (this meeting takes no binding decision)');
      expect(text.out).toContain('1. 支持增设充电棚 (a)');
      expect(text.out).toContain('2. 担心施工噪音');
    },
  );

  it('--sheet belongs to register files (not to 三会 records); --encoding and --key-collisions to every body', async () => {
    const r = await tally('--body', 'hearing', '--record', 'hearing.json', '--sheet', '1');
    expect([r.code, r.err]).toEqual([2, 'yishi tally: option --sheet does not apply to --body hearing\n']);
    const ok = await tally(
      '--body',
      'hearing',
      '--record',
      'hearing.json',
      '--encoding',
      'UTF-8',
      '--key-collisions',
      'warn',
    );
    expect(ok.code).toBe(0);
  });

  it('meeting records must be JSON, and --matter belongs to the owners’ assembly', async () => {
    const csv = await tally('--body', 'hearing', '--record', 'units.csv');
    expect(csv.code).toBe(2);
    expect(csv.err).toContain('units.csv: expected a JSON meeting record');
    const matter = await tally('--body', 'hearing', '--record', 'hearing.json', '--matter', 'hireManager');
    expect(matter.code).toBe(2);
    expect(matter.err).toBe('yishi tally: option --matter does not apply to --body hearing\n');
  });
});

// ── the real binary ──────────────────────────────────────────────────────────────────────
describe('the built binary', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = resolve(here, '../..');
  const root = resolve(pkg, '../..');
  const bin = join(pkg, 'bin/yishi.mjs');
  const dist = join(pkg, 'dist/index.js');
  const bundle = join(pkg, 'dist-bin/yishi.cjs');
  const cache = join(pkg, 'dist-bin/yishi.cache');

  const newest = (d: string): number =>
    Math.max(
      0,
      ...readdirSync(d, { withFileTypes: true }).map((e) =>
        e.isDirectory()
          ? newest(join(d, e.name))
          : e.name.endsWith('.test.ts')
            ? 0
            : statSync(join(d, e.name)).mtimeMs,
      ),
    );

  beforeAll(() => {
    // Build first if dist is missing or older than the sources (`npx tsup` in packages/cli).
    const built = Math.min(...[dist, bundle].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
    if (built < newest(join(pkg, 'src'))) {
      execFileSync(join(pkg, 'node_modules/.bin/tsup'), { cwd: pkg, stdio: 'ignore', timeout: 120_000 });
    }
    if (!existsSync(cache) || statSync(cache).mtimeMs < statSync(bundle).mtimeMs) {
      execFileSync(process.execPath, ['scripts/code-cache.mjs'], {
        cwd: pkg,
        stdio: 'ignore',
        timeout: 120_000,
      });
    }
  }, 150_000);

  it('tallies the examples: node packages/cli/bin/yishi.mjs tally …', () => {
    const args = [
      bin,
      'tally',
      '--registry',
      'examples/estate/units.csv',
      '--ballots',
      'examples/estate/ballots.csv',
      '--policy',
      'cn-national',
      '--matter',
      'useMaintenanceFund',
      '--at',
      '2025-06-01',
      '--json',
    ];
    // Another build (turbo) may be rewriting dist at this moment: retry briefly.
    let r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    for (
      let i = 0;
      i < 3 && r.status !== 0 && /ERR_MODULE_NOT_FOUND|Cannot find module/.test(r.stderr);
      i++
    ) {
      execFileSync(process.execPath, ['-e', 'setTimeout(() => {}, 1000)']);
      r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    }
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ body: 'ownersAssembly', matter: 'useMaintenanceFund', passed: true });
    expect(result.counts.total).toEqual({ area: '6335.62', owners: 50 });

    const fromJson = spawnSync(
      process.execPath,
      args.map((a) => a.replace(/\.csv$/, '.json')),
      { cwd: root, encoding: 'utf8' },
    );
    expect(JSON.parse(fromJson.stdout)).toEqual(result);

    const badRun = spawnSync(process.execPath, [bin, 'tally', '--registry', 'nowhere.json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(badRun.status).toBe(2);
  });

  it('compiles the bundle with the code cache the build wrote (V8 accepts it)', () => {
    const check = `import(${JSON.stringify(join(pkg, 'bin/bundle.mjs'))}).then((m) => process.stdout.write(String(m.compileBundle().cachedDataRejected)))`;
    const r = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'false', '']);
  });

  it('the bundled binary loads its lazy readers: an .xlsx register (exceljs) and --provisional (lunar calendar)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const dir = mkdtempSync(join(tmpdir(), 'yishi-bin-'));
    try {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('专有部分');
      sheet.addRow(['房号', '楼栋', '面积', '业主']);
      sheet.addRow(['1-101', '1号楼', 89.5, '王芳']);
      sheet.addRow(['1-102', '1号楼', 90.1, '李娜']);
      await book.xlsx.writeFile(join(dir, 'units.xlsx'));
      writeFileSync(join(dir, 'ballots.json'), JSON.stringify([{ owner: '王芳', choice: 'agree' }]));
      const r = spawnSync(
        process.execPath,
        [
          bin,
          'tally',
          '--registry',
          'units.xlsx',
          '--ballots',
          'ballots.json',
          '--matter',
          'hireManager',
          '--at',
          '2026-11-27',
          '--json',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).counts.total).toEqual({ area: '179.60', owners: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const p = spawnSync(
      process.execPath,
      [bin, 'calendar', 'period-end', '--start', '2026-12-20', '--days', '15', '--provisional'],
      { cwd: root, encoding: 'utf8' },
    );
    expect([p.status, p.stdout]).toEqual([0, '2027-01-04\n']);
    expect(p.stderr).toContain('provisional');
  });
});
