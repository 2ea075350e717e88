/**
 * 三会 (听证会、协调会、评议会) and joint meetings (上海市居民委员会工作条例 第16、17、23条): the
 * record is kept, not tallied; only the meeting record is read.
 */
import type { DeliberationBodyId } from '@yishi/core';
import { MeetingRecord, recordDeliberation } from '@yishi/core';
import { defineHandler, inRecord, loadAll } from './handler.js';
import { loadDocument } from './loaders.js';

export const DELIBERATION_BODIES = [
  'hearing',
  'coordinationMeeting',
  'evaluationMeeting',
  'jointMeeting',
] as const satisfies readonly DeliberationBodyId[];

export const deliberation = defineHandler({
  bodies: DELIBERATION_BODIES,
  required: ['record'],
  optional: [],
  load: (o, cwd) => loadAll({ record: loadDocument(o.record!, cwd, MeetingRecord, 'meeting record', o) }),
  defaultAt: ({ record }) => record.data.date,
  tally: ({ record }, o, policy) =>
    recordDeliberation({ body: o.body as DeliberationBodyId, record: record.data, policy }),
  locate: ({ record }) => inRecord(record),
  opinions: ({ record }) => record.data.opinions,
});
