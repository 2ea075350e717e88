import { z } from 'zod';
import { PositiveAreaString } from '../arith/area.js';
import { IdentityKey } from './identityKey.js';

/**
 * Where a unit's area comes from. 司法解释 第8条: the property register (不动产登记簿) first; if the
 * unit is not registered, the surveyed area (测绘机构的实测面积); if not yet surveyed, the area in
 * the purchase contract (房屋买卖合同记载的面积). The order is a policy parameter
 * (`ownersAssembly.areaSourcePriority`), because the article says "可以" (may).
 */
export const AreaSource = z.enum(['register', 'survey', 'contract']);
export type AreaSource = z.infer<typeof AreaSource>;

/**
 * Delivery status. 司法解释 第9条: units the developer has not sold, or sold but not delivered,
 * all belong to the developer (建设单位) and together count as one person.
 */
export const UnitStatus = z.enum(['delivered', 'unsold', 'undelivered']);
export type UnitStatus = z.infer<typeof UnitStatus>;

/** 专有部分: one unit of exclusive ownership. */
export const Unit = z
  .object({
    id: IdentityKey,
    building: IdentityKey,
    /** 楼组 (Shanghai building group) the unit belongs to, when it differs from the building. */
    buildingGroup: IdentityKey.optional(),
    /** Area in m² as a decimal string of at most 2 places, above 0.00; the source is `areaSource`. */
    area: PositiveAreaString.optional(),
    areaSource: AreaSource.optional(),
    /** Areas from several sources; the policy's priority order picks one (司法解释 第8条). */
    areas: z
      .object({
        register: PositiveAreaString.optional(),
        survey: PositiveAreaString.optional(),
        contract: PositiveAreaString.optional(),
      })
      .strict()
      .optional(),
    /** The owner key: one buyer with several units uses one key (司法解释 第9条). */
    owner: IdentityKey,
    status: UnitStatus.default('delivered'),
  })
  .strict()
  .refine((u) => u.area !== undefined || (u.areas !== undefined && Object.keys(u.areas).length > 0), {
    message: 'a unit needs "area" or at least one of "areas.register", "areas.survey", "areas.contract"',
    path: ['area'],
  });
export type Unit = z.infer<typeof Unit>;
export type UnitInput = z.input<typeof Unit>;

export const DEFAULT_DEVELOPER_KEY = 'developer';

/** The register of units of one managed area (物业管理区域), as a portal supplies it. */
export const UnitRegistry = z
  .object({
    /** The key the developer (建设单位) votes with; defaults to "developer". */
    developer: IdentityKey.optional(),
    estate: z.string().min(1).optional(),
    units: z.array(Unit).min(1, { message: 'the registry must list at least one unit' }),
  })
  .strict()
  .superRefine((reg, ctx) => {
    const seen = new Map<string, number>();
    reg.units.forEach((u, i) => {
      const first = seen.get(u.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'id'],
          message: `unit id "${u.id}" appears twice (first at units[${first}]); each 专有部分 must be listed once`,
        });
      } else seen.set(u.id, i);
    });
  });
export type UnitRegistry = z.infer<typeof UnitRegistry>;
export type UnitRegistryInput = z.input<typeof UnitRegistry>;
