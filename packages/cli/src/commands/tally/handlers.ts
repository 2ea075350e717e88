/** Every body `yishi tally` counts, and the handler that counts it (in the order usage lists them). */
import { deliberation } from './deliberation.js';
import type { BodyHandler } from './handler.js';
import { members } from './members.js';
import { owners } from './owners.js';
import { residents } from './residents.js';
import { villagers } from './villagers.js';

export const HANDLERS: readonly BodyHandler[] = [owners, residents, villagers, members, deliberation];

export const ALL_BODIES: readonly string[] = HANDLERS.flatMap((h) => h.bodies);

export function handlerFor(body: string): BodyHandler | undefined {
  return HANDLERS.find((h) => h.bodies.includes(body));
}
