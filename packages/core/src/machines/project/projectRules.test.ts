/**
 * Records that add up: procurements and contracts may not exceed the adopted budget, unless the
 * body that adopted the plan re-approved a higher total, and approved funding must cover them.
 * Each test below is an attack that the machine accepted before.
 */
import { describe, expect, it } from 'vitest';
import { committee, planner, play, refusal, secretary } from '../../testing/fixtureEngine.js';
import { projectKind as kind } from './project.kind.js';
import {
  adopt,
  at,
  diagnosis,
  ev,
  formation,
  plan,
  publicise,
  start,
  step,
  survey,
} from './project.testkit.js';
import { adoptedCeiling, committedFen } from './projectRules.js';

/** ¥120,000.00, in fen. */
const BUDGET = '12000000';

const source = (id: string, amountFen: string, on: string) => [
  at(ev('ADD_FUNDING_SOURCE', { sourceId: id, kind: 'selfGovernanceFund', amountFen }), on),
  at(
    ev('APPROVE_FUNDING_SOURCE', {
      sourceId: id,
      body: 'subdistrict',
      reference: `批复-${id}`,
      decidedOn: on,
    }),
    on,
  ),
];
const adopted = () =>
  play(
    kind,
    start,
    ...survey,
    ...diagnosis('plan-a', false, BUDGET),
    ...formation,
    adopt(),
    publicise('adopt-1', '2025-04-02'),
  );
/** A project in implementation with a ¥120,000 budget, funded exactly. */
const implementing = (funded = BUDGET) =>
  play(kind, adopted(), ...source('sg', funded, '2025-04-05'), at(ev('CONFIRM_FUNDING'), '2025-04-10'));

const contract = (contractId: string, amountFen: string, on = '2025-04-16', procurementReference?: string) =>
  at(
    ev('RECORD_CONTRACT', {
      contractId,
      supplier: '某园林公司',
      amountFen,
      signedOn: on,
      ...(procurementReference ? { procurementReference } : {}),
    }),
    on,
  );
const procurement = (reference: string, amountFen: string, on = '2025-04-15') =>
  at(ev('RECORD_PROCUREMENT', { method: 'inquiry', reference, supplier: '某园林公司', amountFen }), on);
const reapproval = (id: string, totalFen: string, on: string, over: Record<string, unknown> = {}) =>
  at(
    ev('RECORD_BUDGET_REAPPROVAL', {
      reapprovalId: id,
      body: 'residentsMeeting',
      meetingProcessId: `m-${id}`,
      totalFen,
      decidedOn: on,
      reason: '材料涨价',
      ...over,
    }),
    on,
  );

describe('contracts and procurements stay within the adopted budget', () => {
  it('refuses a ¥99,999,999 contract against a ¥120,000 budget (BUDGET_EXCEEDED), and records nothing', () => {
    const s = implementing();
    const e = refusal(kind, s, contract('k1', '9999999900'));
    expect(e.code).toBe('BUDGET_EXCEEDED');
    expect(e.message).toContain('¥99,999,999.00');
    expect(e.message).toContain('¥120,000.00');
    expect(e.message).toContain('by ¥99,879,999.00');
    expect(s.context.contracts).toEqual([]);
  });

  it('compares exactly, in fen: one fen below and at the budget are accepted, one fen above is refused', () => {
    const s = implementing();
    expect(play(kind, s, contract('k1', '11999999')).context.contracts).toHaveLength(1);
    expect(play(kind, s, contract('k1', BUDGET)).context.contracts).toHaveLength(1);
    expect(refusal(kind, s, contract('k1', '12000001')).code).toBe('BUDGET_EXCEEDED');
    // Past 2^53, still exact.
    expect(refusal(kind, s, contract('k1', '900719925474099300')).code).toBe('BUDGET_EXCEEDED');
  });

  it('adds contracts up: a second contract that takes the total past the budget is refused', () => {
    const s = play(kind, implementing(), contract('k1', '7000000'));
    expect(refusal(kind, s, contract('k2', '5000001')).code).toBe('BUDGET_EXCEEDED');
    expect(play(kind, s, contract('k2', '5000000')).context.contracts).toHaveLength(2);
  });

  it('refuses a procurement over the budget', () => {
    const s = implementing();
    expect(refusal(kind, s, procurement('XJ-01', '12000001')).code).toBe('BUDGET_EXCEEDED');
    expect(play(kind, s, procurement('XJ-01', BUDGET)).context.procurements).toHaveLength(1);
  });

  it('counts a contract awarded under a procurement once; a contract citing none counts on top', () => {
    const s = play(kind, implementing(), procurement('XJ-01', BUDGET));
    expect(play(kind, s, contract('k1', BUDGET, '2025-04-16', 'XJ-01')).context.contracts).toHaveLength(1);
    expect(refusal(kind, s, contract('k1', '1')).code).toBe('BUDGET_EXCEEDED');
    // Contracts under one procurement that come to more than its award count at their total.
    const low = play(kind, implementing(), procurement('XJ-01', '10000000'));
    const k1 = play(kind, low, contract('k1', '8000000', '2025-04-16', 'XJ-01'));
    expect(play(kind, k1, contract('k2', '4000000', '2025-04-16', 'XJ-01')).context.contracts).toHaveLength(
      2,
    );
    expect(refusal(kind, k1, contract('k2', '4000001', '2025-04-16', 'XJ-01')).code).toBe('BUDGET_EXCEEDED');
    // A contract cites a procurement that was recorded; a procurement reference is recorded once.
    expect(refusal(kind, s, contract('k1', '1', '2025-04-16', 'XJ-99')).message).toContain('not recorded');
    expect(refusal(kind, s, procurement('XJ-01', '1')).message).toContain('already recorded');
  });

  it('committedFen: each procurement at its award or its contracts’ total, whichever is more', () => {
    const p = (reference: string, amountFen: string) => ({ reference, amountFen });
    const k = (procurementReference: string | null, amountFen: string) => ({
      procurementReference,
      amountFen,
    });
    expect(committedFen([], [])).toBe(0n);
    expect(committedFen([p('a', '100')], [k('a', '100')])).toBe(100n);
    expect(committedFen([p('a', '100')], [k('a', '60'), k('a', '50')])).toBe(110n);
    expect(committedFen([p('a', '100'), p('b', '5')], [k(null, '7'), k('a', '1')])).toBe(112n);
  });
});

describe('a re-approval by the adopting body raises the ceiling', () => {
  it('a contract over the budget is accepted once the residents’ meeting re-approves the total and funding covers it', () => {
    const s = play(kind, implementing(), reapproval('ra-1', '15000000', '2025-04-20'));
    expect(adoptedCeiling(s.context)).toBe('15000000');
    expect(s.context.budget?.amountFen).toBe('15000000');
    // Re-approved, but the approved money is still ¥120,000.
    const short = refusal(kind, s, contract('k1', '15000000', '2025-04-21'));
    expect(short.code).toBe('BUDGET_NOT_COVERED');
    expect(short.message).toContain('over the approved funding of ¥120,000.00 by ¥30,000.00');
    // Back to funding: a new source covers the difference, and the contract goes through.
    const funded = play(
      kind,
      s,
      at(ev('SEND_BACK', { to: 'funding', reason: '追加资金' }), '2025-04-21', secretary),
      ...source('sg2', '3000000', '2025-04-22'),
      at(ev('CONFIRM_FUNDING'), '2025-04-23'),
    );
    expect(funded.value).toBe('implementation');
    expect(play(kind, funded, contract('k1', '15000000', '2025-04-24')).context.contracts).toHaveLength(1);
    expect(refusal(kind, funded, contract('k1', '15000001', '2025-04-24')).code).toBe('BUDGET_EXCEEDED');
  });

  it('a re-approval in funding raises what the funding must cover', () => {
    const s = play(
      kind,
      adopted(),
      ...source('sg', BUDGET, '2025-04-05'),
      reapproval('ra-1', '12500000', '2025-04-06'),
    );
    expect(refusal(kind, s, at(ev('CONFIRM_FUNDING'), '2025-04-10')).code).toBe('BUDGET_NOT_COVERED');
    // And the budget may no longer be set below the re-approved total.
    expect(
      refusal(kind, s, at(ev('SET_BUDGET', { amountFen: BUDGET, reason: 'x' }), '2025-04-07')).message,
    ).toContain('re-approved');
  });

  it('is the decision of the body that adopted the plan, recorded by its recorder, and must raise the ceiling', () => {
    const s = implementing();
    expect(
      refusal(kind, s, reapproval('ra-1', '15000000', '2025-04-20', { body: 'ownersAssembly' })).message,
    ).toContain('residentsMeeting');
    expect(
      refusal(kind, s, at(reapproval('ra-1', '15000000', '2025-04-20')[0], '2025-04-20', committee)).message,
    ).toContain('residentsCommitteeStaff');
    expect(refusal(kind, s, reapproval('ra-1', BUDGET, '2025-04-20')).message).toContain('not above');
    expect(
      play(kind, s, reapproval('ra-1', '12000001', '2025-04-20')).context.budgetReapprovals,
    ).toHaveLength(1);
    const r = play(kind, s, reapproval('ra-1', '12000001', '2025-04-20'));
    expect(refusal(kind, r, reapproval('ra-1', '13000000', '2025-04-21')).message).toContain(
      'already recorded',
    );
    expect(refusal(kind, r, at(reapproval('ra-2', '13000000', '2025-04-19')[0], '2025-04-21')).code).toBe(
      'DATE_OUT_OF_ORDER',
    );
  });

  it('a contract over the adopted budget may not be signed before the re-approval that allows it', () => {
    const s = play(kind, implementing('15000000'), reapproval('ra-1', '15000000', '2025-04-20'));
    const early = refusal(kind, s, at(contract('k1', '13000000', '2025-04-19')[0], '2025-04-21'));
    expect(early.code).toBe('DATE_OUT_OF_ORDER');
    expect(early.message).toContain('signedOn 2025-04-19 is before 2025-04-20');
    expect(
      play(kind, s, at(contract('k1', '13000000', '2025-04-20')[0], '2025-04-21')).context.contracts,
    ).toHaveLength(1);
    // Within the adopted estimate, no re-approval is needed, so no such floor.
    expect(
      play(kind, s, at(contract('k1', BUDGET, '2025-04-19')[0], '2025-04-21')).context.contracts,
    ).toHaveLength(1);
  });

  it('belongs to the adopted plan: staff cannot raise the ceiling by raising the budget', () => {
    const s = play(
      kind,
      adopted(),
      at(ev('SET_BUDGET', { amountFen: '20000000', reason: '含不可预见费' }), '2025-04-03'),
      ...source('sg', '20000000', '2025-04-05'),
      at(ev('CONFIRM_FUNDING'), '2025-04-10'),
    );
    expect(adoptedCeiling(s.context)).toBe(BUDGET);
    expect(refusal(kind, s, contract('k1', '12000001')).code).toBe('BUDGET_EXCEEDED');
  });

  it('counts only for the plan adopted when it was decided: a new adoption starts from its own estimate', () => {
    const s = play(
      kind,
      implementing('15000000'),
      reapproval('ra-1', '15000000', '2025-04-20'),
      at(ev('SEND_BACK', { to: 'plannerDiagnosis', reason: '方案调整' }), '2025-04-21', secretary),
      plan('plan-b', false, '2025-04-22', BUDGET),
      at(ev('SUBMIT_DIAGNOSIS'), '2025-04-22', planner),
      step('s3', 'partyMembersCouncil', secretary, 'recommended', ['plan-b'], '2025-04-23'),
      publicise('s3', '2025-04-23'),
      at(
        ev('RECORD_ADOPTION', {
          adoptionId: 'adopt-2',
          planId: 'plan-b',
          body: 'residentsMeeting',
          outcome: 'passed',
          heldOn: '2025-04-24',
          meetingProcessId: 'm-rm2',
        }),
        '2025-04-24',
      ),
    );
    expect(s.context.adoptedPlanId).toBe('plan-b');
    expect(adoptedCeiling(s.context)).toBe(BUDGET);
    expect(s.context.budget?.amountFen).toBe(BUDGET);
  });
});
