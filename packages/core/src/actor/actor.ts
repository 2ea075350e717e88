/**
 * Who acts on a process, and how the event reached the portal. Every log entry records both, and
 * every machine checks the role per event type, so these sit below the log and the machines.
 */
import { z } from 'zod';

/**
 * Who may act (issue 5). `system` is the engine's own clock ticks. Every role but owner, resident,
 * observer and system is a roster role (ROSTER_ROLES): the engine believes it only for a person
 * the community's roster lists in that role on the event's date (engine/roster.ts).
 */
export const Role = z.enum([
  'residentsCommitteeStaff', // 居委会工作人员
  'partySecretary', // 居村党组织书记
  'ownersCommittee', // 业委会委员
  'planner', // 社区规划师 (communityPlanner), paired with the community (定向结对)
  'propertyManager', // 物业
  'owner', // 业主
  'resident', // 居民
  'observer', // 观察员 (read-only)
  'system', // the engine's clock
  'subdistrictStaff', // 街道办事处 / 乡镇人民政府 工作人员
  'socialOrganisation', // 社会组织
  'socialWorker', // 社会工作者 (社工)
  'volunteer', // 志愿者
  'department', // 职能部门, invited to a joint meeting (联席会议) or hearing (听证会)
]);
export type Role = z.infer<typeof Role>;

/** Roles checked against the registers by the machines, or held by nobody in particular. */
export const UNROSTERED_ROLES = ['owner', 'resident', 'observer', 'system'] as const;

/** Roles a person holds only by an entry on the community's roster. */
export const RosterRole = Role.exclude(UNROSTERED_ROLES);
export type RosterRole = z.infer<typeof RosterRole>;
export const ROSTER_ROLES: readonly RosterRole[] = RosterRole.options;

/** The identity the portal vouches for; yishi decides what it may do. */
export const Actor = z.object({ id: z.string().min(1), role: Role }).strict();
export type Actor = z.infer<typeof Actor>;

/** How the event reached the portal. */
export const SubmissionChannel = z.enum(['web', 'mobile', 'counter', 'paper', 'phone', 'meeting', 'system']);
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;
