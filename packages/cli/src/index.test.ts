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
  it('gives today in Asia/Shanghai whatever the host zone', () => {
    // 2026-11-27T17:30Z is 01:30 on the 28th in Shanghai.
    expect(api.shanghaiToday(new Date(Date.UTC(2026, 10, 27, 17, 30)))).toBe('2026-11-28');
    expect(api.shanghaiToday(new Date(Date.UTC(2026, 10, 27, 15, 59)))).toBe('2026-11-27');
  });
});
