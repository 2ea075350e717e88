/**
 * Model-based tests: @xstate/graph walks every simple path through the notice machine under each
 * upheld-objection policy (with one objection; with two, the shortest path to every state, as
 * all simple paths then number in the tens of thousands). Each path is replayed three ways (pure `applyNoticeEvent`, a live actor
 * persisted and restored from JSON at every step, and the graph's own snapshots), which must
 * agree, and the legal invariants are checked at every step. A last test proves that the paths
 * take every transition the machine defines, including the eventless ones.
 */
import { getShortestPaths, getSimplePaths, type StatePath } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { type AnyTransitionDefinition, createActor, getMicrosteps } from 'xstate';
import { chinaHolidays as cn } from '../calendar/chinaHolidays.js';
import { addDays } from '../calendar/plainDate.js';
import { applyNoticeEvent, type NoticeSnapshot, startNotice } from './applyNoticeEvent.js';
import type { NoticeEvent, PublicNoticeInput } from './noticeSchemas.js';
import { countingFrom, publicNoticeMachine as machine } from './publicNotice.machine.js';

const POLICIES: Record<string, PublicNoticeInput> = {
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
    period: { days: 30, unit: 'natural' },
    onUpheldObjection: 'withdraw',
  },
};

/** What each generated event means, independent of its concrete dates ('TICK+1', 'ANSWER o1 upheld' …). */
const LABEL = new WeakMap<object, string>();
function label(event: NoticeEvent, name: string): NoticeEvent {
  LABEL.set(event, name);
  return event;
}

/** The events worth trying from a snapshot: finite, dated relative to the notice's own today. */
function eventsFor(s: NoticeSnapshot, maxObjections: number): NoticeEvent[] {
  const c = s.context;
  if (s.value === 'draft') {
    const board = { channel: 'board', location: '1号楼公告栏', photoId: 'img-1' } as const;
    return [label({ type: 'POST', on: '2024-09-20', channels: [board] }, 'POST')];
  }
  if (s.status !== 'active' || c.today === null || c.lastDay === null) return [];
  const today = c.today;
  const online = { channel: 'online', platform: '社区云', postId: `p-${today}` } as const;
  const events: NoticeEvent[] = [
    label({ type: 'TICK', on: addDays(today, 1) }, 'TICK+1'),
    label({ type: 'TICK', on: addDays(c.lastDay, 1) }, 'TICK>last'),
    label({ type: 'ADD_CHANNEL', on: today, channel: online }, 'ADD_CHANNEL'),
    label({ type: 'WITHDRAW', on: today, reason: '方案调整' }, 'WITHDRAW'),
  ];
  if (c.objections.length < maxObjections) {
    const id = `o${c.objections.length + 1}`;
    events.push(label({ type: 'OBJECT', on: today, objectionId: id, text: '面积有误' }, 'OBJECT'));
  }
  for (const { id } of c.objections.filter((x) => x.status === 'pending')) {
    const answer = (decision: 'upheld' | 'dismissed', reason: string) =>
      label(
        { type: 'ANSWER_OBJECTION', on: today, objectionId: id, decision, reason },
        `ANSWER ${id} ${decision}`,
      );
    events.push(answer('upheld', '已更正'), answer('dismissed', '核实无误'));
  }
  return events;
}

/** Abstract state: dates only matter relative to the last day, which keeps the graph finite. */
function serialize(s: NoticeSnapshot): string {
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

type Path = StatePath<NoticeSnapshot, NoticeEvent> & { maxObjections: number };

function pathsFor(policy: string, generate: typeof getSimplePaths, maxObjections: number): Path[] {
  const paths = generate(machine, {
    input: POLICIES[policy]!,
    events: (s) => eventsFor(s as NoticeSnapshot, maxObjections),
    serializeState: (s) => serialize(s as NoticeSnapshot),
  }) as StatePath<NoticeSnapshot, NoticeEvent>[];
  return paths.map((p) => ({ ...p, maxObjections }));
}

const ALL = Object.fromEntries(
  Object.keys(POLICIES).map((p) => [
    p,
    [...pathsFor(p, getSimplePaths, 1), ...pathsFor(p, getShortestPaths, 2)],
  ]),
);

interface Step {
  before: NoticeSnapshot;
  event: NoticeEvent;
  after: NoticeSnapshot;
}

/**
 * A graph path visits abstract states; replay it on a concrete notice, choosing at each step the
 * event with the same meaning (its dates recomputed from the concrete state), and check that it
 * lands in the same abstract state.
 */
function replay(policy: string, path: Path): Step[] {
  const steps: Step[] = [];
  let before = startNotice(POLICIES[policy]!);
  for (const step of path.steps) {
    if (step.event.type === ('xstate.init' as string)) continue;
    const want = LABEL.get(step.event);
    const event = eventsFor(before, path.maxObjections).find((e) => LABEL.get(e) === want);
    if (!event) throw new Error(`no ${want} event from ${serialize(before)}`);
    const r = applyNoticeEvent(before, event);
    if (!r.ok) throw new Error(`${JSON.stringify(event)} refused: ${r.error.message}`);
    expect(serialize(r.snapshot)).toBe(serialize(step.state));
    steps.push({ before, event, after: r.snapshot });
    before = r.snapshot;
  }
  return steps;
}

/** The legal invariants every reachable snapshot keeps. */
function checkInvariants(s: NoticeSnapshot, prev: NoticeSnapshot): void {
  const c = s.context;
  const run = c.runs.at(-1);
  expect(c.today === null || prev.context.today === null || c.today >= prev.context.today).toBe(true);
  if (s.value === 'draft') {
    expect(c.runs).toEqual([]);
    return;
  }
  expect(run).toBeDefined();
  expect(c.lastDay).toBe(run!.lastDay);
  expect(cn.isWorkingDay(c.lastDay!)).toBe(true); // 第203条: a period never ends on a rest day
  const pendingCount = c.objections.filter((o) => o.status === 'pending').length;
  const upheld = c.objections.filter((o) => o.status === 'upheld');
  switch (s.value) {
    case 'posted':
      expect(c.today).toBe(countingFrom(c)); // day 0, not counted (第201条)
      break;
    case 'running':
      expect(c.today! > countingFrom(c)).toBe(true);
      expect(c.today! <= c.lastDay! || pendingCount > 0).toBe(true);
      break;
    case 'completed':
      expect(c.today! > c.lastDay!).toBe(true);
      expect(pendingCount).toBe(0);
      expect(s.output).toEqual({ id: c.id, lastDay: c.lastDay, withdrawn: false });
      break;
    case 'withdrawn':
      expect(c.withdrawal).not.toBeNull();
      if (c.withdrawal!.objectionId !== undefined) {
        expect(c.onUpheldObjection).toBe('withdraw');
        expect(upheld.map((o) => o.id)).toContain(c.withdrawal!.objectionId);
      }
      break;
    default:
      throw new Error(`unexpected state ${String(s.value)}`);
  }
  if (c.onUpheldObjection !== 'withdraw') expect(c.runs.length).toBe(1 + upheld.length);
  for (const r of c.runs.slice(1)) {
    expect(r.cause).toBe(c.onUpheldObjection === 'extend' ? 'extended' : 'restarted');
    const o = c.objections.find((x) => x.id === r.objectionId)!;
    expect(o.status).toBe('upheld');
    expect(r.from >= o.answeredOn!).toBe(true);
  }
}

/** How many simple paths the graph has with one objection: a change here means the machine changed. */
const SIMPLE_PATHS: Record<string, number> = { restart: 341, extend: 245, withdraw: 162 };

describe.each(Object.keys(POLICIES))('every simple path, policy %s', (policy) => {
  const paths = ALL[policy]!;

  it('reaches every state the policy allows', () => {
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(['completed', 'draft', 'posted', 'running', 'withdrawn']);
    expect(paths.filter((p) => p.maxObjections === 1).length).toBe(SIMPLE_PATHS[policy]);
    // With a second objection: a restart or extension can itself be objected to.
    const twice = paths
      .filter((p) => p.state.context.objections.length === 2)
      .map((p) => p.state.context.runs.length);
    expect(Math.max(...twice)).toBe(policy === 'withdraw' ? 1 : 3);
  });

  it('replays each path purely and through a persisted-and-restored actor, keeping the invariants', () => {
    for (const path of paths) {
      let actor = createActor(machine, { input: POLICIES[policy]! }).start();
      for (const { before, event, after } of replay(policy, path)) {
        checkInvariants(after, before);
        const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
        actor.stop();
        actor = createActor(machine, { snapshot: stored }).start();
        actor.send(event);
        expect(actor.getSnapshot().value).toBe(after.value);
        expect(actor.getSnapshot().context).toEqual(after.context);
      }
      actor.stop();
    }
  });
});

describe('coverage of the machine definition', () => {
  it('the generated paths take every transition, eventless ones included', () => {
    const defined = new Set<AnyTransitionDefinition>();
    for (const node of Object.values(machine.states)) {
      for (const list of node.transitions.values()) for (const t of list) defined.add(t);
      for (const t of node.always ?? []) defined.add(t);
    }
    const taken = new Set<AnyTransitionDefinition>();
    for (const [policy, paths] of Object.entries(ALL)) {
      for (const path of paths) {
        for (const { before, event } of replay(policy, path)) {
          const [first] = machine.getTransitionData(before, event);
          if (first) taken.add(first);
          const micro = getMicrosteps(machine, before, event);
          micro.slice(1).forEach((_, i) => {
            const from = machine.states[String(micro[i]![0].value)]!;
            for (const t of from.always ?? []) taken.add(t);
          });
        }
      }
    }
    const missing = [...defined].filter((t) => !taken.has(t)).map((t) => `${t.source.key} ${t.eventType}`);
    expect(missing).toEqual([]);
    expect(defined.size).toBe(19); // 1 + 8 + 8 evented, 2 eventless
  });
});
