/**
 * 居民会议 (居民委员会组织法 第9条): a resident register (JSON, CSV/TSV or .xlsx) and a meeting
 * record (JSON).
 */
import type { ResidentsMeetingBase } from '@yishi/core';
import { MeetingRecord, tallyResidentsMeeting } from '@yishi/core';
import { defineHandler, inRecord, loadAll } from './handler.js';
import { loadDocument, loadResidents } from './loaders.js';

export const RESIDENT_BASES = ['adults', 'households', 'groupRepresentatives'] as const;

export const residents = defineHandler({
  bodies: ['residentsMeeting'],
  required: ['registry', 'record'],
  optional: ['base', 'sheet'],
  check: (_body, o) =>
    o.base !== undefined && !(RESIDENT_BASES as readonly string[]).includes(o.base)
      ? [`--base: expected one of ${RESIDENT_BASES.join('|')}, got "${o.base}"`]
      : [],
  load: (o, cwd) =>
    loadAll({
      registry: loadResidents(o.registry!, cwd, o),
      record: loadDocument(o.record!, cwd, MeetingRecord, 'meeting record', o),
    }),
  defaultAt: ({ record }) => record.data.date,
  tally: ({ registry, record }, o, policy) =>
    tallyResidentsMeeting({
      registry: registry.data,
      record: record.data,
      policy,
      ...(o.base !== undefined ? { base: o.base as ResidentsMeetingBase } : {}),
    }),
  locate: ({ record }) => inRecord(record),
});
