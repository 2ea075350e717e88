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

/** Per event type, the field that carries the record's own date. */
const OWN_DATE: Partial<Record<E['type'], string>> = {
  RECORD_FORMATION_STEP: 'heldOn',
  RECORD_ADOPTION: 'heldOn',
  RECORD_EVALUATION_MEETING: 'heldOn',
  APPROVE_FUNDING_SOURCE: 'decidedOn',
  RECORD_BUDGET_REAPPROVAL: 'decidedOn',
  RECORD_CONTRACT: 'signedOn',
  RECORD_RESIDENT_CONSULTATION: 'conductedOn',
};

/** The date a record carries of its own, or null. */
export function ownDate(e: E): { field: string; value: string } | null {
  const field = OWN_DATE[e.type];
  return field ? { field, value: (e as unknown as Record<string, string>)[field]! } : null;
}

const floor = (date: string, because: string): DateFloor => ({ date, because });
const proposed = (c: C, planIds: readonly string[]) =>
  c.plans.filter((p) => planIds.includes(p.id)).map((p) => floor(p.on, `plan ${p.id} was proposed`));
function adopted(c: C): DateFloor[] {
  const a = adoption(c);
  return a ? [floor(a.heldOn, `plan ${a.planIds[0]} was adopted (${a.id})`)] : [];
}

/** Every date the record of `e` may not precede. */
export function dateFloors(c: C, e: E): DateFloor[] {
  switch (e.type) {
    case 'RECORD_FORMATION_STEP':
      return [
        ...proposed(c, e.planIds),
        ...formationSteps(c)
          .filter((s) => s.planIds.some((id) => e.planIds.includes(id)))
          .map((s) => floor(s.heldOn, `step ${s.id} on the same plan was held`)),
      ];
    case 'RECORD_ADOPTION':
      return [
        ...proposed(c, [e.planId]),
        ...formationSteps(c).flatMap((s) => [
          floor(s.heldOn, `step ${s.id} was held`),
          ...(s.publicity ? [floor(s.publicity.on, `the result of step ${s.id} was publicised`)] : []),
        ]),
      ];
    case 'APPROVE_FUNDING_SOURCE':
      return adopted(c);
    case 'RECORD_BUDGET_REAPPROVAL':
      return [
        ...adopted(c),
        ...currentReapprovals(c).map((r) => floor(r.decidedOn, `re-approval ${r.id} was decided`)),
      ];
    case 'RECORD_CONTRACT': {
      const floors = [
        ...adopted(c),
        ...c.sources
          .filter((s) => approvalCurrent(c, s) && s.withdrawal === null)
          .map((s) => floor(s.approval!.decidedOn, `funding source ${s.id} was approved`)),
        ...c.procurements
          .filter((p) => p.reference === e.procurementReference)
          .map((p) => floor(p.on, `procurement ${p.reference} was recorded`)),
      ];
      // Spending past the adopted estimate waits for the re-approval that allows it.
      const committed = committedAfter(c, e);
      if (committed > BigInt(adoptedEstimate(c) ?? committed)) {
        const r = currentReapprovals(c).find((x) => BigInt(x.totalFen) >= committed);
        if (r) floors.push(floor(r.decidedOn, `re-approval ${r.id}, which allows it, was decided`));
      }
      return floors;
    }
    case 'RECORD_EVALUATION_MEETING':
      return c.completion ? [floor(c.completion.on, 'implementation was completed')] : [];
    default:
      return [];
  }
}

/** Why the date `e` carries is out of order, or null when it is in order (or it carries none). */
export function dateProblem(c: C, e: E): DateProblem | null {
  const own = ownDate(e);
  if (!own) return null;
  if (own.value > e.on) return { ...own, latest: e.on };
  let earliest: DateFloor | undefined;
  for (const f of dateFloors(c, e)) if (!earliest || f.date > earliest.date) earliest = f;
  return earliest && own.value < earliest.date ? { ...own, earliest } : null;
}

/** The refusal's text: the field, the value received, and the date allowed. */
export function describeDateProblem(p: DateProblem): string {
  const f = p.earliest;
  return f
    ? `${p.field} ${p.value} is before ${f.date}, the earliest allowed: ${f.because} on ${f.date}`
    : `${p.field} ${p.value} is after ${p.latest}, the day it is recorded, the latest allowed`;
}
