// Test fixture for the process machines: the minimal Civil Code pack of fixturePolicy.ts plus the
// procedural parameters the machines read (notice days, repeat ballots, proxies, publicity), and
// small registers. Core tests must not import @yishi/policies.
import { produce } from 'immer';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { Actor } from '../actor/actor.js';
import type { YishiError } from '../errors/YishiError.js';
import { type MachineKind, stepProcess } from '../machines/processKind.js';
import type { PolicyPack } from '../policy/pack.js';
import type { ParameterName, ParameterValue } from '../policy/parameters.js';
import { setParameter } from '../policy/reform.js';
import { type ResolvedPolicy, resolvePolicy } from '../policy/resolve.js';
import type { MemberRegistry, ResidentRegistry, VillagerRegistry } from '../registry/people.js';
import type { UnitRegistry } from '../registry/units.js';
import { fixturePack } from './fixturePolicy.js';

const F = { reference: 'fixture' } as const;

export const engineFixturePack: PolicyPack = produce(fixturePack, (d) => {
  d.version = 'fixture-1';
  setParameter(d, 'ownersAssembly.noticeDays', 15, F);
  setParameter(d, 'ownersAssembly.repeatBallot', 'firstCounts', F);
  // The law leaves the repeat-ballot rule to the estate's 议事规则: a covenant choice.
  d.parameters['ownersAssembly.repeatBallot']!.values['1900-01-01']!.choices = [
    'firstCounts',
    'lastCounts',
    'paperOverridesOnline',
  ];
  setParameter(d, 'ownersAssembly.proxyRequiresWrittenAuthorisation', true, F);
  setParameter(d, 'ownersAssembly.convenerWithoutCommittee', 'residentsCommittee', F);
  setParameter(d, 'proxy.organiserMayHold', false, { ...F, basis: 'unverified' });
  setParameter(d, 'ownersAssembly.agendaLock', true, F);
  setParameter(d, 'ownersAssembly.resultPostingDays', 3, F);
  setParameter(d, 'villagersMeeting.noticeDays', 10, F);
  setParameter(
    d,
    'ownerRepresentativesMeeting.quorum',
    { threshold: { num: 1, den: 2, cmp: '>' }, base: 'members' },
    {
      ...F,
      basis: 'practice',
    },
  );
  setParameter(
    d,
    'ownerRepresentativesMeeting.approval',
    { threshold: { num: 1, den: 2, cmp: '>' }, base: 'present' },
    { ...F, basis: 'practice' },
  );
  setParameter(d, 'residentRepresentativesMeeting.quorum', null, { ...F, basis: 'practice' });
  setParameter(
    d,
    'residentRepresentativesMeeting.approval',
    { threshold: { num: 1, den: 2, cmp: '>' }, base: 'present' },
    { ...F, basis: 'practice' },
  );
  setParameter(d, 'publicity.meetingResultDays', 7, { ...F, basis: 'unverified' });
});

export const FIXTURE_AT = '2025-01-01';

/** The packs an engine under test is given. */
export const FIXTURE_PACKS: readonly PolicyPack[] = [engineFixturePack];

/**
 * What a process names instead of a policy (engine/rules.ts): the engine fixture pack on
 * FIXTURE_AT, with covenant choices (parameters whose value lists `choices`).
 */
export function fixtureRules(
  covenant: Partial<{ [N in ParameterName]: ParameterValue<N> }> = {},
  at = FIXTURE_AT,
) {
  const choices: Record<string, { value: unknown; reference: string }> = {};
  for (const [name, value] of Object.entries(covenant)) {
    choices[name] = { value, reference: '本小区业主大会议事规则 (fixture)' };
  }
  return {
    pack: engineFixturePack.id,
    at,
    ...(Object.keys(choices).length ? { covenant: choices } : {}),
  };
}

/** The engine fixture resolved, optionally with some parameters changed (a reform in miniature). */
export function engineFixturePolicy(
  overrides: Partial<{ [N in ParameterName]: ParameterValue<N> }> = {},
): ResolvedPolicy {
  const pack = produce(engineFixturePack, (d) => {
    for (const [name, value] of Object.entries(overrides)) {
      setParameter(d, name as ParameterName, value as never, F);
    }
  });
  return resolvePolicy(pack, FIXTURE_AT);
}

/**
 * Six units in two buildings: o1 holds two units (one person, 司法解释 第9条), one unit is unsold
 * (the developer's). Five voters in all; areas in m².
 */
export const fixtureUnits: UnitRegistry = {
  estate: '幸福小区',
  developer: 'developer',
  units: [
    { id: '1-101', building: '1', area: '80.00', owner: 'o1', status: 'delivered' },
    { id: '1-102', building: '1', area: '60.50', owner: 'o1', status: 'delivered' },
    { id: '1-201', building: '1', area: '90.00', owner: 'o2', status: 'delivered' },
    { id: '2-101', building: '2', area: '75.25', owner: 'o3', status: 'delivered' },
    { id: '2-102', building: '2', area: '100.00', owner: 'o4', status: 'delivered' },
    { id: '2-201', building: '2', area: '70.00', owner: 'o5', status: 'delivered' },
    { id: '2-202', building: '2', area: '70.00', owner: 'developer', status: 'unsold' },
  ],
};

/** Six adult residents in four households. */
export const fixtureResidents: ResidentRegistry = {
  community: '幸福居委会',
  residents: [
    { id: 'r1', household: 'h1', adult: true, partyMember: true, roles: ['residentsGroupRepresentative'] },
    { id: 'r2', household: 'h1', adult: true, partyMember: false, roles: [] },
    { id: 'r3', household: 'h2', adult: true, partyMember: false, roles: ['residentsGroupRepresentative'] },
    { id: 'r4', household: 'h3', adult: true, partyMember: true, roles: [] },
    { id: 'r5', household: 'h4', adult: true, partyMember: false, roles: [] },
    { id: 'r6', household: 'h4', adult: false, partyMember: false, roles: [] },
  ],
};

export const fixtureVillagers: VillagerRegistry = {
  community: '东村',
  villagers: [
    { id: 'v1', household: 'vh1', villagersGroup: 'g1', adult: true, roles: [] },
    { id: 'v2', household: 'vh1', villagersGroup: 'g1', adult: true, roles: [] },
    { id: 'v3', household: 'vh2', villagersGroup: 'g1', adult: true, roles: [] },
    { id: 'v4', household: 'vh3', villagersGroup: 'g2', adult: true, roles: [] },
  ],
};

export const fixturePartyCouncil: MemberRegistry = {
  body: 'partyMembersCouncil',
  members: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }],
};

export const fixtureOwnersCommittee: MemberRegistry = {
  body: 'ownersCommittee',
  members: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }, { id: 'c4' }, { id: 'c5' }],
};

// ── actors and a driver for scripted events ────────────────────────────────────────────────────
export const staff: Actor = { id: 'staff-1', role: 'residentsCommitteeStaff' };
export const committee: Actor = { id: 'oc-1', role: 'ownersCommittee' };
export const secretary: Actor = { id: 'sec-1', role: 'partySecretary' };
export const planner: Actor = { id: 'planner-1', role: 'planner' };
export const propertyManager: Actor = { id: 'pm-1', role: 'propertyManager' };
export const observer: Actor = { id: 'obs-1', role: 'observer' };
export const system: Actor = { id: 'system', role: 'system' };
export const ownerActor = (id: string): Actor => ({ id, role: 'owner' });

/** One scripted event: the input, the day, and who sends it. */
export type Scripted = readonly [event: { type: string } & Record<string, unknown>, on: string, actor: Actor];

/** Applies scripted events in order through `stepProcess`; every one must be accepted. */
export function play<M extends AnyStateMachine>(
  kind: MachineKind<M>,
  snapshot: SnapshotFrom<M>,
  ...steps: Scripted[]
): SnapshotFrom<M> {
  return steps.reduce<SnapshotFrom<M>>((s, [event, on, actor]) => {
    const r = stepProcess(kind, s, event, { on, actor });
    if (!r.ok) throw r.error;
    return r.snapshot;
  }, snapshot);
}

/** The refusal of one scripted event (throws if it was accepted). */
export function refusal<M extends AnyStateMachine>(
  kind: MachineKind<M>,
  snapshot: SnapshotFrom<M>,
  [event, on, actor]: Scripted,
): YishiError {
  const r = stepProcess(kind, snapshot, event, { on, actor });
  if (r.ok) throw new Error(`${event.type} on ${on} was accepted`);
  return r.error;
}
