import { streamStoreConformance } from '@yishi/core/store';
import { IDBFactory } from 'fake-indexeddb';
import { describe, it } from 'vitest';
import { openIndexedDbStreamStore } from './indexedDbStreamStore.js';

// The contract under fake-indexeddb; e2e/ runs the same cases in the real Chromium.
describe('openIndexedDbStreamStore: the stream store conformance suite (fake-indexeddb)', () => {
  for (const c of streamStoreConformance) {
    it(c.name, () =>
      c.run((o) => openIndexedDbStreamStore({ name: 'conformance', indexedDB: new IDBFactory(), ...o })),
    );
  }
});
