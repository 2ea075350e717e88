import { describe, expect, it } from 'vitest';
import { isYishiError, type YishiError } from '../errors/YishiError.js';
import { MeetingRecord } from '../registry/ballots.js';
import { ResidentRegistry } from '../registry/people.js';
import { fixturePolicy as policy } from '../testing/fixturePolicy.js';
import { tallyResidentsMeeting } from './bodies.js';

const DATE = '2026-11-27';

/** Group g1 with `n1` representatives, group g2 with 2; each group also has two other residents. */
function register(n1: number, extra: { birthDate?: string; residentsGroup?: string } = {}) {
  const reps = (g: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${g}-rep${i}`,
      household: `${g}-h${i}`,
      residentsGroup: g,
      birthDate: '1980-05-01',
      roles: ['residentsGroupRepresentative'],
    }));
  const others = (g: string) =>
    [0, 1].map((i) => ({
      id: `${g}-r${i}`,
      household: `${g}-o${i}`,
      residentsGroup: g,
      birthDate: '1980-05-01',
    }));
  const g1 = reps('g1', n1);
  if (g1[0] && extra.birthDate) g1[0].birthDate = extra.birthDate;
  return ResidentRegistry.parse({ residents: [...g1, ...others('g1'), ...reps('g2', 2), ...others('g2')] });
}
const allReps = (n1: number) => [...Array.from({ length: n1 }, (_, i) => `g1-rep${i}`), 'g2-rep0', 'g2-rep1'];
const meet = (registry: ResidentRegistry, present: string[]) =>
  tallyResidentsMeeting({
    registry,
    record: MeetingRecord.parse({
      date: DATE,
      present,
      votes: present.map((voter) => ({ voter, choice: 'agree' })),
    }),
    policy,
    base: 'groupRepresentatives',
  });
function refusal(f: () => unknown): YishiError {
  try {
    f();
  } catch (e) {
    if (isYishiError(e)) return e;
    throw e;
  }
  throw new Error('expected a YishiError');
}

describe('residents’ meeting of group representatives (城市居民委员会组织法 第9条: 每个居民小组推选代表二至三人)', () => {
  it('1 representative in a group (below): refused, naming the group and the person', () => {
    const e = refusal(() => meet(register(1), allReps(1)));
    expect(e.code).toBe('GROUP_REPRESENTATIVES_INVALID');
    expect(e.issues).toEqual([
      expect.objectContaining({
        field: 'roles',
        received: 'g1-rep0',
        message: expect.stringContaining('residents\' group "g1" sends 1 representative (g1-rep0)'),
      }),
    ]);
    expect(e.message).toContain('第9条');
  });
  it('2 and 3 representatives (at both ends): tallied', () => {
    expect(meet(register(2), allReps(2)).counts.eligible).toBe(4);
    const three = meet(register(3), allReps(3));
    expect(three.counts.eligible).toBe(5);
    expect(three.passed).toBe(true);
  });
  it('4 representatives (above): refused, naming all four', () => {
    const e = refusal(() => meet(register(4), allReps(4)));
    expect(e.code).toBe('GROUP_REPRESENTATIVES_INVALID');
    expect(e.issues[0]!.received).toBe('g1-rep0, g1-rep1, g1-rep2, g1-rep3');
    expect(e.issues[0]!.message).toContain('sends 4 representatives');
  });
  it('a group that sends none is refused too', () => {
    const e = refusal(() => meet(register(0), allReps(0)));
    expect(e.issues[0]!.message).toContain('"g1" sends 0 representatives (none)');
  });
  it('a representative under 18 on the meeting date is refused, even when absent; 18 that day is an adult', () => {
    const minor = register(2, { birthDate: '2008-11-28' }); // 18 on 2026-11-28, the day after
    const e = refusal(() => meet(minor, ['g1-rep1', 'g2-rep0', 'g2-rep1']));
    expect(e.code).toBe('GROUP_REPRESENTATIVES_INVALID');
    expect(e.issues).toEqual([
      expect.objectContaining({
        index: 0,
        path: 'residents[0].birthDate',
        received: '2008-11-28',
        message: expect.stringContaining(
          'representative "g1-rep0" of residents\' group "g1" is under 18 on 2026-11-27',
        ),
      }),
    ]);
    expect(meet(register(2, { birthDate: '2008-11-27' }), allReps(2)).passed).toBe(true);
  });
  it('a representative who names no group cannot be checked and is refused', () => {
    const r = ResidentRegistry.parse({
      residents: [{ id: 'x', household: 'h', adult: true, roles: ['residentsGroupRepresentative'] }],
    });
    const e = refusal(() => meet(r, ['x']));
    expect(e.issues[0]).toEqual(
      expect.objectContaining({ path: 'residents[0].residentsGroup', received: '(none)' }),
    );
  });
  it('the adults and households bases do not need group representatives', () => {
    const r = tallyResidentsMeeting({
      registry: register(4),
      record: MeetingRecord.parse({ date: DATE, present: allReps(4), votes: [] }),
      policy,
      base: 'adults',
    });
    expect(r.counts.eligible).toBe(10);
  });
});
