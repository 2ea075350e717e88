/**
 * Data of a community's roster (名册): who holds which organiser role, on which dates, on what
 * basis, and who entered it. Set-up input, the events that change it (validated without the
 * engine's `on`/`actor` stamp), and what it remembers. Nothing is overwritten: an appointment is
 * ended, never deleted, so the roster answers "who was committee staff on 2025-03-01?" for every
 * date it has covered.
 */
import { z } from 'zod';
import { Actor, RosterRole } from '../../actor/actor.js';
import { IsoDate } from '../../calendar/plainDate.js';
import type { Stamped } from '../eventStamp.js';
import { Text } from '../eventStamp.js';

/** A person's id as the portal authenticates it (`actor.id`). */
export const PersonId = z.string().min(1).max(128);
/** An id given by the caller: an appointment, an election. */
const RecordId = z.string().regex(/^[^\s]{1,128}$/, 'expected 1–128 characters without spaces');
/**
 * The document an entry rests on, by id or reference: the 任命文件 or 聘用合同 of staff, the
 * 结对协议 of a paired planner, the 选举结果公告 or 备案回执 of an owners' committee, the
 * invitation of a department.
 */
export const Basis = Text.max(400);

/** One appointment as the roster is set up with, or as `APPOINT` enters it. */
const appointmentFields = {
  appointmentId: RecordId,
  personId: PersonId,
  role: RosterRole,
  /** First day the person holds the role. */
  from: IsoDate,
  /** Last day (inclusive); absent: until ended. An owners'-committee term always has one. */
  until: IsoDate.optional(),
  basis: Basis,
};

const checkSpan = (a: { from: string; until?: string | undefined }, ctx: z.RefinementCtx) => {
  if (a.until !== undefined && a.until < a.from)
    ctx.addIssue({
      code: 'custom',
      path: ['until'],
      message: `ends (${a.until}) before it starts (${a.from})`,
    });
};

export const InitialAppointment = z.strictObject(appointmentFields).superRefine((a, ctx) => {
  checkSpan(a, ctx);
  if (a.role === 'ownersCommittee' && a.until === undefined)
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'an owners’ committee term has an end date' });
});

/**
 * The roster's creation. `root` is the root of trust: the sub-district account that sets the
 * roster up, and the document that makes it (e.g. the 街道's filing of the community). It must be
 * the creator (the engine checks); the engine cannot check it against any roster above it, so the
 * portal must allow only the sub-district's own accounts to create rosters.
 */
export const RosterInput = z
  .strictObject({
    community: z.string().regex(/^[^\s]{1,128}$/, 'expected 1–128 characters without spaces'),
    root: z.strictObject({
      by: z.strictObject({ id: PersonId, role: z.literal('subdistrictStaff') }),
      basis: Basis,
    }),
    appointments: z.array(InitialAppointment).max(10_000),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.appointments.forEach((a, i) => {
      if (seen.has(a.appointmentId))
        ctx.addIssue({
          code: 'custom',
          path: ['appointments', i, 'appointmentId'],
          message: `appointment ${a.appointmentId} is listed twice`,
        });
      seen.add(a.appointmentId);
    });
    if (!input.appointments.some((a) => a.role === 'subdistrictStaff'))
      ctx.addIssue({
        code: 'custom',
        path: ['appointments'],
        message: 'list at least one subdistrictStaff (街道/乡镇工作人员): nobody else may change the roster',
      });
  });
export type RosterInput = z.input<typeof RosterInput>;

/** Events; as in every kind, keys the engine stamps (`on`, `actor`) or does not know are dropped. */
export const RosterEventInput = z.discriminatedUnion('type', [
  /** Enter an appointment (not of the owners' committee: that comes from RECORD_ELECTION). */
  z.object({ type: z.literal('APPOINT'), ...appointmentFields }).superRefine(checkSpan),
  /**
   * Enter the owners' committee from its election record, with the term of office. An
   * `election` (换届 or the first) ends every earlier member's term the day before this term
   * starts; a `byElection` (补选) adds members beside them.
   */
  z
    .object({
      type: z.literal('RECORD_ELECTION'),
      electionId: RecordId,
      kind: z.enum(['election', 'byElection']),
      termFrom: IsoDate,
      termUntil: IsoDate,
      members: z.array(PersonId).min(1).max(99),
      basis: Basis,
    })
    .superRefine((e, ctx) => {
      if (e.termUntil < e.termFrom)
        ctx.addIssue({
          code: 'custom',
          path: ['termUntil'],
          message: `the term ends (${e.termUntil}) before it starts (${e.termFrom})`,
        });
      if (new Set(e.members).size !== e.members.length)
        ctx.addIssue({ code: 'custom', path: ['members'], message: 'a member is listed twice' });
    }),
  /** End an appointment: `until` is its new last day (not after the one it had). */
  z.object({
    type: z.literal('END_APPOINTMENT'),
    appointmentId: RecordId,
    until: IsoDate,
    basis: Basis,
    reason: Text.max(400).optional(),
  }),
  /** The community is dissolved or merged (撤并): every appointment ends on `until`. Final. */
  z.object({ type: z.literal('CLOSE_ROSTER'), until: IsoDate, basis: Basis }),
]);
export type RosterEventInput = z.infer<typeof RosterEventInput>;
export type RosterEvent = Stamped<RosterEventInput>;
export type RosterEventType = RosterEventInput['type'];

export const Appointment = z.object({
  id: RecordId,
  personId: PersonId,
  role: RosterRole,
  from: IsoDate,
  /** Last day (inclusive), after any ending; null: open. */
  until: IsoDate.nullable(),
  basis: Basis,
  /** Who entered it (the root for the appointments the roster was set up with). */
  by: Actor,
  /** The day it was entered; null for those the roster was set up with. */
  on: IsoDate.nullable(),
  /** The election record it comes from (owners' committee). */
  electionId: RecordId.nullable(),
  ended: z.object({ by: Actor, on: IsoDate, basis: Basis, reason: Text.nullable() }).nullable(),
});
export type Appointment = z.infer<typeof Appointment>;

export const Election = z.object({
  id: RecordId,
  kind: z.enum(['election', 'byElection']),
  termFrom: IsoDate,
  termUntil: IsoDate,
  members: z.array(PersonId),
  basis: Basis,
  by: Actor,
  on: IsoDate,
});

export const RosterContext = z.object({
  community: z.string().min(1),
  /** Who set the roster up, on what basis: the root of trust (see RosterInput). */
  root: z.object({ by: Actor, basis: Basis }),
  appointments: z.array(Appointment),
  elections: z.array(Election),
  today: IsoDate.nullable(),
  closure: z.object({ until: IsoDate, basis: Basis, by: Actor, on: IsoDate }).nullable(),
});
export type RosterContext = z.infer<typeof RosterContext>;

export const RosterState = z.enum(['active', 'closed']);
export const PersistedRoster = z.object({ value: RosterState, context: RosterContext });
