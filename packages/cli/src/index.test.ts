import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import type { Io } from './io.js';

function fakeIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: process.cwd(),
    today: () => '2026-11-27',
    isTTY: false,
  };
}

describe('@yishi/cli public API', () => {
  it('is exactly this list', () => {
    expect(Object.keys(api).sort()).toEqual([
      'EXIT_BAD_INPUT',
      'EXIT_FAILURE',
      'EXIT_OK',
      'main',
      'shanghaiToday',
    ]);
  });
  it('prints usage for help and refuses an unknown command with exit 2', async () => {
    const io = fakeIo();
    expect(await api.main(['help'], io)).toBe(0);
    expect(io.out.join('')).toContain('yishi tally');
    const bad = fakeIo();
    expect(await api.main(['tallly'], bad)).toBe(2);
    expect(bad.err.join('')).toContain('unknown command "tallly"');
  });
  it('--version prints the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-v']) {
      const io = fakeIo();
      expect(await api.main([flag], io)).toBe(0);
      expect([io.out.join(''), io.err.join('')]).toEqual([`${version}\n`, '']);
    }
    const extra = fakeIo();
    expect(await api.main(['--version', 'x'], extra)).toBe(2);
    expect(extra.err.join('')).toMatch(/^yishi: --version: 不接受参数 takes no argument, got "x"/);
  });

  it.each([
    ['tally', 'yishi tally --registry'],
    ['calendar', 'yishi calendar period-end'],
    ['verify', 'yishi verify <log.jsonl>'],
    ['replay', 'yishi replay <log.jsonl>'],
    ['verify-receipt', 'yishi verify-receipt <receipt.json> <log.jsonl>'],
    ['migrate', 'yishi migrate <v1-log.jsonl>'],
    ['export', 'yishi export --store <file.db | postgres://…> --public'],
    ['anchor', 'yishi anchor <log.jsonl>'],
    ['receipt', 'yishi receipt <log.jsonl>'],
  ])('help %s prints that command’s usage, as %s --help does', async (name, usage) => {
    const io = fakeIo();
    expect(await api.main(['help', name], io)).toBe(0);
    expect(io.err).toEqual([]);
    expect(io.out.join('')).toContain(usage);
    expect(io.out.join('')).not.toContain('yishi 议事 — deliberation');
    const direct = fakeIo();
    expect(await api.main([name, '--help'], direct)).toBe(0);
    expect(direct.out).toEqual(io.out);
  });

  it('help of an unknown command, or of two, exits 2', async () => {
    const unknown = fakeIo();
    expect(await api.main(['help', 'tallly'], unknown)).toBe(2);
    expect(unknown.err.join('')).toContain(
      'yishi: unknown command "tallly" (未知命令); expected one of tally, calendar, verify, replay, verify-receipt, migrate, export, anchor, receipt',
    );
    const two = fakeIo();
    expect(await api.main(['help', 'tally', 'verify'], two)).toBe(2);
    expect(two.err.join('')).toMatch(/^yishi: help: 只接受一个命令 takes one command, got 2/);
  });

  it('the top-level usage lists help <command> and --version', async () => {
    const io = fakeIo();
    expect(await api.main(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('yishi help [<command>]');
    expect(io.out.join('')).toContain('yishi --version');
  });

  it('gives today in Asia/Shanghai whatever the host zone', () => {
    // 2026-11-27T17:30Z is 01:30 on the 28th in Shanghai.
    expect(api.shanghaiToday(new Date(Date.UTC(2026, 10, 27, 17, 30)))).toBe('2026-11-28');
    expect(api.shanghaiToday(new Date(Date.UTC(2026, 10, 27, 15, 59)))).toBe('2026-11-27');
  });
});
