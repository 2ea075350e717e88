/**
 * Who acts on a process, and how the event reached the portal. Every log entry records both, and
 * every machine checks the role per event type, so these sit below the log and the machines.
 */
import { z } from 'zod';

/** Who may act (issue 5). `system` is the engine's own clock ticks. */
export const Role = z.enum([
  'residentsCommitteeStaff', // 居委会工作人员
  'partySecretary', // 居村党组织书记
  'ownersCommittee', // 业委会
  'planner', // 社区规划师
  'propertyManager', // 物业
  'owner', // 业主
  'resident', // 居民
  'observer', // 观察员 (read-only)
  'system', // the engine's clock
]);
export type Role = z.infer<typeof Role>;

/** The identity the portal vouches for; yishi decides what it may do. */
export const Actor = z.object({ id: z.string().min(1), role: Role }).strict();
export type Actor = z.infer<typeof Actor>;

/** How the event reached the portal. */
export const SubmissionChannel = z.enum(['web', 'mobile', 'counter', 'paper', 'phone', 'meeting', 'system']);
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;
