import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Runs axe-core on a rendered container and fails with the rule ids and targets of any violation.
 * happy-dom has no layout, so rules that need rendering (colour contrast) run only in the
 * Storybook browser check (scripts/storybook-axe.mjs).
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
  // guard against a vacuous pass (axe finding nothing to check)
  expect(results.passes.length).toBeGreaterThan(0);
}
