import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@yishi/core/proof public API', () => {
  it('is exactly this list', () => {
    expect(Object.keys(api).sort()).toEqual([
      'ANCHOR_VERSION',
      'Anchor',
      'AnchorHead',
      'MIGRATED',
      'MIGRATION_KIND',
      'RECEIPT_VERSION',
      'Receipt',
      'SignedHead',
      'anchorInclusion',
      'anchorMessage',
      'ed25519',
      'headLeaf',
      'inclusionProof',
      'keyIdOf',
      'loggedCommunity',
      'makeAnchor',
      'makeReceipt',
      'merkleRoot',
      'nodeEd25519',
      'parsePrivateKey',
      'parsePublicKey',
      'signHead',
      'streamsFromLog',
      'verifyAnchor',
      'verifyAnchorInclusion',
      'verifyInclusion',
      'verifyReceipt',
      'verifyStreams',
      'verifyStreamsJsonl',
      'webCryptoEd25519',
    ]);
  });

  it('imports nothing from Node (it runs in browsers)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const base = import.meta.dirname;
    for (const f of readdirSync(base).filter((n) => n.endsWith('.ts') && !/\.(test|testkit)\.ts$/.test(n))) {
      expect(readFileSync(join(base, f), 'utf8'), f).not.toMatch(/from 'node:|require\(/);
    }
  });
});
