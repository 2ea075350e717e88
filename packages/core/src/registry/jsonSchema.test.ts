import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registryJsonSchemas } from './jsonSchema.js';

describe('JSON Schemas for other languages', () => {
  const schemas = registryJsonSchemas();
  it('covers every registry and ballot file', () => {
    expect(Object.keys(schemas).sort()).toEqual(
      [
        'ballots',
        'meeting-record',
        'member-registry',
        'resident-registry',
        'unit-registry',
        'villager-registry',
      ].sort(),
    );
  });
  it('describes the area pattern and the unit status', () => {
    const text = JSON.stringify(schemas['unit-registry']);
    expect(text).toContain('"pattern"');
    expect(text).toContain('"undelivered"');
  });
  it('matches the committed schemas/*.schema.json (run scripts/gen-schemas.ts)', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const file = fileURLToPath(new URL(`../../schemas/${name}.schema.json`, import.meta.url));
      expect(JSON.parse(readFileSync(file, 'utf8')), name).toEqual(schema);
    }
  });
});
