import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PositiveAreaString } from '../arith/area.js';
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
  it('says in the schema what zod refines: areas above 0.00 (same verdict as zod), real dates, keys compared trimmed and NFC', () => {
    const unit = JSON.stringify(schemas['unit-registry']);
    const pattern = new RegExp(
      JSON.parse(unit.match(/"area":\{"type":"string","pattern":("[^"]*(?:\\.[^"]*)*")/)![1]!),
    );
    for (const s of ['0', '0.0', '0.00', '0.01', '0.10', '1', '89.50', '00.5', '-1', '1.234', ''])
      expect([s, pattern.test(s)]).toEqual([s, PositiveAreaString.safeParse(s).success]);
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.]{0,6}$/), (s) => {
        expect(pattern.test(s)).toBe(PositiveAreaString.safeParse(s).success);
      }),
      { numRuns: 2000 },
    );
    expect(JSON.stringify(schemas['resident-registry'])).toContain('"format":"date"');
    expect(unit).toContain('Unicode NFC');
  });
});
