import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@yishi/core/engine public API', () => {
  it('is exactly this list', () => {
    expect(Object.keys(api).sort()).toEqual([
      'Actor',
      'COMMITMENT',
      'CREATE',
      'DEFAULT_COMMUNITY',
      'ENGINE_LIMITS',
      'GENESIS',
      'LOG_VERSION',
      'LogEntry',
      'LoggedEvent',
      'MAX_JUMP_DAYS',
      'PERSONAL_ROLES',
      'PINNED_EVENTS',
      'ROSTER_ROLES',
      'Role',
      'RosterRole',
      'RulesRefSchema',
      'SYSTEM_CLOCK',
      'SubmissionChannel',
      'TICK',
      'VAULT_KIND',
      'appendEntry',
      'canonicalJson',
      'commitmentOf',
      'createEngine',
      'cryptoSalt',
      'entryHash',
      'jsonlLines',
      'memoryStore',
      'openEngine',
      'openStreamEngine',
      'parseJsonl',
      'pinText',
      'replay',
      'sha256Hex',
      'toJsonl',
      'verify',
      'verifyJsonl',
    ]);
  });

  it('imports nothing from Node (it runs in browsers)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const dir of ['.', '../log']) {
      const base = join(import.meta.dirname, dir);
      for (const f of readdirSync(base).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
        expect(readFileSync(join(base, f), 'utf8'), `${dir}/${f}`).not.toMatch(/from 'node:|require\(/);
      }
    }
  });
});
