import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@yishi/core/store public API', () => {
  it('is exactly this list', () => {
    expect(Object.keys(api).sort()).toEqual([
      'MAX_ENTRY_BYTES',
      'READ_ALL_LIMIT',
      'REQUEST_ID_MAX',
      'STREAM_ID_MAX',
      'STREAM_LOG_VERSION',
      'StreamEntry',
      'StreamId',
      'appendStreamEntry',
      'chainOf',
      'checkAgainstHead',
      'checkBatch',
      'compareCodePoints',
      'follow',
      'isStreamEntry',
      'memoryStreamStore',
      'streamEntryHash',
      'streamHeadOf',
      'streamStoreConformance',
    ]);
  });

  it('imports nothing from Node (it runs in browsers)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const base = import.meta.dirname;
    for (const f of readdirSync(base).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      expect(readFileSync(join(base, f), 'utf8'), f).not.toMatch(/from 'node:|require\(/);
    }
  });
});
