/** The README's district example runs as published, against the built packages. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('examples/district.mjs', () => {
  it('counts a retried ballot once, names nobody in the log, verifies a receipt under an anchor, erases', () => {
    const script = fileURLToPath(new URL('../examples/district.mjs', import.meta.url));
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(out).toContain('retry answered with the first entry: true');
    expect(out).toContain('the stored entry names nobody: true');
    expect(out).toMatch(/anchor over 2 communities, root [0-9a-f]{16}/);
    expect(out).toContain('receipt verifies at version 6 and opens 王五, 王五-1');
    expect(out).toContain('erased: true');
  });
});
