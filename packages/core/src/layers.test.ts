/**
 * Nothing imports from a layer above it (docs/overview.md). The folders of src/, lowest first; a
 * file may import from its own folder and from any folder listed before it. Tests may reach up
 * (an engine test runs the machines); shipped code may not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAYERS = [
  'errors',
  'arith',
  'actor',
  'registry',
  'policy',
  'tally',
  'calendar',
  'notice',
  'log',
  'store',
  'proof',
  'machines',
  'engine',
  'testing',
] as const;

const SRC = fileURLToPath(new URL('.', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !/\.(test|testkit)\.ts$/.test(name) ? [p] : [];
  });
}

const layerOf = (path: string) => relative(SRC, path).split(sep)[0]!;

describe('layers', () => {
  it('every folder of src/ has a place in the order', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    expect(folders.filter((f) => !(LAYERS as readonly string[]).includes(f))).toEqual([]);
  });

  it('no shipped file imports from a higher layer', () => {
    const upward: string[] = [];
    for (const file of files(SRC)) {
      const from = layerOf(file);
      if (!from.includes('.') && !(LAYERS as readonly string[]).includes(from)) continue;
      const rank = LAYERS.indexOf(from as (typeof LAYERS)[number]);
      if (rank < 0) continue; // src/index.ts, the entry point, may import anything
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = layerOf(join(file, '..', m[1]!));
        const to = LAYERS.indexOf(target as (typeof LAYERS)[number]);
        if (to > rank) upward.push(`${relative(SRC, file)} → ${m[1]} (${from} imports ${target})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
