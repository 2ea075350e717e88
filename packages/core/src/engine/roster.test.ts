/**
 * Roles are bound to people (engine/roster.ts), tested as the attacks: a claimed role, a role
 * held on other dates or in another community, a roster changed by someone the table does not
 * allow, a forged log, a cited person who is not who the event says.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../actor/actor.js';
import { chinaMidnight } from '../calendar/plainDate.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { appendEntry, headOf, type LogEntry } from '../log/logEntry.js';
import { PROCESS_KINDS } from '../machines/processKinds.js';
import { FIXTURE_PACKS, fixtureRules } from '../testing/fixtureEngine.js';
import { fixtureRoster, fixtureWorld, rostered, withRoster } from '../testing/fixtureRoster.js';
import type { Subject } from './bind.js';
import { createEngine } from './createEngine.js';
import { replay } from './replay.js';
import { rosterBinder } from './roster.js';
import { citingKind } from './testing/citingKind.js';
import { noticeInput, noticeKind } from './testing/noticeKind.js';
import type { World } from './world.js';

const HOUR = 3_600_000;
const KINDS = withRoster([noticeKind, citingKind]);
const as = (id: string, role: Role) => ({ actor: { id, role }, channel: 'web' }) as const;
const SD = as('sd-1', 'subdistrictStaff');
const STAFF = as('staff-1', 'residentsCommitteeStaff');
const COMMITTEE = as('oc-1', 'ownersCommittee');
const OWNER = as('o7', 'owner');

function setup(start = '2025-03-01') {
  const clock = { t: chinaMidnight(start) + 10 * HOUR, now: () => clock.t };
  const engine = rostered(createEngine({ kinds: KINDS, clock }));
  const on = (date: string) => {
    clock.t = chinaMidnight(date) + 10 * HOUR;
  };
  let n = 0;
  const notice = (ctx: { actor: { id: string; role: Role }; channel: 'web' }, community?: string) => {
    const id = `n-${++n}`;
    return engine.create('publicNotice', id, noticeInput(id), community ? { ...ctx, community } : ctx);
  };
  const roster = (event: Record<string, unknown> & { type: string }, ctx = SD, community = 'default') =>
    engine.send(`roster:${community}`, event, ctx);
  return { engine, clock, on, notice, roster };
}

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const message = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);

describe('a claimed role is not believed', () => {
  it('an actor who merely claims ownersCommittee is refused, naming the person, role, community and date', () => {
    const { engine, notice } = setup();
    const before = engine.log().length;
    const r = notice(as('mallory', 'ownersCommittee'));
    expect(code(r)).toBe('FORBIDDEN_ROLE');
    for (const part of ['mallory', 'ownersCommittee', 'community default', '2025-03-01'])
      expect(message(r)).toContain(part);
    expect(r.ok || r.error.issues[0]).toMatchObject({
      field: 'actor.role',
      received: 'mallory as ownersCommittee',
    });
    expect(engine.log()).toHaveLength(before);
    // and on a process that exists
    const POST = { type: 'POST', channels: [{ channel: 'board', location: '公告栏', photoId: 'p' }] };
    const n = notice(STAFF);
    if (!n.ok) throw n.error;
    expect(code(engine.send(n.process.id, POST, as('mallory', 'ownersCommittee')))).toBe('FORBIDDEN_ROLE');
    expect(code(engine.send(n.process.id, POST, COMMITTEE))).toBe('ok');
  });

  it('a person on the roster claiming a role they do not hold is refused', () => {
    const { notice } = setup();
    const r = notice(as('staff-1', 'ownersCommittee'));
    expect(code(r)).toBe('FORBIDDEN_ROLE');
    expect(message(r)).toContain('名册无此任职');
    expect(code(notice(STAFF))).toBe('ok');
  });

  it('with no roster nobody holds a roster role: the default refuses', () => {
    const clock = { now: () => chinaMidnight('2025-03-01') + 10 * HOUR };
    const engine = createEngine({ kinds: KINDS, clock });
    const r = engine.create('publicNotice', 'n-1', noticeInput('n-1'), STAFF);
    expect(code(r)).toBe('FORBIDDEN_ROLE');
    expect(message(r)).toContain('no roster');
    expect(engine.log()).toHaveLength(0);
  });

  it('owners, residents and the system clock are not roster roles (the registers check owners)', () => {
    const { engine, notice, on } = setup();
    const n = notice(STAFF);
    if (!n.ok) throw n.error;
    expect(
      code(
        n.process.send(
          { type: 'POST', channels: [{ channel: 'board', location: '栏', photoId: 'p' }] },
          STAFF,
        ),
      ),
    ).toBe('ok');
    expect(code(n.process.send({ type: 'OBJECT', objectionId: 'x1', text: '异议' }, OWNER))).toBe('ok');
    on('2025-03-02');
    expect(engine.tick()).toHaveLength(1);
  });
});

describe('on the event’s date', () => {
  it('an appointment counts from its first day to its last, both included', () => {
    const { roster, notice, on } = setup();
    const appoint = {
      type: 'APPOINT',
      appointmentId: 'a-staff-2',
      personId: 'staff-2',
      role: 'residentsCommitteeStaff',
      from: '2025-03-10',
      until: '2025-03-20',
      basis: '街道聘用通知 2025-7号',
    };
    expect(code(roster(appoint))).toBe('ok');
    const staff2 = as('staff-2', 'residentsCommitteeStaff');
    on('2025-03-09');
    const early = notice(staff2);
    expect(code(early)).toBe('FORBIDDEN_ROLE');
    expect(message(early)).toContain('2025-03-10…2025-03-20');
    on('2025-03-10');
    expect(code(notice(staff2))).toBe('ok');
    on('2025-03-20');
    expect(code(notice(staff2))).toBe('ok');
    on('2025-03-21');
    expect(code(notice(staff2))).toBe('FORBIDDEN_ROLE');
  });

  it('an ended appointment holds through its last day, and not after', () => {
    const { roster, notice, on } = setup();
    const end = {
      type: 'END_APPOINTMENT',
      appointmentId: 'a2',
      until: '2025-03-05',
      basis: '离职',
      reason: '调岗',
    };
    expect(code(roster(end))).toBe('ok');
    on('2025-03-05');
    expect(code(notice(STAFF))).toBe('ok');
    on('2025-03-06');
    expect(code(notice(STAFF))).toBe('FORBIDDEN_ROLE');
  });

  it('an election ends the last committee’s terms the day before the new term; its members hold from the first day', () => {
    const { roster, notice, on } = setup();
    const election = {
      type: 'RECORD_ELECTION',
      electionId: 'e-2025',
      kind: 'election',
      termFrom: '2025-04-01',
      termUntil: '2030-03-31',
      members: ['c1', 'c2', 'c3'],
      basis: '业委会选举结果公告 / 街道备案 2025-12号',
    };
    expect(code(roster(election, STAFF))).toBe('ok');
    on('2025-03-31');
    expect(code(notice(COMMITTEE))).toBe('ok');
    expect(code(notice(as('c1', 'ownersCommittee')))).toBe('FORBIDDEN_ROLE');
    on('2025-04-01');
    expect(code(notice(COMMITTEE))).toBe('FORBIDDEN_ROLE');
    expect(code(notice(as('c1', 'ownersCommittee')))).toBe('ok');
  });
});

describe('in its own community', () => {
  it('staff of one community cannot act in another', () => {
    const { engine, notice } = setup();
    const c2 = engine.create(...fixtureRoster('c2', [{ id: 'staff-2', role: 'residentsCommitteeStaff' }]));
    if (!c2.ok) throw c2.error;
    const r = notice(STAFF, 'c2');
    expect(code(r)).toBe('FORBIDDEN_ROLE');
    expect(message(r)).toContain('community c2');
    const mine = notice(as('staff-2', 'residentsCommitteeStaff'), 'c2');
    expect(code(mine)).toBe('ok');
    expect(code(notice(as('staff-2', 'residentsCommitteeStaff')))).toBe('FORBIDDEN_ROLE');
    if (!mine.ok) return;
    expect(code(mine.process.send({ type: 'WITHDRAW', reason: '撤回' }, STAFF))).toBe('FORBIDDEN_ROLE');
  });

  it('a community has one roster, at roster:<community>, whose root is its creator; nothing else takes a roster: id', () => {
    const { engine } = setup();
    const [kind, , input, ctx] = fixtureRoster('c3');
    expect(code(engine.create(kind, 'roster:x', input, ctx))).toBe('INVALID_INPUT');
    expect(code(engine.create(kind, 'roster:c3', { ...input, community: 'c4' }, ctx))).toBe('INVALID_INPUT');
    const other = { ...input, root: { ...input.root, by: { id: 'sd-2', role: 'subdistrictStaff' } } };
    const notRoot = engine.create(kind, 'roster:c3', other, ctx);
    expect(code(notRoot)).toBe('INVALID_INPUT');
    expect(message(notRoot)).toContain('root.by');
    expect(code(engine.create(...fixtureRoster()))).toBe('PROCESS_EXISTS');
    expect(code(engine.create(kind, 'roster:c3', input, { ...ctx, actor: STAFF.actor }))).toBe(
      'FORBIDDEN_ROLE',
    );
    expect(code(engine.create('publicNotice', 'roster:c3', noticeInput('roster:c3'), STAFF))).toBe(
      'INVALID_INPUT',
    );
    expect(code(engine.create(kind, 'roster:c3', input, ctx))).toBe('ok');
    expect(engine.process('roster:c3')!.getSnapshot().context.root).toEqual({
      by: { id: 'sd-1', role: 'subdistrictStaff' },
      basis: '街道备案 (fixture)',
    });
  });
});

describe('roster changes are made only by the roles that may make them', () => {
  it('checked against the roster itself: a claimed sub-district account cannot appoint', () => {
    const { roster } = setup();
    const appoint = {
      type: 'APPOINT',
      appointmentId: 'x',
      personId: 'eve',
      role: 'residentsCommitteeStaff',
      from: '2025-03-01',
      basis: '伪造',
    };
    const r = roster(appoint, as('sd-evil', 'subdistrictStaff'));
    expect(code(r)).toBe('FORBIDDEN_ROLE');
    expect(message(r)).toContain('sd-evil');
  });

  it('by the table: staff register volunteers, not party secretaries; nobody appoints themselves', () => {
    const { roster, engine } = setup();
    const a = (over: Record<string, unknown>) => ({
      type: 'APPOINT',
      appointmentId: `x-${String(over.personId)}-${String(over.role)}`,
      from: '2025-03-01',
      basis: '登记表',
      ...over,
    });
    const sec = roster(a({ personId: 'p9', role: 'partySecretary' }), STAFF);
    expect(code(sec)).toBe('EVENT_NOT_ALLOWED');
    expect(message(sec)).toContain('appointed by subdistrictStaff');
    expect(code(roster(a({ personId: 'v-1', role: 'volunteer' }), STAFF))).toBe('ok');
    expect(code(roster(a({ personId: 'staff-1', role: 'volunteer' }), STAFF))).toBe('EVENT_NOT_ALLOWED');
    expect(code(roster(a({ personId: 'oc-9', role: 'ownersCommittee' }), SD))).toBe('EVENT_NOT_ALLOWED');
    expect(code(roster(a({ personId: 'pm-2', role: 'propertyManager' }), COMMITTEE))).toBe('ok');
    const dept = roster(a({ personId: 'd-1', role: 'department' }), COMMITTEE);
    expect(code(dept)).toBe('EVENT_NOT_ALLOWED');
    expect(message(dept)).toContain('appointed by residentsCommitteeStaff or subdistrictStaff');
    expect(code(roster(a({ personId: 'sec-2', role: 'partySecretary' }), SD))).toBe('ok');
    const people = engine.process('roster:default')!.getSnapshot().context.appointments;
    expect(people.map((p: { personId: string }) => p.personId)).toContain('v-1');
  });
});

describe('replay checks the same', () => {
  /** The log with `change` applied and every hash recomputed (a forger who can write the store). */
  const forge = (log: readonly LogEntry[], change: (e: LogEntry, i: number) => LogEntry | null) => {
    const out: LogEntry[] = [];
    log.forEach((e, i) => {
      const c = change(e, i);
      if (c === null) return;
      const { hash: _h, prev: _p, seq: _s, v: _v, ...fields } = c;
      out.push(appendEntry(out.length ? headOf(out.at(-1)!) : null, fields));
    });
    return out;
  };

  it('a re-hashed log whose sender became someone off the roster fails at that entry', () => {
    const { engine, notice } = setup();
    notice(STAFF);
    expect(replay(engine.log(), KINDS).ok).toBe(true);
    const mallory = { id: 'mallory', role: 'residentsCommitteeStaff' } as const;
    const forged = forge(engine.log(), (e, i) => (i === 1 ? { ...e, actor: mallory } : e));
    const r = replay(forged, KINDS);
    expect(r.ok ? 'ok' : [r.error.code, r.index]).toEqual(['FORBIDDEN_ROLE', 1]);
    // and one without its roster fails at the first organiser's entry
    const rootless = forge(engine.log(), (e, i) => (i === 0 ? null : e));
    const r2 = replay(rootless, KINDS);
    expect(r2.ok ? 'ok' : [r2.error.code, r2.index]).toEqual(['FORBIDDEN_ROLE', 0]);
  });

  it('live and replay agree on the roster’s history: an ended appointment refuses there as here', () => {
    const { engine, roster, notice, on } = setup();
    roster({ type: 'END_APPOINTMENT', appointmentId: 'a2', until: '2025-03-05', basis: '离职' });
    on('2025-03-06');
    expect(code(notice(STAFF))).toBe('FORBIDDEN_ROLE');
    const log = engine.log();
    const r = replay(log, KINDS);
    if (!r.ok) throw r.error;
    expect(r.processes.map((p) => p.id)).toEqual(['roster:default']);
    expect(canonicalJson(r.processes[0]!.persisted)).toBe(
      canonicalJson(engine.process('roster:default')!.getPersistedSnapshot()),
    );
    // a forger who slips the refused creation into the log (re-hashed) is caught by replay
    const forged = [
      ...log,
      appendEntry(headOf(log.at(-1)!), {
        at: chinaMidnight('2025-03-06') + 10 * HOUR,
        process: 'n-9',
        kind: 'publicNotice',
        actor: STAFF.actor,
        channel: 'web',
        event: {
          type: 'CREATE',
          community: 'default',
          input: { ...noticeInput('n-9'), onUpheldObjection: 'restart' },
        },
      }),
    ];
    const r2 = replay(forged, KINDS);
    expect(r2.ok ? 'ok' : [r2.error.code, r2.index]).toEqual(['FORBIDDEN_ROLE', 2]);
  });
});

describe('people an event names (peopleCited)', () => {
  it('a reviewer must be on the roster in one of the roles; a proxy holder must not be an organiser', () => {
    const { engine, roster, on } = setup();
    const c = engine.create('citing', 'c-1', {}, STAFF);
    if (!c.ok) throw c.error;
    const p = c.process;
    expect(code(p.send({ type: 'REVIEW', reviewerId: 'planner-1' }, STAFF))).toBe('ok');
    const stranger = p.send({ type: 'REVIEW', reviewerId: 'o7' }, STAFF);
    expect(code(stranger)).toBe('FORBIDDEN_ROLE');
    expect(message(stranger)).toContain('reviewerId: o7 is not planner or residentsCommitteeStaff');
    const self = p.send({ type: 'NAME_HOLDER', holderId: 'oc-1' }, OWNER);
    expect(code(self)).toBe('PROXY_INVALID');
    expect(message(self)).toContain('holderId: oc-1 is ownersCommittee');
    expect(code(p.send({ type: 'NAME_HOLDER', holderId: 'o8' }, OWNER))).toBe('ok');
    // on the date: once oc-1's term is over, oc-1 may hold a proxy
    roster({ type: 'END_APPOINTMENT', appointmentId: 'a3', until: '2025-03-02', basis: '辞职' }, STAFF);
    on('2025-03-03');
    expect(code(p.send({ type: 'NAME_HOLDER', holderId: 'oc-1' }, OWNER))).toBe('ok');
    expect(replay(engine.log(), KINDS).ok).toBe(true);
  });

  it('with no roster a cited person cannot be vouched for: refused, fail closed', () => {
    const world: World = { ...fixtureWorld('elsewhere'), processes: new Map() };
    const subject: Subject = {
      kind: citingKind,
      process: 'c-1',
      community: 'default',
      actor: OWNER.actor,
      on: '2025-03-01',
      event: { type: 'NAME_HOLDER', holderId: 'o8', on: '2025-03-01', actor: OWNER.actor },
    };
    const e = rosterBinder(world, subject);
    expect(e?.code).toBe('PROXY_INVALID');
    expect(e?.message).toContain('has no roster');
  });
});

describe('the owners’ committee of a written consultation', () => {
  it('a claimed committee member cannot post its notice or issue its ballots; a member on the roster can', () => {
    const clock = { t: chinaMidnight('2025-04-01') + 9 * HOUR, now: () => clock.t };
    const engine = rostered(createEngine({ kinds: PROCESS_KINDS, clock, packs: FIXTURE_PACKS }));
    const registry = {
      estate: '幸福小区',
      developer: 'developer',
      units: ['o1', 'o2', 'o3'].map((owner, i) => ({
        id: `1-${i + 1}`,
        building: '1',
        area: '80.00',
        owner,
        status: 'delivered' as const,
      })),
    };
    const items = [{ id: 'fund', title: '使用维修资金更换水泵', matter: 'useMaintenanceFund' }];
    const input = {
      id: 'wc',
      title: '书面表决',
      items,
      rules: fixtureRules(),
      registry,
      hasOwnersCommittee: true,
    };
    const mallory = as('mallory', 'ownersCommittee');
    expect(code(engine.create('writtenConsultation', 'wc', input, mallory))).toBe('FORBIDDEN_ROLE');
    expect(code(engine.create('writtenConsultation', 'wc', input, COMMITTEE))).toBe('ok');
    const board = { channel: 'board', location: '小区公告栏', photoId: 'img-1' };
    const notice = { type: 'POST_NOTICE', opensOn: '2025-04-16', closesOn: '2025-04-30', channels: [board] };
    expect(code(engine.send('wc', notice, mallory))).toBe('FORBIDDEN_ROLE');
    expect(code(engine.send('wc', notice, COMMITTEE))).toBe('ok');
    const issue = { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] };
    expect(code(engine.send('wc', issue, as('mallory', 'residentsCommitteeStaff')))).toBe('FORBIDDEN_ROLE');
    expect(code(engine.send('wc', issue, COMMITTEE))).toBe('ok');
    expect(replay(engine.log(), PROCESS_KINDS, { packs: FIXTURE_PACKS }).ok).toBe(true);
  });
});

describe('cost', () => {
  it('finds the roster by id: never iterates the processes', () => {
    const base = fixtureWorld();
    class NoScan<K, V> extends Map<K, V> {
      override [Symbol.iterator](): MapIterator<[K, V]> {
        throw new Error('scanned');
      }
      override values(): MapIterator<V> {
        throw new Error('scanned');
      }
      override entries(): MapIterator<[K, V]> {
        throw new Error('scanned');
      }
      override keys(): MapIterator<K> {
        throw new Error('scanned');
      }
      override forEach(): void {
        throw new Error('scanned');
      }
    }
    const processes = new NoScan(base.processes);
    const world: World = { ...base, processes };
    const subject = (i: number): Subject => ({
      kind: noticeKind,
      process: `n-${i}`,
      community: 'default',
      actor: STAFF.actor,
      on: '2025-03-01',
      event: { type: 'WITHDRAW', reason: 'x', on: '2025-03-01', actor: STAFF.actor },
    });
    for (let i = 0; i < 1000; i++) expect(rosterBinder(world, subject(i))).toBeUndefined();
  });
});
