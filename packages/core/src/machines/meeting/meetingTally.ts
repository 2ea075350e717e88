/**
 * A meeting counted by the rules layer, by name: `tallyOwnersAssembly`, `tallyResidentsMeeting`,
 * `tallyVillagersMeeting`, `tallyMemberMeeting` or `recordDeliberation`. Nothing here decides a
 * line; it only turns the meeting's record into each rule's input.
 */
import { isYishiError } from '../../errors/YishiError.js';
import type { Ballot, MeetingRecordInput } from '../../registry/ballots.js';
import { MeetingRecord } from '../../registry/ballots.js';
import {
  type DeliberationBodyId,
  type MemberBodyId,
  recordDeliberation,
  tallyMemberMeeting,
  tallyResidentsMeeting,
  tallyVillagersMeeting,
} from '../../tally/bodies.js';
import { electorateFor, tallyOwnersAssembly } from '../../tally/ownersAssembly.js';
import type { TallyResult } from '../../tally/result.js';
import { policyOf } from '../frozenPolicy.js';
import type {
  AgendaItem,
  AttendanceRecord,
  ItemResult,
  MeetingContext,
  MeetingVote,
  QuorumRecord,
} from './meetingSchemas.js';

interface Sitting {
  date: string;
  attendance: readonly Pick<AttendanceRecord, 'person' | 'via'>[];
  votes: readonly Pick<MeetingVote, 'voter' | 'choice' | 'via'>[];
  opinions: readonly { text: string; by: string | null }[];
}

const meetingDate = (c: MeetingContext) => c.convening?.meetingDate ?? c.today ?? c.policy.at;

/** The sitting as a `MeetingRecord` for the people's bodies. */
function recordOf(s: Sitting) {
  const input: MeetingRecordInput = {
    date: s.date,
    present: s.attendance.map((a) => a.person),
    votes: s.votes.map((v) => ({ voter: v.voter, choice: v.choice })),
    opinions: s.opinions.map((o) => (o.by === null ? { text: o.text } : { by: o.by, text: o.text })),
  };
  return MeetingRecord.parse(input);
}

/** Count one item (or, for 三会, the whole meeting) with the body's rule. */
export function tallySitting(c: MeetingContext, s: Sitting, item: AgendaItem | null): TallyResult {
  const policy = policyOf(c.policy);
  const reg = c.register;
  switch (c.rules.tally) {
    case 'ownersAssembly': {
      if (reg.kind !== 'units') throw new Error('unreachable: owners’ bodies meet over units');
      const ballots: Ballot[] = s.votes.map((v) => ({
        owner: v.voter,
        choice: v.choice,
        channel: v.via === 'proxy' ? 'proxy' : 'inPerson',
      }));
      return tallyOwnersAssembly({
        registry: reg.registry,
        ballots,
        matter: item?.matter ?? 'otherMajor',
        policy,
        ...(reg.buildings ? { buildings: reg.buildings } : {}),
      });
    }
    case 'residentsMeeting': {
      if (reg.kind !== 'residents') throw new Error('unreachable');
      return tallyResidentsMeeting({
        registry: reg.registry,
        record: recordOf(s),
        policy,
        ...(reg.base ? { base: reg.base } : {}),
      });
    }
    case 'villagersMeeting': {
      if (reg.kind !== 'villagers') throw new Error('unreachable');
      return tallyVillagersMeeting({
        registry: reg.registry,
        record: recordOf(s),
        policy,
        ...(reg.villagersGroup ? { villagersGroup: reg.villagersGroup } : {}),
      });
    }
    case 'memberMeeting': {
      if (reg.kind !== 'members') throw new Error('unreachable');
      return tallyMemberMeeting({
        body: c.body as MemberBodyId,
        members: reg.registry,
        record: recordOf(s),
        policy,
      });
    }
    case 'deliberation':
      return recordDeliberation({ body: c.body as DeliberationBodyId, record: recordOf(s), policy });
    default:
      return c.rules.tally satisfies never;
  }
}

const current = (c: MeetingContext): Sitting => ({
  date: meetingDate(c),
  attendance: c.attendance,
  votes: c.votes,
  opinions: c.opinions,
});

/**
 * The quorum at the close of sign-in, from the real tally with no votes yet. For owners' bodies
 * the quorum is participation in the vote (民法典 第278条第2款), so the check asks the rule what
 * the lines would be if everyone present took part: a ceiling; the binding lines are in the
 * result. It fails closed: a count that cannot be made is a quorum not met, with the reason.
 */
export function checkQuorum(c: MeetingContext, on: string): QuorumRecord {
  if (c.rules.tally === 'deliberation') {
    return {
      checkedOn: on,
      required: false,
      met: true,
      lines: [],
      summary: { 'zh-CN': '该会议没有法定人数要求。', en: 'This meeting has no quorum rule.' },
      error: null,
    };
  }
  const s = current(c);
  const firstDecision = c.convening?.agenda.find((i) => i.decision) ?? null;
  const prospective: Sitting =
    c.rules.tally === 'ownersAssembly'
      ? { ...s, votes: s.attendance.map((a) => ({ voter: a.person, choice: 'oppose', via: a.via })) }
      : { ...s, votes: [] };
  try {
    const r = tallySitting(c, prospective, firstDecision);
    const lines = r.explanation.lines.filter((l) => l.kind === 'quorum');
    const met = r.quorumMet ?? true;
    return {
      checkedOn: on,
      required: r.quorumMet !== null && lines.length > 0,
      met,
      lines,
      summary: met
        ? lines.length > 0
          ? { 'zh-CN': '到会情况达到法定人数。', en: 'The quorum is present.' }
          : { 'zh-CN': '政策未对该会议设定法定人数。', en: 'The policy sets no quorum for this body.' }
        : r.explanation.summary,
      error: null,
    };
  } catch (e) {
    if (!isYishiError(e)) throw e;
    return {
      checkedOn: on,
      required: true,
      met: false,
      lines: [],
      summary: {
        'zh-CN': `无法核对法定人数：${e.message}`,
        en: `The quorum could not be checked: ${e.message}`,
      },
      error: { code: e.code, message: e.message },
    };
  }
}

/** The results to store when voting (or deliberation) ends. */
export function meetingResults(c: MeetingContext): ItemResult[] {
  const s = current(c);
  if (c.rules.tally === 'deliberation') return [{ itemId: null, result: tallySitting(c, s, null) }];
  return (c.convening?.agenda ?? [])
    .filter((i) => i.decision)
    .map((item) => ({
      itemId: item.id,
      result: tallySitting(c, { ...s, votes: c.votes.filter((v) => v.itemId === item.id) }, item),
    }));
}

/** Whether `person` is on the body's register (the electorate for owners' bodies: 司法解释 第9条). */
export function onRegister(c: MeetingContext, person: string): boolean {
  const reg = c.register;
  switch (reg.kind) {
    case 'units':
      return electorateFor(reg.registry, policyOf(c.policy), reg.buildings).index.has(person);
    case 'residents':
      return reg.registry.residents.some((r) => r.id === person);
    case 'villagers':
      return reg.registry.villagers.some(
        (v) =>
          v.id === person && (reg.villagersGroup === undefined || v.villagersGroup === reg.villagersGroup),
      );
    case 'members':
      return reg.registry.members.some((m) => m.id === person);
    case 'none':
      return true;
    default:
      return reg satisfies never;
  }
}

/** What the rule says about this attendance (e.g. a minor, two for one household), or null. */
export function attendanceProblem(c: MeetingContext, attendance: Sitting['attendance']): string | null {
  if (c.rules.tally === 'deliberation') return null;
  try {
    checkQuorumStrict(c, { ...current(c), attendance });
    return null;
  } catch (e) {
    if (isYishiError(e)) return e.message;
    throw e;
  }
}

function checkQuorumStrict(c: MeetingContext, s: Sitting): void {
  const votes =
    c.rules.tally === 'ownersAssembly'
      ? s.attendance.map((a) => ({ voter: a.person, choice: 'oppose' as const, via: a.via }))
      : [];
  tallySitting(c, { ...s, votes }, c.convening?.agenda.find((i) => i.decision) ?? null);
}

/** Whether the results can be computed (they always can once votes were checked on intake). */
export function resultsProblem(c: MeetingContext): string | null {
  try {
    meetingResults(c);
    return null;
  } catch (e) {
    if (isYishiError(e)) return e.message;
    throw e;
  }
}
