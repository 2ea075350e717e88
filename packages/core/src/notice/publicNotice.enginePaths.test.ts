/**
 * The public notice's shortest paths (one or two objections, under each upheld-objection policy)
 * run through a live engine with the fixture roster: the poster's role is checked on the roster
 * on each event's date, an impostor is refused at every step, and each path's log replays to the
 * same persisted snapshot (testing/enginePaths.testkit.ts).
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../actor/actor.js';
import { addDays } from '../calendar/plainDate.js';
import { publicNoticeKind as kind } from '../machines/publicNotice/publicNotice.kind.js';
import {
  type EngineModel,
  enginePaths,
  label,
  type PathEvent,
  runPaths,
} from '../testing/enginePaths.testkit.js';
import { ownerActor, staff, system } from '../testing/fixtureEngine.js';
import type { PublicNoticeMachine } from './publicNotice.machine.js';

type S = SnapshotFrom<PublicNoticeMachine>;
const D0 = '2025-03-03';

const INPUTS = {
  restart: { id: 'n', kind: 'publicity', title: '加装电梯方案公示', period: { days: 7, unit: 'natural' } },
  extend: {
    id: 'n',
    kind: 'publicity',
    title: '加装电梯方案公示',
    period: { days: 7, unit: 'natural' },
    onUpheldObjection: 'extend',
    extensionDays: 5,
  },
  withdraw: {
    id: 'n',
    kind: 'announcement',
    title: '审计结果公告',
    period: { days: 30, unit: 'working' },
    onUpheldObjection: 'withdraw',
  },
} as const;

function events(s: S, maxObjections: number): PathEvent[] {
  const c = s.context;
  const ev = (name: string, e: Record<string, unknown>, on: string, actor: Actor = staff) =>
    label({ ...e, on, actor } as PathEvent, name);
  if (s.value === 'draft') {
    const board = { channel: 'board', location: '1号楼公告栏', photoId: 'img-1' };
    return [ev('POST', { type: 'POST', channels: [board] }, D0)];
  }
  if (s.status !== 'active' || c.today === null || c.lastDay === null) return [];
  const today = c.today;
  const online = { channel: 'online', platform: '社区云', postId: `p-${today}` };
  const out = [
    ev('TICK+1', { type: 'TICK' }, addDays(today, 1), system),
    ev('TICK>last', { type: 'TICK' }, addDays(c.lastDay, 1), system),
    ev('ADD_CHANNEL', { type: 'ADD_CHANNEL', channel: online }, today),
    ev('WITHDRAW', { type: 'WITHDRAW', reason: '方案调整' }, today),
  ];
  if (c.objections.length < maxObjections) {
    const id = `o${c.objections.length + 1}`;
    out.push(ev('OBJECT', { type: 'OBJECT', objectionId: id, text: '面积有误' }, today, ownerActor('o2')));
  }
  for (const { id } of c.objections.filter((x) => x.status === 'pending')) {
    for (const [decision, reason] of [
      ['upheld', '已更正'],
      ['dismissed', '核实无误'],
    ] as const)
      out.push(
        ev(
          `ANSWER ${id} ${decision}`,
          { type: 'ANSWER_OBJECTION', objectionId: id, decision, reason },
          today,
        ),
      );
  }
  return out;
}

function serialize(s: S): string {
  const c = s.context;
  const phase =
    c.today === null || c.lastDay === null
      ? '-'
      : c.today < c.lastDay
        ? 'before'
        : c.today === c.lastDay
          ? 'last'
          : 'after';
  return JSON.stringify([
    s.value,
    phase,
    c.objections.map((o) => o.status),
    c.runs.map((r) => r.cause),
    c.postings.length > 1,
  ]);
}

const models = Object.entries(INPUTS).map(
  ([policy, input]): EngineModel<PublicNoticeMachine> => ({
    name: `publicNotice (${policy})`,
    kind,
    id: 'n',
    input,
    creator: staff,
    createdOn: D0,
    events: (s) => events(s, 2),
    serialize,
  }),
);

describe.each(models.map((m) => [m.name, m] as const))(
  '%s: every shortest path through the engine',
  (_, model) => {
    const paths = enginePaths(model);

    it('reaches every state', () => {
      expect([...new Set(paths.map((p) => String(p.state.value)))].sort()).toEqual([
        'completed',
        'draft',
        'posted',
        'running',
        'withdrawn',
      ]);
    });

    it('runs each path with the roster checking every sender, and replays its log byte for byte', {
      timeout: 600_000,
    }, () => {
      const run = runPaths(model, paths);
      expect(run.paths).toBe(paths.length);
      // every step but a tick or an owner's objection is sent in a roster role: there an impostor,
      // and someone whose term has ended, are refused
      const unrostered = run.sent.filter((e) => e.type === 'TICK' || e.type === 'OBJECT').length;
      expect(run.refused.length).toBe(2 * (run.sent.length - unrostered));
    });
  },
);
