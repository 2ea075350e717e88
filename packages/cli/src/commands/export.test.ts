/**
 * `yishi export --public` on a store the stream engine wrote: the published log names nobody,
 * verifies as a version 2 log, and the command refuses what it should.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStreamEngine } from '@yishi/core/engine';
import { PROCESS_KINDS } from '@yishi/core/machines';
import { policies } from '@yishi/policies';
import { openSqliteStreamStore } from '@yishi/store-sql/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../index.js';
import { fakeIo } from './verify.fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'yishi-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function yishi(...argv: string[]) {
  const io = fakeIo(dir);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

beforeAll(async () => {
  const store = openSqliteStreamStore({ path: join(dir, 'district.db') });
  const clock = { t: Date.UTC(2025, 3, 1, 1), now: () => clock.t };
  const engine = await openStreamEngine({
    store,
    kinds: PROCESS_KINDS,
    packs: Object.values(policies),
    clock,
  });
  const must = (r: { ok: boolean; error?: unknown }) => {
    if (!r.ok) throw r.error;
  };
  for (const community of ['梅园居委', '桃园居委']) {
    const oc = {
      actor: { id: `oc-${community}`, role: 'ownersCommittee' as const },
      channel: 'web' as const,
      community,
    };
    must(
      await engine.create(
        'roster',
        `roster:${community}`,
        {
          community,
          root: { by: { id: 'sd-1', role: 'subdistrictStaff' }, basis: '街道备案' },
          appointments: [
            {
              appointmentId: 'a1',
              personId: 'sd-1',
              role: 'subdistrictStaff',
              from: '2024-01-01',
              basis: '街道',
            },
            {
              appointmentId: 'a2',
              personId: oc.actor.id,
              role: 'ownersCommittee',
              from: '2024-01-01',
              until: '2027-12-31',
              basis: '备案',
            },
          ],
        },
        { actor: { id: 'sd-1', role: 'subdistrictStaff' }, channel: 'web', community },
      ),
    );
    must(
      await engine.create(
        'writtenConsultation',
        'wc-1',
        {
          id: 'wc-1',
          title: '更换水泵',
          hasOwnersCommittee: true,
          registry: {
            units: [
              { id: '1-101', building: '1', area: '80.00', owner: '王五' },
              { id: '1-102', building: '1', area: '60.00', owner: '李四' },
            ],
          },
          items: [{ id: 'fund', title: '更换水泵', matter: 'useMaintenanceFund' }],
          rules: { pack: 'shanghai', at: '2025-04-01' },
        },
        oc,
      ),
    );
  }
  await engine.close();
  await store.close();
});

describe('yishi export --public', () => {
  it('writes every stream as a version 2 log that verifies and names nobody', async () => {
    const r = await yishi('export', '--store', 'district.db', '--public', '--out', 'published.jsonl');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('exported 4 entries of 2 stream(s) to published.jsonl');
    const text = readFileSync(join(dir, 'published.jsonl'), 'utf8');
    expect(text).not.toContain('王五');
    expect(text).not.toContain('1-101');
    expect(text).toMatch(/"~[0-9a-f]{64}"/);
    const v = await yishi('verify', 'published.jsonl');
    expect(v.code).toBe(0);
  });

  it('exports one stream with --stream', async () => {
    const r = await yishi(
      'export',
      '--store',
      'district.db',
      '--public',
      '--stream',
      '桃园居委',
      '--out',
      'one.jsonl',
      '--json',
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { entries: number; heads: { stream: string }[] };
    expect(summary.entries).toBe(2);
    expect(summary.heads.map((h) => h.stream)).toEqual(['桃园居委']);
  });

  it('refuses without --public, over an existing file, for a missing store or stream', async () => {
    const noPublic = await yishi('export', '--store', 'district.db', '--out', 'x.jsonl');
    expect(noPublic.code).toBe(2);
    expect(noPublic.err).toContain('--public is required');
    expect(existsSync(join(dir, 'x.jsonl'))).toBe(false);
    const again = await yishi('export', '--store', 'district.db', '--public', '--out', 'published.jsonl');
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists: not overwritten');
    const missing = await yishi('export', '--store', 'nope.db', '--public', '--out', 'y.jsonl');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    const noStream = await yishi(
      'export',
      '--store',
      'district.db',
      '--public',
      '--stream',
      '不存在',
      '--out',
      'z.jsonl',
    );
    expect(noStream.code).toBe(2);
    expect(noStream.err).toContain('no stream');
  });
});
