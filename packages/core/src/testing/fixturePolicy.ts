// Test fixture: the Civil Code lines as a minimal pack, so core's tests need no other package.
// The shipped packs, with every legal reference, live in @yishi/policies.
import { atLeast, MAJORITY } from '../arith/threshold.js';
import { parsePolicyPack } from '../policy/pack.js';
import { resolvePolicy } from '../policy/resolve.js';

const v = (value: unknown, basis: 'law' | 'practice' | 'unverified' = 'law') => ({
  values: { '2021-01-01': { value, reference: 'fixture', basis } },
});

export const fixturePack = parsePolicyPack({
  id: 'fixture',
  title: { 'zh-CN': '测试', en: 'fixture' },
  parameters: {
    'ownersAssembly.quorum': v({ area: atLeast(2, 3), headcount: atLeast(2, 3) }),
    'ownersAssembly.specialMatters': v(['raiseMaintenanceFund', 'rebuild', 'changeCommonUse']),
    'ownersAssembly.approval.special': v({
      area: atLeast(3, 4),
      headcount: atLeast(3, 4),
      base: 'participants',
    }),
    'ownersAssembly.approval.ordinary': v({ area: MAJORITY, headcount: MAJORITY, base: 'participants' }),
    'ownersAssembly.nonVoters': v('notCounted'),
    'ownersAssembly.followMajorityFloor': v({ area: MAJORITY, headcount: MAJORITY }),
    'ownersAssembly.abstentions': v('participatingNonApproval'),
    'ownersAssembly.invalidBallots': v('participatingNonApproval'),
    'ownersAssembly.developerCounting': v('onePerson'),
    'ownersAssembly.areaSourcePriority': v(['register', 'survey', 'contract']),
    'ownersAssembly.electronicVoting': v('combined'),
    'buildingSubsetVote.allowed': v(true),
    'buildingSubsetVote.matters': v(['useMaintenanceFund', 'raiseMaintenanceFund', 'rebuild']),
    'buildingSubsetVote.quorum': v({ area: atLeast(2, 3), headcount: atLeast(2, 3) }),
    'buildingSubsetVote.specialMatters': v(['raiseMaintenanceFund', 'rebuild']),
    'buildingSubsetVote.approval.special': v({
      area: atLeast(3, 4),
      headcount: atLeast(3, 4),
      base: 'participants',
    }),
    'buildingSubsetVote.approval.ordinary': v({ area: MAJORITY, headcount: MAJORITY, base: 'participants' }),
    'ownersCommitteeMeeting.quorum': v({ threshold: MAJORITY, base: 'members' }),
    'ownersCommitteeMeeting.approval': v({ threshold: MAJORITY, base: 'members' }),
    'residentsMeeting.defaultBase': v('adults'),
    'residentsMeeting.quorum': v({ threshold: MAJORITY, base: 'eligible' }),
    'residentsMeeting.approval': v({ threshold: MAJORITY, base: 'present' }),
    'villagersMeeting.quorum.adults': v(MAJORITY),
    'villagersMeeting.quorum.households': v(atLeast(2, 3)),
    'villagersMeeting.quorumMode': v('either'),
    'villagersMeeting.approval': v({ threshold: MAJORITY, base: 'present' }),
    'villagersGroupMeeting.quorum.adults': v(atLeast(2, 3)),
    'villagersGroupMeeting.quorum.households': v(atLeast(2, 3)),
    'villagersGroupMeeting.quorumMode': v('either'),
    'villagersGroupMeeting.approval': v({ threshold: MAJORITY, base: 'present' }),
    'villagerRepresentativesMeeting.quorum': v({ threshold: atLeast(2, 3), base: 'members' }),
    'villagerRepresentativesMeeting.approval': v({ threshold: MAJORITY, base: 'present' }),
    'partyMembersCouncil.quorum': v({ threshold: MAJORITY, base: 'members' }, 'practice'),
    'partyMembersCouncil.approval': v({ threshold: MAJORITY, base: 'present' }, 'practice'),
    'buildingGroupMeeting.quorum': v(null, 'practice'),
    'buildingGroupMeeting.approval': v({ threshold: MAJORITY, base: 'present' }, 'practice'),
  },
});

export const fixturePolicy = resolvePolicy(fixturePack, '2026-11-27');
