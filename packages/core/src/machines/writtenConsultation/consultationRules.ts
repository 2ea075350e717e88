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
import { proxyProblem } from '../proxy.js';
import {
  type BallotEntry,
  type BallotLedger,
  effectiveBallots,
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
  RegisteredProxy,
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

/** Why the organisers cannot register this proxy, as [code, message], or null. */
export function registrationProblem(c: C, e: E): ['EVENT_NOT_ALLOWED' | 'PROXY_INVALID', string] | null {
  if (e.type !== 'REGISTER_PROXY') return ['EVENT_NOT_ALLOWED', 'not a proxy registration'];
  if (Object.hasOwn(c.proxies, e.proxyId))
    return ['EVENT_NOT_ALLOWED', `proxy ${e.proxyId} is already registered`];
  if (e.holder === e.owner) return ['PROXY_INVALID', 'an owner cannot hold their own proxy'];
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
  const base = { seq, owner: ownerOf(e), on: e.on, by: e.actor };
  const live = liveOf(c, e);
  switch (e.type) {
    case 'CAST_BALLOT':
      return {
        ...base,
        kind: 'cast',
        ballotId: e.ballotId,
        channel: e.channel,
        choices: e.choices,
        proxyId: e.proxyId ?? null,
        reason: null,
        supersedes: live?.castSeq ?? null,
      };
    case 'CORRECT_BALLOT':
    case 'WITHDRAW_BALLOT':
      return {
        ...base,
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
