/**
 * A proxy (委托): who holds it, the written authorisation (授权委托书) it rests on, the matters it
 * covers and until when. 物业管理条例 第12条 lets owners send a proxy; 上海市住宅物业管理规定
 * 第18条 requires written authorisation and a vote as the owner instructed. A proxy used after
 * `validUntil`, on a matter outside its scope, or without the writing the policy requires is
 * refused with PROXY_INVALID.
 */
import { z } from 'zod';
import type { Actor, Role } from '../actor/actor.js';
import { IsoDate, type PlainDate } from '../calendar/plainDate.js';
import { Text } from './eventStamp.js';

/**
 * The roles that organise, run or count a vote. One of them may not hold an owner's proxy unless
 * the policy allows it (`proxy.organiserMayHold`): otherwise the committee could register a proxy
 * naming itself and vote for the owner (the self-proxy).
 */
export const PROXY_ORGANISER_ROLES: readonly Role[] = [
  'ownersCommittee',
  'residentsCommitteeStaff',
  'partySecretary',
  'propertyManager',
];

/** Whether `actor` (an organiser) is also the holder, which `organiserMayHold` alone allows; the reason, or null. */
export function organiserHolderProblem(
  actor: Actor,
  holder: string,
  organiserMayHold: boolean,
): string | null {
  if (organiserMayHold || actor.id !== holder || !PROXY_ORGANISER_ROLES.includes(actor.role)) return null;
  return `${actor.id} (${actor.role}) organises this vote and may not hold an owner's proxy (proxy.organiserMayHold = false)`;
}

export const ProxyAuthorisation = z.object({
  authorisationId: Text,
  /** Who holds the proxy (the actor id they sign in or vote with). */
  holder: Text,
  /** A written authorisation was produced (and is kept under `authorisationId`). */
  written: z.boolean(),
  /** The agenda items (matters) it covers. */
  scope: z.array(Text).min(1),
  /** Last day it may be used (inclusive). */
  validUntil: IsoDate,
  /** The scan or photo id of the signed 授权委托书 (evidence; or the owner confirms the proxy). */
  scanId: Text.optional(),
});
export type ProxyAuthorisation = z.infer<typeof ProxyAuthorisation>;

/** Why a proxy may not be used on `on` for `items`, or null when it may. */
export function proxyProblem(
  proxy: ProxyAuthorisation,
  use: { on: PlainDate; items: readonly string[]; requireWritten: boolean },
): string | null {
  if (use.requireWritten && !proxy.written) {
    return `proxy ${proxy.authorisationId} has no written authorisation, which the policy requires (上海市住宅物业管理规定 第18条)`;
  }
  if (proxy.validUntil < use.on) {
    return `proxy ${proxy.authorisationId} expired at the end of ${proxy.validUntil}`;
  }
  const outside = use.items.filter((i) => !proxy.scope.includes(i));
  if (outside.length > 0) {
    return `proxy ${proxy.authorisationId} does not cover ${outside.join(', ')} (scope: ${proxy.scope.join(', ')})`;
  }
  return null;
}
