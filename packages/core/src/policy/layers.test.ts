import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Core's layers, lowest first (docs/contributing.md): a module imports only from its own layer
// or below. This pins the policy and tally layers.
const LAYERS = [
  'arith',
  'errors',
  'registry',
  'policy',
  'tally',
  'calendar',
  'notice',
  'log',
  'machines',
  'engine',
];
const RANK = (layer: string) => (layer === 'arith' || layer === 'errors' ? 0 : LAYERS.indexOf(layer) - 1);
// Known exception, outside this layer's files: the date check `calendar/plainDate` is a leaf
// with no imports of its own, used by registry and policy to validate YYYY-MM-DD.
const ALLOWED = new Set(['../calendar/plainDate.js']);

function importsOf(layer: string): { file: string; from: string }[] {
  const dir = fileURLToPath(new URL(`../${layer}/`, import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .flatMap((file) =>
      [...readFileSync(dir + file, 'utf8').matchAll(/from '(\.\.\/[a-zA-Z]+\/[^']+)'/g)].map((m) => ({
        file: `${layer}/${file}`,
        from: m[1]!,
      })),
    );
}

describe('layers: nothing imports from above', () => {
  it.each(['policy', 'tally'])('%s imports only from its own layer or below', (layer) => {
    const upward = importsOf(layer).filter(({ from }) => {
      if (ALLOWED.has(from)) return false;
      const target = from.split('/')[1]!;
      return target !== 'testing' && RANK(target) > RANK(layer);
    });
    expect(upward).toEqual([]);
  });
});
