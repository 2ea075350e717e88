/**
 * A proxy (委托): who holds it, the written authorisation (授权委托书) it rests on, the matters it
 * covers and until when. 物业管理条例 第12条 lets owners send a proxy; 上海市住宅物业管理规定
 * 第18条 requires written authorisation and a vote as the owner instructed. A proxy used after
 * `validUntil`, on a matter outside its scope, or without the writing the policy requires is
 * refused with PROXY_INVALID.
 */
import { z } from 'zod';
import { IsoDate, type PlainDate } from '../calendar/plainDate.js';
import { Text } from './eventStamp.js';

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
