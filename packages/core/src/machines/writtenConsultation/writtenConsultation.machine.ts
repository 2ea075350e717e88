/**
 * 书面征求意见 and electronic voting of the owners' assembly (物业管理条例 第12条):
 * draft → noticed (register and rules frozen, hashed) → issued (ballots to every owner on the
 * frozen register) → collecting (window opens and closes by date) → counted (`tallyOwnersAssembly`
 * per item) → announcing (公告 for the policy's days) → completed; or cancelled.
 *
 * - Frozen at notice: the register and the rule set, each with a SHA-256 of its canonical JSON.
 *   Before any ballot, an amendment un-freezes and a new notice must follow (with its full lead
 *   time); once a ballot is in, any change is refused with RULES_FROZEN.
 * - One vote per owner across channels (online, official platform, paper, proxy); a repeat is
 *   decided by `ownersAssembly.repeatBallot` (ballotLedger.ts). Corrections and withdrawals before
 *   the close are new ledger entries, never overwrites.
 * - Proxies: the organisers (or the owner themself) register each proxy (REGISTER_PROXY: holder,
 *   written authorisation, items, last day) after notice; a proxy ballot names it by `proxyId`
 *   and is refused (PROXY_INVALID) unless it exists, is not revoked, has evidence (the
 *   授权委托书's scan id, or the owner's own registration or CONFIRM_PROXY), is for that owner, is
 *   sent by its holder (or entered by the staff), covers the items and is within `validUntil` on
 *   the event's day. An organiser may not register a proxy naming themself as holder, nor vote
 *   as an organiser under one, unless `proxy.organiserMayHold` (the self-proxy). The owner (or
 *   the organisers) may REVOKE_PROXY until the close, which withdraws a live ballot cast under
 *   it; the owner may also withdraw such a ballot and then vote themself.
 * - Paper ballots are entered by the organisers' counting staff only, so an owner cannot claim
 *   paper's precedence (`paperOverridesOnline`) from the web. A ballot entered for an owner by
 *   someone else carries evidence (the paper's scan id and its batch); each batch is closed with
 *   its count and the two people who entered and checked it (CLOSE_PAPER_BATCH, 双人录入), and
 *   the count waits in `closing` until every batch holding ballots is closed.
 * - An owner's own online or official-platform ballot is never replaced by a ballot someone else
 *   entered unless the policy is `paperOverridesOnline` (OWN_BALLOT_PROTECTED); the count lists
 *   every replaced ballot (`replacedBallots`) and the batches.
 * - Refusals: VOTE_AFTER_CLOSE, DOUBLE_VOTE, NOT_ON_REGISTER, PROXY_INVALID, RULES_FROZEN,
 *   OWN_BALLOT_PROTECTED, BATCH_OPEN, BATCH_CLOSED, BATCH_MISMATCH, DUAL_ENTRY_REQUIRED,
 *   INVALID_EVENT (a ballot entered for an owner without evidence).
 *
 * Time: no clock. Events carry `on`; TICK moves the date; the window closes on the first date
 * after `closesOn` (the last day runs to 24:00, 民法典 第203条第2款).
 */
import { and, assertEvent, assign, setup } from 'xstate';
import { chinaHolidays } from '../../calendar/chinaHolidays.js';
import type { HolidayCalendar } from '../../calendar/holidayCalendar.js';
import { noticeSatisfied } from '../../calendar/noticeLeadTime.js';
import type { Outcome } from '../../tally/result.js';
import { hasRole } from '../eventStamp.js';
import { fingerprint, freezePolicy, parseInput } from '../frozenPolicy.js';
import { postPublicity, publicityEnd } from '../resultPublicity.js';
import {
  ballotEntries,
  castWithId,
  emptyLedger,
  ledgerSize,
  recordEntry,
  repeatAccepted,
} from './ballotLedger.js';
import { withPlainPersistence } from './consultationPersistence.js';
import {
  type ConsultationContext,
  type ConsultationEvent,
  ConsultationInput,
  type PaperBatch,
  type ReplacedBallot,
} from './consultationSchemas.js';
import { emptyTrie } from './hashTrie.js';

export interface ConsultationOutput {
  id: string;
  cancelled: boolean;
  results: { itemId: string | null; outcome: Outcome }[];
  /** The paper batches, each with its closure record. */
  paperBatches: PaperBatch[];
  /** Every live ballot a later cast replaced: owner, both ballots, and who entered the new one. */
  replacedBallots: ReplacedBallot[];
}

import {
  amendEntitled,
  amended,
  ballotProxyProblem,
  batchEntrantOk,
  batchesAfter,
  batchOpenFor,
  castEntitled,
  closedBatches,
  closureProblem,
  confirmationProblem,
  consultationRules,
  countConsultation,
  entryOf,
  evidenceProblem,
  freezeOf,
  itemsProblem,
  liveOf,
  mayRegisterProxy,
  notice,
  openBatches,
  ownBallotProblem,
  ownerOf,
  proxyOf,
  proxyToRevoke,
  registrationProblem,
  replacedBallots,
  revocationOf,
  revokeEntitled,
  scanNew,
  usable,
} from './consultationRules.js';

type E = ConsultationEvent;
type C = ConsultationContext;

function initialContext(input: unknown): ConsultationContext {
  const i = parseInput(ConsultationInput, input, 'written consultation');
  const policy = freezePolicy(i.policy);
  const base = {
    id: i.id,
    title: i.title,
    items: i.items,
    buildings: i.buildings ?? null,
    hasOwnersCommittee: i.hasOwnersCommittee,
    policy,
    registry: i.registry,
  };
  const problem = usable(base);
  if (problem) throw problem;
  return {
    ...base,
    registerHash: fingerprint(i.registry),
    rules: consultationRules(policy, i.hasOwnersCommittee),
    today: null,
    freeze: null,
    voters: {},
    amendments: [],
    notices: [],
    issue: null,
    proxies: {},
    entries: emptyLedger(),
    live: emptyTrie(),
    batches: {},
    countedOn: null,
    replacedBallots: [],
    results: [],
    announcement: null,
    cancellation: null,
  };
}

export function createWrittenConsultationMachine(calendar: HolidayCalendar = chinaHolidays) {
  const noticeCheck = (c: C, e: E) =>
    e.type === 'POST_NOTICE' && c.rules.noticeDays > 0
      ? noticeSatisfied({ noticeDate: e.on, meetingDate: e.opensOn, days: c.rules.noticeDays })
      : null;

  const machine = setup({
    types: {
      context: {} as C,
      events: {} as E,
      input: {} as ConsultationInput | undefined,
      output: {} as ConsultationOutput,
    },
    guards: {
      dateNotBackwards: ({ context, event }) => context.today === null || event.on >= context.today,
      actorIsOrganiser: ({ context, event }) => hasRole(event.actor, context.rules.organisers),
      windowOrdered: ({ event }) =>
        event.type === 'POST_NOTICE' && event.on <= event.opensOn && event.opensOn <= event.closesOn,
      noticeInTime: ({ context, event }) => noticeCheck(context, event)?.satisfied ?? true,
      amendmentUsable: ({ context, event }) => amended(context, event).ok,
      noBallotYet: ({ context }) => ledgerSize(context.entries) === 0,
      notClosedYet: ({ context, event }) => event.on <= (notice(context)?.closesOn ?? ''),
      windowOpenedBy: ({ context, event }) => event.on >= (notice(context)?.opensOn ?? '9999-12-31'),
      windowOpen: ({ context }) =>
        context.today !== null && context.today >= (notice(context)?.opensOn ?? '9999-12-31'),
      windowClosed: ({ context }) =>
        context.today !== null && context.today > (notice(context)?.closesOn ?? '9999-12-31'),
      withinWindow: ({ context, event }) => event.on <= (notice(context)?.closesOn ?? ''),
      onFrozenRegister: ({ context, event }) => Object.hasOwn(context.voters, ownerOf(event)),
      castEntitled: ({ context, event }) => castEntitled(context, event),
      amendEntitled: ({ context, event }) => amendEntitled(context, event),
      itemsKnown: ({ context, event }) => itemsProblem(context, event) === null,
      ballotIdNew: ({ context, event }) =>
        event.type === 'CAST_BALLOT' && castWithId(context.entries, event.ballotId) === undefined,
      channelCounts: ({ context, event }) =>
        event.type === 'CAST_BALLOT' && (context.freeze?.acceptedChannels ?? []).includes(event.channel),
      proxyValid: ({ context, event }) => ballotProxyProblem(context, event) === null,
      repeatAllowed: ({ context, event }) =>
        event.type === 'CAST_BALLOT' &&
        repeatAccepted(context.rules.repeatBallot, liveOf(context, event), event.channel),
      ownBallotStands: ({ context, event }) => ownBallotProblem(context, event) === null,
      evidenceGiven: ({ context, event }) => evidenceProblem(context, event) === null,
      scanNew: ({ context, event }) => scanNew(context, event),
      batchOpen: ({ context, event }) => batchOpenFor(context, event),
      batchEntrant: ({ context, event }) => batchEntrantOk(context, event),
      batchClosable: ({ context, event }) => closureProblem(context, event) === null,
      batchesClosed: ({ context }) => openBatches(context).length === 0,
      mayRegisterProxy: ({ context, event }) => mayRegisterProxy(context, event),
      proxyConfirmable: ({ context, event }) => confirmationProblem(context, event) === null,
      hasLiveBallot: ({ context, event }) => liveOf(context, event) !== undefined,
      proxyRegistrable: ({ context, event }) => registrationProblem(context, event) === null,
      proxyRevocable: ({ context, event }) => proxyToRevoke(context, event)?.revoked === null,
      revokeEntitled: ({ context, event }) => revokeEntitled(context, event),
      publicityComputable: ({ context, event }) =>
        publicityEnd(event.on, context.rules.publicityDays, calendar) !== null,
      publicityElapsed: ({ context }) =>
        context.today !== null &&
        context.announcement !== null &&
        context.today > context.announcement.lastDay,
    },
    actions: {
      setToday: assign({ today: ({ event }) => event.on }),
      freezeAndPostNotice: assign(({ context, event }) => {
        assertEvent(event, 'POST_NOTICE');
        const { freeze, voters } = freezeOf(context, event.on);
        const entry = {
          on: event.on,
          opensOn: event.opensOn,
          closesOn: event.closesOn,
          channels: event.channels,
          check: noticeCheck(context, event),
          registerHash: freeze.registerHash,
          rulesHash: freeze.rulesHash,
        };
        return { freeze, voters, notices: [...context.notices, entry] };
      }),
      amend: assign(({ context, event }) => {
        const r = amended(context, event);
        if (!r.ok) throw new Error('unreachable: guarded by amendmentUsable');
        const what = event.type === 'AMEND_REGISTER' ? ('register' as const) : ('rules' as const);
        const before = what === 'register' ? context.registerHash : context.policy.rulesHash;
        const registerHash = fingerprint(r.next.registry);
        const after = what === 'register' ? registerHash : r.next.policy.rulesHash;
        const reason = event.type === 'AMEND_REGISTER' || event.type === 'AMEND_RULES' ? event.reason : '';
        const amendment = {
          on: event.on,
          by: event.actor,
          what,
          reason,
          before,
          after,
          unfroze: context.freeze !== null,
        };
        return {
          registry: r.next.registry,
          policy: r.next.policy,
          registerHash,
          rules: consultationRules(r.next.policy, context.hasOwnersCommittee),
          amendments: [...context.amendments, amendment],
          freeze: null,
          voters: {},
          issue: null,
        };
      }),
      recordIssue: assign({
        issue: ({ context, event }) => {
          assertEvent(event, 'ISSUE_BALLOTS');
          return { on: event.on, channels: event.channels, ballots: context.freeze?.voters ?? 0 };
        },
      }),
      registerProxy: assign({
        proxies: ({ context, event }) => {
          assertEvent(event, 'REGISTER_PROXY');
          const { proxyId, owner, holder, written, scope, validUntil, authorisationRef } = event;
          const p = { proxyId, owner, holder, written, scope, validUntil, authorisationRef };
          const byOwner = event.actor.role === 'owner' && event.actor.id === owner;
          return {
            ...context.proxies,
            [proxyId]: {
              ...p,
              authorisationScanId: event.authorisationScanId ?? null,
              // The owner registering their own proxy is their confirmation.
              confirmed: byOwner ? { on: event.on, by: event.actor } : null,
              registeredOn: event.on,
              registeredBy: event.actor,
              revoked: null,
            },
          };
        },
      }),
      confirmProxy: assign({
        proxies: ({ context, event }) => {
          assertEvent(event, 'CONFIRM_PROXY');
          const p = proxyOf(context, event.proxyId)!;
          return { ...context.proxies, [p.proxyId]: { ...p, confirmed: { on: event.on, by: event.actor } } };
        },
      }),
      closeBatch: assign({ batches: ({ context, event }) => closedBatches(context, event) }),
      revokeProxy: assign(({ context, event }) => revocationOf(context, event)),
      // Sets the day too (as setToday would): one assign, so a ballot copies the context and the
      // snapshot once rather than twice.
      recordBallot: assign(({ context, event }) => {
        const { entries, live } = recordEntry(context.entries, context.live, entryOf(context, event));
        return { today: event.on, entries, live, batches: batchesAfter(context, event) };
      }),
      count: assign(({ context }) => ({
        results: countConsultation(context),
        countedOn: context.today,
        replacedBallots: replacedBallots(ballotEntries(context)),
      })),
      recordAnnouncement: assign({
        announcement: ({ context, event }) => {
          assertEvent(event, 'ANNOUNCE');
          const days = context.rules.resultPostingDays;
          const deadline =
            days && context.countedOn
              ? (publicityEnd(context.countedOn, days, calendar)?.lastDay ?? null)
              : null;
          const posted = postPublicity(event, context.rules.publicityDays, calendar);
          return { ...posted, deadline, late: deadline !== null && event.on > deadline };
        },
      }),
      recordCancellation: assign({
        cancellation: ({ event }) => {
          assertEvent(event, 'CANCEL');
          return { on: event.on, reason: event.reason };
        },
      }),
    },
  }).createMachine({
    id: 'writtenConsultation',
    initial: 'draft',
    context: ({ input }) => initialContext(input),
    output: ({ context }) => ({
      id: context.id,
      cancelled: context.cancellation !== null,
      results: context.results.map((r) => ({ itemId: r.itemId, outcome: r.result.outcome })),
      paperBatches: Object.values(context.batches),
      replacedBallots: context.replacedBallots,
    }),
    states: {
      draft: {
        description: 'Being prepared: items, register and rules may still change.',
        on: {
          POST_NOTICE: {
            guard: and(['dateNotBackwards', 'actorIsOrganiser', 'windowOrdered', 'noticeInTime']),
            target: 'noticed',
            actions: ['setToday', 'freezeAndPostNotice'],
          },
          AMEND_REGISTER: {
            guard: and(['dateNotBackwards', 'actorIsOrganiser', 'amendmentUsable']),
            actions: ['setToday', 'amend'],
          },
          AMEND_RULES: {
            guard: and(['dateNotBackwards', 'actorIsOrganiser', 'amendmentUsable']),
            actions: ['setToday', 'amend'],
          },
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      noticed: {
        description: 'Notice posted; register and rules frozen and hashed.',
        on: {
          ISSUE_BALLOTS: {
            guard: and(['dateNotBackwards', 'actorIsOrganiser', 'notClosedYet']),
            target: 'issued',
            actions: ['setToday', 'recordIssue'],
          },
          ...proxies(),
          ...unfreezing(),
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      issued: {
        description:
          'Ballots delivered to every owner on the frozen register; waiting for the window to open.',
        always: { guard: 'windowOpen', target: 'collecting' },
        on: {
          CAST_BALLOT: {
            guard: and(['windowOpenedBy', ...CAST_GUARDS]),
            target: 'collecting',
            actions: 'recordBallot',
          },
          ...proxies(),
          ...unfreezing(),
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      collecting: {
        description: 'The window is open: ballots, corrections and withdrawals are taken until the last day.',
        always: [
          { guard: and(['windowClosed', 'batchesClosed']), target: 'counted', actions: 'count' },
          { guard: 'windowClosed', target: 'closing' },
        ],
        on: {
          CAST_BALLOT: { guard: and(CAST_GUARDS), actions: 'recordBallot' },
          CORRECT_BALLOT: {
            guard: and([...AMEND_BALLOT_GUARDS, 'batchOpen']),
            actions: 'recordBallot',
          },
          WITHDRAW_BALLOT: { guard: and(AMEND_BALLOT_GUARDS), actions: 'recordBallot' },
          CLOSE_PAPER_BATCH: closeBatch(),
          ...proxies(),
          ...unfreezing(),
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      closing: {
        description:
          'The window has closed; the count waits until every paper batch holding ballots is closed (CLOSE_PAPER_BATCH).',
        always: { guard: 'batchesClosed', target: 'counted', actions: 'count' },
        on: {
          CLOSE_PAPER_BATCH: closeBatch(),
          CANCEL: cancel(),
          TICK: tick(),
        },
      },
      counted: {
        description:
          'Closed and counted with tallyOwnersAssembly, item by item; the count must be announced.',
        on: {
          ANNOUNCE: {
            guard: and(['dateNotBackwards', 'actorIsOrganiser', 'publicityComputable']),
            target: 'announcing',
            actions: ['setToday', 'recordAnnouncement'],
          },
          TICK: tick(),
        },
      },
      announcing: {
        description: 'The count is posted (公告); completes once the last day has passed.',
        always: { guard: 'publicityElapsed', target: 'completed' },
        on: { TICK: tick() },
      },
      completed: { type: 'final', description: 'Counted and announced.' },
      cancelled: { type: 'final', description: 'Called off before the count.' },
    },
  });
  // The ledger is indexed in memory and plain in storage (consultationPersistence.ts).
  return withPlainPersistence(machine);
}

const CAST_GUARDS = [
  'dateNotBackwards',
  'withinWindow',
  'onFrozenRegister',
  'castEntitled',
  'itemsKnown',
  'ballotIdNew',
  'channelCounts',
  'proxyValid',
  'evidenceGiven',
  'scanNew',
  'batchOpen',
  'batchEntrant',
  'repeatAllowed',
  'ownBallotStands',
] as const;
const AMEND_BALLOT_GUARDS = [
  'dateNotBackwards',
  'withinWindow',
  'onFrozenRegister',
  'hasLiveBallot',
  'amendEntitled',
  'itemsKnown',
  'proxyValid',
] as const;

/**
 * Proxies are registered by the organisers (or the owner themself), confirmed by the owner, and
 * revoked by the owner or the organisers until the close.
 */
function proxies() {
  return {
    REGISTER_PROXY: {
      guard: and([
        'dateNotBackwards',
        'mayRegisterProxy',
        'withinWindow',
        'onFrozenRegister',
        'proxyRegistrable',
      ]),
      actions: ['setToday', 'registerProxy'],
    },
    CONFIRM_PROXY: {
      guard: and(['dateNotBackwards', 'withinWindow', 'proxyConfirmable']),
      actions: ['setToday', 'confirmProxy'],
    },
    REVOKE_PROXY: {
      guard: and(['dateNotBackwards', 'withinWindow', 'proxyRevocable', 'revokeEntitled']),
      actions: ['setToday', 'revokeProxy'],
    },
  } as const;
}
function tick() {
  return { guard: 'dateNotBackwards', actions: 'setToday' } as const;
}
/** A paper batch is closed by one of the two who entered and checked it, with its count (双人录入). */
function closeBatch() {
  return {
    guard: and(['dateNotBackwards', 'actorIsOrganiser', 'batchClosable']),
    actions: ['setToday', 'closeBatch'],
  } as const;
}
function cancel() {
  return {
    guard: and(['dateNotBackwards', 'actorIsOrganiser']),
    target: 'cancelled',
    actions: ['setToday', 'recordCancellation'],
  } as const;
}
/** After notice and before the first ballot, an amendment un-freezes: back to draft for a new notice. */
function unfreezing() {
  const t = {
    guard: and(['dateNotBackwards', 'actorIsOrganiser', 'noBallotYet', 'amendmentUsable']),
    target: 'draft',
    actions: ['setToday', 'amend'],
  } as const;
  return { AMEND_REGISTER: t, AMEND_RULES: t };
}

/** The consultation machine on the bundled China calendar (2020–2026). */
export const writtenConsultationMachine = /* @__PURE__ */ createWrittenConsultationMachine();
export type WrittenConsultationMachine = typeof writtenConsultationMachine;
