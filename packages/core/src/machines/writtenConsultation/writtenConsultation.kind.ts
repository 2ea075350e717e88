import type { AnyMachineSnapshot } from 'xstate';
/** The written consultation as a `ProcessKind`, with its refusal reasons. */
import type { Role } from '../../actor/actor.js';
import type { LoggedEvent } from '../../log/logEntry.js';
import { paperBatchPeople, proxyHoldersCited } from '../peopleCited.js';
import { CONSULTATION_PERSONAL } from '../personalData.js';
import type { CitedPerson, MachineKind } from '../processKind.js';
import { explainRefusal, type RefusalReasons } from '../refusal.js';
import { ledgerSize, liveBallotOf } from './ballotLedger.js';
import {
  amendmentProblem,
  ballotProxyProblem,
  batchNamedBy,
  batchOf,
  closureProblem,
  confirmationProblem,
  evidenceProblem,
  itemsProblem,
  openBatches,
  ownBallotProblem,
  proxyOf,
  registrationProblem,
} from './consultationRules.js';
import {
  type ConsultationContext,
  type ConsultationEvent,
  ConsultationEventInput,
  type ConsultationEventType,
  ConsultationInput,
  PersistedConsultation,
} from './consultationSchemas.js';
import { quickCastBallot } from './quickBallot.js';
import {
  type WrittenConsultationMachine,
  writtenConsultationMachine,
} from './writtenConsultation.machine.js';

// The sub-district office organises only where the policy gives it the assembly (convenersOf).
const ORGANISERS: readonly Role[] = ['ownersCommittee', 'residentsCommitteeStaff', 'subdistrictStaff'];

export const CONSULTATION_PERMISSIONS: Readonly<Record<ConsultationEventType, readonly Role[]>> = {
  POST_NOTICE: ORGANISERS,
  ISSUE_BALLOTS: ORGANISERS,
  // Owners online; proxy holders (who may be residents); the counting staff entering paper ballots.
  CAST_BALLOT: ['owner', 'resident', ...ORGANISERS],
  CORRECT_BALLOT: ['owner', 'resident', ...ORGANISERS],
  WITHDRAW_BALLOT: ['owner', 'resident', ...ORGANISERS],
  // The organisers, or the owner registering their own proxy (checked against the proxy's owner).
  REGISTER_PROXY: ['owner', ...ORGANISERS],
  // The owner themself, in their own name (checked against the proxy's owner).
  CONFIRM_PROXY: ['owner'],
  // The owner themself (checked against the proxy's owner), or the organisers.
  REVOKE_PROXY: ['owner', ...ORGANISERS],
  // One of the two counting staff who entered and checked the batch.
  CLOSE_PAPER_BATCH: ORGANISERS,
  ANNOUNCE: ORGANISERS,
  AMEND_REGISTER: ORGANISERS,
  AMEND_RULES: ORGANISERS,
  CANCEL: ORGANISERS,
  TICK: ['system'],
};

type C = ConsultationContext;
type E = ConsultationEvent;
const no = (message: string) => ({ code: 'EVENT_NOT_ALLOWED' as const, message });
const owner = (e: E) => ('owner' in e ? e.owner : '');
const window = (c: C) => c.notices.at(-1);

export const CONSULTATION_REFUSALS: RefusalReasons<C, E> = {
  dateNotBackwards: (c) => no(`dates cannot go backwards; the consultation is already at ${c.today}`),
  actorIsOrganiser: (c, e) =>
    no(
      c.rules.organisers.length === 0
        ? 'no role of this engine may organise it under this policy (ownersAssembly.convenerWithoutCommittee)'
        : `only ${c.rules.organisers.join(' or ')} may do this, not ${e.actor.role}`,
    ),
  windowOrdered: () => no('the window must open on or after the notice day and close on or after it opens'),
  noticeInTime: (c, e) =>
    no(
      e.type === 'POST_NOTICE'
        ? `${c.rules.noticeDays} days' notice (ownersAssembly.noticeDays): a notice on ${e.on} allows the window to open on the ${c.rules.noticeDays}th day after it at the earliest, not ${e.opensOn}`
        : 'notice too late',
    ),
  amendmentUsable: (c, e) => no(amendmentProblem(c, e) ?? 'the amendment cannot be used'),
  noBallotYet: (c) => ({
    code: 'RULES_FROZEN',
    message: `${ledgerSize(c.entries)} ballot entr${ledgerSize(c.entries) === 1 ? 'y is' : 'ies are'} in; the register (${c.freeze?.registerHash.slice(0, 12)}…) and rules (${c.freeze?.rulesHash.slice(0, 12)}…) frozen at notice on ${c.freeze?.on} can no longer change`,
  }),
  notClosedYet: (c) => no(`the window closed at the end of ${window(c)?.closesOn}`),
  windowOpenedBy: (c) => no(`collection opens on ${window(c)?.opensOn}`),
  withinWindow: (c) => ({
    code: 'VOTE_AFTER_CLOSE',
    message: `the window closed at the end of ${window(c)?.closesOn}`,
  }),
  onFrozenRegister: (c, e) => ({
    code: 'NOT_ON_REGISTER',
    message: `"${owner(e)}" is not an owner on the register frozen on ${c.freeze?.on} (unsold units vote as the developer, 司法解释 第9条)`,
  }),
  castEntitled: (_c, e) =>
    no(
      `a ${e.type === 'CAST_BALLOT' ? e.channel : ''} ballot of ${owner(e)} may come only from the owner online, the holder of their registered proxy, or the counting staff entering paper and proxy ballots (not ${e.actor.id} as ${e.actor.role})`,
    ),
  amendEntitled: (_c, e) =>
    no(
      `only whoever cast ${owner(e)}'s ballot may correct it, and they or the owner withdraw it (not ${e.actor.id})`,
    ),
  proxyRegistrable: (c, e) => {
    const p = registrationProblem(c, e);
    return p ? { code: p[0], message: p[1] } : no('the proxy cannot be registered');
  },
  proxyRevocable: (c, e) => {
    const id = e.type === 'REVOKE_PROXY' ? e.proxyId : '';
    const p = proxyOf(c, id);
    return no(p ? `proxy ${id} was already revoked on ${p.revoked?.on}` : `no proxy ${id} is registered`);
  },
  revokeEntitled: (c, e) =>
    no(
      `only the owner who gave proxy ${e.type === 'REVOKE_PROXY' ? e.proxyId : ''} (${proxyOf(c, e.type === 'REVOKE_PROXY' ? e.proxyId : '')?.owner}) or the organisers may revoke it`,
    ),
  itemsKnown: (c, e) => no(itemsProblem(c, e) ?? 'unknown item'),
  ballotIdNew: (_c, e) => no(`ballot ${e.type === 'CAST_BALLOT' ? e.ballotId : ''} is already in the ledger`),
  channelCounts: (c, e) =>
    no(
      `the policy (ownersAssembly.electronicVoting) does not count ${e.type === 'CAST_BALLOT' ? e.channel : ''} ballots; accepted: ${c.freeze?.acceptedChannels.join(', ')}`,
    ),
  proxyValid: (c, e) => ({ code: 'PROXY_INVALID', message: ballotProxyProblem(c, e) ?? 'invalid proxy' }),
  mayRegisterProxy: (c, e) =>
    no(
      `only ${c.rules.organisers.join(' or ')}, or the owner ${owner(e)} themself, may register a proxy for ${owner(e)} (not ${e.actor.id} as ${e.actor.role})`,
    ),
  proxyConfirmable: (c, e) => ({
    code: 'PROXY_INVALID',
    message: confirmationProblem(c, e) ?? 'the proxy cannot be confirmed',
  }),
  evidenceGiven: (c, e) => {
    const p = evidenceProblem(c, e);
    return {
      code: 'INVALID_EVENT',
      message: p?.message ?? 'evidence',
      field: p?.field ?? 'evidence',
      expected: '{ scanId, batchId } exactly when the counting staff enter the ballot for the owner',
    };
  },
  scanNew: (_c, e) =>
    no(
      `the paper with scan ${e.type === 'CAST_BALLOT' ? e.evidence?.scanId : ''} is already in the ledger; one paper, one ballot`,
    ),
  batchOpen: (c, e) => {
    const id = batchNamedBy(c, e) ?? '';
    const b = batchOf(c, id);
    return {
      code: 'BATCH_CLOSED',
      message: `paper batch ${id} was closed on ${b?.closure?.on} with ${b?.closure?.count} ballots (entered by ${b?.closure?.enteredBy}, checked by ${b?.closure?.checkedBy}); a closed batch takes no ballot and no correction`,
    };
  },
  batchEntrant: (c, e) => {
    const id = e.type === 'CAST_BALLOT' ? (e.evidence?.batchId ?? '') : '';
    return {
      code: 'BATCH_MISMATCH',
      message: `paper batch ${id} is being entered by ${batchOf(c, id)?.enteredBy.join(', ')}; ${e.actor.id} enters into a batch of their own (one batch, one person entering, another checking)`,
    };
  },
  ownBallotStands: (c, e) => ({
    code: 'OWN_BALLOT_PROTECTED',
    message: ownBallotProblem(c, e) ?? 'the owner’s own ballot stands',
  }),
  batchClosable: (c, e) => {
    const p = closureProblem(c, e);
    return p ? { code: p[0], message: p[1] } : no('the batch cannot be closed');
  },
  repeatAllowed: (c, e) => {
    const live = liveBallotOf(c.live, owner(e));
    return {
      code: 'DOUBLE_VOTE',
      message: `${owner(e)} already voted (${live?.channel}, ledger entry ${live?.castSeq}); one vote per owner across all channels (ownersAssembly.repeatBallot = ${c.rules.repeatBallot})`,
    };
  },
  hasLiveBallot: (_c, e) => no(`${owner(e)} has no ballot to correct or withdraw`),
  publicityComputable: (_c, e) => ({
    code: 'DATE_OUT_OF_RANGE',
    message: `the announcement period from ${e.on} runs beyond the holiday calendar's years`,
  }),
};

const AFTER_CLOSE = ['closing', 'counted', 'announcing', 'completed'];

export function explainConsultationRefusal(
  snapshot: Parameters<MachineKind<WrittenConsultationMachine>['explainRefusal']>[0],
  event: E,
) {
  return explainRefusal<C, E>(snapshot, event, {
    what: (c) => `written consultation ${c.id}`,
    reasons: CONSULTATION_REFUSALS,
    wrongState: (state, c, e) => {
      const isBallot =
        e.type === 'CAST_BALLOT' || e.type === 'CORRECT_BALLOT' || e.type === 'WITHDRAW_BALLOT';
      if (isBallot && AFTER_CLOSE.includes(state)) {
        return {
          code: 'VOTE_AFTER_CLOSE',
          message: `the window closed at the end of ${window(c)?.closesOn}`,
        };
      }
      if (isBallot && (state === 'draft' || state === 'noticed')) {
        return no(state === 'draft' ? 'no notice has been posted yet' : 'ballots have not been issued yet');
      }
      if (isBallot && state === 'issued') {
        // Only a correction or withdrawal gets here (a cast is explained by its guards).
        if (e.on > (window(c)?.closesOn ?? e.on)) return CONSULTATION_REFUSALS.withinWindow!(c, e, undefined);
        if (!Object.hasOwn(c.voters, owner(e)))
          return CONSULTATION_REFUSALS.onFrozenRegister!(c, e, undefined);
        return CONSULTATION_REFUSALS.hasLiveBallot!(c, e, undefined);
      }
      if ((e.type === 'AMEND_REGISTER' || e.type === 'AMEND_RULES') && AFTER_CLOSE.includes(state)) {
        return {
          code: 'RULES_FROZEN',
          message:
            state === 'closing'
              ? `the window closed at the end of ${window(c)?.closesOn}; the register and rules can no longer change`
              : `counted on ${c.countedOn}; the register and rules can no longer change`,
        };
      }
      if (state === 'closing' && e.type === 'ANNOUNCE') {
        const open = openBatches(c)
          .map((b) => `${b.batchId} (${b.ballots} ballot${b.ballots === 1 ? '' : 's'})`)
          .join(', ');
        return {
          code: 'BATCH_OPEN',
          message: `not counted yet: paper batch${open.includes(',') ? 'es' : ''} ${open} must be closed first (CLOSE_PAPER_BATCH: count, entered by, checked by)`,
        };
      }
      return undefined;
    },
  });
}

/**
 * The proxy holders an event names (for the engine to check against the community's roster:
 * a holder who is an organiser there may not hold a proxy unless `proxy.organiserMayHold`).
 * Pure; [] for events that name none.
 */
export function consultationProxyHolders(event: { type: string } & Record<string, unknown>): string[] {
  return event.type === 'REGISTER_PROXY' && typeof event.holder === 'string' ? [event.holder] : [];
}

/** The people a consultation event names, for the roster (machines/peopleCited.ts). */
export const consultationPeopleCited = (event: LoggedEvent, snapshot?: AnyMachineSnapshot): CitedPerson[] => [
  ...proxyHoldersCited(consultationProxyHolders(event), 'holder', snapshot),
  ...paperBatchPeople(event),
];

export const writtenConsultationKind: MachineKind<WrittenConsultationMachine> = {
  kind: 'writtenConsultation',
  title: { 'zh-CN': '书面征求意见 / 电子投票', en: 'Written consultation / electronic voting' },
  machine: writtenConsultationMachine,
  input: ConsultationInput,
  events: ConsultationEventInput,
  quickEvent: quickCastBallot,
  permissions: CONSULTATION_PERMISSIONS,
  creators: ORGANISERS,
  // The engine resolves `rules` into `policy` in the input and in AMEND_RULES (engine/rules.ts).
  policyIn: { input: true, events: ['AMEND_RULES'] },
  peopleCited: consultationPeopleCited,
  personal: CONSULTATION_PERSONAL,
  explainRefusal: explainConsultationRefusal,
  persisted: PersistedConsultation,
};
