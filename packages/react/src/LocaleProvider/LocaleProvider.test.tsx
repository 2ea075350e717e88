import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LocaleProvider, useIntl } from './LocaleProvider.js';

function Outcome() {
  const { t, locale } = useIntl();
  return (
    <p lang={locale} data-testid="out">
      {t('outcome', { outcome: 'passed' })}
    </p>
  );
}

describe('LocaleProvider', () => {
  it('speaks zh-CN without a provider', () => {
    render(<Outcome />);
    expect(screen.getByTestId('out').textContent).toBe('通过');
    expect(screen.getByTestId('out').getAttribute('lang')).toBe('zh-CN');
  });

  it('switches to English', () => {
    render(
      <LocaleProvider locale="en">
        <Outcome />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('out').textContent).toBe('passed');
    expect(screen.getByTestId('out').getAttribute('lang')).toBe('en');
  });

  it('lets a portal override single strings', () => {
    render(
      <LocaleProvider messages={{ outcome: '{outcome, select, passed {表决获得通过} other {未获通过}}' }}>
        <Outcome />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('out').textContent).toBe('表决获得通过');
  });
});
