/**
 * A participatory-planning project scripted through its six stages (test support, not shipped):
 * the fixtures the project's tests share, each stage's events in order with their dates.
 */
import {
  planner,
  play,
  propertyManager,
  type Scripted,
  secretary,
  staff,
} from '../../testing/fixtureEngine.js';
import { startProcess } from '../processKind.js';
import { projectKind as kind } from './project.kind.js';
import type { ProjectInput } from './projectSchemas.js';

export const input = (over: Partial<ProjectInput> = {}): ProjectInput => ({
  id: 'p-1',
  title: '3号楼前小广场微更新',
  community: 'residents',
  projectType: 'selfGovernance',
  hasOwnersCommittee: true,
  partyCouncilFirst: true,
  ...over,
});

export const EXPERT = { id: 'expert-1', role: 'expert' };
export const ev = (type: string, fields: Record<string, unknown> = {}) => ({ type, ...fields });
/** The sub-district office, which approves and records its 自治金 itself. */
export const SUBDISTRICT = { id: 'sd-1', role: 'subdistrictStaff' } as const;
const byDefault = (e: ReturnType<typeof ev>) =>
  e.type === 'APPROVE_FUNDING_SOURCE' && (e as { body?: unknown }).body === 'subdistrict'
    ? SUBDISTRICT
    : staff;
export const at = (e: ReturnType<typeof ev>, on: string, who: Scripted[2] = byDefault(e)): Scripted => [
  e,
  on,
  who,
];

export const survey: Scripted[] = [
  at(ev('RECORD_NEED', { needId: 'n1', channel: 'visit', text: '广场缺少座椅' }), '2025-03-01'),
  at(ev('RECORD_NEED', { needId: 'n2', channel: 'online', text: '晚上太暗' }), '2025-03-02'),
  at(
    ev('RECORD_NEED', {
      needId: 'n3',
      channel: 'council',
      forum: 'buildingGroupCouncil',
      text: '需要休息座椅',
    }),
    '2025-03-03',
  ),
  at(ev('MERGE_NEEDS', { into: 'n1', needIds: ['n3'], reason: '同一需求' }), '2025-03-04'),
  at(
    ev('RANK_NEEDS', {
      method: 'dotVotes',
      dotsPerVoter: 3,
      dotVotes: [
        { voter: 'r1', needId: 'n1', dots: 2 },
        { voter: 'r2', needId: 'n3', dots: 1 },
        { voter: 'r3', needId: 'n2', dots: 2 },
      ],
    }),
    '2025-03-05',
  ),
  at(ev('PUBLISH_NEEDS_LIST', { top: 2 }), '2025-03-06'),
];
export const plan = (planId: string, touchesOwnersRights = false, on = '2025-03-12', estimate = '8000000') =>
  at(
    ev('PROPOSE_PLAN', {
      planId,
      title: '座椅与照明',
      summary: '增设座椅6处、庭院灯4盏',
      addressesNeeds: ['n1', 'n3', 'n2'],
      estimatedBudgetFen: estimate,
      touchesOwnersRights,
    }),
    on,
    planner,
  );
export const diagnosis = (planId = 'plan-a', owners = false, estimate = '8000000'): Scripted[] => [
  at(
    ev('RECORD_FINDING', { findingId: 'f1', kind: 'siteVisit', text: '现场无座椅，夜间照度不足' }),
    '2025-03-10',
    planner,
  ),
  at(
    ev('RECORD_ANALYSIS', { needsAnalysis: '老人休憩需求突出', resourceAnalysis: '自治金可覆盖部分' }),
    '2025-03-11',
    planner,
  ),
  plan(planId, owners, '2025-03-12', estimate),
  at(ev('SUBMIT_DIAGNOSIS'), '2025-03-13', planner),
];
export const step = (
  stepId: string,
  body: string,
  who = staff,
  outcome = 'recommended',
  planIds = ['plan-a'],
  on = '2025-03-20',
) =>
  at(
    ev('RECORD_FORMATION_STEP', {
      stepId,
      body,
      planIds,
      outcome,
      heldOn: on,
      meetingProcessId: `m-${stepId}`,
    }),
    on,
    who,
  );
export const publicise = (stepId: string, on = '2025-03-21'): Scripted =>
  at(ev('PUBLICISE_RESULT', { stepId, channels: ['online', 'offline'], noticeProcessId: `n-${stepId}` }), on);
export const formation: Scripted[] = [
  step('s1', 'partyMembersCouncil', secretary),
  publicise('s1'),
  step('s2', 'residentRepresentativesMeeting', staff, 'recommended', ['plan-a'], '2025-03-22'),
  publicise('s2', '2025-03-23'),
];
export const adopt = (
  outcome = 'passed',
  planId = 'plan-a',
  body = 'residentsMeeting',
  who = staff,
  id = 'adopt-1',
) =>
  at(
    ev('RECORD_ADOPTION', {
      adoptionId: id,
      planId,
      body,
      outcome,
      heldOn: '2025-04-01',
      meetingProcessId: 'm-rm',
    }),
    '2025-04-01',
    who,
  );
export const funding: Scripted[] = [
  publicise('adopt-1', '2025-04-02'),
  at(
    ev('ADD_FUNDING_SOURCE', { sourceId: 'sg', kind: 'selfGovernanceFund', amountFen: 5_000_000 }),
    '2025-04-03',
  ),
  at(
    ev('APPROVE_FUNDING_SOURCE', {
      sourceId: 'sg',
      body: 'subdistrict',
      reference: '街道自治金〔2025〕3号',
      decidedOn: '2025-04-05',
    }),
    '2025-04-05',
  ),
  at(
    ev('ADD_FUNDING_SOURCE', { sourceId: 'rc', kind: 'residentContributions', amountFen: '3000000' }),
    '2025-04-06',
  ),
  at(
    ev('APPROVE_FUNDING_SOURCE', {
      sourceId: 'rc',
      body: 'residentsMeeting',
      reference: '居民会议决定',
      decidedOn: '2025-04-08',
      meetingProcessId: 'm-rc',
    }),
    '2025-04-08',
  ),
];
export const implementation: Scripted[] = [
  at(
    ev('RECORD_PROCUREMENT', {
      method: 'inquiry',
      reference: '询价记录-01',
      supplier: '某园林公司',
      amountFen: 7_800_000,
    }),
    '2025-04-15',
  ),
  at(
    ev('RECORD_CONTRACT', {
      contractId: 'k1',
      supplier: '某园林公司',
      amountFen: 7_800_000,
      signedOn: '2025-04-16',
      procurementReference: '询价记录-01',
    }),
    '2025-04-16',
  ),
  at(
    ev('FORM_WORKING_GROUP', {
      members: [
        { id: 'r1', role: 'resident' },
        { id: 'planner-1', role: 'planner' },
      ],
    }),
    '2025-04-16',
  ),
  at(ev('RECORD_MILESTONE', { milestoneId: 'ms1', title: '进场施工', status: 'started' }), '2025-04-20'),
  at(ev('RECORD_NOTE', { kind: 'residentFeedback', text: '座椅高度合适' }), '2025-04-25', {
    id: 'r1',
    role: 'resident',
  }),
  at(
    ev('RECORD_ACCEPTANCE_REVIEW', { outcome: 'passed', reviewers: [EXPERT], reference: '验收单-01' }),
    '2025-05-20',
  ),
  at(
    ev('ARRANGE_OPERATIONS', { arrangement: 'propertyManager', description: '物业日常维护' }),
    '2025-05-21',
    propertyManager,
  ),
];
export const evaluation: Scripted[] = [
  at(ev('PUBLICISE_COMPLETION', { channels: ['online', 'offline'] }), '2025-05-25'),
  at(
    ev('RECORD_EVALUATION_MEETING', {
      meetingProcessId: 'm-eval',
      heldOn: '2025-06-01',
      summary: '居民满意',
    }),
    '2025-06-01',
  ),
  at(
    ev('RECORD_SATISFACTION_SURVEY', {
      conductedBy: 'thirdPartyAssessor',
      respondents: 50,
      satisfied: 44,
      neutral: 4,
      dissatisfied: 2,
    }),
    '2025-06-05',
  ),
  at(
    ev('RECORD_AUDIT', { auditor: '某会计师事务所', reference: '审计报告-07', findings: '无重大问题' }),
    '2025-06-10',
  ),
  at(
    ev('AGREE_OPERATING_RULES', {
      rules: [{ title: '广场使用公约', text: '22:00 后保持安静' }],
      meetingProcessId: 'm-eval',
    }),
    '2025-06-12',
  ),
];

export const start = startProcess(kind, input());
export const through = (...phases: Scripted[][]) => play(kind, start, ...phases.flat());
