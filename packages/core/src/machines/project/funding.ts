/**
 * Money for a project (多渠道筹措资金, seed §三.4): amounts in integer fen (分) — never floats —
 * as decimal strings in the context (safe past 2^53 and exact in JSON), summed with BigInt.
 *
 * Each source needs its own approval before it counts toward the budget:
 * - 维修资金 (maintenanceFund): an owners' decision (民法典 第278条第1款第5项), recorded by the
 *   owners' committee, which manages the fund;
 * - 自愿筹资 (residentContributions): a residents' (or villagers') meeting decision (seed §三.4);
 * - 自治金 (selfGovernanceFund): the sub-district's approval under its local measures (UNVERIFIED:
 *   no city-wide rule found, RULES.md G4);
 * - 财政资金 (fiscalFunds): the government's approval;
 * - the others (产权人, 区域化党建, 社区基金会, 慈善, 共建单位): the provider's written commitment.
 */
import { z } from 'zod';
import type { Role } from '../../actor/actor.js';

/** An amount in fen: a non-negative integer, or its decimal string. */
export const Fen = z.union([
  z.int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^(0|[1-9]\d{0,17})$/, 'expected whole fen (分) as digits, e.g. "1250000" for ¥12,500.00'),
]);
export type Fen = z.infer<typeof Fen>;

/** The canonical string form of an amount in fen. */
export const fen = (amount: Fen): string => BigInt(amount).toString();

export const sumFen = (amounts: readonly string[]): string =>
  amounts.reduce((s, a) => s + BigInt(a), 0n).toString();

/** "¥12,500.00" for "1250000". */
export function formatFen(amount: string): string {
  const v = BigInt(amount);
  const yuan = (v / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${yuan}.${(v % 100n).toString().padStart(2, '0')}`;
}

export const FundingKind = z.enum([
  'propertyRightHolder', // 产权人
  'partyBuildingPlatform', // 区域化党建平台资源
  'selfGovernanceFund', // 自治金
  'communityFoundation', // 社区基金会
  'charity', // 公益慈善
  'maintenanceFund', // 维修资金
  'coBuildingUnit', // 共建单位
  'residentContributions', // 居民、受益单位自愿筹资
  'fiscalFunds', // 财政资金
]);
export type FundingKind = z.infer<typeof FundingKind>;

export const ApprovalBody = z.enum([
  'ownersAssembly',
  'residentsMeeting',
  'villagersMeeting',
  'subdistrict',
  'government',
  'provider',
]);
export type ApprovalBody = z.infer<typeof ApprovalBody>;

export interface FundingRule {
  /** Who may approve this kind of source. */
  bodies: readonly ApprovalBody[];
  /** The approval is a meeting's decision: link its process id. */
  meetingDecision: boolean;
  /** Who records the approval (besides the residents' committee where the estate has no owners' committee). */
  recorders: readonly Role[];
}

const provider: FundingRule = {
  bodies: ['provider'],
  meetingDecision: false,
  recorders: ['residentsCommitteeStaff'],
};

export const FUNDING_RULES: Readonly<Record<FundingKind, FundingRule>> = {
  maintenanceFund: { bodies: ['ownersAssembly'], meetingDecision: true, recorders: ['ownersCommittee'] },
  residentContributions: {
    bodies: ['residentsMeeting', 'villagersMeeting'],
    meetingDecision: true,
    recorders: ['residentsCommitteeStaff'],
  },
  // The sub-district approves its 自治金 and records the approval itself (上海规定 第25条).
  selfGovernanceFund: {
    bodies: ['subdistrict'],
    meetingDecision: false,
    recorders: ['subdistrictStaff'],
  },
  fiscalFunds: { bodies: ['government'], meetingDecision: false, recorders: ['residentsCommitteeStaff'] },
  propertyRightHolder: provider,
  partyBuildingPlatform: provider,
  communityFoundation: provider,
  charity: provider,
  coBuildingUnit: provider,
};

/** The roles that may record the approval of `kind` (the residents' committee stands in for a missing owners' committee). */
export function approvalRecorders(kind: FundingKind, hasOwnersCommittee: boolean): readonly Role[] {
  const r = FUNDING_RULES[kind].recorders;
  return kind === 'maintenanceFund' && !hasOwnersCommittee ? ['residentsCommitteeStaff'] : r;
}
