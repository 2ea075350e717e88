import type { LineCheck, ParameterTrace, TallyResult } from '@yishi/core';
import { type ComponentPropsWithoutRef, type ElementType, useId } from 'react';
import { figureText, lineName, thresholdText } from '../intl/lineText.js';
import { useIntl, type YishiIntl } from '../LocaleProvider/LocaleProvider.js';

export type HeadingLevel = 1 | 2 | 3 | 4 | 5;

export interface TallyExplanationProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  result: TallyResult<unknown>;
  /** Level of the title heading; sub-sections use the next level. Default 2. */
  headingLevel?: HeadingLevel;
  /** Start with the parameter list open. Default false (a `<details>` the reader can open). */
  parametersOpen?: boolean;
}

/**
 * Everything a tally result says about itself: the outcome, every legal line with both sides, the
 * legal wording of the threshold, whether it was met and the gap, the failures with their stable
 * codes, and the dated parameters (with legal references) the rule read. Unstyled: style it
 * through `data-*` attributes (`data-outcome`, `data-met`, `data-kind`, `data-dimension`, `data-code`).
 */
export function TallyExplanation({
  result,
  headingLevel = 2,
  parametersOpen = false,
  ...rest
}: TallyExplanationProps) {
  const intl = useIntl();
  const { t, locale } = intl;
  const titleId = useId();
  const H = `h${headingLevel}` as ElementType;
  const Sub = `h${Math.min(headingLevel + 1, 6)}` as ElementType;
  const { explanation } = result;

  return (
    <section
      data-yishi="tally-explanation"
      data-outcome={result.outcome}
      data-passed={result.passed ?? undefined}
      data-quorum-met={result.quorumMet ?? undefined}
      lang={locale}
      aria-labelledby={titleId}
      {...rest}
    >
      <H id={titleId} data-part="title">
        {t('explanation.title')}
      </H>
      <dl data-part="facts">
        <dt>{t('explanation.outcome')}</dt>
        <dd data-part="outcome" data-outcome={result.outcome}>
          {t('outcome', { outcome: result.outcome })}
        </dd>
        {result.matter !== null ? (
          <>
            <dt>{t('explanation.matter')}</dt>
            <dd data-part="matter" data-matter={result.matter}>
              {t('matter', { matter: result.matter })}
            </dd>
          </>
        ) : null}
        <dt>{t('explanation.policy')}</dt>
        <dd data-part="policy" data-policy={result.policy.id}>
          {t('explanation.policyValue', {
            title: result.policy.title[locale],
            id: result.policy.id,
            at: result.policy.at,
          })}
        </dd>
        <dt>{t('explanation.reforms')}</dt>
        <dd data-part="reforms">
          {result.policy.reforms.length > 0 ? result.policy.reforms.join(', ') : t('explanation.reformsNone')}
        </dd>
        <dt>{t('explanation.rule')}</dt>
        <dd data-part="rule" data-basis={explanation.rule.basis}>
          <span lang={citationLang(locale)}>{explanation.rule.reference}</span> (
          {t('basis', { basis: explanation.rule.basis })})
        </dd>
      </dl>
      <p data-part="summary">{explanation.summary[locale]}</p>

      {explanation.lines.length > 0 ? <LinesTable lines={explanation.lines} intl={intl} /> : null}

      {explanation.failures.length > 0 ? (
        <div data-part="failures">
          <Sub>{t('explanation.failures')}</Sub>
          <ul>
            {explanation.failures.map((f) => (
              <li key={`${f.code}:${f.line}`} data-code={f.code} data-line={f.line}>
                <code data-part="code">{f.code}</code> {f.message[locale]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {explanation.notes.length > 0 ? (
        <div data-part="notes">
          <Sub>{t('explanation.notes')}</Sub>
          <ul>
            {explanation.notes.map((n) => (
              <li key={n.en}>{n[locale]}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {explanation.parameters.length > 0 ? (
        <details data-part="parameters" open={parametersOpen}>
          <summary>{t('explanation.parameters', { count: explanation.parameters.length })}</summary>
          <ParametersTable parameters={explanation.parameters} intl={intl} />
        </details>
      ) : null}
    </section>
  );
}

function LinesTable({ lines, intl: { t, locale } }: { lines: readonly LineCheck[]; intl: YishiIntl }) {
  return (
    <table data-part="lines">
      <caption>{t('explanation.lines')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('column.line')}</th>
          <th scope="col">{t('column.part')}</th>
          <th scope="col">{t('column.whole')}</th>
          <th scope="col">{t('column.percent')}</th>
          <th scope="col">{t('column.threshold')}</th>
          <th scope="col">{t('column.status')}</th>
          <th scope="col">{t('column.gap')}</th>
          <th scope="col">{t('column.reference')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr
            key={line.id}
            data-line={line.id}
            data-kind={line.kind}
            data-dimension={line.dimension}
            data-met={line.met}
            data-reachable={line.reachable}
          >
            <th scope="row">{lineName(t, line)}</th>
            <td data-part="part">
              <span data-part="figure">{figureText(t, line.dimension, line.part)}</span>{' '}
              <span data-part="label">{line.partLabel[locale]}</span>
            </td>
            <td data-part="whole">
              <span data-part="figure">{figureText(t, line.dimension, line.whole)}</span>{' '}
              <span data-part="label">{line.wholeLabel[locale]}</span>
            </td>
            <td data-part="percent">{line.percent}</td>
            <td data-part="threshold" data-cmp={line.threshold.cmp}>
              {thresholdText(t, line.threshold)}
            </td>
            <td data-part="status" data-met={line.met}>
              {t('met', { met: String(line.met) })}
            </td>
            <td data-part="gap">{line.met ? t('gap.none') : figureText(t, line.dimension, line.gap)}</td>
            <td data-part="reference" data-basis={line.basis} lang={citationLang(locale)}>
              {line.reference}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ParametersTable({
  parameters,
  intl: { t, locale },
}: {
  parameters: readonly ParameterTrace[];
  intl: YishiIntl;
}) {
  return (
    <table data-part="parameter-list">
      <thead>
        <tr>
          <th scope="col">{t('column.parameter')}</th>
          <th scope="col">{t('column.value')}</th>
          <th scope="col">{t('column.since')}</th>
          <th scope="col">{t('column.reference')}</th>
          <th scope="col">{t('column.basis')}</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((p) => (
          <tr key={p.name} data-parameter={p.name} data-basis={p.basis}>
            <th scope="row">
              <code>{p.name}</code>
            </th>
            <td>{parameterValue(t, p.value)}</td>
            <td>
              <time dateTime={p.since}>{p.since}</time>
            </td>
            <td data-part="reference" lang={citationLang(locale)}>
              {p.reference}
            </td>
            <td>{t('basis', { basis: p.basis })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Legal citations come from the policy pack in Chinese; say so inside an English view. */
function citationLang(locale: YishiIntl['locale']): string | undefined {
  return locale === 'zh-CN' ? undefined : 'zh-CN';
}

function isThreshold(v: unknown): v is { num: number; den: number; cmp: '>=' | '>' } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.num === 'number' && typeof o.den === 'number' && (o.cmp === '>=' || o.cmp === '>');
}

/** Thresholds read in legal wording ("2/3 以上"), double lines part by part, anything else as data. */
function parameterValue(t: YishiIntl['t'], value: unknown): string {
  if (value === null || value === undefined) return t('value.none');
  if (isThreshold(value)) return thresholdText(t, value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return value.map((v) => parameterValue(t, v)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([key, v]) => t('value.entry', { key, value: parameterValue(t, v) }))
      .join(t('value.separator'));
  }
  return String(value);
}
