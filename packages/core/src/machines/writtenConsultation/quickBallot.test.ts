import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, inCanonicalOrder } from '../../log/canonicalJson.js';
import { ConsultationEventInput } from './consultationSchemas.js';
import { quickCastBallot } from './quickBallot.js';

/** Texts near the schema's edges: empty, blank, padded, plain. */
const text = fc.oneof(
  fc.constantFrom('', ' ', 'o1', ' o1', 'o1 ', '\u3000业主', 'o-1-web', '\t'),
  fc.string({ maxLength: 6 }),
);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
);
const choice = fc.record(
  {
    itemId: text,
    choice: fc.oneof(fc.constantFrom('agree', 'oppose', 'abstain', 'invalid', 'maybe', ' agree'), anyValue),
    extra: anyValue,
  },
  { requiredKeys: ['itemId', 'choice'] },
);
const evidence = fc.record(
  { scanId: text, batchId: text, extra: anyValue },
  { requiredKeys: ['scanId', 'batchId'] },
);
const cast = fc.record(
  {
    type: fc.constantFrom('CAST_BALLOT', 'CAST_BALLOT', 'CORRECT_BALLOT', 'cast'),
    ballotId: fc.oneof(text, anyValue),
    owner: fc.oneof(text, anyValue),
    channel: fc.oneof(fc.constantFrom('paper', 'online', 'officialPlatform', 'proxy', 'web'), anyValue),
    choices: fc.oneof(fc.array(choice, { maxLength: 3 }), anyValue),
    proxyId: fc.oneof(text, anyValue),
    evidence: fc.oneof(evidence, anyValue),
    reason: anyValue,
    on: fc.constant('2025-04-20'),
  },
  { requiredKeys: ['type'] },
);

/** Valid ballots as a portal sends them: trimmed texts, known channels and choices, no extras. */
const word = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,7}$/);
const validCast = fc.record(
  {
    type: fc.constant('CAST_BALLOT' as const),
    ballotId: word,
    owner: word,
    channel: fc.constantFrom('paper', 'online', 'officialPlatform', 'proxy'),
    choices: fc.array(
      fc.record({ itemId: word, choice: fc.constantFrom('agree', 'oppose', 'abstain', 'invalid') }),
      { minLength: 1, maxLength: 3 },
    ),
    proxyId: word,
    evidence: fc.record({ scanId: word, batchId: word }),
  },
  { requiredKeys: ['type', 'ballotId', 'owner', 'channel', 'choices'] },
);

describe('quickCastBallot', () => {
  it('never accepts what the schema refuses, and gives the schema’s data when it accepts', () => {
    fc.assert(
      fc.property(cast, (event) => {
        const quick = quickCastBallot(event);
        if (quick === undefined) return;
        const parsed = ConsultationEventInput.safeParse(event);
        expect(parsed.success).toBe(true);
        expect(canonicalJson(quick)).toBe(canonicalJson(parsed.data));
        expect(inCanonicalOrder(quick)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes every well-formed ballot itself, its keys in canonical order', () => {
    fc.assert(
      fc.property(validCast, (event) => {
        const quick = quickCastBallot(event);
        expect(quick).toBeDefined();
        expect(inCanonicalOrder(quick!)).toBe(true);
        expect(canonicalJson(quick)).toBe(canonicalJson(ConsultationEventInput.parse(event)));
        expect(quick).not.toBe(event);
        // new objects throughout: the engine hands them to the machine
        for (const [i, c] of quick!.choices.entries()) expect(c).not.toBe(event.choices[i]);
        if (quick!.evidence) expect(quick!.evidence).not.toBe(event.evidence);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves to the schema a text it would trim, an unknown member, and anything not plain', () => {
    const ok = {
      type: 'CAST_BALLOT',
      ballotId: 'b1',
      owner: 'o1',
      channel: 'online',
      choices: [{ itemId: 'fund', choice: 'agree' }],
    };
    expect(quickCastBallot(ok)).toBeDefined();
    expect(quickCastBallot({ ...ok, owner: ' o1' })).toBeUndefined();
    expect(quickCastBallot({ ...ok, note: 'x' })).toBeUndefined();
    expect(quickCastBallot({ ...ok, choices: [{ itemId: 'fund', choice: 'agree', x: 1 }] })).toBeUndefined();
    expect(quickCastBallot({ ...ok, evidence: { scanId: 's', batchId: 'b', x: 1 } })).toBeUndefined();
    expect(quickCastBallot(Object.assign(Object.create({ inherited: 1 }), ok))).toBeUndefined();
    expect(quickCastBallot([ok])).toBeUndefined();
    expect(quickCastBallot(null)).toBeUndefined();
  });
});
