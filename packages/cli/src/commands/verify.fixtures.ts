/**
 * Test helpers for `yishi verify` / `yishi replay`: a fake Io over a temporary directory and a
 * small public-notice log written by the real engine with the real notice kind.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, toJsonl } from '@yishi/core/engine';
import { publicNoticeKind, rosterKind } from '@yishi/core/machines';
import type { Io } from '../io.js';

export function fakeIo(cwd: string): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    cwd,
    today: () => {
      throw new Error('verify and replay must not read today');
    },
    isTTY: false,
  };
  return io;
}

export const noticeKind = publicNoticeKind;
/** The notice kind and the roster its staff are checked against. */
export const noticeKinds = [rosterKind, publicNoticeKind];

const SUBDISTRICT = { actor: { id: 'sd-1', role: 'subdistrictStaff' }, channel: 'web' } as const;
/** The community's roster: the sub-district account (its root) and the committee staff member. */
const ROSTER = {
  community: 'default',
  root: { by: SUBDISTRICT.actor, basis: '街道备案' },
  appointments: [
    { appointmentId: 'a1', personId: 'sd-1', role: 'subdistrictStaff', from: '2024-01-01', basis: '任命' },
    {
      appointmentId: 'a2',
      personId: 'staff-1',
      role: 'residentsCommitteeStaff',
      from: '2024-01-01',
      basis: '聘用',
    },
  ],
};

const STAFF = { actor: { id: 'staff-1', role: 'residentsCommitteeStaff' }, channel: 'web' } as const;
const OWNER = { actor: { id: 'owner-201', role: 'owner' }, channel: 'paper' } as const;
const SYSTEM = { actor: { id: 'system', role: 'system' }, channel: 'system' } as const;
const BOARD = { channel: 'board', location: '3号楼门厅公告栏', photoId: 'photo-1' } as const;

/**
 * The roster, then two notices: one completed after a dismissed objection, one still running.
 * 2024-09-20 10:00 CST on.
 */
export function writeNoticeLog(): { dir: string; file: string; text: string } {
  const clock = { t: Date.UTC(2024, 8, 20, 2), now: () => clock.t };
  const engine = createEngine({ kinds: noticeKinds, clock });
  const day = () => {
    clock.t += 86_400_000;
    engine.tick();
  };
  const input = (id: string, title: string) => ({
    id,
    kind: 'publicity',
    title,
    period: { days: 7, unit: 'natural' },
  });
  const ok = (r: { ok: boolean }) => {
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  ok(engine.create('roster', 'roster:default', ROSTER, SUBDISTRICT));
  ok(engine.create('publicNotice', 'n-1', input('n-1', '2号楼加装电梯方案公示'), STAFF));
  ok(engine.send('n-1', { type: 'POST', channels: [BOARD] }, STAFF));
  day();
  ok(engine.send('n-1', { type: 'OBJECT', objectionId: 'o1', text: '面积有误' }, OWNER));
  day();
  ok(
    engine.send(
      'n-1',
      { type: 'ANSWER_OBJECTION', objectionId: 'o1', decision: 'dismissed', reason: '经核实无误' },
      STAFF,
    ),
  );
  ok(engine.create('publicNotice', 'n-2', input('n-2', '自治金使用公示'), STAFF));
  ok(engine.send('n-2', { type: 'POST', channels: [BOARD] }, STAFF));
  for (let i = 0; i < 6; i++) day();
  ok(engine.send('n-2', { type: 'TICK' }, SYSTEM));
  const dir = mkdtempSync(join(tmpdir(), 'yishi-log-'));
  const text = toJsonl(engine.log());
  writeFileSync(join(dir, 'log.jsonl'), text);
  return { dir, file: 'log.jsonl', text };
}
