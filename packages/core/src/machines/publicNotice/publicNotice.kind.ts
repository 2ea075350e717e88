/**
 * The public notice (公示 / 公告) machine of `notice/` as a `ProcessKind`. Its events already carry
 * `on` in their own schema; here they are validated without it, as the engine stamps it.
 */

import { z } from 'zod';
import type { Role } from '../../actor/actor.js';
import { YishiError } from '../../errors/YishiError.js';
import { explainNoticeRefusal } from '../../notice/applyNoticeEvent.js';
import {
  NoticeEvent,
  type NoticeEventType,
  PersistedNotice,
  PublicNoticeInput,
} from '../../notice/noticeSchemas.js';
import { type PublicNoticeMachine, publicNoticeMachine } from '../../notice/publicNotice.machine.js';
import { NOTICE_PERSONAL } from '../personalData.js';
import type { MachineKind } from '../processKind.js';

const [post, addChannel, tick, object, answer, withdraw] = NoticeEvent.options;

/** The notice events without `on` (the engine stamps it). */
export const NoticeEventInput = z.discriminatedUnion('type', [
  post.omit({ on: true }),
  addChannel.omit({ on: true }),
  tick.omit({ on: true }),
  object.omit({ on: true }),
  answer.omit({ on: true }),
  withdraw.omit({ on: true }),
]);
export type NoticeEventInput = z.infer<typeof NoticeEventInput>;

const POSTERS: readonly Role[] = ['residentsCommitteeStaff', 'ownersCommittee'];

export const NOTICE_PERMISSIONS: Readonly<Record<NoticeEventType, readonly Role[]>> = {
  POST: POSTERS,
  ADD_CHANNEL: POSTERS,
  OBJECT: ['owner', 'resident'],
  ANSWER_OBJECTION: POSTERS,
  WITHDRAW: POSTERS,
  TICK: ['system'],
};

export const publicNoticeKind: MachineKind<PublicNoticeMachine> = {
  kind: 'publicNotice',
  title: { 'zh-CN': '公示 / 公告', en: 'Public notice' },
  machine: publicNoticeMachine,
  input: PublicNoticeInput,
  events: NoticeEventInput,
  permissions: NOTICE_PERMISSIONS,
  creators: POSTERS,
  // The notice's own refusal code (NOTICE_EVENT_REFUSED) is the engine's EVENT_NOT_ALLOWED here.
  explainRefusal: (snapshot, event) => {
    const e = explainNoticeRefusal(snapshot, event);
    return e.code === 'NOTICE_EVENT_REFUSED' ? new YishiError('EVENT_NOT_ALLOWED', e.message, e.issues) : e;
  },
  persisted: PersistedNotice,
  personal: NOTICE_PERSONAL,
};
