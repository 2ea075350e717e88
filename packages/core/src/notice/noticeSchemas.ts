/**
 * Data of a public notice (公示 / 公告): how it is set up, what may happen to it, and what it
 * remembers. Parsed with zod at the boundaries: inbound events, set-up input, stored snapshots.
 *
 * Every event carries the calendar day it happened (`on`, China time), so replaying the event
 * log rebuilds the same snapshot with no clock at all.
 */
import { z } from 'zod';
import { PeriodSpec, PeriodStep } from '../calendar/period.js';
import { IsoDate } from '../calendar/plainDate.js';

/** 公示 (publicity: open for objections) or 公告 (announcement). Both may receive objections:
 * "业主对公告内容有异议的，筹备组应当记录并作出答复" (上海市住宅物业管理规定 第16条). */
export const NoticeKind = z.enum(['publicity', 'announcement']);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** What an upheld objection does: extend the period, restart it from the answer, or withdraw the notice. */
export const UpheldObjectionPolicy = z.enum(['extend', 'restart', 'withdraw']);
export type UpheldObjectionPolicy = z.infer<typeof UpheldObjectionPolicy>;

const Text = z.string().trim().min(1);

/** Where the notice was posted, with the proof a court or auditor can check. */
export const NoticeChannel = z.discriminatedUnion('channel', [
  z
    .object({
      channel: z.literal('board'),
      /** e.g. '3号楼门厅公告栏'. */
      location: Text,
      /** SHA-256 (hex) of the photo of the posted notice. */
      photoSha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256')
        .optional(),
      /** Id of the photo in the portal's file store. */
      photoId: Text.optional(),
    })
    .refine((c) => c.photoSha256 !== undefined || c.photoId !== undefined, {
      error: 'a board posting needs proof: photoSha256 or photoId',
    }),
  z.object({
    channel: z.literal('online'),
    /** e.g. '社区云', a WeChat group or public account. */
    platform: Text,
    postId: Text,
    url: z.url().optional(),
  }),
]);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

export const NoticePosting = z.intersection(NoticeChannel, z.object({ on: IsoDate }));
export type NoticePosting = z.infer<typeof NoticePosting>;

export const PublicNoticeInput = z
  .object({
    id: Text,
    kind: NoticeKind,
    title: Text,
    period: PeriodSpec,
    onUpheldObjection: UpheldObjectionPolicy.default('restart'),
    /** Days added by an upheld objection when `onUpheldObjection` is 'extend'. */
    extensionDays: z.int().min(1).max(36_600).optional(),
  })
  .refine((i) => i.onUpheldObjection !== 'extend' || i.extensionDays !== undefined, {
    error: "extensionDays is required when onUpheldObjection is 'extend'",
    path: ['extensionDays'],
  });
export type PublicNoticeInput = z.input<typeof PublicNoticeInput>;

const INPUT_KEYS: ReadonlySet<string> = new Set([
  'id',
  'kind',
  'title',
  'period',
  'onUpheldObjection',
  'extensionDays',
]);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
/** A string `Text` leaves as it is: not empty, nothing to trim. */
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.trim() === v;
const isDays = (v: unknown): v is number =>
  Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 36_600;
/** Every own member is one of `keys` and defined, and there are no inherited enumerable members. */
function onlyKeys(v: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const k in v) if (!Object.hasOwn(v, k) || !keys.has(k) || v[k] === undefined) return false;
  return true;
}
const PERIOD_KEYS: ReadonlySet<string> = new Set(['days', 'unit']);

/**
 * `PublicNoticeInput.parse(input)` for the common input — plain data with only the schema's
 * members, every text already trimmed — without zod; undefined for anything else, which the
 * schema then parses (and explains, if it fails). Never more lenient than the schema, and the
 * same output: property-tested against it in noticeSchemas.test.ts.
 */
export function quickNoticeInput(input: unknown): z.output<typeof PublicNoticeInput> | undefined {
  if (!isPlainObject(input) || !onlyKeys(input, INPUT_KEYS)) return undefined;
  const { id, kind, title, period, onUpheldObjection = 'restart', extensionDays } = input;
  if (!isText(id) || !isText(title) || (kind !== 'publicity' && kind !== 'announcement')) return undefined;
  if (!isPlainObject(period) || !onlyKeys(period, PERIOD_KEYS)) return undefined;
  const { days, unit = 'natural' } = period;
  if (!isDays(days) || (unit !== 'natural' && unit !== 'working')) return undefined;
  if (onUpheldObjection !== 'extend' && onUpheldObjection !== 'restart' && onUpheldObjection !== 'withdraw')
    return undefined;
  if (extensionDays === undefined) {
    if (onUpheldObjection === 'extend') return undefined;
    return { id, kind, title, period: { days, unit }, onUpheldObjection };
  }
  if (!isDays(extensionDays)) return undefined;
  return { id, kind, title, period: { days, unit }, onUpheldObjection, extensionDays };
}

export const NoticeEvent = z.discriminatedUnion('type', [
  /** Put the notice up; the posting day is not counted (民法典 第201条). */
  z.object({ type: z.literal('POST'), on: IsoDate, channels: z.array(NoticeChannel).min(1) }),
  /** Record a further channel (e.g. the online copy posted the next day). */
  z.object({ type: z.literal('ADD_CHANNEL'), on: IsoDate, channel: NoticeChannel }),
  /** The date is now `on` (sent daily by `startDailyTicks`, or by any scheduler). */
  z.object({ type: z.literal('TICK'), on: IsoDate }),
  /** An objection (异议), filed no later than the last day. */
  z.object({ type: z.literal('OBJECT'), on: IsoDate, objectionId: Text, text: Text, by: Text.optional() }),
  z.object({
    type: z.literal('ANSWER_OBJECTION'),
    on: IsoDate,
    objectionId: Text,
    decision: z.enum(['upheld', 'dismissed']),
    reason: Text,
  }),
  z.object({ type: z.literal('WITHDRAW'), on: IsoDate, reason: Text }),
]);
export type NoticeEvent = z.infer<typeof NoticeEvent>;
export type NoticeEventType = NoticeEvent['type'];

export const NoticeObjection = z.object({
  id: Text,
  filedOn: IsoDate,
  text: Text,
  by: Text.optional(),
  status: z.enum(['pending', 'upheld', 'dismissed']),
  answeredOn: IsoDate.optional(),
  answer: Text.optional(),
});
export type NoticeObjection = z.infer<typeof NoticeObjection>;

/** One run of the period: the first posting, or an extension / restart after an upheld objection. */
export const NoticeRun = z.object({
  cause: z.enum(['posted', 'extended', 'restarted']),
  objectionId: Text.optional(),
  /** The day counting starts after (not counted itself). */
  from: IsoDate,
  lastDay: IsoDate,
  steps: z.array(PeriodStep),
});
export type NoticeRun = z.infer<typeof NoticeRun>;

export const PublicNoticeContext = z.object({
  id: Text,
  kind: NoticeKind,
  title: Text,
  period: PeriodSpec,
  onUpheldObjection: UpheldObjectionPolicy,
  extensionDays: z.int().min(1).nullable(),
  /** The latest date any accepted event carried; dates never go backwards. */
  today: IsoDate.nullable(),
  postedOn: IsoDate.nullable(),
  /** Last day of the current run (the notice runs to 24:00 that day). */
  lastDay: IsoDate.nullable(),
  postings: z.array(NoticePosting),
  objections: z.array(NoticeObjection),
  runs: z.array(NoticeRun),
  withdrawal: z.object({ on: IsoDate, reason: Text, objectionId: Text.optional() }).nullable(),
});
export type PublicNoticeContext = z.infer<typeof PublicNoticeContext>;

export const NoticeState = z.enum(['draft', 'posted', 'running', 'completed', 'withdrawn']);
export type NoticeState = z.infer<typeof NoticeState>;

/** What `actor.getPersistedSnapshot()` stores, validated before a restore. */
export const PersistedNotice = z.object({ value: NoticeState, context: PublicNoticeContext });
export type PersistedNotice = z.infer<typeof PersistedNotice>;
