/**
 * Model-based tests of the roster: every shortest path (@xstate/graph) through appointments,
 * their ends, an election and the closing, replayed through the engine's checks (schemas and
 * role permissions) and a JSON-restored snapshot, with the roster's invariants at every step;
 * then through a live engine, where the roster binder checks each sender against the roster as
 * it stands, and replay, which must rebuild it byte for byte.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../../actor/actor.js';
import { addDays, chinaMidnight } from '../../calendar/plainDate.js';
import { createEngine } from '../../engine/createEngine.js';
import { replay as replayLog } from '../../engine/replay.js';
import { canonicalJson } from '../../log/canonicalJson.js';
import { staff } from '../../testing/fixtureEngine.js';
import { fixtureRosterInput, rostered, subdistrict, withRoster } from '../../testing/fixtureRoster.js';
import {
  checkRestore,
  definedTransitions,
  describeTransition,
  label,
  type Model,
  replay,
  shortestPaths,
  transitionsTaken,
} from '../modelPaths.testkit.js';
import { rosterKind as kind } from './roster.kind.js';
import type { RosterMachine } from './roster.machine.js';

type S = SnapshotFrom<RosterMachine>;
type Ev = { type: string; on: string; actor: Actor };

const volunteers = (s: S) => s.context.appointments.filter((a) => a.role === 'volunteer');

function events(s: S): Ev[] {
  if (s.status !== 'active') return [];
  const c = s.context;
  const on = c.today === null ? '2025-03-01' : addDays(c.today, 1);
  const ev = (name: string, e: Record<string, unknown>, actor: Actor) =>
    label({ ...e, on, actor } as unknown as Ev, name);
  const out: Ev[] = [];
  const v = volunteers(s);
  if (v.length < 2) {
    const id = `v-${v.length + 1}`;
    const appoint = {
      type: 'APPOINT',
      appointmentId: id,
      personId: id,
      role: 'volunteer',
      from: on,
      basis: '登记',
    };
    out.push(ev('APPOINT volunteer', appoint, staff));
  }
  const open = v.find((a) => a.ended === null);
  if (open)
    out.push(
      ev(
        'END volunteer',
        { type: 'END_APPOINTMENT', appointmentId: open.id, until: on, basis: '退出' },
        staff,
      ),
    );
  if (c.elections.length === 0) {
    const election = {
      type: 'RECORD_ELECTION',
      electionId: 'e1',
      kind: 'election',
      termFrom: addDays(on, 1),
      termUntil: addDays(on, 5 * 365),
      members: ['c1', 'c2', 'c3'],
      basis: '选举结果公告',
    };
    out.push(ev('ELECT', election, staff));
  }
  if (!c.appointments.some((a) => a.id === 'staff-2')) {
    const appoint = {
      type: 'APPOINT',
      appointmentId: 'staff-2',
      personId: 'staff-2',
      role: 'residentsCommitteeStaff',
      from: on,
      basis: '聘用通知',
    };
    out.push(ev('APPOINT staff', appoint, subdistrict));
  }
  out.push(ev('CLOSE', { type: 'CLOSE_ROSTER', until: on, basis: '撤并决定' }, subdistrict));
  return out;
}

const serialize = (s: S) =>
  JSON.stringify([
    s.value,
    volunteers(s).length,
    volunteers(s).filter((a) => a.ended === null).length,
    s.context.elections.length,
    s.context.appointments.some((a) => a.id === 'staff-2'),
  ]);

const model: Model<RosterMachine> = {
  name: 'roster',
  kind,
  input: fixtureRosterInput(),
  events,
  serialize,
  check: (s, prev) => {
    const c = s.context;
    // nothing is ever removed, the root never changes, and every end is dated
    expect(c.appointments.length).toBeGreaterThanOrEqual(prev.context.appointments.length);
    expect(c.root).toEqual(prev.context.root);
    for (const a of c.appointments) {
      if (a.ended) expect(a.until).not.toBeNull();
      if (a.until !== null) expect(a.until >= addDays(a.from, -1)).toBe(true);
    }
    if (s.value === 'closed') for (const a of c.appointments) expect(a.until).not.toBeNull();
  },
};

const paths = shortestPaths(model);

describe('roster: every shortest path', () => {
  it('reaches both states', () => {
    expect([...new Set(paths.map((p) => String(p.state.value)))].sort()).toEqual(['active', 'closed']);
    expect(paths.length).toBeGreaterThan(10);
  });

  it('replays each path through the engine’s checks, keeping the invariants; snapshots restore from JSON', () => {
    for (const path of paths) {
      const steps = replay(model, path);
      const last = steps.at(-1);
      if (last) checkRestore(model, last.after);
    }
  });

  it('runs each path through a live engine (the binder checks every sender) and replays it byte for byte', () => {
    const kinds = withRoster([]);
    for (const path of paths) {
      const steps = replay(model, path);
      const clock = { t: chinaMidnight('2025-03-01'), now: () => clock.t };
      const engine = rostered(createEngine({ kinds, clock }));
      for (const { event } of steps) {
        clock.t = chinaMidnight(event.on) + 10 * 3_600_000;
        const { on: _on, actor, ...e } = event;
        const r = engine.send('roster:default', e, { actor: actor as Actor, channel: 'web' });
        if (!r.ok) throw r.error;
      }
      const live = engine.process('roster:default')!.getPersistedSnapshot() as { context: unknown };
      expect(canonicalJson(live.context)).toBe(canonicalJson((steps.at(-1)?.after ?? path.state).context));
      const r = replayLog(engine.log(), kinds);
      if (!r.ok) throw r.error;
      expect(canonicalJson(r.processes[0]!.persisted)).toBe(canonicalJson(live));
    }
  });

  it('from the reachable states, every transition the machine defines is taken', () => {
    const taken = new Set<ReturnType<typeof definedTransitions> extends Set<infer T> ? T : never>();
    for (const path of paths) {
      const steps = replay(model, path);
      for (const { before, event } of steps)
        for (const t of transitionsTaken(kind.machine, before, event)) taken.add(t);
    }
    expect(
      [...definedTransitions(kind.machine)].filter((t) => !taken.has(t)).map(describeTransition),
    ).toEqual([]);
  });
});
