// Test fixture: a community roster listing the fixture actors (fixtureEngine.ts) in their roles,
// so tests that drive the engine as staff, committee or planner have a roster to be checked
// against. A claimed role is never believed (engine/roster.ts): a test engine needs one too.
//
//   const engine = createEngine({ kinds: withRoster([noticeKind]), clock });
//   engine.create(...fixtureRoster());            // roster:default, the fixture people
//   engine.create(...fixtureRoster('c2', [...])); // another community, other people
import type { Actor, RosterRole } from '../actor/actor.js';
import { type CreateContext, decideCreate } from '../engine/decide.js';
import type { AsyncEngine, Engine } from '../engine/engineTypes.js';
import { type RulesSetup, rulesSetup } from '../engine/rules.js';
import { DEFAULT_COMMUNITY, type ProcessState, type World } from '../engine/world.js';
import type { ProcessKind } from '../machines/processKind.js';
import { rosterKind as rosterKindOf } from '../machines/roster/roster.kind.js';
import { committee, planner, propertyManager, secretary, staff } from './fixtureEngine.js';

/** The sub-district account that sets fixture rosters up (their root of trust). */
export const subdistrict: Actor = { id: 'sd-1', role: 'subdistrictStaff' };

/** Fixture appointments run from this day, with no end (an owners' committee term: to 2099). */
export const FIXTURE_ROSTER_FROM = '2000-01-01';

type Rostered = { id: string; role: RosterRole };

/** The fixture actors with a roster role: sub-district, committee staff, owners' committee, … */
export const FIXTURE_PEOPLE: readonly Rostered[] = [
  subdistrict,
  staff,
  committee,
  secretary,
  planner,
  propertyManager,
] as Rostered[];

/** A roster's input listing `people` from FIXTURE_ROSTER_FROM (the sub-district root first). */
export function fixtureRosterInput(
  community: string = DEFAULT_COMMUNITY,
  people: readonly Rostered[] = FIXTURE_PEOPLE,
) {
  const all = people.some((p) => p.role === 'subdistrictStaff') ? people : [subdistrict, ...people];
  return {
    community,
    root: { by: { id: subdistrict.id, role: 'subdistrictStaff' as const }, basis: '街道备案 (fixture)' },
    appointments: all.map((p, i) => ({
      appointmentId: `a${i + 1}`,
      personId: p.id,
      role: p.role,
      from: FIXTURE_ROSTER_FROM,
      ...(p.role === 'ownersCommittee' ? { until: '2099-12-31' } : {}),
      basis: `fixture ${p.role}`,
    })),
  };
}

/**
 * The arguments of `engine.create` for the fixture roster of `community` (default: the engine's
 * default community), created by the sub-district root: `engine.create(...fixtureRoster())`.
 */
export function fixtureRoster(
  community: string = DEFAULT_COMMUNITY,
  people: readonly Rostered[] = FIXTURE_PEOPLE,
): [kind: string, id: string, input: ReturnType<typeof fixtureRosterInput>, ctx: CreateContext] {
  return [
    rosterKindOf.kind,
    `roster:${community}`,
    fixtureRosterInput(community, people),
    { actor: subdistrict, channel: 'web', community },
  ];
}

/** `kinds` with the roster kind first, for an engine under test. */
export function withRoster(kinds: readonly ProcessKind[]): ProcessKind[] {
  return [rosterKindOf, ...kinds.filter((k) => k.kind !== rosterKindOf.kind)];
}

/** `engine` with the fixture roster of `community` created, unless its log already has it. */
export function rostered<E extends Engine>(engine: E, community: string = DEFAULT_COMMUNITY): E {
  if (engine.process(`roster:${community}`)) return engine;
  const r = engine.create(...fixtureRoster(community));
  if (!r.ok) throw r.error;
  return engine;
}

/** `rostered` for an engine from `openEngine`. */
export async function rosteredAsync<E extends AsyncEngine>(
  engine: E | Promise<E>,
  community: string = DEFAULT_COMMUNITY,
): Promise<E> {
  const e = await engine;
  if (e.process(`roster:${community}`)) return e;
  const r = await e.create(...fixtureRoster(community));
  if (!r.ok) throw r.error;
  return e;
}

/**
 * A world (engine/world.ts) holding the fixture roster of `community`, for deciding steps
 * outside an engine (`decideCreate(…, { world })`, `decideEvent(…, { world, community })`).
 */
export function fixtureWorld(community: string = DEFAULT_COMMUNITY, rules: RulesSetup = rulesSetup()): World {
  const [, id, input, ctx] = fixtureRoster(community);
  const d = decideCreate(rosterKindOf, id, input, ctx);
  if (!d.ok) throw d.error;
  const stamp = { seq: 1, at: 0 };
  const roster: ProcessState = {
    id,
    kind: rosterKindOf,
    community,
    scope: d.scope,
    snapshot: d.snapshot,
    created: stamp,
    updated: stamp,
    entries: 1,
  };
  return { rules, processes: new Map([[id, roster]]) };
}
