/**
 * Data of a meeting of any body: how it is set up, what may happen to it (events, validated
 * without the engine's `on`/`actor` stamp), and what it remembers. Parsed with zod at the
 * boundaries: the creation input, inbound events, stored snapshots.
 */
import { z } from 'zod';
import { Actor, Role } from '../../actor/actor.js';
import type { NoticeCheck } from '../../calendar/noticeLeadTime.js';
import { Localized } from '../../calendar/period.js';
import { IsoDate } from '../../calendar/plainDate.js';
import { NoticeChannel } from '../../notice/noticeSchemas.js';
import { Matter } from '../../policy/matters.js';
import { Choice } from '../../registry/ballots.js';
import { MemberRegistry, ResidentRegistry, VillagerRegistry } from '../../registry/people.js';
import { UnitRegistry } from '../../registry/units.js';
import type { BodyId, LineCheck, TallyResult } from '../../tally/result.js';
import { type Stamped, Text, TickInput } from '../eventStamp.js';
import { FrozenPolicy, PolicyInput } from '../frozenPolicy.js';
import { ProxyAuthorisation } from '../proxy.js';
import { PostResultFields, ResultPublicity } from '../resultPublicity.js';
import { MEETING_BODIES, MEETING_BODY_IDS } from './meetingBodies.js';

export const MeetingBody = z.enum(MEETING_BODY_IDS as [BodyId, ...BodyId[]]);
export type MeetingBody = z.infer<typeof MeetingBody>;

/**
 * What an item decides about, when another process will rely on it: the project (its process id)
 * and, where the item adopts or funds one plan, the plan. A project citing this process must find
 * an item about itself (engine/links.ts), so an old decision cannot be cited for another project.
 */
export const ItemSubject = z.object({ project: Text, planId: Text.optional() }).strict();
export type ItemSubject = z.infer<typeof ItemSubject>;

/** One item of the agenda (议程). Owners' bodies decide a 民法典 第278条 matter. */
export const AgendaItem = z.object({
  id: Text,
  title: Text,
  /** Whether the body votes on it (false: discussion only). */
  decision: z.boolean(),
  matter: Matter.optional(),
  subject: ItemSubject.optional(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/** The register a body meets over. */
export const MeetingRegister = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('units'), registry: UnitRegistry, buildings: z.array(Text).min(1).optional() }),
  z.object({
    kind: z.literal('residents'),
    registry: ResidentRegistry,
    base: z.enum(['adults', 'households', 'groupRepresentatives']).optional(),
  }),
  z.object({ kind: z.literal('villagers'), registry: VillagerRegistry, villagersGroup: Text.optional() }),
  z.object({ kind: z.literal('members'), registry: MemberRegistry }),
  z.object({ kind: z.literal('none') }),
]);
export type MeetingRegister = z.infer<typeof MeetingRegister>;

export const MeetingInput = z
  .object({
    id: Text,
    title: Text,
    body: MeetingBody,
    /** The rules in force: a `ResolvedPolicy` (`resolvePolicy(pack, at)`), frozen into the meeting. */
    policy: PolicyInput,
    register: MeetingRegister,
    /** Whether the estate has an owners' committee (decides who convenes owners' bodies). */
    hasOwnersCommittee: z.boolean(),
  })
  .superRefine((i, ctx) => {
    const want = MEETING_BODIES[i.body].register;
    if (i.register.kind !== want) {
      ctx.addIssue({
        code: 'custom',
        path: ['register', 'kind'],
        message: `a ${i.body} meets over a "${want}" register, not "${i.register.kind}"`,
      });
    }
    if (
      i.register.kind === 'villagers' &&
      (i.register.villagersGroup !== undefined) !== (i.body === 'villagersGroupMeeting')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['register', 'villagersGroup'],
        message: 'a villagers’ group meeting names its group; a villagers’ meeting does not',
      });
    }
  });
export type MeetingInput = z.input<typeof MeetingInput>;

export const Attendee = z.discriminatedUnion('via', [
  z.object({ person: Text, via: z.literal('inPerson') }),
  z.object({ person: Text, via: z.literal('proxy'), proxy: ProxyAuthorisation }),
]);
export type Attendee = z.infer<typeof Attendee>;

export const MeetingEventInput = z.discriminatedUnion('type', [
  /** Convene: the date, place and agenda (召集). */
  z.object({
    type: z.literal('CONVENE'),
    meetingDate: IsoDate,
    place: Text,
    agenda: z.array(AgendaItem).min(1),
  }),
  /** Notice to everyone entitled (会议通知), checked against the body's notice days. */
  z.object({ type: z.literal('GIVE_NOTICE'), channels: z.array(NoticeChannel).min(1) }),
  z.object({ type: z.literal('OPEN_SIGN_IN') }),
  /** Sign-in (签到): people present in person or by proxy. */
  z.object({ type: z.literal('SIGN_IN'), attendees: z.array(Attendee).min(1) }),
  /** Close the sign-in and check the quorum (法定人数). */
  z.object({ type: z.literal('CLOSE_SIGN_IN') }),
  z.object({ type: z.literal('REOPEN_SIGN_IN') }),
  z.object({ type: z.literal('RECORD_OPINION'), text: Text, itemId: Text.optional(), by: Text.optional() }),
  z.object({ type: z.literal('END_DELIBERATION') }),
  /**
   * The owner confirms, in their own name, the proxy (授权委托书 `authorisationId`) they gave
   * `holder`: the evidence a proxy sign-in needs when no scan of the authorisation is given.
   */
  z.object({ type: z.literal('CONFIRM_PROXY'), authorisationId: Text, holder: Text }),
  /** One person's vote on one item, recorded by the meeting's staff. */
  z.object({ type: z.literal('CAST_VOTE'), itemId: Text, voter: Text, choice: Choice }),
  z.object({ type: z.literal('CLOSE_VOTE') }),
  /** Post the result (公示) for the policy's days. */
  z.object({ type: z.literal('POST_RESULT'), ...PostResultFields }),
  z.object({ type: z.literal('ADJOURN'), reason: Text }),
  /** A new date after an adjournment; notice again where the body needs it. */
  z.object({ type: z.literal('RECONVENE'), meetingDate: IsoDate, place: Text.optional() }),
  z.object({ type: z.literal('CANCEL'), reason: Text }),
  TickInput,
]);
export type MeetingEventInput = z.infer<typeof MeetingEventInput>;
export type MeetingEvent = Stamped<MeetingEventInput>;
export type MeetingEventType = MeetingEvent['type'];

const Label = Localized;

export const QuorumRecord = z.object({
  checkedOn: IsoDate,
  /** Whether the body has a quorum rule under the policy. */
  required: z.boolean(),
  met: z.boolean(),
  /** The quorum lines from the rules layer, with both sides and the gap. */
  lines: z.array(z.custom<LineCheck>((v) => typeof v === 'object' && v !== null)),
  summary: Label,
  /** When the check could not be made (it then fails closed). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type QuorumRecord = z.infer<typeof QuorumRecord>;

export const AttendanceRecord = z.intersection(Attendee, z.object({ on: IsoDate, recordedBy: Text }));
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

export const Opinion = z.object({ on: IsoDate, text: Text, itemId: Text.nullable(), by: Text.nullable() });
export type Opinion = z.infer<typeof Opinion>;

export const MeetingVote = z.object({
  itemId: Text,
  voter: Text,
  choice: Choice,
  via: z.enum(['inPerson', 'proxy']),
  /** The actor who recorded it. */
  recordedBy: Text,
  on: IsoDate,
});
export type MeetingVote = z.infer<typeof MeetingVote>;

export const ItemResult = z.object({
  /** null for a meeting that records opinions only (三会). */
  itemId: Text.nullable(),
  result: z.custom<TallyResult>((v) => typeof v === 'object' && v !== null),
});
export type ItemResult = z.infer<typeof ItemResult>;

export const MeetingNotice = z.object({
  on: IsoDate,
  meetingDate: IsoDate,
  channels: z.array(NoticeChannel),
  check: z.custom<NoticeCheck>((v) => typeof v === 'object' && v !== null),
});
export type MeetingNotice = z.infer<typeof MeetingNotice>;

/** A sitting that ended in adjournment, kept as it was. */
export const Session = z.object({
  meetingDate: IsoDate,
  attendance: z.array(AttendanceRecord),
  quorumChecks: z.array(QuorumRecord),
  opinions: z.array(Opinion),
  adjournedOn: IsoDate,
  reason: Text,
});
export type Session = z.infer<typeof Session>;

export const MeetingRules = z.object({
  conveners: z.array(Role),
  noticeDays: z.int().nonnegative().nullable(),
  noticeParameter: z.string().nullable(),
  proxies: z.boolean(),
  proxyRequiresWritten: z.boolean(),
  /** Whether an organiser may hold an owner's proxy (`proxy.organiserMayHold`; default false). */
  organiserMayHold: z.boolean().default(false),
  publicityDays: z.int().positive(),
  tally: z.enum(['ownersAssembly', 'residentsMeeting', 'villagersMeeting', 'memberMeeting', 'deliberation']),
});
export type MeetingRules = z.infer<typeof MeetingRules>;

/** An owner's confirmation of a proxy they gave (CONFIRM_PROXY). */
export const ProxyConfirmation = z.object({
  authorisationId: Text,
  owner: Text,
  holder: Text,
  on: IsoDate,
});
export type ProxyConfirmation = z.infer<typeof ProxyConfirmation>;

/**
 * A proxy revoked by the owner arriving in person (民法典 第173条: the principal may revoke; the
 * revocation works for what follows). Votes the holder cast for the owner before it stand.
 */
export const ProxyRevocation = z.object({
  person: Text,
  authorisationId: Text,
  holder: Text,
  meetingDate: IsoDate,
  /** When the holder signed in for the owner, and who recorded it. */
  signedInOn: IsoDate,
  /** When the owner arrived, and who recorded the arrival. */
  revokedOn: IsoDate,
  recordedBy: Text,
  /** Items the holder had already voted on for the owner: those votes stand. */
  votesStanding: z.array(Text),
});
export type ProxyRevocation = z.infer<typeof ProxyRevocation>;

export const MeetingContext = z.object({
  id: Text,
  title: Text,
  body: MeetingBody,
  policy: FrozenPolicy,
  register: MeetingRegister,
  registerHash: z.string().regex(/^[0-9a-f]{64}$/),
  hasOwnersCommittee: z.boolean(),
  rules: MeetingRules,
  /** The latest date any accepted event carried; dates never go backwards. */
  today: IsoDate.nullable(),
  convening: z
    .object({
      convenedOn: IsoDate,
      by: Actor,
      meetingDate: IsoDate,
      place: Text,
      agenda: z.array(AgendaItem),
    })
    .nullable(),
  notices: z.array(MeetingNotice),
  attendance: z.array(AttendanceRecord),
  /** Every quorum check of this sitting; the last one decides (a failed check may be followed by late sign-ins). */
  quorumChecks: z.array(QuorumRecord),
  opinions: z.array(Opinion),
  votes: z.array(MeetingVote),
  results: z.array(ItemResult),
  publicity: ResultPublicity.nullable(),
  sessions: z.array(Session),
  cancellation: z.object({ on: IsoDate, reason: Text }).nullable(),
  /** Owners' confirmations of the proxies they gave (evidence for a proxy sign-in). */
  proxyConfirmations: z.array(ProxyConfirmation).default([]),
  /** Proxies revoked by the owner arriving in person, over all sittings. */
  proxyRevocations: z.array(ProxyRevocation).default([]),
});
export type MeetingContext = z.infer<typeof MeetingContext>;

export const MeetingState = z.enum([
  'convening',
  'notice',
  'scheduled',
  'signIn',
  'quorumCheck',
  'quorumFailed',
  'deliberation',
  'vote',
  'result',
  'publicity',
  'closed',
  'adjourned',
  'cancelled',
]);
export type MeetingState = z.infer<typeof MeetingState>;

export const PersistedMeeting = z.object({ value: MeetingState, context: MeetingContext });
