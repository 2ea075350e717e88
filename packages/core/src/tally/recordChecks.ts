import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import type { Choice, MeetingRecord } from '../registry/ballots.js';

/**
 * The sign-in sheet of a meeting record: each person once, and (when the body has a register)
 * each on it. Every bad entry is named by its index and id; the record is refused as a whole, so
 * nothing is counted from a sheet that cannot be read faithfully.
 */
export function checkSignIn(
  record: MeetingRecord,
  register?: { known: ReadonlyMap<string, unknown> | ReadonlySet<string>; what: string },
): Set<string> {
  const issues: YishiIssue[] = [];
  const present = new Set<string>();
  const firstAt = new Map<string, number>();
  record.present.forEach((id, i) => {
    if (register && !register.known.has(id)) {
      issues.push({
        index: i,
        path: `present[${i}]`,
        field: 'present',
        message: `"${id}" is not ${register.what}`,
        received: id,
      });
    } else if (present.has(id)) {
      issues.push({
        index: i,
        path: `present[${i}]`,
        field: 'present',
        message: `"${id}" signed in twice (first at present[${firstAt.get(id)}])`,
        expected: 'each person signed in once',
        received: id,
      });
    } else {
      present.add(id);
      firstAt.set(id, i);
    }
  });
  if (issues.length > 0) {
    const dup = issues.every((i) => i.message.includes('signed in twice'));
    throw new YishiError(
      dup ? 'ATTENDANCE_DUPLICATE' : 'ATTENDANCE_UNKNOWN_PERSON',
      `${issues.length} sign-in(s) rejected: ${issues
        .slice(0, 5)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ')}`,
      issues,
    );
  }
  return present;
}

/**
 * The votes of a meeting record: one per person, and only from someone signed in. Returns the
 * count per choice and each voter's index; refuses the record naming every bad vote otherwise
 * (`BALLOT_DUPLICATE` when every problem is a second vote, else `BALLOT_UNKNOWN_VOTER`).
 */
export function checkVotes(
  record: MeetingRecord,
  presentIds: ReadonlySet<string>,
): { counts: Record<Choice, number>; voted: Map<string, number> } {
  const issues: YishiIssue[] = [];
  const voted = new Map<string, number>();
  const counts = { agree: 0, oppose: 0, abstain: 0, invalid: 0 } satisfies Record<Choice, number>;
  record.votes.forEach((v, i) => {
    if (!presentIds.has(v.voter)) {
      issues.push({
        index: i,
        path: `votes[${i}].voter`,
        field: 'voter',
        message: `"${v.voter}" voted but is not signed in as present`,
        expected: 'a voter listed in "present"',
        received: v.voter,
      });
      return;
    }
    const first = voted.get(v.voter);
    if (first !== undefined) {
      issues.push({
        index: i,
        path: `votes[${i}].voter`,
        field: 'voter',
        message: `"${v.voter}" already voted at votes[${first}]`,
        expected: 'one vote per person',
        received: v.voter,
      });
      return;
    }
    voted.set(v.voter, i);
    counts[v.choice]++;
  });
  if (issues.length > 0) {
    const dup = issues.every((i) => i.message.includes('already voted'));
    throw new YishiError(
      dup ? 'BALLOT_DUPLICATE' : 'BALLOT_UNKNOWN_VOTER',
      `${issues.length} vote(s) rejected: ${issues
        .slice(0, 5)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ')}`,
      issues,
    );
  }
  return { counts, voted };
}
