/**
 * @yishi/core/store — the log split into streams (one hash chain per community): the entry format
 * version 2, the `StreamStore` contract every store implements, the checks every store runs on an
 * append, the in-memory store, and the conformance suite every store passes. Everything listed
 * here is public and pinned by `index.test.ts`.
 */
export type { StreamEntryFields, StreamHead } from '../log/streamEntry.js';
export {
  appendStreamEntry,
  isStreamEntry,
  STREAM_ID_MAX,
  STREAM_LOG_VERSION,
  StreamEntry,
  StreamId,
  streamEntryHash,
  streamHeadOf,
} from '../log/streamEntry.js';
export { checkAgainstHead, checkBatch, compareCodePoints } from './checkBatch.js';
export type { ConformanceCase, StoreFactory } from './conformance.js';
export { chainOf, streamStoreConformance } from './conformance.js';
export type { FollowOptions } from './follow.js';
export { follow } from './follow.js';
export type { MemoryStreamStoreOptions } from './memoryStreamStore.js';
export { memoryStreamStore } from './memoryStreamStore.js';
export type {
  AppendBatch,
  AppendItem,
  AppendOutcome,
  ReadAllOptions,
  StoredEntry,
  StreamInfo,
  StreamSnapshot,
  StreamStore,
  VaultRecord,
} from './streamStore.js';
export { MAX_ENTRY_BYTES, READ_ALL_LIMIT, REQUEST_ID_MAX } from './streamStore.js';
