import { describe, expect, it } from 'vitest';
import { toJsonl, verifyJsonl } from './jsonl.js';
import { appendEntry } from './logEntry.js';

const ACTOR = { id: 'staff-1', role: 'residentsCommitteeStaff' } as const;

function log() {
  const a = appendEntry(null, {
    at: 1,
    process: 'n-1',
    kind: 'publicNotice',
    actor: ACTOR,
    channel: 'web',
    event: { type: 'CREATE', input: { title: 't' } },
  });
  const b = appendEntry(a, {
    at: 2,
    process: 'n-1',
    kind: 'publicNotice',
    actor: ACTOR,
    channel: 'web',
    event: { type: 'POST' },
  });
  return toJsonl([a, b]).slice(0, -1).split('\n');
}

describe('verifyJsonl: every line in canonical form', () => {
  it('accepts what toJsonl writes', () => {
    expect(verifyJsonl(`${log().join('\n')}\n`)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses a duplicate key whose shown value is not the parsed one, naming the line', () => {
    const lines = log();
    // A reader sees "mallory"; JSON.parse keeps the last "actor", so the hash still holds.
    lines[1] = lines[1]!.replace('{"actor":', '{"actor":{"id":"mallory","role":"owner"},"actor":');
    expect(JSON.parse(lines[1]!).actor.id).toBe('staff-1');
    expect(verifyJsonl(`${lines.join('\n')}\n`)).toMatchObject({
      ok: false,
      line: 2,
      seq: 2,
      index: 1,
      reason: 'canonical',
      message: expect.stringMatching(/^line 2 \(entry seq 2\) is not in canonical form/),
    });
  });

  it.each([
    ['extra spaces', (l: string) => l.replace('"at":2', '"at": 2')],
    ['keys out of order', (l: string) => l.replace(/^\{("actor":\{[^}]*\}),("at":2)/, '{$2,$1')],
    ['escaped characters', (l: string) => l.replace('"POST"', '"\\u0050OST"')],
  ])('refuses %s', (_, change) => {
    const lines = log();
    const changed = change(lines[1]!);
    expect(changed).not.toBe(lines[1]);
    expect(verifyJsonl(`${lines[0]}\n${changed}\n`)).toMatchObject({
      ok: false,
      line: 2,
      reason: 'canonical',
    });
  });
});
