import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parameterTable, replaceSection } from '../scripts/parameterTable.js';
import { cnNational, shanghai } from './index.js';

describe('docs/policies.md', () => {
  it('has the parameter reference generated from the packs (run scripts/gen-docs.ts)', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/policies.md', import.meta.url)), 'utf8');
    expect(replaceSection(doc, parameterTable([cnNational, shanghai]))).toBe(doc);
  });
});
