/**
 * Dates within a project never go backwards. A record that carries its own date (a meeting held,
 * a decision taken, a contract signed, a consultation conducted) may not be later than the day it
 * is recorded (`on`: it cannot record what has not happened yet), nor earlier than what the
 * project already recorded at the steps it follows:
 *
 * | record                         | field         | not before                                                        |
 * |--------------------------------|---------------|-------------------------------------------------------------------|
 * | RECORD_FORMATION_STEP          | `heldOn`      | the plans it names were proposed; earlier steps on the same plans |
 * | RECORD_ADOPTION                | `heldOn`      | the plan was proposed; this round's steps were held and publicised |
 * | APPROVE_FUNDING_SOURCE         | `decidedOn`   | the plan was adopted                                              |
 * | RECORD_BUDGET_REAPPROVAL       | `decidedOn`   | the plan was adopted; the previous re-approval                    |
 * | RECORD_CONTRACT                | `signedOn`    | the plan was adopted; its funding approved; the procurement it cites was recorded; the re-approval it needs was decided |
 * | RECORD_EVALUATION_MEETING      | `heldOn`      | implementation was completed                                      |
 * | RECORD_RESIDENT_CONSULTATION   | `conductedOn` | (only not after `on`; the adoption may not precede it)            |
 *
 * Dates are ISO `YYYY-MM-DD`, which sort as strings. The same day is in order.
 */
import {
  adoptedEstimate,
  adoption,
  approvalCurrent,
  committedAfter,
  currentReapprovals,
  formationSteps,
} from './projectRules.js';
import type { ProjectContext, ProjectEvent } from './projectSchemas.js';

type C = ProjectContext;
type E = ProjectEvent;

/** A date the record may not precede, and why. */
export interface DateFloor {
  date: string;
  because: string;
}

export interface DateProblem {
  field: string;
  value: string;
  /** The earliest date allowed, when the value is before it. */
  earliest?: DateFloor;
  /** The latest date allowed (the event's `on`), when the value is after it. */
  latest?: string;
}

/** The date a record carries of its own, or null. */
export function ownDate(e: E): { field: string; value: string } | null {
  switch (e.type) {
    case 'RECORD_FORMATION_STEP':
    case 'RECORD_ADOPTION':
    case 'RECORD_EVALUATION_MEETING':
      return { field: 'heldOn', value: e.heldOn };
    case 'APPROVE_FUNDING_SOURCE':
    case 'RECORD_BUDGET_REAPPROVAL':
      return { field: 'decidedOn', value: e.decidedOn };
    case 'RECORD_CONTRACT':
      return { field: 'signedOn', value: e.signedOn };
    case 'RECORD_RESIDENT_CONSULTATION':
      return { field: 'conductedOn', value: e.conductedOn };
    default:
      return null;
  }
}

function plansProposed(c: C, planIds: readonly string[]): DateFloor[] {
  return c.plans
    .filter((p) => planIds.includes(p.id))
    .map((p) => ({ date: p.on, because: `plan ${p.id} was proposed` }));
}

function adopted(c: C): DateFloor[] {
  const a = adoption(c);
  return a ? [{ date: a.heldOn, because: `plan ${a.planIds[0]} was adopted (${a.id})` }] : [];
}

/** Every date the record of `e` may not precede. */
export function dateFloors(c: C, e: E): DateFloor[] {
  switch (e.type) {
    case 'RECORD_FORMATION_STEP':
      return [
        ...plansProposed(c, e.planIds),
        ...formationSteps(c)
          .filter((s) => s.planIds.some((id) => e.planIds.includes(id)))
          .map((s) => ({ date: s.heldOn, because: `step ${s.id} on the same plan was held` })),
      ];
    case 'RECORD_ADOPTION':
      return [
        ...plansProposed(c, [e.planId]),
        ...formationSteps(c).flatMap((s) => [
          { date: s.heldOn, because: `step ${s.id} was held` },
          ...(s.publicity
            ? [{ date: s.publicity.on, because: `the result of step ${s.id} was publicised` }]
            : []),
        ]),
      ];
    case 'APPROVE_FUNDING_SOURCE':
      return adopted(c);
    case 'RECORD_BUDGET_REAPPROVAL':
      return [
        ...adopted(c),
        ...currentReapprovals(c).map((r) => ({
          date: r.decidedOn,
          because: `re-approval ${r.id} was decided`,
        })),
      ];
    case 'RECORD_CONTRACT': {
      const floors = [
        ...adopted(c),
        ...c.sources
          .filter((s) => approvalCurrent(c, s) && s.withdrawal === null)
          .map((s) => ({ date: s.approval!.decidedOn, because: `funding source ${s.id} was approved` })),
        ...c.procurements
          .filter((p) => p.reference === e.procurementReference)
          .map((p) => ({ date: p.on, because: `procurement ${p.reference} was recorded` })),
      ];
      // Spending past the adopted estimate waits for the re-approval that allows it.
      const committed = committedAfter(c, e);
      const estimate = adoptedEstimate(c);
      if (estimate !== null && committed > BigInt(estimate)) {
        const covering = currentReapprovals(c).find((r) => BigInt(r.totalFen) >= committed);
        if (covering)
          floors.push({
            date: covering.decidedOn,
            because: `re-approval ${covering.id}, which allows it, was decided`,
          });
      }
      return floors;
    }
    case 'RECORD_EVALUATION_MEETING':
      return c.completion ? [{ date: c.completion.on, because: 'implementation was completed' }] : [];
    default:
      return [];
  }
}

/** Why the date `e` carries is out of order, or null when it is in order (or it carries none). */
export function dateProblem(c: C, e: E): DateProblem | null {
  const own = ownDate(e);
  if (!own) return null;
  if (own.value > e.on) return { ...own, latest: e.on };
  const earliest = dateFloors(c, e).reduce<DateFloor | null>(
    (max, f) => (max === null || f.date > max.date ? f : max),
    null,
  );
  if (earliest && own.value < earliest.date) return { ...own, earliest };
  return null;
}

/** The refusal's text: the field, the value received, and the date allowed. */
export function describeDateProblem(p: DateProblem): string {
  if (p.latest !== undefined)
    return `${p.field} ${p.value} is after ${p.latest}, the day it is recorded; the latest allowed is ${p.latest} (日期不得晚于记录日)`;
  const f = p.earliest!;
  return `${p.field} ${p.value} is before ${f.date}, the earliest allowed: ${f.because} on ${f.date} (日期不得早于前序记录)`;
}
