import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendEntry, type LogEntry, toJsonl } from '@yishi/core/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../index.js';
import { replayCommand, summarise, command as yishiReplay } from './replay.js';
import { fakeIo, noticeKinds, writeNoticeLog } from './verify.fixtures.js';

const log = writeNoticeLog();
afterAll(() => rmSync(log.dir, { recursive: true, force: true }));
const lines = log.text.slice(0, -1).split('\n');
const command = replayCommand(async () => noticeKinds);

async function replay(...argv: string[]) {
  const io = fakeIo(log.dir);
  const code = await command(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('yishi replay', () => {
  it('prints every process with its state and key figures', async () => {
    const r = await replay(log.file);
    expect(r.code).toBe(0);
    const head = JSON.parse(lines.at(-1)!).hash;
    expect(r.out).toBe(
      [
        `✓ 已重放 replayed ${lines.length} entries, 3 processes, head seq ${lines.length} sha256 ${head}`,
        '',
        'roster roster:default: active',
        '  1 entries, seq 1–1',
        '  community: default',
        '  appointments: 2 items',
        '  elections: 0 items',
        '  today: null',
        '  closure: null',
        '',
        'publicNotice n-1: completed (done)',
        `  12 entries, seq 2–${lines.length - 2}`,
        '  title: 2号楼加装电梯方案公示',
        '  postedOn: 2024-09-20',
        '  lastDay: 2024-09-27',
        '  objections: {"dismissed":1}',
        '  withdrawn: false',
        '',
        'publicNotice n-2: running',
        `  9 entries, seq 8–${lines.length}`,
        '  title: 自治金使用公示',
        '  postedOn: 2024-09-22',
        '  lastDay: 2024-09-29',
        '  objections: {}',
        '  withdrawn: false',
        '',
      ].join('\n'),
    );
  });

  it('--json gives state, status, entries and the summary per process', async () => {
    const r = await replay(log.file, '--json');
    const json = JSON.parse(r.out);
    expect(json.count).toBe(lines.length);
    expect(
      json.processes.map((p: { id: string; state: string; status: string }) => [p.id, p.state, p.status]),
    ).toEqual([
      ['roster:default', 'active', 'active'],
      ['n-1', 'completed', 'done'],
      ['n-2', 'running', 'active'],
    ]);
    expect(json.processes[1].summary.objections).toEqual({ dismissed: 1 });
  });

  it('exits 1 for a broken chain and for an entry the engine would have refused', async () => {
    const changed = [...lines];
    changed[1] = changed[1]!.replace('"web"', '"paper"');
    writeFileSync(join(log.dir, 'changed.jsonl'), `${changed.join('\n')}\n`);
    const broken = await replay('changed.jsonl');
    expect([broken.code, broken.out]).toEqual([
      1,
      expect.stringMatching(/^✗ 校验失败 NOT intact: changed\.jsonl:2 \(entry seq 2, hash\)/),
    ]);

    const unknown = await replayCommand(async () => [])([log.file], fakeIo(log.dir));
    expect(unknown).toBe(1);
  });

  it.each([
    [['--bogus'], 'yishi replay: --bogus: 未知选项 unknown option; 可用选项 expected one of --json, --help'],
    [['log.jsonl', '--bogus'], 'yishi replay: --bogus: 未知选项 unknown option'],
    [['log.jsonl', '--jsno'], 'did you mean --json?'],
    [['--json'], 'yishi replay: 缺少日志文件 a log file is required; expected yishi replay <log.jsonl>'],
    [['a.jsonl', 'b.jsonl'], 'yishi replay: 只能给一个日志文件 expected one log file, got 2'],
    [['log.jsonl', '--json=1'], 'yishi replay: --json: 不接受取值 takes no value, got "1"'],
    [['log.jsonl', '-x'], 'yishi replay: -x: 未知选项 unknown option'],
  ])('bad arguments %j exit 2 with yishi’s own message', async (argv, message) => {
    const r = await replay(...argv);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain(message);
    expect(r.err).toContain('用法 Usage:\n  yishi replay <log.jsonl>');
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

  it('exits 2 for unreadable input', async () => {
    const r = await replay('missing.jsonl');
    expect([r.code, r.err]).toEqual([2, 'yishi replay: cannot read missing.jsonl: no such file\n']);
  });
});

describe('summarise', () => {
  const processOf = (kind: string, value: unknown, context: object) => ({
    id: 'x',
    community: 'default',
    kind,
    snapshot: {} as never,
    persisted: { status: 'active', value, context },
    created: { seq: 1, at: 0 },
    updated: { seq: 1, at: 0 },
    entries: 1,
  });

  it('a project: stage, budget and its coverage by approved sources (withdrawn ones not counted)', () => {
    const approval = { body: 'residentsMeeting' };
    const p = processOf('participatoryPlanningProject', 'funding', {
      title: '口袋公园',
      adoptedPlanId: 'plan-2',
      budget: { amountFen: '12000000' },
      sources: [
        { amountFen: '6000000', approval, withdrawal: null },
        { amountFen: '3000000', approval: null, withdrawal: null },
        { amountFen: '2000000', approval, withdrawal: { on: '2025-03-01' } },
        { amountFen: '2000000', approval, withdrawal: null },
      ],
      fundingConfirmed: null,
      milestones: [],
    });
    expect(summarise(p)).toEqual({
      title: '口袋公园',
      stage: 'funding',
      adoptedPlan: 'plan-2',
      budget: '¥120,000.00',
      approvedFunding: '¥80,000.00',
      budgetCoverage: '66.6%',
      fundingSources: '2 approved of 4',
      fundingConfirmed: false,
      milestones: 0,
    });
  });

  it('a consultation or meeting: ballots and each item’s outcome', () => {
    const results = [{ itemId: 'i1', result: { outcome: 'passed', passed: true } }];
    const c = summarise(
      processOf('writtenConsultation', 'completed', {
        title: 't',
        entries: [1, 2, 3],
        live: { a: 1, b: 1 },
        countedOn: '2025-05-01',
        results,
      }),
    );
    expect(c).toEqual({
      title: 't',
      ballots: 3,
      liveBallots: 2,
      countedOn: '2025-05-01',
      results: [{ item: 'i1', outcome: 'passed', passed: true }],
    });
  });

  it('any other kind: its scalar fields and list sizes', () => {
    expect(
      summarise(processOf('referendum', 'open', { id: 'r', open: true, votes: [1, 2], nested: { a: 1 } })),
    ).toEqual({
      id: 'r',
      open: true,
      votes: '2 items',
    });
  });
});

describe('the example project (examples/project)', () => {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const example = join(root, 'examples/project/project-log.jsonl');

  it('verifies and replays with the yishi machines: the project closed, every meeting and notice finished', async () => {
    const io = fakeIo(root);
    expect(await main(['verify', 'examples/project/project-log.jsonl'], io)).toBe(0);
    const json = fakeIo(root);
    expect(await yishiReplay(['examples/project/project-log.jsonl', '--json'], json)).toBe(0);
    const r = JSON.parse(json.out);
    const states = Object.fromEntries(r.processes.map((p: { id: string; state: string }) => [p.id, p.state]));
    expect(states).toMatchObject({
      'p-meiyuan-garden': 'closed',
      'm-party-council': 'closed',
      'm-resident-reps': 'closed',
      'm-residents-meeting': 'closed',
      'wc-maintenance-fund': 'completed',
      'm-evaluation': 'closed',
      'n-adoption': 'completed',
      'n-audit': 'completed',
    });
    const project = r.processes.find((p: { id: string }) => p.id === 'p-meiyuan-garden');
    expect(project.summary).toMatchObject({
      stage: 'closed',
      budget: '¥120,000.00',
      budgetCoverage: '100.0%',
    });
    const wc = r.processes.find((p: { id: string }) => p.id === 'wc-maintenance-fund');
    expect(wc.summary.results).toEqual([{ item: 'fund', outcome: 'passed', passed: true }]);
  });

  it('the attack: every owner’s ballot flipped to oppose and the chain re-hashed — verify holds, replay fails where the project cites the result', async () => {
    const entries = readFileSync(example, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogEntry);
    let head: { seq: number; hash: string } | null = null;
    let flipped = 0;
    const forged = entries.map((e) => {
      const event =
        e.process === 'wc-maintenance-fund' && e.event.type === 'CAST_BALLOT'
          ? {
              ...e.event,
              choices: (e.event.choices as { itemId: string }[]).map((c) => {
                flipped++;
                return { ...c, choice: 'oppose' };
              }),
            }
          : e.event;
      const next = appendEntry(head, {
        at: e.at,
        process: e.process,
        kind: e.kind,
        actor: e.actor,
        channel: e.channel,
        event,
      });
      head = { seq: next.seq, hash: next.hash };
      return next;
    });
    expect(flipped).toBeGreaterThan(40);
    const dir = mkdtempSync(join(tmpdir(), 'yishi-forged-'));
    try {
      const file = join(dir, 'forged.jsonl');
      writeFileSync(file, toJsonl(forged));
      // the chain alone cannot tell: every hash is consistent again
      expect(await main(['verify', file], fakeIo(dir))).toBe(0);
      const io = fakeIo(dir);
      expect(await yishiReplay([file], io)).toBe(1);
      const at = forged.findIndex(
        (e) => e.process === 'p-meiyuan-garden' && e.event.meetingProcessId === 'wc-maintenance-fund',
      );
      expect(io.out).toContain(`forged.jsonl:${at + 1}`);
      expect(io.out).toContain('LINK_NOT_PASSED');
      expect(io.out).toContain('wc-maintenance-fund');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regenerates byte for byte from the same seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-example-'));
    try {
      const out = join(dir, 'project-log.jsonl');
      execFileSync(process.execPath, ['--import', 'tsx', 'examples/project/generate.ts', '--out', out], {
        cwd: root,
        stdio: 'pipe',
      });
      expect(readFileSync(out).equals(readFileSync(example))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
