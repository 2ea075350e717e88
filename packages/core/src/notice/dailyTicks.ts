/**
 * Drives notices through the days from an injected clock. The core never reads the wall clock:
 * a server passes `{ now: () => Date.now(), setTimeout, clearTimeout }` at its edge, tests pass
 * xstate's `SimulatedClock`. Each tick is an ordinary `TICK` event with a date, so it lands in the
 * event log and replays like everything else.
 */
import { addDays, chinaDateAt, chinaMidnight, type PlainDate } from '../calendar/plainDate.js';

/** The part of a clock the ticker needs; xstate's `SimulatedClock` satisfies it. */
export interface TickClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface TickEvent {
  type: 'TICK';
  on: PlainDate;
}

/**
 * Sends `TICK` with today's date in China (UTC+8) now, then again just after every midnight.
 * Returns a function that stops the ticking.
 *
 * @example
 * const stop = startDailyTicks(clock, (e) => sendNoticeEvent(actor, e));
 */
export function startDailyTicks(clock: TickClock, send: (event: TickEvent) => void): () => void {
  let timer: unknown;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const now = clock.now();
    const today = chinaDateAt(now);
    send({ type: 'TICK', on: today });
    timer = clock.setTimeout(tick, chinaMidnight(addDays(today, 1)) - now);
  };
  tick();
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
  };
}
