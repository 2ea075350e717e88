/** 村民会议 and 村民小组会议 (村民委员会组织法 第22、28条): a villager register and a meeting record. */
import { MeetingRecord, tallyVillagersMeeting, VillagerRegistry } from '@yishi/core';
import { defineHandler, inRecord, loadAll } from './handler.js';
import { loadDocument } from './loaders.js';

export const villagers = defineHandler({
  bodies: ['villagersMeeting', 'villagersGroupMeeting'],
  required: ['registry', 'record'],
  optional: ['group'],
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
      registry: loadDocument(o.registry!, cwd, VillagerRegistry, 'villager register', o),
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
