import { z } from 'zod';
import { IdentityKey } from './identityKey.js';
import { isoDateString } from './isoDate.js';

const IsoDateString = isoDateString('a date');

/** Roles a person may hold in a residents' or villagers' body. */
export const RepresentativeRole = z.enum([
  'residentsGroupRepresentative', // 居民小组推选的代表 (居委会组织法 第9条)
  'residentRepresentative', // 居民代表
  'householdRepresentative', // 户代表
  'villagerRepresentative', // 村民代表
  'buildingGroupLeader', // 楼组长
  'residentsGroupLeader', // 居民小组长
]);
export type RepresentativeRole = z.infer<typeof RepresentativeRole>;

/**
 * A resident (居民). Adulthood is either a birth date (18+ on the meeting date, 居委会组织法 第9条
 * "年满十八周岁") or an explicit flag when the portal holds no birth date.
 */
export const Resident = z
  .object({
    id: IdentityKey,
    household: IdentityKey,
    residentsGroup: IdentityKey.optional(),
    buildingGroup: IdentityKey.optional(),
    birthDate: IsoDateString.optional(),
    adult: z.boolean().optional(),
    partyMember: z.boolean().default(false),
    roles: z.array(RepresentativeRole).default([]),
  })
  .strict()
  .refine((r) => r.birthDate !== undefined || r.adult !== undefined, {
    message: 'give "birthDate" (YYYY-MM-DD) or "adult" (true/false)',
    path: ['birthDate'],
  });
export type Resident = z.infer<typeof Resident>;

export const ResidentRegistry = z
  .object({ community: z.string().min(1).optional(), residents: z.array(Resident).min(1) })
  .strict()
  .superRefine((reg, ctx) => uniqueIds(reg.residents, 'residents', ctx));
export type ResidentRegistry = z.infer<typeof ResidentRegistry>;

/** A villager (村民); households and villagers' groups (村民小组) as 村民委员会组织法 uses them. */
export const Villager = z
  .object({
    id: IdentityKey,
    household: IdentityKey,
    villagersGroup: IdentityKey,
    birthDate: IsoDateString.optional(),
    adult: z.boolean().optional(),
    roles: z.array(RepresentativeRole).default([]),
  })
  .strict()
  .refine((r) => r.birthDate !== undefined || r.adult !== undefined, {
    message: 'give "birthDate" (YYYY-MM-DD) or "adult" (true/false)',
    path: ['birthDate'],
  });
export type Villager = z.infer<typeof Villager>;

export const VillagerRegistry = z
  .object({ community: z.string().min(1).optional(), villagers: z.array(Villager).min(1) })
  .strict()
  .superRefine((reg, ctx) => uniqueIds(reg.villagers, 'villagers', ctx));
export type VillagerRegistry = z.infer<typeof VillagerRegistry>;

/** Bodies with a fixed membership. */
export const MemberBody = z.enum([
  'ownersCommittee', // 业委会
  'partyMembersCouncil', // 党员议事会
  'buildingGroup', // 楼组
  'ownerRepresentatives', // 业主代表
  'residentRepresentatives', // 居民代表
  'villagerRepresentatives', // 村民代表会议 (代表 + 村委会成员)
]);
export type MemberBody = z.infer<typeof MemberBody>;

export const Member = z
  .object({
    id: IdentityKey,
    name: z.string().optional(),
    role: z.string().min(1).optional(),
    /** Term of office; a member outside the term on the meeting date is not counted. */
    termStart: IsoDateString.optional(),
    termEnd: IsoDateString.optional(),
  })
  .strict();
export type Member = z.infer<typeof Member>;

/** 业委会、党员议事会、楼组、代表会议 membership, as of one date. */
export const MemberRegistry = z
  .object({ body: MemberBody, name: z.string().optional(), members: z.array(Member).min(1) })
  .strict()
  .superRefine((reg, ctx) => uniqueIds(reg.members, 'members', ctx));
export type MemberRegistry = z.infer<typeof MemberRegistry>;

function uniqueIds(items: readonly { id: string }[], key: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  items.forEach((it, i) => {
    const first = seen.get(it.id);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [key, i, 'id'],
        message: `id "${it.id}" appears twice (first at ${key}[${first}])`,
      });
    } else seen.set(it.id, i);
  });
}

/** Whether a person is 18 or older on `date` (both YYYY-MM-DD); compares strings, no Date. */
export function isAdultOn(
  person: { birthDate?: string | undefined; adult?: boolean | undefined },
  date: string,
): boolean {
  if (person.birthDate !== undefined) {
    const year = Number(person.birthDate.slice(0, 4)) + 18;
    // Someone born on 29 February turns 18 on 1 March in a common year: compare MM-DD strings,
    // and "02-29" sorts after "02-28" so the birthday is reached on 03-01.
    const eighteenth = `${year}${person.birthDate.slice(4)}`;
    return eighteenth <= date;
  }
  return person.adult === true;
}
