/**
 * Data of a written consultation (书面征求意见) and electronic voting (电子投票) of the owners'
 * assembly: set-up input, events (validated without the engine's `on`/`actor` stamp), context.
 */
import { z } from 'zod';
import { Actor, Role } from '../../actor/actor.js';
import type { NoticeCheck } from '../../calendar/noticeLeadTime.js';
import { IsoDate } from '../../calendar/plainDate.js';
import { NoticeChannel } from '../../notice/noticeSchemas.js';
import { Matter } from '../../policy/matters.js';
import { Channel } from '../../registry/ballots.js';
import { UnitRegistry } from '../../registry/units.js';
import { type Stamped, Text, TickInput } from '../eventStamp.js';
import { FrozenPolicy, PolicyInput } from '../frozenPolicy.js';
import { ItemResult, ItemSubject } from '../meeting/meetingSchemas.js';
import { PostResultFields, ResultPublicity } from '../resultPublicity.js';
import {
  BallotChannel,
  BallotEntry,
  type BallotLedger,
  ItemChoice,
  LiveBallot,
  type LiveIndex,
  PaperEvidence,
} from './ballotLedger.js';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** One matter put to the owners (民法典 第278条). */
export const ConsultationItem = z.object({
  id: Text,
  title: Text,
  matter: Matter,
  subject: ItemSubject.optional(),
});
export type ConsultationItem = z.infer<typeof ConsultationItem>;

const uniqueIds = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length;

export const ConsultationInput = z.object({
  id: Text,
  title: Text,
  items: z.array(ConsultationItem).min(1).refine(uniqueIds, 'item ids must be unique'),
  /** The rules in force (`resolvePolicy(pack, at)`); frozen at notice. */
  policy: PolicyInput,
  registry: UnitRegistry,
  /** A building-subset vote (上海规定 第69条), where the policy allows one. */
  buildings: z.array(Text).min(1).optional(),
  /** Whether the estate has an owners' committee (who organises: 物业管理条例 第15条). */
  hasOwnersCommittee: z.boolean(),
});
export type ConsultationInput = z.input<typeof ConsultationInput>;

export const ConsultationEventInput = z.discriminatedUnion('type', [
  /** Post the notice with the voting window; freezes the register and the rules (hashes). */
  z.object({
    type: z.literal('POST_NOTICE'),
    opensOn: IsoDate,
    closesOn: IsoDate,
    channels: z.array(NoticeChannel).min(1),
  }),
  /** Ballots (表决票) delivered to every owner on the frozen register. */
  z.object({
    type: z.literal('ISSUE_BALLOTS'),
    channels: z.array(z.enum(['paper', 'online', 'officialPlatform'])).min(1),
  }),
  z.object({
    type: z.literal('CAST_BALLOT'),
    ballotId: Text,
    owner: Text,
    channel: BallotChannel,
    choices: z.array(ItemChoice).min(1),
    /** For channel 'proxy': the proxy the organisers registered (REGISTER_PROXY). */
    proxyId: Text.optional(),
    /**
     * Required when the sender is neither the owner nor the holder of their proxy (the counting
     * staff entering a paper ballot, or a paper proxy ballot): the paper's scan id and its batch.
     */
    evidence: PaperEvidence.optional(),
  }),
  /**
   * Close a paper batch (录入批次): the number of ballots in it, who entered them and who checked
   * them against the papers (双人录入: two different people; the closure is sent by one of them).
   */
  z.object({
    type: z.literal('CLOSE_PAPER_BATCH'),
    batchId: Text,
    count: z.int().nonnegative(),
    enteredBy: Text,
    checkedBy: Text,
  }),
  z.object({
    type: z.literal('CORRECT_BALLOT'),
    owner: Text,
    choices: z.array(ItemChoice).min(1),
    reason: Text.optional(),
  }),
  z.object({ type: z.literal('WITHDRAW_BALLOT'), owner: Text, reason: Text.optional() }),
  /**
   * The organisers register a proxy (委托) from the owner's authorisation (授权委托书, kept under
   * `authorisationRef`): only a registered proxy can carry a ballot.
   */
  z.object({
    type: z.literal('REGISTER_PROXY'),
    proxyId: Text,
    owner: Text,
    holder: Text,
    written: z.boolean(),
    /** The consultation items it covers. */
    scope: z.array(Text).min(1),
    /** Last day it may be used (inclusive). */
    validUntil: IsoDate,
    authorisationRef: Text,
    /**
     * The scan or photo id of the signed 授权委托书. Without it (and unless the owner registers or
     * confirms the proxy themself, CONFIRM_PROXY) the proxy is recorded but carries no ballot.
     */
    authorisationScanId: Text.optional(),
  }),
  /** The owner confirms, in their own name, a proxy registered for them. */
  z.object({ type: z.literal('CONFIRM_PROXY'), proxyId: Text }),
  /** The owner (or the organisers) revoke a proxy; a live ballot cast under it is withdrawn. */
  z.object({ type: z.literal('REVOKE_PROXY'), proxyId: Text, reason: Text.optional() }),
  /** Post the count (公告) for the policy's days. */
  z.object({ type: z.literal('ANNOUNCE'), ...PostResultFields }),
  /** Change the register before any ballot (un-freezes: a new notice must follow). */
  z.object({ type: z.literal('AMEND_REGISTER'), registry: UnitRegistry, reason: Text }),
  /** Change the rules before any ballot (un-freezes: a new notice must follow). */
  z.object({ type: z.literal('AMEND_RULES'), policy: PolicyInput, reason: Text }),
  z.object({ type: z.literal('CANCEL'), reason: Text }),
  TickInput,
]);
export type ConsultationEventInput = z.infer<typeof ConsultationEventInput>;
export type ConsultationEvent = Stamped<ConsultationEventInput>;
export type ConsultationEventType = ConsultationEvent['type'];

export const RegisteredProxy = z.object({
  proxyId: Text,
  owner: Text,
  holder: Text,
  written: z.boolean(),
  scope: z.array(Text),
  validUntil: IsoDate,
  authorisationRef: Text,
  /** The 授权委托书's scan id, if one was given (evidence). */
  authorisationScanId: Text.nullable().default(null),
  /** The owner's own confirmation (registering it themself, or CONFIRM_PROXY), if any (evidence). */
  confirmed: z.object({ on: IsoDate, by: Actor }).nullable().default(null),
  registeredOn: IsoDate,
  registeredBy: Actor,
  revoked: z.object({ on: IsoDate, by: Actor, reason: Text.nullable() }).nullable(),
});
export type RegisteredProxy = z.infer<typeof RegisteredProxy>;

export const ConsultationRules = z.object({
  organisers: z.array(Role),
  noticeDays: z.int().nonnegative(),
  repeatBallot: z.enum(['firstCounts', 'lastCounts', 'paperOverridesOnline']),
  proxyRequiresWritten: z.boolean(),
  publicityDays: z.int().positive(),
  /** Days within which the count must be announced; null where the rule says only "promptly". */
  resultPostingDays: z.int().positive().nullable(),
  /** Whether an organiser may hold an owner's proxy (`proxy.organiserMayHold`; default false). */
  organiserMayHold: z.boolean().default(false),
});
export type ConsultationRules = z.infer<typeof ConsultationRules>;

/** What was frozen at notice: the hashes, the voters, and which channels the count accepts. */
export const Freeze = z.object({
  on: IsoDate,
  registerHash: Sha256,
  rulesHash: Sha256,
  /** The buildings voting (a subset vote), or null for the whole estate. */
  buildings: z.array(Text).nullable(),
  voters: z.int().positive(),
  totalArea: z.string(),
  /** Channels `tallyOwnersAssembly` counts under the policy (`ownersAssembly.electronicVoting`). */
  acceptedChannels: z.array(Channel),
});
export type Freeze = z.infer<typeof Freeze>;

export const Amendment = z.object({
  on: IsoDate,
  by: Actor,
  what: z.enum(['register', 'rules']),
  reason: Text,
  before: Sha256,
  after: Sha256,
  /** Whether it undid a freeze (a new notice is then needed). */
  unfroze: z.boolean(),
});
export type Amendment = z.infer<typeof Amendment>;

export const ConsultationNotice = z.object({
  on: IsoDate,
  opensOn: IsoDate,
  closesOn: IsoDate,
  channels: z.array(NoticeChannel),
  check: z.custom<NoticeCheck>((v) => typeof v === 'object' && v !== null).nullable(),
  registerHash: Sha256,
  rulesHash: Sha256,
});
export type ConsultationNotice = z.infer<typeof ConsultationNotice>;

/** A paper batch (录入批次): the ballots entered in it, and its closure record once checked. */
export const PaperBatch = z.object({
  batchId: Text,
  /** Day of its first ballot. */
  openedOn: IsoDate,
  /** Ballots cast in it (casts with this batch in their evidence). */
  ballots: z.int().nonnegative(),
  /** The actor ids that entered them, in order of first entry. */
  enteredBy: z.array(Text),
  closure: z
    .object({
      on: IsoDate,
      by: Actor,
      count: z.int().nonnegative(),
      enteredBy: Text,
      checkedBy: Text,
    })
    .nullable(),
});
export type PaperBatch = z.infer<typeof PaperBatch>;

const CastRef = z.object({
  seq: z.int().nonnegative(),
  ballotId: Text.nullable(),
  channel: BallotChannel,
  by: Actor,
});

/** A live ballot that a later cast replaced (listed with the count, whatever the repeat rule). */
export const ReplacedBallot = z.object({
  owner: Text,
  on: IsoDate,
  replaced: CastRef,
  replacing: CastRef.extend({ evidence: PaperEvidence.nullable() }),
});
export type ReplacedBallot = z.infer<typeof ReplacedBallot>;

export const ConsultationContext = z.object({
  id: Text,
  title: Text,
  items: z.array(ConsultationItem),
  buildings: z.array(Text).nullable(),
  hasOwnersCommittee: z.boolean(),
  policy: FrozenPolicy,
  registry: UnitRegistry,
  registerHash: Sha256,
  rules: ConsultationRules,
  today: IsoDate.nullable(),
  freeze: Freeze.nullable(),
  /** Owner key → 1, for the owners on the frozen register (the lookup for NOT_ON_REGISTER). */
  voters: z.record(z.string(), z.literal(1)),
  amendments: z.array(Amendment),
  /** Every notice posted; the last one is in force while frozen. */
  notices: z.array(ConsultationNotice),
  issue: z.object({ on: IsoDate, channels: z.array(z.string()), ballots: z.int() }).nullable(),
  /** Proxy id → the proxy the organisers registered (and whether it was revoked). */
  proxies: z.record(z.string(), RegisteredProxy),
  /** The ballot ledger (in memory: a `BallotLedger`; see `ConsultationContext` below). */
  entries: z.array(BallotEntry),
  /** Owner → live ballot (in memory: a `LiveIndex`). */
  live: z.record(z.string(), LiveBallot),
  /** Batch id → the paper batch (ballots entered by the staff, with evidence). */
  batches: z.record(z.string(), PaperBatch).default({}),
  countedOn: IsoDate.nullable(),
  /** Set at the count: every live ballot a later cast replaced, in ledger order. */
  replacedBallots: z.array(ReplacedBallot).default([]),
  results: z.array(ItemResult),
  announcement: ResultPublicity.extend({ deadline: IsoDate.nullable(), late: z.boolean() }).nullable(),
  cancellation: z.object({ on: IsoDate, reason: Text }).nullable(),
});
/** The context as a stored snapshot carries it (`getPersistedSnapshot`). */
export type PersistedConsultationContext = z.infer<typeof ConsultationContext>;
/**
 * The context as the machine keeps it in memory: the ledger and the live ballots are persistent
 * indexed structures (appending shares what is there), read with `ballotEntries(context)` and
 * `liveBallots(context)`. Its persisted form is `PersistedConsultationContext`, byte for byte what
 * it always was.
 */
export type ConsultationContext = Omit<PersistedConsultationContext, 'entries' | 'live'> & {
  entries: BallotLedger;
  live: LiveIndex;
};

export const ConsultationState = z.enum([
  'draft',
  'noticed',
  'issued',
  'collecting',
  'closing',
  'counted',
  'announcing',
  'completed',
  'cancelled',
]);
export type ConsultationState = z.infer<typeof ConsultationState>;

export const PersistedConsultation = z.object({ value: ConsultationState, context: ConsultationContext });
