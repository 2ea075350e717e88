/** Public notices (公示 / 公告): period parameters and the notice state machine. */
export type { NoticeResult, NoticeSnapshot } from './applyNoticeEvent.js';
export {
  applyNoticeEvent,
  explainNoticeRefusal,
  restoreNotice,
  sendNoticeEvent,
  startNotice,
} from './applyNoticeEvent.js';
export type { TickClock, TickEvent } from './dailyTicks.js';
export { startDailyTicks } from './dailyTicks.js';
export type { NoticeEventType } from './noticeSchemas.js';
export {
  NoticeChannel,
  NoticeEvent,
  NoticeKind,
  NoticeObjection,
  NoticePosting,
  NoticeRun,
  NoticeState,
  PersistedNotice,
  PublicNoticeContext,
  PublicNoticeInput,
  UpheldObjectionPolicy,
} from './noticeSchemas.js';
export {
  NOTICE_PERIOD_DEFAULTS,
  NoticePeriod,
  NoticePeriods,
  PeriodBasis,
  PeriodMeasure,
  periodOf,
} from './periods.js';
export type { PublicNoticeMachine } from './publicNotice.machine.js';
export {
  createPublicNoticeMachine,
  nextNoticeRun,
  noticeCalendarOf,
  publicNoticeMachine,
} from './publicNotice.machine.js';
