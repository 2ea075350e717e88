// 村民代表会议: 上海市实施《村民委员会组织法》办法 第18条 — 村民委员会应当在村民代表会议召开十日以前通知
// 村民代表. The meeting reads `villagerRepresentativesMeeting.noticeDays` where the policy sets it;
// the national law sets no notice for this meeting, so without the parameter there is no notice step.
import { describe, expect, it } from 'vitest';
import type { MemberRegistry } from '../../registry/people.js';
import { engineFixturePolicy, play, refusal, staff } from '../../testing/fixtureEngine.js';
import { startProcess } from '../processKind.js';
import { meetingKind } from './meeting.kind.js';

const representatives: MemberRegistry = {
  body: 'villagerRepresentatives',
  members: [{ id: 'vr1' }, { id: 'vr2' }, { id: 'vr3' }, { id: 'vr4' }, { id: 'vr5' }],
};
const start = (policy = engineFixturePolicy({ 'villagerRepresentativesMeeting.noticeDays': 10 })) =>
  startProcess(meetingKind, {
    id: 'vrm',
    title: '村民代表会议：道路硬化',
    body: 'villagerRepresentativesMeeting',
    policy,
    register: { kind: 'members', registry: representatives },
    hasOwnersCommittee: false,
  });
const convene = (meetingDate: string) => ({
  type: 'CONVENE',
  meetingDate,
  place: '村委会议室',
  agenda: [{ id: 'a', title: '道路硬化方案', decision: true }],
});

describe('villagers’ representative meeting: 10 days’ notice where the policy sets it', () => {
  it('reads the notice days from the policy, with the parameter named', () => {
    const s = start();
    expect(s.context.rules.noticeDays).toBe(10);
    expect(s.context.rules.noticeParameter).toBe('villagerRepresentativesMeeting.noticeDays');
  });

  it('convened on 2025-03-03: a meeting 9 days on (03-12) is refused, 10 days on (03-13) and 11 (03-14) go to notice', () => {
    const s = start();
    const e = refusal(meetingKind, s, [convene('2025-03-12'), '2025-03-03', staff]);
    expect(e.message).toContain('villagerRepresentativesMeeting.noticeDays');
    expect(e.message).toContain('2025-03-13');
    expect(play(meetingKind, s, [convene('2025-03-13'), '2025-03-03', staff]).value).toBe('notice');
    expect(play(meetingKind, s, [convene('2025-03-14'), '2025-03-03', staff]).value).toBe('notice');
  });

  it('without the parameter (the national law sets none) there is no notice step', () => {
    const national = engineFixturePolicy();
    expect(national.parameters['villagerRepresentativesMeeting.noticeDays']).toBeUndefined();
    const s = start(national);
    expect(s.context.rules.noticeDays).toBeNull();
    expect(play(meetingKind, s, [convene('2025-03-04'), '2025-03-03', staff]).value).toBe('scheduled');
  });
});
