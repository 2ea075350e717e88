/**
 * Helpers for the engine's tests and benchmark: the public-notice kind of the machines package
 * (with the roster its staff are checked against: NOTICE_KINDS) and a few actors and inputs.
 */
import { publicNoticeKind } from '../../machines/publicNotice/publicNotice.kind.js';
import { rosterKind } from '../../machines/roster/roster.kind.js';

export const noticeKind = publicNoticeKind;

export const BOARD = { channel: 'board', location: '3号楼门厅公告栏', photoSha256: 'ab'.repeat(32) } as const;
export const STAFF = { actor: { id: 'staff-1', role: 'residentsCommitteeStaff' }, channel: 'web' } as const;
export const OWNER = { actor: { id: 'owner-201', role: 'owner' }, channel: 'mobile' } as const;
export const noticeInput = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'publicity',
  title: '2号楼加装电梯方案公示',
  period: { days: 15, unit: 'natural' },
  ...over,
});

/** The notice kind and the roster its staff are checked against (testing/fixtureRoster.ts). */
export const NOTICE_KINDS = [rosterKind, noticeKind];
