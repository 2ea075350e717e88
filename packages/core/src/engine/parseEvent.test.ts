/**
 * `parseEvent` answers a bare event `{ type }` without zod once the schema's answer for that type
 * is known: it must always give what `schema.safeParse` gives — the same success, the same data
 * (a fresh object each time) — for bare events and for anything that only looks bare.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NoticeEventInput } from '../machines/publicNotice/publicNotice.kind.js';
import { parseEvent } from './decide.js';

const SCHEMAS = [
  NoticeEventInput,
  // a default makes the parse of a bare event more than `{ type }`
  z.object({ type: z.literal('TICK'), n: z.int().default(1) }),
  // a refinement on the type alone
  z.object({ type: z.string() }).refine((e) => e.type !== 'NO', { message: 'no' }),
  z.strictObject({ type: z.enum(['TICK', 'GO']) }),
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('GO'), to: z.string() }),
    z.object({ type: z.literal('TICK') }),
  ]),
];

class Event {
  type = 'TICK';
}
const inherited = Object.create({ extra: 1 }) as { type: string };
inherited.type = 'TICK';
const nullProto = Object.assign(Object.create(null) as object, { type: 'TICK' });

const event = fc.oneof(
  fc.constantFrom('TICK', 'GO', 'NO', 'POST', '', 'toString', '__proto__').map((type) => ({ type })),
  fc.constantFrom<unknown>(
    { type: 'TICK', extra: 1 },
    { type: 'TICK', on: '2024-01-01' },
    { type: 1 },
    {},
    null,
    'TICK',
    ['TICK'],
    new Event(),
    inherited,
    nullProto,
  ),
);

describe('parseEvent', () => {
  it('gives what safeParse gives, before and after it remembers a type (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMAS),
        fc.array(event, { minLength: 1, maxLength: 6 }),
        (schema, events) => {
          for (const e of events) {
            const want = schema.safeParse(e);
            const got = parseEvent(schema, e);
            expect(got.success).toBe(want.success);
            if (got.success && want.success) {
              expect(got.data).toEqual(want.data);
              expect(got.data).not.toBe(parseEvent(schema, e).data);
            }
            if (!got.success && !want.success) expect(got.error.issues).toEqual(want.error.issues);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
