/**
 * What the engine adds to every event before a machine sees it (engine/contract.ts): the day it
 * happened (`on`, Asia/Shanghai) and who sent it (`actor`). A kind's zod schema validates the
 * event *without* these; the machine's event type is the input plus the stamp. Machines read no
 * clock: `on` and `TICK` are the only time there is.
 */
import { z } from 'zod';
import type { Actor, Role } from '../actor/actor.js';
import type { PlainDate } from '../calendar/plainDate.js';

export type Stamp = { on: PlainDate; actor: Actor };

/** An event as a machine receives it: the validated input plus the engine's stamp. */
export type Stamped<E> = E extends unknown ? E & Stamp : never;

/** Non-empty trimmed text. */
export const Text = z.string().trim().min(1);

/** "The date is now `on`": sent by role `system` (e.g. once a day at midnight). */
export const TickInput = z.object({ type: z.literal('TICK') });

/** The system actor the engine stamps on its own ticks. */
export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

/** Whether the actor holds one of `roles`. */
export const hasRole = (actor: Actor, roles: readonly Role[]): boolean => roles.includes(actor.role);

/** 'YYYY-MM-DD' sorts by date, so the later of two dates is a string comparison. */
export const laterOf = (a: PlainDate, b: PlainDate): PlainDate => (a >= b ? a : b);
