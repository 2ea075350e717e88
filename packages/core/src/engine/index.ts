/**
 * @yishi/core/engine — the headless engine, its audit log and replay. Process kinds (public
 * notice, meeting, written consultation, project) plug in through the contract; this entry point
 * knows none of them. Everything listed here is public and pinned by `index.test.ts`.
 */

export { Actor, ROSTER_ROLES, Role, RosterRole, SubmissionChannel } from '../actor/actor.js';
// the audit log
export { canonicalJson } from '../log/canonicalJson.js';
export type { JsonlLine, JsonlVerifyResult } from '../log/jsonl.js';
export { jsonlLines, parseJsonl, toJsonl, verifyJsonl } from '../log/jsonl.js';
export type { EntryFields, LogHead } from '../log/logEntry.js';
export {
  appendEntry,
  CREATE,
  entryHash,
  GENESIS,
  LOG_VERSION,
  LogEntry,
  LoggedEvent,
} from '../log/logEntry.js';
export { sha256Hex } from '../log/sha256.js';
export type { TamperReason, VerifyFailure, VerifyResult } from '../log/verify.js';
export { verify } from '../log/verify.js';
// the contract between engine and machines
export type { CitedPerson, ProcessKind } from '../machines/processKind.js';
export { createEngine, openEngine } from './createEngine.js';
export type { CreateContext, Refusal, SendContext } from './decide.js';
export { SYSTEM_CLOCK, TICK } from './engineCore.js';
// the engine
export type {
  Accepted,
  AsyncEngine,
  AsyncProcessHandle,
  CheckResult,
  CreateResult,
  Engine,
  EngineChange,
  EngineClock,
  EngineLimits,
  EngineOptions,
  ProcessHandle,
  SendResult,
  TickOptions,
} from './engineTypes.js';
export { ENGINE_LIMITS, MAX_JUMP_DAYS } from './engineTypes.js';
export { COMMITMENT, commitmentOf, cryptoSalt, PERSONAL_ROLES } from './privacy.js';
// replay
export type { ReplayCheck, ReplayedProcess, ReplayOptions, ReplayResult } from './replay.js';
export { replay } from './replay.js';
export type { CovenantChoice, RulesRefInput as RulesRef } from './rules.js';
export { RulesRef as RulesRefSchema } from './rules.js';
// stores
export type { Checkpoint, EventStore, MemoryStore, SyncEventStore } from './store.js';
export { memoryStore } from './store.js';
// the engine over streams (one chain per community) and any StreamStore (@yishi/core/store)
export type {
  ErasureRequest,
  NoticePin,
  StreamAccepted,
  StreamChange,
  StreamCreateContext,
  StreamEngine,
  StreamEngineOptions,
  StreamReceipt,
  StreamResult,
  StreamSendContext,
} from './streamEngine.js';
export { openStreamEngine, PINNED_EVENTS, pinText, VAULT_KIND } from './streamEngine.js';
export { DEFAULT_COMMUNITY } from './world.js';
