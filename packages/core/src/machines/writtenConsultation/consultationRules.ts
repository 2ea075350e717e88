/**
 * The rules of a written consultation that its guards, actions and refusal reasons share: what
 * the policy requires, what is frozen at notice, who may submit or amend a ballot, whether a proxy
 * holds, what an amendment would put in place, and the count. Pure functions of the context.
 */
import { isYishiError } from '../../errors/YishiError.js';
import type { Channel } from '../../registry/ballots.js';
import { UnitRegistry } from '../../registry/units.js';
import { electorateFor, tallyOwnersAssembly } from '../../tally/ownersAssembly.js';
import { hasRole } from '../eventStamp.js';
import {
  type FrozenPolicy,
  fingerprint,
  freezePolicy,
  PolicyInput,
  policyOf,
  required,
  valueOr,
} from '../frozenPolicy.js';
import { convenersOf } from '../meeting/meetingBodies.js';
import { organiserHolderProblem, proxyProblem } from '../proxy.js';
import {
  type BallotEntry,
  type BallotLedger,
  batchOfCast,
  castWithScan,
  effectiveBallots,
  isOwnersOwn,
  type LiveBallot,
  ledgerSize,
  liveBallotOf,
  liveBallots,
  recordEntry,
  setOwn,
} from './ballotLedger.js';
import type {
  ConsultationContext,
  ConsultationEvent,
  ConsultationRules,
  Freeze,
  PaperBatch,
  RegisteredProxy,
  ReplacedBallot,
} from './consultationSchemas.js';

/** The procedural rules a consultation reads from the policy; fails closed when one is missing. */
export function consultationRules(policy: FrozenPolicy, hasOwnersCommittee: boolean): ConsultationRules {
  const withoutCommittee = hasOwnersCommittee
    ? 'none'
    : required(
        policy,
        'ownersAssembly.convenerWithoutCommittee',
        'a consultation without an owners’ committee',
      );
  return {
    organisers: convenersOf('ownersAssembly', hasOwnersCommittee, withoutCommittee),
    noticeDays: required(policy, 'ownersAssembly.noticeDays', 'a written consultation'),
    repeatBallot: required(policy, 'ownersAssembly.repeatBallot', 'a written consultation'),
    proxyRequiresWritten: required(
      policy,
      'ownersAssembly.proxyRequiresWrittenAuthorisation',
      'proxy ballots',
    ),
    publicityDays: required(policy, 'publicity.meetingResultDays', 'announcing the count'),
    resultPostingDays: valueOr(policy, 'ownersAssembly.resultPostingDays', null),
    organiserMayHold: valueOr(policy, 'proxy.organiserMayHold', false),
  };
}

const CHANNELS: readonly Channel[] = ['paper', 'online', 'officialPlatform', 'proxy'];

/**
 * Freeze the register and rules: which owners vote and which channels count, both asked of the
 * rules layer (`tallyOwnersAssembly` decides whether a building subset votes alone and which
 * channels its count accepts), so intake and count cannot disagree.
 */
export function freezeOf(
  c: Pick<ConsultationContext, 'registry' | 'policy' | 'items' | 'buildings'>,
  on: string,
) {
  const policy = policyOf(c.policy);
  const matter = c.items[0]?.matter ?? 'otherMajor';
  const buildings = c.buildings ?? undefined;
  const probe = (ballots: { owner: string; choice: 'agree'; channel: Channel }[]) =>
    tallyOwnersAssembly({
      registry: c.registry,
      ballots,
      matter,
      policy,
      ...(buildings ? { buildings } : {}),
    });
  const subset = probe([]).body === 'buildingSubsetVote';
  const el = electorateFor(c.registry, policy, subset ? buildings : undefined);
  const first = el.owners[0]!;
  const acceptedChannels = CHANNELS.filter(
    (channel) => probe([{ owner: first, choice: 'agree', channel }]).counts.excludedByChannel.ballots === 0,
  );
  const voters: Record<string, 1> = {};
  for (const o of el.owners) setOwn(voters, o, 1);
  const freeze: Freeze = {
    on,
    registerHash: fingerprint(c.registry),
    rulesHash: c.policy.rulesHash,
    buildings: subset ? (buildings ?? null) : null,
    voters: el.owners.length,
    totalArea: probe([]).counts.total.area,
    acceptedChannels,
  };
  return { freeze, voters };
}

/** Whether the register and rules can run a consultation (null) or why not. */
export function usable(
  c: Pick<ConsultationContext, 'registry' | 'policy' | 'items' | 'buildings' | 'hasOwnersCommittee'>,
) {
  try {
    consultationRules(c.policy, c.hasOwnersCommittee);
    freezeOf(c, c.policy.at);
    return null;
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
}

type E = ConsultationEvent;
type C = ConsultationContext;

export const notice = (c: C) => c.notices.at(-1);
export const ownerOf = (e: E) => ('owner' in e ? e.owner : '');
export const liveOf = (c: C, e: E): LiveBallot | undefined => liveBallotOf(c.live, ownerOf(e));
export const choicesOf = (e: E) => (e.type === 'CAST_BALLOT' || e.type === 'CORRECT_BALLOT' ? e.choices : []);

/**
 * Whether the actor may submit this ballot: its owner online; the counting staff for paper (a
 * paper ballot is handed in and entered by the organisers, so an owner cannot claim paper's
 * precedence from the web); the holder of a registered proxy, or the staff entering it.
 */
export function castEntitled(c: C, e: E): boolean {
  if (e.type !== 'CAST_BALLOT') return false;
  const staff = hasRole(e.actor, c.rules.organisers);
  switch (e.channel) {
    case 'online':
    case 'officialPlatform':
      return e.actor.id === e.owner && e.actor.role === 'owner';
    case 'paper':
      return staff;
    case 'proxy':
      // Who holds the registered proxy is checked with it (ballotProxyProblem → PROXY_INVALID).
      return true;
    default:
      return e.channel satisfies never;
  }
}

export const proxyOf = (c: C, id: string | null | undefined): RegisteredProxy | undefined =>
  id != null && Object.hasOwn(c.proxies, id) ? c.proxies[id] : undefined;

/**
 * Whether the actor may correct or withdraw the owner's live ballot: the hands that cast it (the
 * owner online; the staff for paper; the proxy's holder or the staff for a proxy ballot), and the
 * owner may always withdraw a paper or proxy ballot cast for them (then vote again themself).
 */
export function amendEntitled(c: C, e: E): boolean {
  const live = liveOf(c, e);
  if (!live) return false;
  const staff = hasRole(e.actor, c.rules.organisers);
  const isOwner = e.actor.id === ownerOf(e) && e.actor.role === 'owner';
  if (live.channel === 'online' || live.channel === 'officialPlatform') return isOwner;
  if (e.type === 'WITHDRAW_BALLOT' && isOwner) return true;
  if (live.channel === 'proxy') return staff || e.actor.id === proxyOf(c, live.proxyId)?.holder;
  return staff;
}

/** Why a registered proxy cannot carry this owner's ballot for `actor` on `on` over `items`, or null. */
function registeredProxyProblem(c: C, e: E, proxyId: string, items: readonly string[]): string | null {
  const p = proxyOf(c, proxyId);
  if (!p)
    return `no proxy ${proxyId} is registered; the organisers register a proxy (REGISTER_PROXY) before it is used`;
  if (p.revoked) return `proxy ${proxyId} was revoked on ${p.revoked.on}`;
  if (p.owner !== ownerOf(e)) return `proxy ${proxyId} is for owner ${p.owner}, not ${ownerOf(e)}`;
  if (!hasRole(e.actor, c.rules.organisers) && p.holder !== e.actor.id) {
    return `proxy ${proxyId} is held by ${p.holder}, not ${e.actor.id}`;
  }
  const noEvidence = proxyEvidenceProblem(p);
  if (noEvidence) return noEvidence;
  const selfHeld = organiserHolderProblem(e.actor, p.holder, c.rules.organiserMayHold);
  if (selfHeld) return `proxy ${proxyId}: ${selfHeld}`;
  const auth = {
    authorisationId: p.proxyId,
    holder: p.holder,
    written: p.written,
    scope: p.scope,
    validUntil: p.validUntil,
  };
  return proxyProblem(auth, { on: e.on, items, requireWritten: c.rules.proxyRequiresWritten });
}

/** Why a proxy ballot (or a correction or withdrawal of one by its holder) cannot be accepted, or null. */
export function ballotProxyProblem(c: C, e: E): string | null {
  const items = choicesOf(e).map((x) => x.itemId);
  if (e.type === 'CAST_BALLOT') {
    if ((e.channel === 'proxy') !== (e.proxyId !== undefined)) {
      return 'a proxy ballot names its registered proxy (proxyId), and only a proxy ballot does';
    }
    return e.proxyId === undefined ? null : registeredProxyProblem(c, e, e.proxyId, items);
  }
  const live = liveOf(c, e);
  // The owner taking back a ballot cast for them needs no proxy.
  if (!live?.proxyId || e.actor.id === ownerOf(e)) return null;
  return registeredProxyProblem(c, e, live.proxyId, items);
}

/**
 * Why a registered proxy has no evidence behind it, or null: it rests on the 授权委托书's scan id,
 * or on the owner's own act (registering it themself, or CONFIRM_PROXY). A proxy the organisers
 * merely typed in is recorded but carries no ballot.
 */
export function proxyEvidenceProblem(p: RegisteredProxy): string | null {
  if (p.authorisationScanId != null || p.confirmed != null) return null;
  return `proxy ${p.proxyId} has no evidence: give the 授权委托书's scan id (authorisationScanId) when registering it, or the owner ${p.owner} confirms it themself (CONFIRM_PROXY)`;
}

/** The organisers register a proxy; so may the owner, for themself (which is then their confirmation). */
export function mayRegisterProxy(c: C, e: E): boolean {
  if (e.type !== 'REGISTER_PROXY') return false;
  return hasRole(e.actor, c.rules.organisers) || isOwnerThemself(e);
}

/** Whether the sender is the owner the event is about, in their own name. */
export const isOwnerThemself = (e: E): boolean => e.actor.role === 'owner' && e.actor.id === ownerOf(e);

/** Why this proxy cannot be registered, as [code, message], or null. */
export function registrationProblem(c: C, e: E): ['EVENT_NOT_ALLOWED' | 'PROXY_INVALID', string] | null {
  if (e.type !== 'REGISTER_PROXY') return ['EVENT_NOT_ALLOWED', 'not a proxy registration'];
  if (Object.hasOwn(c.proxies, e.proxyId))
    return ['EVENT_NOT_ALLOWED', `proxy ${e.proxyId} is already registered`];
  if (e.holder === e.owner) return ['PROXY_INVALID', 'an owner cannot hold their own proxy'];
  const selfHeld = organiserHolderProblem(e.actor, e.holder, c.rules.organiserMayHold);
  if (selfHeld) return ['PROXY_INVALID', `the self-proxy: ${selfHeld}`];
  if (e.validUntil < e.on) return ['PROXY_INVALID', `proxy ${e.proxyId} expired on ${e.validUntil}`];
  if (c.rules.proxyRequiresWritten && !e.written) {
    return [
      'PROXY_INVALID',
      `proxy ${e.proxyId} has no written authorisation, which the policy requires (上海市住宅物业管理规定 第18条)`,
    ];
  }
  const unknown = e.scope.filter((id) => !c.items.some((i) => i.id === id));
  if (unknown.length > 0)
    return ['PROXY_INVALID', `proxy scope names items not in this consultation: ${unknown.join(', ')}`];
  return null;
}

export const proxyToRevoke = (c: C, e: E): RegisteredProxy | undefined =>
  e.type === 'REVOKE_PROXY' ? proxyOf(c, e.proxyId) : undefined;

/** Why the sender cannot confirm this proxy (CONFIRM_PROXY), or null: only its owner, once, while it stands. */
export function confirmationProblem(c: C, e: E): string | null {
  if (e.type !== 'CONFIRM_PROXY') return 'not a confirmation';
  const p = proxyOf(c, e.proxyId);
  if (!p) return `no proxy ${e.proxyId} is registered`;
  if (p.revoked) return `proxy ${e.proxyId} was revoked on ${p.revoked.on}`;
  if (e.actor.role !== 'owner' || e.actor.id !== p.owner)
    return `only the owner ${p.owner} confirms proxy ${e.proxyId}, in their own name (not ${e.actor.id} as ${e.actor.role})`;
  if (p.confirmed) return `proxy ${e.proxyId} was already confirmed on ${p.confirmed.on}`;
  return null;
}

// ── paper ballots: evidence and batches ──────────────────────────────────────────────────────

/**
 * Whether this cast is entered for the owner by someone else: neither the owner in their own
 * name nor the holder of the proxy it is cast under (so: the counting staff, at the counter or
 * entering a paper ballot or a paper proxy ballot). Such a ballot carries evidence.
 */
export function enteredForOwner(c: C, e: E): boolean {
  if (e.type !== 'CAST_BALLOT') return false;
  if (isOwnerThemself(e)) return false;
  return !(e.channel === 'proxy' && proxyOf(c, e.proxyId)?.holder === e.actor.id);
}

/** Why the cast's evidence is missing or misplaced, as the field and the message, or null. */
export function evidenceProblem(c: C, e: E): { field: string; message: string } | null {
  if (e.type !== 'CAST_BALLOT') return null;
  const needed = enteredForOwner(c, e);
  if (needed && e.evidence === undefined) {
    return {
      field: 'evidence',
      message: `a ballot of ${e.owner} entered by ${e.actor.id} (${e.actor.role}) carries evidence: evidence.scanId (the paper ballot's scan or photo id) and evidence.batchId (its paper batch)`,
    };
  }
  if (!needed && e.evidence !== undefined) {
    return {
      field: 'evidence',
      message: `evidence belongs to a ballot entered for an owner by the counting staff; ${e.actor.id} casts ${e.owner}'s ballot in their own hand`,
    };
  }
  return null;
}

export const evidenceOf = (e: E) => (e.type === 'CAST_BALLOT' ? e.evidence : undefined);

/** Whether the paper's scan id is not yet in the ledger (one paper, one ballot). */
export const scanNew = (c: C, e: E): boolean => {
  const ev = evidenceOf(e);
  return ev === undefined || castWithScan(c.entries, ev.scanId) === undefined;
};

export const batchOf = (c: C, id: string | undefined): PaperBatch | undefined =>
  id !== undefined && Object.hasOwn(c.batches, id) ? c.batches[id] : undefined;

/** Whether the batch a cast names (or the batch of the paper a correction amends) is still open. */
export function batchOpenFor(c: C, e: E): boolean {
  return batchOf(c, batchNamedBy(c, e))?.closure == null;
}

/**
 * Whether the sender may enter into the batch the cast names: one batch, one person entering (so
 * its closure can name who entered it, and someone else checks it); another person opens a batch
 * of their own.
 */
export function batchEntrantOk(c: C, e: E): boolean {
  const b = batchOf(c, evidenceOf(e)?.batchId);
  return b === undefined || b.enteredBy.every((id) => id === e.actor.id);
}

/** The batch a cast names, or the batch of the live ballot a correction amends. */
export function batchNamedBy(c: C, e: E): string | undefined {
  if (e.type === 'CAST_BALLOT') return e.evidence?.batchId;
  if (e.type === 'CORRECT_BALLOT') {
    const live = liveOf(c, e);
    return live ? batchOfCast(c.entries, live.castSeq) : undefined;
  }
  return undefined;
}

/** The batches after a cast with evidence (the batch is opened by its first ballot). */
export function batchesAfter(c: C, e: E): Record<string, PaperBatch> {
  const ev = evidenceOf(e);
  if (!ev) return c.batches;
  const b = batchOf(c, ev.batchId);
  const next: PaperBatch = b
    ? {
        ...b,
        ballots: b.ballots + 1,
        enteredBy: b.enteredBy.includes(e.actor.id) ? b.enteredBy : [...b.enteredBy, e.actor.id],
      }
    : { batchId: ev.batchId, openedOn: e.on, ballots: 1, enteredBy: [e.actor.id], closure: null };
  const out: Record<string, PaperBatch> = {};
  for (const k of Object.keys(c.batches)) setOwn(out, k, c.batches[k]!);
  setOwn(out, ev.batchId, next);
  return out;
}

/** The batches holding ballots that are not closed yet. */
export const openBatches = (c: Pick<C, 'batches'>): PaperBatch[] =>
  Object.values(c.batches).filter((b) => b.closure === null && b.ballots > 0);

/** Why this batch closure cannot be recorded, as [code, message], or null. */
export function closureProblem(
  c: C,
  e: E,
): ['EVENT_NOT_ALLOWED' | 'BATCH_CLOSED' | 'DUAL_ENTRY_REQUIRED' | 'BATCH_MISMATCH', string] | null {
  if (e.type !== 'CLOSE_PAPER_BATCH') return ['EVENT_NOT_ALLOWED', 'not a batch closure'];
  const b = batchOf(c, e.batchId);
  if (!b) return ['EVENT_NOT_ALLOWED', `no ballot was entered in paper batch ${e.batchId}`];
  if (b.closure)
    return ['BATCH_CLOSED', `paper batch ${e.batchId} was closed on ${b.closure.on} by ${b.closure.by.id}`];
  if (e.enteredBy === e.checkedBy)
    return [
      'DUAL_ENTRY_REQUIRED',
      `双人录入: paper batch ${e.batchId} is entered and checked by two different people, not ${e.enteredBy} twice`,
    ];
  if (e.actor.id !== e.enteredBy && e.actor.id !== e.checkedBy)
    return [
      'DUAL_ENTRY_REQUIRED',
      `the closure of paper batch ${e.batchId} is sent by the person who entered it (${e.enteredBy}) or who checked it (${e.checkedBy}), not ${e.actor.id}`,
    ];
  if (e.count !== b.ballots)
    return [
      'BATCH_MISMATCH',
      `paper batch ${e.batchId} holds ${b.ballots} ballot${b.ballots === 1 ? '' : 's'} in the ledger; the closure counts ${e.count}`,
    ];
  if (b.enteredBy.length !== 1 || b.enteredBy[0] !== e.enteredBy)
    return [
      'BATCH_MISMATCH',
      `the ballots of paper batch ${e.batchId} were entered by ${b.enteredBy.join(', ')}; the closure names ${e.enteredBy} (one batch, one person entering, another checking)`,
    ];
  return null;
}

/** The batches after a closure. */
export function closedBatches(c: C, e: E): Record<string, PaperBatch> {
  if (e.type !== 'CLOSE_PAPER_BATCH') throw new Error('unreachable: not a batch closure');
  const b = batchOf(c, e.batchId)!;
  const { count, enteredBy, checkedBy } = e;
  const out: Record<string, PaperBatch> = {};
  for (const k of Object.keys(c.batches)) setOwn(out, k, c.batches[k]!);
  setOwn(out, e.batchId, { ...b, closure: { on: e.on, by: e.actor, count, enteredBy, checkedBy } });
  return out;
}

// ── the owner's own ballot ───────────────────────────────────────────────────────────────────

/**
 * Why this cast may not replace the owner's live ballot, or null. An owner's own ballot (online
 * or on the official platform: only the owner casts there) is never replaced by a ballot someone
 * else entered (the staff's paper, a proxy's), whatever the repeat rule, unless the estate chose
 * `paperOverridesOnline` (its covenant says paper prevails). Under `firstCounts` any repeat is
 * refused before this (DOUBLE_VOTE).
 */
export function ownBallotProblem(c: C, e: E): string | null {
  if (e.type !== 'CAST_BALLOT') return null;
  const live = liveOf(c, e);
  if (!live || !isOwnersOwn(live.channel) || isOwnerThemself(e)) return null;
  if (c.rules.repeatBallot === 'paperOverridesOnline') return null;
  return `${e.owner} voted in their own name (${live.channel}, ledger entry ${live.castSeq}); a ${e.channel} ballot entered by ${e.actor.id} (${e.actor.role}) cannot replace it (ownersAssembly.repeatBallot = ${c.rules.repeatBallot}; only paperOverridesOnline lets paper prevail)`;
}

/** Every live ballot a later cast replaced, in ledger order (listed with the count). */
export function replacedBallots(entries: readonly BallotEntry[]): ReplacedBallot[] {
  const out: ReplacedBallot[] = [];
  for (const e of entries) {
    if (e.kind !== 'cast' || e.supersedes === null) continue;
    const old = entries[e.supersedes];
    if (!old) continue;
    out.push({
      owner: e.owner,
      on: e.on,
      replaced: { seq: old.seq, ballotId: old.ballotId, channel: old.channel, by: old.by },
      replacing: {
        seq: e.seq,
        ballotId: e.ballotId,
        channel: e.channel,
        by: e.by,
        evidence: e.evidence ?? null,
      },
    });
  }
  return out;
}

/** The owner of the proxy, or the organisers, may revoke it while it is not yet revoked. */
export function revokeEntitled(c: C, e: E): boolean {
  const p = proxyToRevoke(c, e);
  return p !== undefined && (e.actor.id === p.owner || hasRole(e.actor, c.rules.organisers));
}

/** Revoke a proxy; a live ballot cast under it is withdrawn (a new ledger entry). */
export function revocationOf(c: C, e: E): Pick<C, 'proxies' | 'entries' | 'live'> {
  const p = proxyToRevoke(c, e);
  if (!p || e.type !== 'REVOKE_PROXY') throw new Error('unreachable: guarded by proxyRevocable');
  const proxies = {
    ...c.proxies,
    [p.proxyId]: { ...p, revoked: { on: e.on, by: e.actor, reason: e.reason ?? null } },
  };
  const live = liveBallotOf(c.live, p.owner);
  if (live?.proxyId !== p.proxyId) return { proxies, entries: c.entries, live: c.live };
  const entry: BallotEntry = {
    seq: ledgerSize(c.entries),
    kind: 'withdrawal',
    owner: p.owner,
    ballotId: null,
    channel: live.channel,
    choices: [],
    proxyId: p.proxyId,
    on: e.on,
    by: e.actor,
    reason: `proxy ${p.proxyId} revoked${e.reason ? `: ${e.reason}` : ''}`,
    supersedes: live.castSeq,
  };
  return { proxies, ...recordEntry(c.entries, c.live, entry) };
}

export function itemsProblem(c: C, e: E): string | null {
  const ids = choicesOf(e).map((x) => x.itemId);
  const unknown = ids.filter((id) => !c.items.some((i) => i.id === id));
  if (unknown.length > 0) return `no item ${unknown.join(', ')} in this consultation`;
  if (new Set(ids).size !== ids.length) return 'one choice per item';
  return null;
}

export function entryOf(c: C, e: E): BallotEntry {
  const seq = ledgerSize(c.entries);
  const owner = ownerOf(e);
  const live = liveOf(c, e);
  // Written out member by member, in the order a stored snapshot lists them: an object spread
  // here (`{ ...base, … }`) put each ballot on V8's slow path for building objects.
  switch (e.type) {
    case 'CAST_BALLOT': {
      const proxyId = e.proxyId ?? null;
      const supersedes = live?.castSeq ?? null;
      const { on, actor: by, ballotId, channel, choices, evidence } = e;
      return evidence
        ? {
            seq,
            owner,
            on,
            by,
            kind: 'cast',
            ballotId,
            channel,
            choices,
            proxyId,
            reason: null,
            supersedes,
            evidence,
          }
        : { seq, owner, on, by, kind: 'cast', ballotId, channel, choices, proxyId, reason: null, supersedes };
    }
    case 'CORRECT_BALLOT':
    case 'WITHDRAW_BALLOT':
      return {
        seq,
        owner,
        on: e.on,
        by: e.actor,
        kind: e.type === 'CORRECT_BALLOT' ? 'correction' : 'withdrawal',
        ballotId: null,
        channel: live!.channel,
        choices: e.type === 'CORRECT_BALLOT' ? e.choices : [],
        proxyId: live!.proxyId,
        reason: e.reason ?? null,
        supersedes: live!.castSeq,
      };
    default:
      throw new Error(`unreachable: ${e.type} is not a ballot`);
  }
}

/**
 * The count: each item tallied with `tallyOwnersAssembly` over the live ballots (taken from the
 * ledger once, in the order a stored snapshot lists them).
 */
export function countConsultation(
  c: Pick<C, 'policy' | 'freeze' | 'buildings' | 'items' | 'registry'> & {
    entries: BallotLedger | readonly BallotEntry[];
  },
) {
  const policy = policyOf(c.policy);
  const live = liveBallots(c);
  const buildings = c.freeze?.buildings ?? c.buildings ?? undefined;
  return c.items.map((item) => ({
    itemId: item.id,
    result: tallyOwnersAssembly({
      registry: c.registry,
      ballots: effectiveBallots(live, item.id),
      matter: item.matter,
      policy,
      ...(buildings ? { buildings } : {}),
    }),
  }));
}

/** The register or rules an AMEND_* event would put in place, or why they cannot run. */
export function amended(c: C, e: E) {
  if (e.type === 'AMEND_REGISTER') {
    const r = UnitRegistry.safeParse(e.registry);
    if (!r.success) return { ok: false as const, message: r.error.issues[0]?.message ?? 'invalid register' };
    const next = { ...c, registry: r.data };
    const problem = usable(next);
    return problem ? { ok: false as const, message: problem.message } : { ok: true as const, next };
  }
  if (e.type === 'AMEND_RULES') {
    const p = PolicyInput.safeParse(e.policy);
    if (!p.success) return { ok: false as const, message: p.error.issues[0]?.message ?? 'invalid policy' };
    const next = { ...c, policy: freezePolicy(p.data) };
    const problem = usable(next);
    return problem ? { ok: false as const, message: problem.message } : { ok: true as const, next };
  }
  return { ok: false as const, message: `${e.type} amends nothing` };
}
export const amendmentProblem = (c: C, e: E): string | null => {
  const r = amended(c, e);
  return r.ok ? null : r.message;
};
