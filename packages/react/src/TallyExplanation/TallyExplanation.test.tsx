import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../fixtures/sample.js';
import { LocaleProvider } from '../LocaleProvider/LocaleProvider.js';
import { expectNoAxeViolations } from '../test/axe.js';
import { TallyExplanation } from './TallyExplanation.js';

describe('TallyExplanation', () => {
  it('shows a passed outcome with every line met', async () => {
    const result = scenarios.passed();
    const { container } = render(<TallyExplanation result={result} />);
    const section = screen.getByRole('region', { name: '表决结果' });
    expect(section.getAttribute('data-outcome')).toBe('passed');
    expect(section.querySelector('[data-part="outcome"]')!.textContent).toBe('通过');
    const rows = within(section)
      .getAllByRole('row')
      .slice(1, 1 + result.explanation.lines.length);
    expect(rows).toHaveLength(result.explanation.lines.length);
    for (const r of rows) expect(r.getAttribute('data-met')).toBe('true');
    expect(section.querySelector('[data-part="failures"]')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('explains a missed quorum: both sides, percentages, wording, gap and codes', async () => {
    const result = scenarios.noQuorum();
    const { container } = render(<TallyExplanation result={result} />);
    const section = screen.getByRole('region', { name: '表决结果' });
    expect(section.getAttribute('data-outcome')).toBe('noQuorum');
    expect(section.querySelector('[data-part="outcome"]')!.textContent).toBe('未达到法定人数');
    const line = result.explanation.lines.find((l) => l.id === 'quorum.area')!;
    const row = section.querySelector('tr[data-line="quorum.area"]')!;
    expect(row.getAttribute('data-kind')).toBe('quorum');
    expect(row.getAttribute('data-dimension')).toBe('area');
    expect(row.getAttribute('data-met')).toBe('false');
    const cells = within(row as HTMLElement);
    expect(cells.getByRole('rowheader').textContent).toBe('参与面积');
    expect(row.querySelector('[data-part="part"] [data-part="figure"]')!.textContent).toBe(
      `${line.part.display} m²`,
    );
    expect(row.querySelector('[data-part="whole"] [data-part="figure"]')!.textContent).toBe(
      `${line.whole.display} m²`,
    );
    expect(row.querySelector('[data-part="percent"]')!.textContent).toBe(line.percent);
    expect(row.querySelector('[data-part="threshold"]')!.textContent).toBe('2/3 以上');
    expect(row.querySelector('[data-part="status"]')!.textContent).toBe('未达到');
    expect(row.querySelector('[data-part="gap"]')!.textContent).toBe(`${line.gap.display} m²`);
    const codes = [...section.querySelectorAll('[data-part="failures"] li')].map((li) =>
      li.getAttribute('data-code'),
    );
    expect(codes).toEqual(result.explanation.failures.map((f) => f.code));
    expect(codes).toContain('QUORUM_AREA_NOT_MET');
    await expectNoAxeViolations(container);
  });

  it('explains a failed approval with 过半数 / 以上 wording in English', async () => {
    const result = scenarios.rejected();
    const { container } = render(
      <LocaleProvider locale="en">
        <TallyExplanation result={result} headingLevel={3} />
      </LocaleProvider>,
    );
    const section = screen.getByRole('region', { name: 'Tally result' });
    expect(section.getAttribute('lang')).toBe('en');
    expect(section.getAttribute('data-outcome')).toBe('rejected');
    expect(screen.getByRole('heading', { level: 3, name: 'Tally result' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 4, name: 'Conditions not met' })).toBeTruthy();
    const row = section.querySelector('tr[data-line="approval.headcount"]')!;
    expect(row.querySelector('[data-part="threshold"]')!.textContent).toBe('at least 3/4');
    expect(row.getAttribute('data-met')).toBe('false');
    await expectNoAxeViolations(container);
  });

  it('lists the dated parameters with legal references in a keyboard-operable disclosure', async () => {
    const result = scenarios.passed();
    render(<TallyExplanation result={result} />);
    const details = document.querySelector('details[data-part="parameters"]') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    const p = result.explanation.parameters[0]!;
    const summary = details.querySelector('summary')!;
    expect(summary.textContent).toBe(`依据的参数（${result.explanation.parameters.length} 项）`);
    // A native <summary> is the disclosure's button: Tab reaches it and the browser opens it on
    // Enter/Space (checked in a real browser by the Storybook axe run); here it opens on activation.
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(summary);
    expect(details.firstElementChild).toBe(summary);
    await user.click(summary);
    expect(details.open).toBe(true);
    const row = details.querySelector(`tr[data-parameter="${p.name}"]`)!;
    expect(row.textContent).toContain(p.reference);
    expect(row.querySelector('time')!.getAttribute('dateTime')).toBe(p.since);
  });
});
