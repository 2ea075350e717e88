/**
 * Meetings of a body of members (业主委员会, 村民代表会议, 党员议事会, 楼组, 业主代表, 居民代表):
 * a member register of that body (JSON, or CSV/TSV or .xlsx, whose body is the one --body implies)
 * and a meeting record (JSON).
 */
import type { MemberBodyId } from '@yishi/core';
import { MEMBER_BODY_IDS, MeetingRecord, type MemberRegistry, tallyMemberMeeting } from '@yishi/core';
import { bad, defineHandler, inRecord, loadAll } from './handler.js';
import { loadDocument, loadMembers } from './loaders.js';

/** The member register's `body` each member-body meeting expects. */
const MEMBER_REGISTER_BODY: Record<MemberBodyId, MemberRegistry['body']> = {
  ownersCommitteeMeeting: 'ownersCommittee',
  villagerRepresentativesMeeting: 'villagerRepresentatives',
  partyMembersCouncil: 'partyMembersCouncil',
  buildingGroupMeeting: 'buildingGroup',
  ownerRepresentativesMeeting: 'ownerRepresentatives',
  residentRepresentativesMeeting: 'residentRepresentatives',
};

export const members = defineHandler({
  bodies: MEMBER_BODY_IDS,
  required: ['members', 'record'],
  optional: ['sheet'],
  load: (o, cwd) =>
    loadAll({
      members: loadMembers(o.members!, cwd, o, MEMBER_REGISTER_BODY[o.body as MemberBodyId]),
      record: loadDocument(o.record!, cwd, MeetingRecord, 'meeting record', o),
    }),
  validate({ members }, o) {
    const body = o.body as MemberBodyId;
    const expected = MEMBER_REGISTER_BODY[body];
    if (members.data.body !== expected) {
      throw bad(`this register is of "${members.data.body}" but --body ${body} needs "${expected}"`, {
        file: members.source.file,
        field: 'body',
      });
    }
  },
  defaultAt: ({ record }) => record.data.date,
  tally: ({ members, record }, o, policy) =>
    tallyMemberMeeting({ body: o.body as MemberBodyId, members: members.data, record: record.data, policy }),
  locate: ({ record }) => inRecord(record),
});
