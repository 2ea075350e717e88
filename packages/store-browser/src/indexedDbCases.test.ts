import { IDBFactory } from 'fake-indexeddb';
import { describe, it } from 'vitest';
import { indexedDbCases } from './indexedDbCases.js';

// Under fake-indexeddb; e2e/ runs the same cases in the real Chromium.
describe('openIndexedDbStreamStore: reopening, connections, aborts, upgrades (fake-indexeddb)', () => {
  for (const c of indexedDbCases) {
    it(c.name, () => {
      let n = 0;
      return c.run({ factory: new IDBFactory(), fresh: () => `case-${++n}` });
    });
  }
});
