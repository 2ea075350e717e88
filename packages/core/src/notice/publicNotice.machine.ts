/**
 * The life of a public notice (公示 / 公告): draft → posted → running → completed, or withdrawn.
 *
 * - posted: the notice is up; the posting day is day 0 and not counted (民法典 第201条).
 * - running: counting; objections (异议) may be filed up to and on the last day and are answered
 *   (upheld or dismissed, with a reason). The notice completes once the last day has passed
 *   (it runs to 24:00, 民法典 第203条第2款) and every objection has been answered.
 * - An upheld objection does what the policy says (`onUpheldObjection`): 'extend' adds
 *   `extensionDays` after the later of the last day and the answer day; 'restart' counts the full
 *   period again from the answer day (back to posted); 'withdraw' ends the notice as withdrawn.
 *
 * Time: the machine reads no clock. Every event carries the day it happened (`on`), and `TICK`
 * says "the date is now D"; `startDailyTicks` sends one at each midnight from an injected clock.
 * Dates never go backwards. Days are counted with `periodEnd` on the machine's holiday calendar.
 *
 * Guards and actions are named in `setup`, so a policy variant swaps behaviour with `.provide()`.
 */
import { and, assertEvent, assign, not, setup } from 'xstate';
import { chinaHolidays } from '../calendar/chinaHolidays.js';
import type { HolidayCalendar } from '../calendar/holidayCalendar.js';
import { periodEnd } from '../calendar/period.js';
import type { PlainDate } from '../calendar/plainDate.js';
import { isYishiError, YishiError } from '../errors/YishiError.js';
import {
  type NoticeEvent,
  type NoticeRun,
  type PublicNoticeContext,
  PublicNoticeInput,
  quickNoticeInput,
} from './noticeSchemas.js';

type RunResult = { ok: true; run: NoticeRun } | { ok: false; error: YishiError };

function tryRun(compute: () => NoticeRun): RunResult {
  try {
    return { ok: true, run: compute() };
  } catch (e) {
    if (isYishiError(e)) return { ok: false, error: e };
    throw e;
  }
}

/**
 * The run an event would start: the first one on POST, or the one an upheld objection starts
 * under the 'extend' / 'restart' policies. Fails with `DATE_OUT_OF_RANGE` beyond the calendar.
 */
export function nextNoticeRun(
  context: PublicNoticeContext,
  event: NoticeEvent,
  calendar: HolidayCalendar,
): RunResult {
  const { period } = context;
  return tryRun(() => {
    if (event.type === 'POST') {
      return { cause: 'posted', from: event.on, ...periodEnd({ start: event.on, ...period }, calendar) };
    }
    assertEvent(event, 'ANSWER_OBJECTION');
    if (context.onUpheldObjection === 'extend') {
      // Counted from the later of the last day and the answer day ('YYYY-MM-DD' sorts by date).
      const [from] = [context.lastDay ?? event.on, event.on].sort().reverse() as [PlainDate];
      const days = context.extensionDays ?? period.days;
      const end = periodEnd({ start: from, days, unit: period.unit }, calendar);
      return { cause: 'extended', objectionId: event.objectionId, from, ...end };
    }
    const end = periodEnd({ start: event.on, ...period }, calendar);
    return { cause: 'restarted', objectionId: event.objectionId, from: event.on, ...end };
  });
}

function parseInput(input: unknown): PublicNoticeContext {
  let i = quickNoticeInput(input);
  if (i === undefined) {
    const parsed = PublicNoticeInput.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join('.') }));
      throw new YishiError(
        'INVALID_INPUT',
        `public notice: ${issues[0]?.path}: ${issues[0]?.message}`,
        issues,
      );
    }
    i = parsed.data;
  }
  // A valid input makes a valid context (PublicNoticeContext's fields are the input's, with the
  // same or looser rules, and empty records): parsing it again would only copy it.
  const context: PublicNoticeContext = {
    ...i,
    extensionDays: i.extensionDays ?? null,
    today: null,
    postedOn: null,
    lastDay: null,
    postings: [],
    objections: [],
    runs: [],
    withdrawal: null,
  };
  return context;
}

const calendars = new WeakMap<object, HolidayCalendar>();

/** The calendar a notice machine (or one derived from it with `.provide()`) counts days on. */
export function noticeCalendarOf(machine: { config: object }): HolidayCalendar {
  return calendars.get(machine.config) ?? chinaHolidays;
}

/**
 * The day counting started after: the posting day, or the answer day of the latest restart.
 * (Guards run after every event, daily ticks included: they read the context without copying it.)
 */
export function countingFrom(c: PublicNoticeContext): PlainDate {
  for (let i = c.runs.length - 1; i >= 0; i--) {
    const r = c.runs[i]!;
    if (r.cause !== 'extended') return r.from;
  }
  return '';
}

/** Whether an objection is pending (with this id, when one is given). */
function pending(c: PublicNoticeContext, id?: string): boolean {
  for (const o of c.objections) if (o.status === 'pending' && (id === undefined || o.id === id)) return true;
  return false;
}

export function createPublicNoticeMachine(calendar: HolidayCalendar = chinaHolidays) {
  /**
   * The run an event starts is computed by a guard (periodComputable) and then by the action that
   * records it, on a context that differs only in `today`: the last answer is kept for the same
   * event and the same fields of the context that `nextNoticeRun` reads.
   */
  let last:
    | { event: NoticeEvent; period: unknown; policy: unknown; lastDay: unknown; ext: unknown; r: RunResult }
    | undefined;
  const run = (context: PublicNoticeContext, event: NoticeEvent): RunResult => {
    const { period, onUpheldObjection: policy, lastDay, extensionDays: ext } = context;
    if (
      last !== undefined &&
      last.event === event &&
      last.period === period &&
      last.policy === policy &&
      last.lastDay === lastDay &&
      last.ext === ext
    )
      return last.r;
    const r = nextNoticeRun(context, event, calendar);
    last = { event, period, policy, lastDay, ext, r };
    return r;
  };
  const objectionId = (event: NoticeEvent) => ('objectionId' in event ? event.objectionId : undefined);

  const machine = setup({
    types: {
      context: {} as PublicNoticeContext,
      events: {} as NoticeEvent,
      // Optional only so `createActor(machine, { snapshot })` restores without input; a new notice
      // without input fails with INVALID_INPUT.
      input: {} as PublicNoticeInput | undefined,
      output: {} as { id: string; lastDay: PlainDate | null; withdrawn: boolean },
    },
    guards: {
      dateNotBackwards: ({ context, event }) => context.today === null || event.on >= context.today,
      periodComputable: ({ context, event }) => run(context, event).ok,
      objectionIsNew: ({ context, event }) => !context.objections.some((o) => o.id === objectionId(event)),
      objectionInTime: ({ context, event }) => context.lastDay === null || event.on <= context.lastDay,
      objectionIsPending: ({ context, event }) => {
        const id = objectionId(event);
        return id !== undefined && pending(context, id);
      },
      upheld: ({ event }) => event.type === 'ANSWER_OBJECTION' && event.decision === 'upheld',
      policyWithdraws: ({ context }) => context.onUpheldObjection === 'withdraw',
      policyRestarts: ({ context }) => context.onUpheldObjection === 'restart',
      policyExtends: ({ context }) => context.onUpheldObjection === 'extend',
      /** The day after the posting (or restart) day has come; an extension does not restart counting. */
      countingStarted: ({ context }) => context.today !== null && context.today > countingFrom(context),
      /** The last day has passed and nothing is left to answer. */
      periodElapsed: ({ context }) =>
        context.today !== null &&
        context.lastDay !== null &&
        context.today > context.lastDay &&
        !pending(context),
    },
    actions: {
      setToday: assign({ today: ({ event }) => event.on }),
      recordPosting: assign(({ context, event }) => {
        assertEvent(event, 'POST');
        const r = run(context, event);
        if (!r.ok) throw r.error; // unreachable: guarded by periodComputable
        return {
          postedOn: event.on,
          postings: event.channels.map((c) => ({ ...c, on: event.on })),
          runs: [r.run],
          lastDay: r.run.lastDay,
        };
      }),
      recordChannel: assign({
        postings: ({ context, event }) => {
          assertEvent(event, 'ADD_CHANNEL');
          return [...context.postings, { ...event.channel, on: event.on }];
        },
      }),
      recordObjection: assign({
        objections: ({ context, event }) => {
          assertEvent(event, 'OBJECT');
          const o = {
            id: event.objectionId,
            filedOn: event.on,
            text: event.text,
            status: 'pending' as const,
          };
          return [...context.objections, event.by === undefined ? o : { ...o, by: event.by }];
        },
      }),
      recordAnswer: assign({
        objections: ({ context, event }) => {
          assertEvent(event, 'ANSWER_OBJECTION');
          return context.objections.map((o) =>
            o.id === event.objectionId
              ? { ...o, status: event.decision, answeredOn: event.on, answer: event.reason }
              : o,
          );
        },
      }),
      startNewRun: assign(({ context, event }) => {
        const r = run(context, event);
        if (!r.ok) throw r.error; // unreachable: guarded by periodComputable
        return { runs: [...context.runs, r.run], lastDay: r.run.lastDay };
      }),
      recordWithdrawal: assign({
        withdrawal: ({ event }) => {
          if (event.type === 'WITHDRAW') return { on: event.on, reason: event.reason };
          assertEvent(event, 'ANSWER_OBJECTION');
          return { on: event.on, reason: event.reason, objectionId: event.objectionId };
        },
      }),
    },
  }).createMachine({
    id: 'publicNotice',
    initial: 'draft',
    context: ({ input }) => parseInput(input),
    output: ({ context }) => ({
      id: context.id,
      lastDay: context.lastDay,
      withdrawn: context.withdrawal !== null,
    }),
    states: {
      draft: {
        description: 'Being prepared; nothing is public yet.',
        on: {
          POST: { guard: 'periodComputable', target: 'posted', actions: ['setToday', 'recordPosting'] },
        },
      },
      posted: {
        description:
          'Up on the board / online; the posting day (or answer day after a restart) is not counted.',
        always: { guard: 'countingStarted', target: 'running' },
        on: liveTransitions(),
      },
      running: {
        description: 'Counting days; objections may be filed until the last day.',
        always: { guard: 'periodElapsed', target: 'completed' },
        on: liveTransitions(),
      },
      completed: { type: 'final', description: 'The full period ran and every objection was answered.' },
      withdrawn: { type: 'final', description: 'Taken down before completing.' },
    },
  });
  calendars.set(machine.config, calendar);
  return machine;
}

/** What a posted or running notice accepts (the same in both states). */
function liveTransitions() {
  const base = ['dateNotBackwards', 'objectionIsPending'] as const;
  return {
    TICK: { guard: 'dateNotBackwards', actions: 'setToday' },
    ADD_CHANNEL: { guard: 'dateNotBackwards', actions: ['setToday', 'recordChannel'] },
    OBJECT: {
      guard: and(['dateNotBackwards', 'objectionIsNew', 'objectionInTime']),
      actions: ['setToday', 'recordObjection'],
    },
    ANSWER_OBJECTION: [
      {
        guard: and([...base, 'upheld', 'policyWithdraws']),
        target: 'withdrawn',
        actions: ['setToday', 'recordAnswer', 'recordWithdrawal'],
      },
      {
        guard: and([...base, 'upheld', 'policyRestarts', 'periodComputable']),
        target: 'posted',
        actions: ['setToday', 'recordAnswer', 'startNewRun'],
      },
      {
        guard: and([...base, 'upheld', 'policyExtends', 'periodComputable']),
        actions: ['setToday', 'recordAnswer', 'startNewRun'],
      },
      { guard: and([...base, not('upheld')]), actions: ['setToday', 'recordAnswer'] },
    ],
    WITHDRAW: { guard: 'dateNotBackwards', target: 'withdrawn', actions: ['setToday', 'recordWithdrawal'] },
  } as const;
}

/** The notice machine on the bundled China calendar (2020–2026). */
export const publicNoticeMachine = /* @__PURE__ */ createPublicNoticeMachine();
export type PublicNoticeMachine = typeof publicNoticeMachine;
