/**
 * Replay against every process kind of the machines package: a meeting (owners' assembly), a
 * written consultation and a six-stage project run side by side through one engine, with random
 * histories made from a script — steps dropped, repeated, sent by the wrong role, junk in
 * between, clock ticks at random. Whatever the engine accepted, replay must rebuild byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import type { Role, SubmissionChannel } from '../actor/actor.js';
import { chinaMidnight } from '../calendar/plainDate.js';
import { canonicalJson } from '../log/canonicalJson.js';
import { parseJsonl, toJsonl } from '../log/jsonl.js';
import type { LogEntry } from '../log/logEntry.js';
import { PROCESS_KINDS } from '../machines/index.js';
import { FIXTURE_PACKS, fixtureRules, fixtureUnits } from '../testing/fixtureEngine.js';
import { rostered } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import { replay } from './replay.js';

type Ctx = { actor: { id: string; role: Role }; channel: SubmissionChannel };
const as = (id: string, role: Role, channel: SubmissionChannel = 'web'): Ctx => ({
  actor: { id, role },
  channel,
});
const STAFF = as('staff-1', 'residentsCommitteeStaff');
const COMMITTEE = as('oc-1', 'ownersCommittee');
const SECRETARY = as('sec-1', 'partySecretary');
const PLANNER = as('planner-1', 'planner');
const PM = as('pm-1', 'propertyManager');
const SUBDISTRICT = as('sd-1', 'subdistrictStaff');
const owner = (id: string) => as(id, 'owner', 'mobile');
const BOARD = { channel: 'board', location: '小区公告栏', photoId: 'img-1' } as const;

/** One scripted step: a day, a process, an event (or a creation) and who sends it. */
type Step = { on: string; to: string; who: Ctx } & (
  | { create: string; input: unknown }
  | { event: { type: string } & Record<string, unknown> }
  | { tick: true }
);
/** The system clock's midnight tick to every process that takes it. */
const tick = (on: string): Step => ({ on, to: '*', who: as('system', 'system', 'system'), tick: true });
const ev = (on: string, to: string, who: Ctx, type: string, fields: Record<string, unknown> = {}): Step => ({
  on,
  to,
  who,
  event: { type, ...fields },
});

const rules = fixtureRules();

const meeting: Step[] = [
  {
    on: '2025-03-03',
    to: 'm-1',
    who: COMMITTEE,
    create: 'meeting',
    input: {
      id: 'm-1',
      title: '业主大会：续聘物业',
      body: 'ownersAssembly',
      rules,
      register: { kind: 'units', registry: fixtureUnits },
      hasOwnersCommittee: true,
    },
  },
  ev('2025-03-03', 'm-1', COMMITTEE, 'CONVENE', {
    meetingDate: '2025-03-20',
    place: '社区活动室',
    agenda: [
      // the project p-1 cites this decision for its plan-a (engine/links.ts)
      {
        id: 'i1',
        title: '续聘物业',
        decision: true,
        matter: 'hireManager',
        subject: { project: 'p-1', planId: 'plan-a' },
      },
    ],
  }),
  ev('2025-03-05', 'm-1', COMMITTEE, 'GIVE_NOTICE', { channels: [BOARD] }),
  ev('2025-03-20', 'm-1', COMMITTEE, 'OPEN_SIGN_IN'),
  ev('2025-03-20', 'm-1', COMMITTEE, 'SIGN_IN', {
    attendees: ['o1', 'o2', 'o3', 'o4'].map((person) => ({ person, via: 'inPerson' })),
  }),
  ev('2025-03-20', 'm-1', COMMITTEE, 'CLOSE_SIGN_IN'),
  ev('2025-03-20', 'm-1', PLANNER, 'RECORD_OPINION', { text: '物业费不宜上涨', itemId: 'i1' }),
  ev('2025-03-20', 'm-1', COMMITTEE, 'END_DELIBERATION'),
  ...['o1', 'o2', 'o3', 'o4'].map((voter, i) =>
    ev('2025-03-20', 'm-1', COMMITTEE, 'CAST_VOTE', {
      itemId: 'i1',
      voter,
      choice: i === 3 ? 'oppose' : 'agree',
    }),
  ),
  ev('2025-03-20', 'm-1', COMMITTEE, 'CLOSE_VOTE'),
  ev('2025-03-21', 'm-1', COMMITTEE, 'POST_RESULT', { channels: [BOARD] }),
];

const consultation: Step[] = [
  {
    on: '2025-03-28',
    to: 'wc-1',
    who: COMMITTEE,
    create: 'writtenConsultation',
    input: {
      id: 'wc-1',
      title: '业主大会书面表决',
      items: [{ id: 'fund', title: '使用维修资金更换水泵', matter: 'useMaintenanceFund' }],
      rules,
      registry: fixtureUnits,
      hasOwnersCommittee: true,
    },
  },
  ev('2025-04-01', 'wc-1', COMMITTEE, 'POST_NOTICE', {
    opensOn: '2025-04-16',
    closesOn: '2025-04-30',
    channels: [BOARD],
  }),
  ev('2025-04-02', 'wc-1', COMMITTEE, 'ISSUE_BALLOTS', { channels: ['paper', 'online'] }),
  ...['o1', 'o2', 'o3', 'o4', 'o5'].map((o, i) =>
    ev('2025-04-20', 'wc-1', i % 2 ? { ...COMMITTEE, channel: 'paper' } : owner(o), 'CAST_BALLOT', {
      ballotId: `b-${o}`,
      owner: o,
      channel: i % 2 ? 'paper' : 'online',
      choices: [{ itemId: 'fund', choice: i === 4 ? 'oppose' : 'agree' }],
      // a paper ballot entered by the committee carries its scan and batch
      ...(i % 2 ? { evidence: { scanId: `scan-${o}`, batchId: 'batch-1' } } : {}),
    }),
  ),
  // 双人录入: the committee entered the batch, the residents' committee staff checked it
  ev('2025-04-20', 'wc-1', COMMITTEE, 'CLOSE_PAPER_BATCH', {
    batchId: 'batch-1',
    count: 2,
    enteredBy: 'oc-1',
    checkedBy: 'staff-1',
  }),
  ev('2025-05-06', 'wc-1', COMMITTEE, 'ANNOUNCE', { channels: [BOARD] }),
];

/** A public notice of 7 natural days, created and posted on `on`. */
const notice = (on: string, id: string): Step[] => [
  {
    on,
    to: id,
    who: STAFF,
    create: 'publicNotice',
    input: { id, kind: 'publicity', title: `公示 ${id}`, period: { days: 7, unit: 'natural' } },
  },
  ev(on, id, STAFF, 'POST', { channels: [BOARD] }),
];

/** The evaluation meeting (评议会) the project cites. */
const evaluation: Step[] = [
  {
    on: '2025-05-26',
    to: 'm-eval',
    who: STAFF,
    create: 'meeting',
    input: {
      id: 'm-eval',
      title: '评议会',
      body: 'evaluationMeeting',
      rules,
      register: { kind: 'none' },
      hasOwnersCommittee: true,
    },
  },
  ev('2025-05-26', 'm-eval', STAFF, 'CONVENE', {
    meetingDate: '2025-06-01',
    place: '活动室',
    agenda: [{ id: 'e1', title: '项目评议', decision: false }],
  }),
  ev('2025-06-01', 'm-eval', STAFF, 'OPEN_SIGN_IN'),
  ev('2025-06-01', 'm-eval', STAFF, 'SIGN_IN', { attendees: [{ person: 'r1', via: 'inPerson' }] }),
  ev('2025-06-01', 'm-eval', STAFF, 'CLOSE_SIGN_IN'),
  ev('2025-06-01', 'm-eval', STAFF, 'RECORD_OPINION', { text: '满意', itemId: 'e1' }),
  ev('2025-06-01', 'm-eval', STAFF, 'END_DELIBERATION'),
];

const P = 'p-1';
const project: Step[] = [
  {
    on: '2025-03-01',
    to: P,
    who: STAFF,
    create: 'participatoryPlanningProject',
    input: {
      id: P,
      title: '小广场微更新',
      community: 'residents',
      projectType: 'selfGovernance',
      hasOwnersCommittee: true,
      partyCouncilFirst: true,
    },
  },
  ev('2025-03-01', P, STAFF, 'RECORD_NEED', { needId: 'n1', channel: 'visit', text: '缺少座椅' }),
  ev('2025-03-02', P, STAFF, 'RECORD_NEED', { needId: 'n2', channel: 'online', text: '晚上太暗' }),
  ev('2025-03-05', P, STAFF, 'RANK_NEEDS', {
    method: 'dotVotes',
    dotsPerVoter: 3,
    dotVotes: [
      { voter: 'r1', needId: 'n1', dots: 2 },
      { voter: 'r3', needId: 'n2', dots: 1 },
    ],
  }),
  ev('2025-03-06', P, STAFF, 'PUBLISH_NEEDS_LIST', { top: 2 }),
  ev('2025-03-10', P, PLANNER, 'RECORD_FINDING', { findingId: 'f1', kind: 'siteVisit', text: '无座椅' }),
  ev('2025-03-11', P, PLANNER, 'RECORD_ANALYSIS', { needsAnalysis: '休憩', resourceAnalysis: '自治金' }),
  ev('2025-03-12', P, PLANNER, 'PROPOSE_PLAN', {
    planId: 'plan-a',
    title: '座椅与照明',
    summary: '座椅6处',
    addressesNeeds: ['n1', 'n2'],
    estimatedBudgetFen: '5000000',
    touchesOwnersRights: true,
  }),
  ev('2025-03-13', P, PLANNER, 'SUBMIT_DIAGNOSIS'),
  ev('2025-03-20', P, SECRETARY, 'RECORD_FORMATION_STEP', {
    stepId: 's1',
    body: 'partyMembersCouncil',
    planIds: ['plan-a'],
    outcome: 'recommended',
    heldOn: '2025-03-20',
  }),
  ...notice('2025-03-21', 'n-s1'),
  ev('2025-03-21', P, STAFF, 'PUBLICISE_RESULT', {
    stepId: 's1',
    channels: ['online', 'offline'],
    noticeProcessId: 'n-s1',
  }),
  // the owners' assembly m-1 decided (the plan touches owners' rights); n-s1 ran its 7 days
  ev('2025-04-01', P, COMMITTEE, 'RECORD_ADOPTION', {
    adoptionId: 'a1',
    planId: 'plan-a',
    body: 'ownersAssembly',
    outcome: 'passed',
    heldOn: '2025-04-01',
    meetingProcessId: 'm-1',
  }),
  ...notice('2025-04-02', 'n-a1'),
  ev('2025-04-02', P, STAFF, 'PUBLICISE_RESULT', {
    stepId: 'a1',
    channels: ['online', 'offline'],
    noticeProcessId: 'n-a1',
  }),
  ev('2025-04-03', P, STAFF, 'ADD_FUNDING_SOURCE', {
    sourceId: 'sg',
    kind: 'selfGovernanceFund',
    amountFen: '5000000',
  }),
  ev('2025-04-05', P, SUBDISTRICT, 'APPROVE_FUNDING_SOURCE', {
    sourceId: 'sg',
    body: 'subdistrict',
    reference: '自治金〔2025〕3号',
    decidedOn: '2025-04-05',
  }),
  ev('2025-04-11', P, STAFF, 'CONFIRM_FUNDING'),
  ev('2025-04-15', P, STAFF, 'RECORD_PROCUREMENT', {
    method: 'inquiry',
    reference: 'XJ-01',
    supplier: '园林公司',
    amountFen: '4800000',
  }),
  ev('2025-04-16', P, STAFF, 'RECORD_CONTRACT', {
    contractId: 'k1',
    supplier: '园林公司',
    amountFen: '4800000',
    signedOn: '2025-04-16',
    procurementReference: 'XJ-01',
  }),
  ev('2025-05-20', P, STAFF, 'RECORD_ACCEPTANCE_REVIEW', {
    outcome: 'passed',
    reviewers: [{ id: 'expert-1', role: 'expert' }],
    reference: 'YS-01',
  }),
  ev('2025-05-21', P, PM, 'ARRANGE_OPERATIONS', { arrangement: 'propertyManager', description: '日常维护' }),
  ev('2025-05-22', P, STAFF, 'COMPLETE_IMPLEMENTATION'),
  ...notice('2025-05-25', 'n-c'),
  ev('2025-05-25', P, STAFF, 'PUBLICISE_COMPLETION', {
    channels: ['online', 'offline'],
    noticeProcessId: 'n-c',
  }),
  ...evaluation,
  ev('2025-06-01', P, STAFF, 'RECORD_EVALUATION_MEETING', {
    meetingProcessId: 'm-eval',
    heldOn: '2025-06-01',
    summary: '满意',
  }),
  ev('2025-06-10', P, STAFF, 'RECORD_AUDIT', { auditor: '事务所', reference: 'SJ-07', findings: '无' }),
  ev('2025-06-12', P, STAFF, 'AGREE_OPERATING_RULES', { rules: [{ title: '公约', text: '安静' }] }),
  ev('2025-06-15', P, STAFF, 'CLOSE_PROJECT'),
];

// All three side by side, in date order (each process's own order kept).
const TICKS = ['2025-03-29', '2025-04-10', '2025-04-16', '2025-05-01', '2025-05-14'].map(tick);
const SCRIPT = [...meeting, ...consultation, ...project, ...TICKS]
  .map((s, i) => ({ s, i }))
  .sort((a, b) => (a.s.on === b.s.on ? a.i - b.i : a.s.on < b.s.on ? -1 : 1))
  .map(({ s }) => s);

type Twist = 'keep' | 'drop' | 'repeat' | 'wrongRole' | 'junkBefore' | 'tickBefore';
const twist: fc.Arbitrary<Twist> = fc.oneof(
  { weight: 14, arbitrary: fc.constant('keep' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'drop',
      'repeat',
      'wrongRole',
      'junkBefore',
      'tickBefore',
    ) as fc.Arbitrary<Twist>,
  },
);

function run(twists: readonly Twist[], junk: readonly unknown[]) {
  const clock = { t: chinaMidnight(SCRIPT[0]!.on), now: () => clock.t };
  const engine = rostered(createEngine({ kinds: PROCESS_KINDS, clock, packs: FIXTURE_PACKS }));
  let accepted = 0;
  SCRIPT.forEach((step, i) => {
    const t = twists[i % twists.length] ?? 'keep';
    clock.t = Math.max(clock.t + 60_000, chinaMidnight(step.on) + 10 * 3_600_000);
    if (t === 'drop') return;
    if (t === 'tickBefore') engine.tick();
    if (t === 'junkBefore')
      engine.send(step.to, junk[i % Math.max(1, junk.length)] ?? { type: 'TICK' }, step.who);
    const who = t === 'wrongRole' ? as('x', 'resident') : step.who;
    const times = t === 'repeat' ? 2 : 1;
    for (let k = 0; k < times; k++) {
      if ('tick' in step) accepted += engine.tick().length;
      else {
        const r =
          'create' in step
            ? engine.create(step.create, step.to, step.input, who)
            : engine.send(step.to, step.event, who);
        if (r.ok) accepted++;
      }
    }
  });
  return { engine, accepted };
}

function viaXstate(log: readonly LogEntry[]) {
  const kinds = new Map(PROCESS_KINDS.map((k) => [k.kind, k]));
  const snaps = new Map<string, AnyMachineSnapshot>();
  for (const e of log) {
    const m = kinds.get(e.kind)!.machine;
    if (e.event.type === 'CREATE')
      snaps.set(e.process, initialTransition(m, e.event.input as never)[0] as AnyMachineSnapshot);
    else
      snaps.set(
        e.process,
        transition(m, snaps.get(e.process) as never, e.event as never)[0] as AnyMachineSnapshot,
      );
  }
  return Object.fromEntries(
    [...snaps].map(([id, s]) => [
      id,
      canonicalJson(
        kinds.get(log.find((e) => e.process === id)!.kind)!.machine.getPersistedSnapshot(s as never),
      ),
    ]),
  );
}

describe('replay of the machines’ kinds', () => {
  it('the script runs every process to its end', () => {
    const { engine } = run(['keep'], []);
    expect(Object.fromEntries(engine.processes().map((p) => [p.id, p.getSnapshot().value]))).toEqual({
      'm-1': 'closed',
      'wc-1': 'completed',
      'n-s1': 'completed',
      'n-a1': 'completed',
      'n-c': 'posted',
      'm-eval': 'result',
      [P]: 'closed',
      'roster:default': 'active',
    });
  });

  it('refuses with the machines’ own codes, changing nothing', () => {
    const { engine } = run(['keep'], []);
    const length = engine.log().length;
    const wc = engine.process('wc-1')!;
    const before = wc.getSnapshot();
    const late = {
      type: 'CAST_BALLOT',
      ballotId: 'b-late',
      owner: 'o5',
      channel: 'online',
      choices: [{ itemId: 'fund', choice: 'agree' }],
    };
    const r = wc.send(late, owner('o5'));
    expect(!r.ok && r.error.code).toBe('VOTE_AFTER_CLOSE');
    expect(wc.allowedActions(owner('o5').actor)).toEqual([]);
    const p = engine.process(P)!;
    const closed = p.send({ type: 'CLOSE_PROJECT' }, STAFF);
    expect(!closed.ok && closed.error.code).toBe('EVENT_NOT_ALLOWED');
    expect([engine.log().length, wc.getSnapshot()]).toEqual([length, before]);
  });

  it('rebuilds every process byte for byte from random histories', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(twist, { minLength: 1, maxLength: SCRIPT.length }),
        fc.array(fc.anything(), { maxLength: 5 }),
        (twists, junk) => {
          const { engine } = run(twists, junk);
          const expected = Object.fromEntries(
            engine.processes().map((p) => [p.id, canonicalJson(p.getPersistedSnapshot())]),
          );
          const log = parseJsonl(toJsonl(engine.log()));
          const r = replay(log, PROCESS_KINDS, { packs: FIXTURE_PACKS });
          expect(
            r.ok && Object.fromEntries(r.processes.map((p) => [p.id, canonicalJson(p.persisted)])),
          ).toEqual(expected);
          expect(viaXstate(log)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});
