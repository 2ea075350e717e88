/**
 * @yishi/store-browser — the `StreamStore` of `@yishi/core/store` on IndexedDB, for the demo and
 * vendors' front ends: the log, snapshots and vault survive reloads and are shared by every tab of
 * the origin. Everything listed here is public and pinned by `index.test.ts`.
 */
export type { IndexedDbStreamStoreOptions } from './indexedDbStreamStore.js';
export { deleteIndexedDbStreamStore, openIndexedDbStreamStore } from './indexedDbStreamStore.js';
export { SCHEMA_VERSION as INDEXED_DB_SCHEMA_VERSION } from './schema.js';
