import { describe, it } from 'vitest';
import { streamStoreConformance } from './conformance.js';
import { memoryStreamStore } from './memoryStreamStore.js';

describe('memoryStreamStore: the stream store conformance suite', () => {
  for (const c of streamStoreConformance) {
    it(c.name, () => c.run(async (o) => memoryStreamStore(o)));
  }
});
