import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { chinaMidnight } from '../calendar/plainDate.js';
import { startDailyTicks } from './dailyTicks.js';

const HOUR = 3_600_000;

describe('startDailyTicks', () => {
  it('ticks now, then at each midnight in China, whatever the clock’s start time', () => {
    const clock = new SimulatedClock();
    clock.set(chinaMidnight('2024-12-30') + 23 * HOUR + 30 * 60_000); // 23:30 on 12-30
    const days: string[] = [];
    const stop = startDailyTicks(clock, (e) => days.push(e.on));
    expect(days).toEqual(['2024-12-30']);
    clock.increment(30 * 60_000 - 1);
    expect(days).toEqual(['2024-12-30']);
    clock.increment(1);
    clock.increment(24 * HOUR);
    clock.increment(24 * HOUR);
    expect(days).toEqual(['2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02']);
    stop();
    clock.increment(5 * 24 * HOUR);
    expect(days).toHaveLength(4);
  });

  it('after a long gap sends the current date, not every missed day', () => {
    const clock = new SimulatedClock();
    clock.set(chinaMidnight('2024-02-27'));
    const days: string[] = [];
    const stop = startDailyTicks(clock, (e) => days.push(e.on));
    clock.increment(3 * 24 * HOUR + HOUR);
    expect(days).toEqual(['2024-02-27', '2024-03-01']);
    clock.increment(23 * HOUR);
    expect(days).toEqual(['2024-02-27', '2024-03-01', '2024-03-02']);
    stop();
  });
});
