import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../fixtures/sample.js';
import { LocaleProvider } from '../LocaleProvider/LocaleProvider.js';
import { expectNoAxeViolations } from '../test/axe.js';
import { QuorumGauge } from './QuorumGauge.js';

describe('QuorumGauge', () => {
  it('draws one meter per quorum line with words for screen readers', async () => {
    const result = scenarios.noQuorum();
    const { container } = render(<QuorumGauge result={result} />);
    const meters = screen.getAllByRole('meter');
    expect(meters).toHaveLength(2);
    const [area, headcount] = meters as [HTMLElement, HTMLElement];
    expect(area.getAttribute('data-dimension')).toBe('area');
    expect(headcount.getAttribute('data-dimension')).toBe('headcount');
    const line = result.explanation.lines.find((l) => l.id === 'quorum.area')!;
    expect(area.getAttribute('aria-valuenow')).toBe(String(Number.parseFloat(line.percent)));
    expect(area.getAttribute('aria-valuemin')).toBe('0');
    expect(area.getAttribute('aria-valuemax')).toBe('100');
    expect(area.getAttribute('aria-valuetext')).toBe(`参与面积 ${line.percent}，法定 2/3 以上，未达到`);
    expect(area.getAttribute('data-met')).toBe('false');
    expect(screen.getByRole('figure', { name: '法定人数（参与表决）' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('says what is missing in one sentence', () => {
    const result = scenarios.noQuorum();
    render(<QuorumGauge result={result} />);
    const [area, headcount] = ['quorum.area', 'quorum.headcount'].map(
      (id) => result.explanation.lines.find((l) => l.id === id)!.gap.display,
    );
    const gap = document.querySelector('[data-part="gap"]')!;
    expect(gap.textContent).toBe(`还需 ${headcount} 名业主、${area} m² 参与表决。`);
    expect(gap.getAttribute('data-met')).toBe('false');
  });

  it('marks a met quorum and the figure as met', async () => {
    const { container } = render(<QuorumGauge result={scenarios.passed()} />);
    const figure = container.querySelector('[data-yishi="quorum-gauge"]')!;
    expect(figure.getAttribute('data-met')).toBe('true');
    expect(figure.querySelector('[data-part="gap"]')!.textContent).toBe('已达到法定参与要求。');
    for (const m of screen.getAllByRole('meter')) expect(m.getAttribute('data-met')).toBe('true');
    await expectNoAxeViolations(container);
  });

  it('draws the approval lines on request, in English, live', async () => {
    const { container } = render(
      <LocaleProvider locale="en">
        <QuorumGauge result={scenarios.rejected()} kind="approval" live />
      </LocaleProvider>,
    );
    const figure = screen.getByRole('figure', { name: 'Approval threshold' });
    expect(figure.getAttribute('lang')).toBe('en');
    const meters = within(figure).getAllByRole('meter');
    expect(meters.map((m) => m.getAttribute('data-kind'))).toEqual(['approval', 'approval']);
    expect(meters[0]!.getAttribute('aria-valuetext')).toMatch(
      /^Area agreeing \d+\.\d\d%, required at least 3\/4, not met$/,
    );
    const gap = container.querySelector('[data-part="gap"]')!;
    expect(gap.getAttribute('aria-live')).toBe('polite');
    expect(gap.textContent).toMatch(/more must agree\.$/);
    await expectNoAxeViolations(container);
  });

  it('draws the threshold mark where the legal line falls', () => {
    const { container } = render(<QuorumGauge result={scenarios.noQuorum()} />);
    const mark = container.querySelector('[data-part="mark"]')!;
    const track = container.querySelector('[data-part="track"]')!;
    const x0 = Number(track.getAttribute('x'));
    const w = Number(track.getAttribute('width'));
    expect((Number(mark.getAttribute('x1')) - x0) / w).toBeCloseTo(2 / 3, 5);
    expect(container.querySelector('[data-part="mark-label"]')!.textContent).toBe('2/3');
  });

  it('says when the gap cannot be closed', () => {
    const result = scenarios.noQuorum();
    // The same real result, with its area line marked unreachable as a follow-majority floor can make it.
    const lines = result.explanation.lines.map((l) =>
      l.id === 'quorum.area' ? { ...l, reachable: false } : l,
    );
    const { container } = render(<QuorumGauge lines={lines} />);
    expect(container.querySelector('[data-part="unreachable"]')!.textContent).toBe(
      '尚未表决的业主不足以补足差额。',
    );
    expect(container.querySelector('[data-line="quorum.area"]')!.getAttribute('data-reachable')).toBe(
      'false',
    );
  });

  it('renders nothing when the result has no line of that kind', () => {
    const result = scenarios.passed();
    const { container } = render(
      <QuorumGauge lines={result.explanation.lines.filter((l) => l.kind === 'approval')} />,
    );
    expect(container.innerHTML).toBe('');
  });

  it('takes a custom label and passes through DOM props', () => {
    render(<QuorumGauge result={scenarios.passed()} label="参与情况" className="g" data-testid="g" />);
    const g = screen.getByTestId('g');
    expect(g.className).toBe('g');
    expect(screen.getByRole('figure', { name: '参与情况' })).toBe(g);
  });
});
