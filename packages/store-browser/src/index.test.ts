import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public API, pinned: a change here is a change users see and needs a changeset.
describe('@yishi/store-browser public API', () => {
  it('exports', () => {
    expect(Object.keys(api).sort()).toEqual([
      'INDEXED_DB_SCHEMA_VERSION',
      'deleteIndexedDbStreamStore',
      'openIndexedDbStreamStore',
    ]);
    expect(api.INDEXED_DB_SCHEMA_VERSION).toBe(1);
  });
});
