/**
 * Writes `examples/project/project-log.jsonl`: the audit log of one complete participatory-planning
 * project in 梅园居民区, from the needs survey to closing, driven through the yishi engine with the
 * real machines and the Shanghai policy pack. Every meeting, the owners' written consultation and
 * every publicity are their own processes in the same log; the project links them by id.
 *
 *   npx tsx examples/project/generate.ts                 (from the repository root)
 *   npx tsx examples/project/generate.ts --seed 7 --out /tmp/other.jsonl
 *
 * Deterministic: a seeded PRNG (mulberry32) picks needs, dot votes, attendance, votes, ballots and
 * the minute of every event, and a simulated clock runs from 2025-03-03 to the last notice's end.
 * The same seed gives the same bytes. The registers are this directory's siblings: the 梅园小区
 * unit register (examples/estate) and the 梅园居民区 residents (examples/residents). All names are
 * invented.
 *
 * Then: `yishi verify examples/project/project-log.jsonl` and `yishi replay …` (docs/embedding.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addDays, chinaMidnight } from '../../packages/core/src/calendar/plainDate.js';
import {
  createEngine,
  type Engine,
  type SendContext,
  toJsonl,
} from '../../packages/core/src/engine/index.js';
import { parsePolicyPack } from '../../packages/core/src/index.js';
import { PROCESS_KINDS } from '../../packages/core/src/machines/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEED = 20250303;
export const DEFAULT_OUT = join(here, 'project-log.jsonl');

/** mulberry32: a tiny seeded PRNG (no randomness without a fixed seed). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── who acts ─────────────────────────────────────────────────────────────────────────────────
const ctx = (
  id: string,
  role: SendContext['actor']['role'],
  channel: SendContext['channel'] = 'web',
): SendContext => ({
  actor: { id, role },
  channel,
});
const STAFF = ctx('staff-zhou', 'residentsCommitteeStaff');
const COUNTER = ctx('staff-zhou', 'residentsCommitteeStaff', 'counter');
const SECRETARY = ctx('secretary-chen', 'partySecretary');
const PLANNER = ctx('planner-lin', 'planner');
const COMMITTEE = ctx('oc-wang', 'ownersCommittee');
const PROPERTY = ctx('pm-meiyuan', 'propertyManager');
/** The sub-district office (街道): it keeps the community's roster and approves its 自治金. */
const SUBDISTRICT = ctx('subdistrict-xu', 'subdistrictStaff');
const AT_MEETING = (c: SendContext): SendContext => ({ ...c, channel: 'meeting' });

const BOARD = (where: string, photo: string) =>
  ({ channel: 'board', location: where, photoId: photo }) as const;
const ONLINE = (post: string) => ({ channel: 'online', platform: '社区云', postId: post }) as const;

// ── the data ─────────────────────────────────────────────────────────────────────────────────
interface Resident {
  id: string;
  household: string;
  birthDate: string;
  roles?: string[];
  partyMember?: boolean;
}
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(here, path), 'utf8')) as T;

const NEEDS = [
  ['visit', '3号楼前空地杂草丛生，希望改造成小花园'],
  ['receptionDesk', '老人散步没有地方坐，希望增加座椅'],
  ['online', '晚上3号楼前太暗，希望增加照明'],
  ['questionnaire', '孩子没有游戏的地方'],
  ['council', '空地可以种花种菜，居民一起维护'],
  ['visit', '3号楼入口台阶破损，老人上下不便'],
  ['online', '希望有晾晒被子的地方'],
  ['receptionDesk', '座椅旁边希望有遮阳'],
  ['questionnaire', '非机动车乱停，希望规划停车区'],
  ['council', '希望保留那棵老桂花树'],
] as const;

/** The log of the whole project, as JSONL text, and the engine that wrote it. */
export async function generateProjectLog(seed = DEFAULT_SEED): Promise<{ text: string; engine: Engine }> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;

  const units = readJson<{ estate: string; units: { owner: string; status: string }[] }>(
    '../estate/units.json',
  );
  const residentRegistry = readJson<{ community: string; residents: Resident[] }>(
    '../residents/residents.json',
  );
  const adults = residentRegistry.residents.filter((r) => r.birthDate <= '2007-03-01');
  const partyMembers = residentRegistry.residents.filter((r) => r.partyMember);
  const representatives = residentRegistry.residents.filter((r) =>
    r.roles?.includes('residentsGroupRepresentative'),
  );
  const owners = [...new Set(units.units.filter((u) => u.status === 'delivered').map((u) => u.owner))];

  // The Shanghai pack, from the policies package's source, re-validated with core's own schema.
  const POLICIES = '../../packages/policies/src/index.js';
  const { shanghai } = (await import(POLICIES)) as { shanghai: unknown };
  const pack = parsePolicyPack(shanghai, 'shanghai pack');
  // Processes name their rules; the engine resolves them from the packs it is given.
  const policy = { pack: pack.id, at: '2025-03-01' };

  // ── the engine and its simulated clock ─────────────────────────────────────────────────────
  const clock = { t: chinaMidnight('2025-03-03') + 8 * 3_600_000, now: () => clock.t };
  const engine = createEngine({ kinds: PROCESS_KINDS, clock, packs: [pack] });
  let today = '2025-03-03';

  /** Moves to `date` at a working hour; every midnight on the way, the system clock ticks. */
  function on(date: string, hour = 9 + Math.floor(rand() * 8)) {
    while (today < date) {
      today = addDays(today, 1);
      clock.t = chinaMidnight(today) + 5 * 60_000; // 00:05
      engine.tick();
    }
    const t = chinaMidnight(date) + hour * 3_600_000 + Math.floor(rand() * 50) * 60_000;
    clock.t = Math.max(clock.t + 60_000, t);
  }
  /** A little later the same day. */
  const later = () => {
    clock.t += (2 + Math.floor(rand() * 20)) * 60_000;
  };

  const must = (what: string, r: { ok: boolean; error?: { code: string; message: string } }) => {
    if (!r.ok) throw new Error(`${what} on ${today}: ${r.error?.code}: ${r.error?.message}`);
  };
  const create = (kind: string, id: string, input: unknown, who: SendContext) =>
    must(`create ${id}`, engine.create(kind, id, input, who));
  const send = (id: string, event: { type: string } & Record<string, unknown>, who: SendContext) => {
    later();
    must(`${id} ${event.type}`, engine.send(id, event, who));
  };

  // ── the roster (名册): who holds which office, so a claimed role is never simply believed ─────
  const appoint = (n: number, personId: string, role: string, basis: string, until?: string) => ({
    appointmentId: `ap-${n}`,
    personId,
    role,
    from: '2024-01-01',
    ...(until ? { until } : {}),
    basis,
  });
  create(
    'roster',
    'roster:default',
    {
      community: 'default',
      root: { by: { id: SUBDISTRICT.actor.id, role: 'subdistrictStaff' }, basis: '街道社区自治办备案' },
      appointments: [
        appoint(1, SUBDISTRICT.actor.id, 'subdistrictStaff', '街道社区自治办'),
        appoint(2, STAFF.actor.id, 'residentsCommitteeStaff', '居委会换届选举结果备案'),
        appoint(3, SECRETARY.actor.id, 'partySecretary', '居民区党总支选举结果'),
        appoint(4, PLANNER.actor.id, 'planner', '社区规划师定向结对协议'),
        appoint(5, COMMITTEE.actor.id, 'ownersCommittee', '业主委员会选举结果备案', '2027-12-31'),
        appoint(6, PROPERTY.actor.id, 'propertyManager', '物业服务合同'),
      ],
    },
    { ...SUBDISTRICT, community: 'default' },
  );

  const P = 'p-meiyuan-garden';

  /** This generator writes the history where every vote passes; another seed could differ. */
  function mustHavePassed(id: string) {
    const c = engine.process(id)!.getSnapshot().context as {
      results: { itemId: string | null; result: { passed: boolean | null } }[];
    };
    const failed = c.results.filter((r) => r.result.passed === false);
    if (failed.length)
      throw new Error(
        `seed ${seed}: ${id} did not pass ${failed.map((r) => r.itemId).join(', ')}; try another seed`,
      );
  }

  /** A 公示 of a result: created, posted on the board and online. */
  function publicity(id: string, title: string, days: number, board: string) {
    create('publicNotice', id, { id, kind: 'publicity', title, period: { days, unit: 'natural' } }, STAFF);
    send(id, { type: 'POST', channels: [BOARD(board, `photo-${id}`), ONLINE(`post-${id}`)] }, STAFF);
  }

  /** A members' meeting (党员议事会, 居民代表会议): convened, held, voted, result posted. */
  function memberMeeting(o: {
    id: string;
    title: string;
    body: 'partyMembersCouncil' | 'residentRepresentativesMeeting';
    members: { id: string }[];
    registerBody: 'partyMembersCouncil' | 'residentRepresentatives';
    convener: SendContext;
    convenedOn: string;
    meetingDate: string;
    item: string;
    opinions: string[];
  }) {
    const register = {
      kind: 'members',
      registry: { body: o.registerBody, members: o.members.map((m) => ({ id: m.id })) },
    };
    on(o.convenedOn);
    create(
      'meeting',
      o.id,
      { id: o.id, title: o.title, body: o.body, rules: policy, register, hasOwnersCommittee: true },
      o.convener,
    );
    // each item names what it is about, so the project can cite it (engine/links.ts)
    const agenda = [{ id: 'i1', title: o.item, decision: true, subject: { project: P, planId: 'plan-a' } }];
    send(
      o.id,
      { type: 'CONVENE', meetingDate: o.meetingDate, place: '梅园居民区党群服务站', agenda },
      o.convener,
    );
    on(o.meetingDate, 14);
    const c = AT_MEETING(o.convener);
    send(o.id, { type: 'OPEN_SIGN_IN' }, c);
    const present = o.members.filter(() => chance(0.92));
    if (present.length * 2 <= o.members.length)
      present.push(...o.members.filter((m) => !present.includes(m)));
    send(o.id, { type: 'SIGN_IN', attendees: present.map((m) => ({ person: m.id, via: 'inPerson' })) }, c);
    send(o.id, { type: 'CLOSE_SIGN_IN' }, c);
    send(
      o.id,
      { type: 'RECORD_OPINION', text: '规划师介绍方案：座椅、照明与花境', itemId: 'i1', by: 'planner-lin' },
      AT_MEETING(PLANNER),
    );
    for (const text of o.opinions)
      send(o.id, { type: 'RECORD_OPINION', text, itemId: 'i1', by: pick(present).id }, c);
    send(o.id, { type: 'END_DELIBERATION' }, c);
    for (const m of present) {
      const choice = chance(0.94) ? 'agree' : pick(['oppose', 'abstain']);
      send(o.id, { type: 'CAST_VOTE', itemId: 'i1', voter: m.id, choice }, c);
    }
    send(o.id, { type: 'CLOSE_VOTE' }, c);
    mustHavePassed(o.id);
  }

  // ── 1. needs survey (群众需求调查), 2025-03-03 … 03-19 ─────────────────────────────────────────
  on('2025-03-03');
  create(
    'participatoryPlanningProject',
    P,
    {
      id: P,
      title: '梅园小区3号楼前口袋花园微更新',
      community: 'residents',
      projectType: 'selfGovernance',
      hasOwnersCommittee: true,
      partyCouncilFirst: true,
    },
    STAFF,
  );
  let day = '2025-03-03';
  NEEDS.forEach(([channel, text], i) => {
    day = addDays(day, chance(0.5) ? 1 : 0);
    on(day);
    const forum =
      channel === 'council' ? { forum: pick(['homeCouncil', 'buildingGroupCouncil'] as const) } : {};
    send(
      P,
      { type: 'RECORD_NEED', needId: `need-${i + 1}`, channel, text, ...forum },
      channel === 'receptionDesk' ? COUNTER : STAFF,
    );
  });
  on('2025-03-17');
  send(P, { type: 'MERGE_NEEDS', into: 'need-2', needIds: ['need-8'], reason: '同为休憩设施需求' }, STAFF);
  on('2025-03-18');
  const live = ['need-1', 'need-2', 'need-3', 'need-4', 'need-5', 'need-6', 'need-7', 'need-9', 'need-10'];
  const weights = [5, 6, 4, 3, 2, 3, 1, 2, 1];
  const total = weights.reduce((a, b) => a + b, 0);
  const weighted = () => {
    let x = rand() * total;
    for (let i = 0; i < live.length; i++) {
      x -= weights[i]!;
      if (x < 0) return live[i]!;
    }
    return live[0]!;
  };
  const dotVotes = adults.slice(0, 24).flatMap((r) => {
    const votes = new Map<string, number>();
    for (let d = 0; d < 3; d++) {
      const need = weighted();
      votes.set(need, (votes.get(need) ?? 0) + 1);
    }
    return [...votes].map(([needId, dots]) => ({ voter: r.id, needId, dots }));
  });
  send(P, { type: 'RANK_NEEDS', method: 'dotVotes', dotsPerVoter: 3, dotVotes }, STAFF);
  on('2025-03-19');
  send(P, { type: 'PUBLISH_NEEDS_LIST', top: 4 }, STAFF);

  // ── 2. the planner's diagnosis (社区规划师把脉), 03-20 … 03-28 ────────────────────────────────
  const ranked = (engine.process(P)!.getSnapshot().context as { needsList: { needIds: string[] } }).needsList
    .needIds;
  on('2025-03-20');
  send(
    P,
    {
      type: 'RECORD_FINDING',
      findingId: 'f-1',
      kind: 'siteVisit',
      text: '空地约320平方米，夜间照度不足5勒克斯',
    },
    PLANNER,
  );
  on('2025-03-21');
  send(
    P,
    { type: 'RECORD_FINDING', findingId: 'f-2', kind: 'population', text: '3号楼60岁以上居民占41%' },
    PLANNER,
  );
  send(
    P,
    { type: 'RECORD_FINDING', findingId: 'f-3', kind: 'interview', text: '楼组长访谈：希望保留老桂花树' },
    PLANNER,
  );
  on('2025-03-25');
  send(
    P,
    {
      type: 'RECORD_ANALYSIS',
      needsAnalysis: '休憩、照明与儿童活动需求集中',
      resourceAnalysis: '自治金、居民筹资、共建单位与维修资金可覆盖',
    },
    PLANNER,
  );
  on('2025-03-27');
  send(
    P,
    {
      type: 'PROPOSE_PLAN',
      planId: 'plan-a',
      title: '口袋花园：座椅、照明与花境',
      summary: '座椅8处、庭院灯6盏、花境120平方米、保留桂花树，修缮3号楼入口台阶',
      addressesNeeds: ranked,
      estimatedBudgetFen: '12000000',
      touchesOwnersRights: false,
    },
    PLANNER,
  );
  on('2025-03-28');
  send(P, { type: 'SUBMIT_DIAGNOSIS' }, PLANNER);

  // ── 3. producing the project (产生社区规划项目): 党员议事会 → 居民代表会议 → 居民会议 ─────────
  memberMeeting({
    id: 'm-party-council',
    title: '党员议事会：口袋花园方案',
    body: 'partyMembersCouncil',
    members: partyMembers,
    registerBody: 'partyMembersCouncil',
    convener: SECRETARY,
    convenedOn: '2025-03-31',
    meetingDate: '2025-04-03',
    item: '推荐口袋花园方案',
    opinions: ['先知晓、先协商：方案征求楼组意见', '建议增加无障碍坡道'],
  });
  send(
    P,
    {
      type: 'RECORD_FORMATION_STEP',
      stepId: 's-1',
      body: 'partyMembersCouncil',
      planIds: ['plan-a'],
      outcome: 'recommended',
      heldOn: '2025-04-03',
      meetingProcessId: 'm-party-council',
    },
    SECRETARY,
  );
  on('2025-04-04');
  publicity('n-party-council', '党员议事会结果公示', 7, '梅园居民区公告栏');
  send(
    'm-party-council',
    {
      type: 'POST_RESULT',
      channels: [BOARD('梅园居民区公告栏', 'photo-m-party-council')],
      noticeProcessId: 'n-party-council',
    },
    SECRETARY,
  );
  send(
    P,
    {
      type: 'PUBLICISE_RESULT',
      stepId: 's-1',
      channels: ['online', 'offline'],
      noticeProcessId: 'n-party-council',
    },
    STAFF,
  );

  memberMeeting({
    id: 'm-resident-reps',
    title: '居民代表会议：口袋花园方案',
    body: 'residentRepresentativesMeeting',
    members: representatives,
    registerBody: 'residentRepresentatives',
    convener: STAFF,
    convenedOn: '2025-04-07',
    meetingDate: '2025-04-10',
    item: '推荐口袋花园方案提交居民会议',
    opinions: ['花境由居民认领养护', '照明注意不要照进住户窗户'],
  });
  send(
    P,
    {
      type: 'RECORD_FORMATION_STEP',
      stepId: 's-2',
      body: 'residentRepresentativesMeeting',
      planIds: ['plan-a'],
      outcome: 'recommended',
      heldOn: '2025-04-10',
      meetingProcessId: 'm-resident-reps',
    },
    STAFF,
  );
  on('2025-04-11');
  publicity('n-resident-reps', '居民代表会议结果公示', 7, '梅园居民区公告栏');
  send(
    'm-resident-reps',
    {
      type: 'POST_RESULT',
      channels: [BOARD('梅园居民区公告栏', 'photo-m-resident-reps')],
      noticeProcessId: 'n-resident-reps',
    },
    STAFF,
  );
  send(
    P,
    {
      type: 'PUBLICISE_RESULT',
      stepId: 's-2',
      channels: ['online', 'offline'],
      noticeProcessId: 'n-resident-reps',
    },
    STAFF,
  );

  // 居民会议: adopts the plan and the residents' voluntary contribution.
  const RM = 'm-residents-meeting';
  on('2025-04-14');
  create(
    'meeting',
    RM,
    {
      id: RM,
      title: '居民会议：口袋花园方案与居民自愿筹资',
      body: 'residentsMeeting',
      rules: policy,
      register: { kind: 'residents', registry: residentRegistry, base: 'adults' },
      hasOwnersCommittee: true,
    },
    STAFF,
  );
  const agenda = [
    { id: 'adopt', title: '通过口袋花园方案', decision: true, subject: { project: P, planId: 'plan-a' } },
    { id: 'contrib', title: '居民自愿筹资2万元', decision: true, subject: { project: P } },
  ];
  send(RM, { type: 'CONVENE', meetingDate: '2025-04-19', place: '梅园小区活动室', agenda }, STAFF);
  on('2025-04-19', 9);
  const rm = AT_MEETING(STAFF);
  send(RM, { type: 'OPEN_SIGN_IN' }, rm);
  const attending = adults.filter(() => chance(0.72));
  for (let i = 0; i < attending.length; i += 8) {
    send(
      RM,
      {
        type: 'SIGN_IN',
        attendees: attending.slice(i, i + 8).map((r) => ({ person: r.id, via: 'inPerson' })),
      },
      rm,
    );
  }
  send(RM, { type: 'CLOSE_SIGN_IN' }, rm);
  send(
    RM,
    { type: 'RECORD_OPINION', text: '规划师讲解方案与预算', itemId: 'adopt', by: 'planner-lin' },
    AT_MEETING(PLANNER),
  );
  send(
    RM,
    { type: 'RECORD_OPINION', text: '筹资自愿，不摊派', itemId: 'contrib', by: pick(attending).id },
    rm,
  );
  send(RM, { type: 'END_DELIBERATION' }, rm);
  for (const item of ['adopt', 'contrib']) {
    for (const r of attending) {
      const choice = chance(item === 'adopt' ? 0.88 : 0.75) ? 'agree' : pick(['oppose', 'abstain']);
      send(RM, { type: 'CAST_VOTE', itemId: item, voter: r.id, choice }, rm);
    }
  }
  send(RM, { type: 'CLOSE_VOTE' }, rm);
  mustHavePassed(RM);
  send(
    P,
    {
      type: 'RECORD_ADOPTION',
      adoptionId: 'adopt-1',
      planId: 'plan-a',
      body: 'residentsMeeting',
      outcome: 'passed',
      heldOn: '2025-04-19',
      meetingProcessId: RM,
    },
    STAFF,
  );
  on('2025-04-21');
  publicity('n-adoption', '居民会议决定公示：口袋花园方案', 7, '3号楼门厅公告栏');
  send(
    RM,
    {
      type: 'POST_RESULT',
      channels: [BOARD('3号楼门厅公告栏', 'photo-m-residents-meeting')],
      noticeProcessId: 'n-adoption',
    },
    STAFF,
  );
  send(
    P,
    {
      type: 'PUBLICISE_RESULT',
      stepId: 'adopt-1',
      channels: ['online', 'offline'],
      noticeProcessId: 'n-adoption',
    },
    STAFF,
  );
  on('2025-04-23');
  const objector = pick(adults);
  send(
    'n-adoption',
    { type: 'OBJECT', objectionId: 'obj-1', text: '花境会占用晾晒场地', by: objector.id },
    ctx(objector.id, 'resident', 'counter'),
  );
  on('2025-04-24');
  send(
    'n-adoption',
    {
      type: 'ANSWER_OBJECTION',
      objectionId: 'obj-1',
      decision: 'dismissed',
      reason: '方案保留东侧晾晒区，已当面说明',
    },
    STAFF,
  );

  // ── 4. funding (多渠道筹措资金): four sources; the maintenance fund by the owners' written consultation
  on('2025-04-22');
  send(
    P,
    { type: 'ADD_FUNDING_SOURCE', sourceId: 'fund-sg', kind: 'selfGovernanceFund', amountFen: '6000000' },
    STAFF,
  );
  send(
    P,
    { type: 'ADD_FUNDING_SOURCE', sourceId: 'fund-rc', kind: 'residentContributions', amountFen: '2000000' },
    STAFF,
  );
  send(
    P,
    {
      type: 'ADD_FUNDING_SOURCE',
      sourceId: 'fund-cb',
      kind: 'coBuildingUnit',
      amountFen: '1500000',
      provider: '梅园路共建银行支行',
    },
    STAFF,
  );
  send(
    P,
    { type: 'ADD_FUNDING_SOURCE', sourceId: 'fund-mf', kind: 'maintenanceFund', amountFen: '2500000' },
    COMMITTEE,
  );
  on('2025-04-25');
  send(
    P,
    {
      type: 'APPROVE_FUNDING_SOURCE',
      sourceId: 'fund-cb',
      body: 'provider',
      reference: '共建协议 GJ-2025-07',
      decidedOn: '2025-04-25',
    },
    STAFF,
  );
  on('2025-04-28');
  send(
    P,
    {
      type: 'APPROVE_FUNDING_SOURCE',
      sourceId: 'fund-sg',
      body: 'subdistrict',
      reference: '街道自治金〔2025〕12号',
      decidedOn: '2025-04-28',
    },
    SUBDISTRICT,
  );

  // A funding approval relies on the decision once its 公示 has run: the residents' meeting's
  // result publicity (posted 04-21, 7 days) has ended by now.
  on('2025-04-29');
  send(
    P,
    {
      type: 'APPROVE_FUNDING_SOURCE',
      sourceId: 'fund-rc',
      body: 'residentsMeeting',
      reference: '梅园居民区居民会议决定（2025-04-19）',
      decidedOn: '2025-04-19',
      meetingProcessId: RM,
    },
    STAFF,
  );

  // 业主大会 by written consultation: using the maintenance fund for the entrance steps.
  const WC = 'wc-maintenance-fund';
  create(
    'writtenConsultation',
    WC,
    {
      id: WC,
      title: '梅园小区业主大会书面表决：使用维修资金修缮3号楼入口台阶',
      items: [
        {
          id: 'fund',
          title: '使用维修资金2.5万元修缮3号楼入口台阶',
          matter: 'useMaintenanceFund',
          subject: { project: P },
        },
      ],
      rules: policy,
      registry: units,
      hasOwnersCommittee: true,
    },
    COMMITTEE,
  );
  send(
    WC,
    {
      type: 'POST_NOTICE',
      opensOn: '2025-05-16',
      closesOn: '2025-05-30',
      channels: [BOARD('各楼门厅公告栏', 'photo-wc-notice'), ONLINE('post-wc-notice')],
    },
    COMMITTEE,
  );
  on('2025-05-06');
  send(WC, { type: 'ISSUE_BALLOTS', channels: ['paper', 'online'] }, COMMITTEE);
  const voters = owners.filter(() => chance(0.9));
  const days = ['2025-05-16', '2025-05-19', '2025-05-21', '2025-05-24', '2025-05-27', '2025-05-30'];
  const byDay = new Map<string, string[]>();
  for (const o of voters) {
    const d = pick(days);
    byDay.set(d, [...(byDay.get(d) ?? []), o]);
  }
  for (const d of days) {
    const batch = (byDay.get(d) ?? []).sort();
    if (!batch.length) continue;
    on(d);
    // Paper ballots of the day form one batch: entered by the committee, each with its scan,
    // closed with its count and checked by the residents' committee (双人录入).
    const batchId = `paper-${d}`;
    let paper = 0;
    for (const o of batch) {
      const choice = chance(0.86) ? 'agree' : pick(['oppose', 'abstain'] as const);
      const online = chance(0.55);
      if (!online) paper++;
      send(
        WC,
        {
          type: 'CAST_BALLOT',
          ballotId: `b-${o}`,
          owner: o,
          channel: online ? 'online' : 'paper',
          choices: [{ itemId: 'fund', choice }],
          ...(online ? {} : { evidence: { scanId: `scan-${o}`, batchId } }),
        },
        online ? ctx(o, 'owner', 'mobile') : { ...COMMITTEE, channel: 'paper' },
      );
    }
    if (paper > 0) {
      send(
        WC,
        {
          type: 'CLOSE_PAPER_BATCH',
          batchId,
          count: paper,
          enteredBy: COMMITTEE.actor.id,
          checkedBy: STAFF.actor.id,
        },
        COMMITTEE,
      );
    }
  }
  on('2025-06-03');
  send(
    WC,
    { type: 'ANNOUNCE', channels: [BOARD('各楼门厅公告栏', 'photo-wc-result'), ONLINE('post-wc-result')] },
    COMMITTEE,
  );
  mustHavePassed(WC);
  const counted = (engine.process(WC)!.getSnapshot().context as { countedOn: string }).countedOn;
  // The approval relies on the owners' decision once its announcement has run its days.
  while (String(engine.process(WC)!.getSnapshot().value) !== 'completed') on(addDays(today, 1));
  send(
    P,
    {
      type: 'APPROVE_FUNDING_SOURCE',
      sourceId: 'fund-mf',
      body: 'ownersAssembly',
      reference: '业主大会书面表决结果公告',
      decidedOn: counted,
      meetingProcessId: WC,
    },
    COMMITTEE,
  );
  later();
  send(P, { type: 'CONFIRM_FUNDING' }, STAFF);

  // ── 5. implementation (项目实施), 06-09 … 08-01 ─────────────────────────────────────────────────
  on('2025-06-09');
  send(
    P,
    {
      type: 'RECORD_PROCUREMENT',
      method: 'inquiry',
      reference: '询价记录 XJ-2025-031',
      supplier: '沪西园林工程有限公司',
      amountFen: '11650000',
    },
    STAFF,
  );
  on('2025-06-11');
  send(
    P,
    {
      type: 'RECORD_CONTRACT',
      contractId: 'k-1',
      supplier: '沪西园林工程有限公司',
      amountFen: '11650000',
      signedOn: '2025-06-11',
      procurementReference: '询价记录 XJ-2025-031',
    },
    STAFF,
  );
  send(
    P,
    {
      type: 'FORM_WORKING_GROUP',
      members: [
        ...representatives.slice(0, 3).map((r) => ({ id: r.id, role: 'resident' })),
        { id: 'planner-lin', role: 'planner' },
        { id: 'oc-wang', role: 'ownersCommittee' },
      ],
    },
    STAFF,
  );
  const milestones = [
    ['ms-1', '进场施工', 'started', '2025-06-16'],
    ['ms-2', '入口台阶修缮', 'completed', '2025-06-27'],
    ['ms-3', '座椅与庭院灯安装', 'completed', '2025-07-11'],
    ['ms-4', '花境种植', 'completed', '2025-07-22'],
  ] as const;
  for (const [milestoneId, title, status, d] of milestones) {
    on(d);
    send(P, { type: 'RECORD_MILESTONE', milestoneId, title, status }, STAFF);
    if (chance(0.7))
      send(P, { type: 'RECORD_NOTE', kind: 'supervision', text: `${title}：工作组现场监督` }, PLANNER);
    const r = pick(adults);
    if (chance(0.6))
      send(
        P,
        {
          type: 'RECORD_NOTE',
          kind: 'residentFeedback',
          text: pick(['座椅高度合适', '灯光柔和', '希望多种月季', '施工噪音可接受']),
        },
        ctx(r.id, 'resident', 'mobile'),
      );
  }
  on('2025-07-28');
  send(
    P,
    {
      type: 'RECORD_ACCEPTANCE_REVIEW',
      outcome: 'passed',
      reviewers: [
        { id: 'subdistrict-xu', role: 'subdistrict' },
        { id: 'supervisor-he', role: 'supervisor' },
        { id: representatives[0]!.id, role: 'resident' },
      ],
      reference: '验收单 YS-2025-019',
    },
    STAFF,
  );
  on('2025-07-30');
  send(
    P,
    {
      type: 'ARRANGE_OPERATIONS',
      arrangement: 'residentsShared',
      description: '物业日常保洁，花境由居民志愿者认领养护',
    },
    PROPERTY,
  );
  on('2025-08-01');
  send(P, { type: 'COMPLETE_IMPLEMENTATION' }, STAFF);

  // ── 6. evaluation (跟踪评议) and closing, 08-04 … ───────────────────────────────────────────────
  on('2025-08-04');
  publicity('n-completion', '口袋花园项目竣工公示', 7, '3号楼门厅公告栏');
  send(
    P,
    { type: 'PUBLICISE_COMPLETION', channels: ['online', 'offline'], noticeProcessId: 'n-completion' },
    STAFF,
  );
  const EV = 'm-evaluation';
  on('2025-08-11');
  create(
    'meeting',
    EV,
    {
      id: EV,
      title: '评议会：口袋花园项目',
      body: 'evaluationMeeting',
      rules: policy,
      register: { kind: 'none' },
      hasOwnersCommittee: true,
    },
    STAFF,
  );
  send(
    EV,
    {
      type: 'CONVENE',
      meetingDate: '2025-08-15',
      place: '梅园小区活动室',
      agenda: [{ id: 'e1', title: '项目评议', decision: false }],
    },
    STAFF,
  );
  on('2025-08-15', 15);
  const ev = AT_MEETING(STAFF);
  send(EV, { type: 'OPEN_SIGN_IN' }, ev);
  send(
    EV,
    {
      type: 'SIGN_IN',
      attendees: adults.filter(() => chance(0.35)).map((r) => ({ person: r.id, via: 'inPerson' })),
    },
    ev,
  );
  send(EV, { type: 'CLOSE_SIGN_IN' }, ev);
  for (const text of ['居民满意，夜间散步的人多了', '建议增设一处儿童沙坑', '养护排班需公示']) {
    send(EV, { type: 'RECORD_OPINION', text, itemId: 'e1', by: pick(adults).id }, ev);
  }
  send(EV, { type: 'END_DELIBERATION' }, ev);
  on('2025-08-18');
  send(
    EV,
    {
      type: 'POST_RESULT',
      channels: [BOARD('梅园居民区公告栏', 'photo-m-evaluation'), ONLINE('post-m-evaluation')],
    },
    STAFF,
  );
  send(
    P,
    {
      type: 'RECORD_EVALUATION_MEETING',
      meetingProcessId: EV,
      heldOn: '2025-08-15',
      summary: '居民总体满意，建议增设儿童沙坑',
    },
    STAFF,
  );
  on('2025-08-20');
  const respondents = 60;
  const satisfied = 44 + Math.floor(rand() * 8);
  const neutral = Math.floor((respondents - satisfied) * 0.7);
  send(
    P,
    {
      type: 'RECORD_SATISFACTION_SURVEY',
      conductedBy: 'thirdPartyAssessor',
      respondents,
      satisfied,
      neutral,
      dissatisfied: respondents - satisfied - neutral,
      reference: '满意度调查报告 MY-2025-08',
    },
    STAFF,
  );
  on('2025-08-25');
  publicity('n-audit', '口袋花园项目审计结果公示', 30, '梅园居民区公告栏');
  send(
    P,
    {
      type: 'RECORD_AUDIT',
      auditor: '沪信会计师事务所',
      reference: '审计报告 SJ-2025-112',
      findings: '资金使用合规，结余3,500元退回自治金',
      noticeProcessId: 'n-audit',
    },
    STAFF,
  );
  on('2025-08-28');
  send(
    P,
    {
      type: 'AGREE_OPERATING_RULES',
      rules: [{ title: '口袋花园使用公约', text: '22:00后保持安静；花境认领养护，每月轮值' }],
      meetingProcessId: EV,
    },
    STAFF,
  );
  on('2025-08-29');
  send(P, { type: 'CLOSE_PROJECT' }, STAFF);
  // Let the last publicity (the audit's 30 days) run out.
  on('2025-09-30', 8);

  return { text: toJsonl(engine.log()), engine };
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const seed = Number(opt('--seed') ?? DEFAULT_SEED);
  const out = resolve(opt('--out') ?? DEFAULT_OUT);
  const { text, engine } = await generateProjectLog(seed);
  writeFileSync(out, text);
  const states = engine.processes().map((p) => `${p.id}: ${String(p.getSnapshot().value)}`);
  console.log(
    `wrote ${out}: ${engine.head()?.seq ?? 0} entries, ${states.length} processes\n  ${states.join('\n  ')}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
