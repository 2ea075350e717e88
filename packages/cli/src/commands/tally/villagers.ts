/**
 * 村民会议 and 村民小组会议 (村民委员会组织法 第22、28条): a villager register (JSON, CSV/TSV or
 * .xlsx) and a meeting record (JSON).
 */
import { MeetingRecord, tallyVillagersMeeting } from '@yishi/core';
import { defineHandler, inRecord, loadAll } from './handler.js';
import { loadDocument, loadVillagers } from './loaders.js';

export const villagers = defineHandler({
  bodies: ['villagersMeeting', 'villagersGroupMeeting'],
  required: ['registry', 'record'],
  optional: ['group', 'sheet'],
  check(body, o) {
    if (body === 'villagersGroupMeeting' && o.group === undefined) {
      return ['missing required option --group (for --body villagersGroupMeeting)'];
    }
    if (body === 'villagersMeeting' && o.group !== undefined) {
      return ['option --group applies to --body villagersGroupMeeting, not villagersMeeting'];
    }
    return [];
  },
  load: (o, cwd) =>
    loadAll({
      registry: loadVillagers(o.registry!, cwd, o),
      record: loadDocument(o.record!, cwd, MeetingRecord, 'meeting record', o),
    }),
  defaultAt: ({ record }) => record.data.date,
  tally: ({ registry, record }, o, policy) =>
    tallyVillagersMeeting({
      registry: registry.data,
      record: record.data,
      policy,
      ...(o.group !== undefined ? { villagersGroup: o.group } : {}),
    }),
  locate: ({ record }) => inRecord(record),
});
