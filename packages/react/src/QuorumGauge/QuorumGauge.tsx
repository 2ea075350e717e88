import type { LineCheck, LineKind, TallyResult } from '@yishi/core';
import { type ComponentPropsWithoutRef, type ReactNode, useId } from 'react';
import { figureText, lineName, shareNumber, thresholdPosition, thresholdText } from '../intl/lineText.js';
import { useIntl } from '../LocaleProvider/LocaleProvider.js';
import { gaugeModel } from './gaugeModel.js';

export interface QuorumGaugeProps extends Omit<ComponentPropsWithoutRef<'figure'>, 'children'> {
  /** A tally result; the gauge draws its lines of `kind`. */
  result?: TallyResult<unknown>;
  /** Lines to draw instead of `result`'s, e.g. a quorum by area and by headcount. */
  lines?: readonly LineCheck[];
  /** Which lines to draw: the quorum (default) or the approval threshold. */
  kind?: LineKind;
  /** Visible caption. Defaults to "法定人数（参与表决）" / "表决通过门槛". */
  label?: ReactNode;
  /** Announce changes of the gap sentence to screen readers, for counts that update live. */
  live?: boolean;
}

// The picture's coordinate system: a 0–100 % scale drawn 300 units wide, with room for the mark label.
const W = 300;
const PAD = 10;
const BAR_Y = 16;
const BAR_H = 14;
const x = (percent: number) => PAD + (percent / 100) * W;

/**
 * A picture of one or two legal lines (participation by area and by headcount) against their
 * threshold marks. Each line is a `role="meter"` whose value text reads in words; the gap sentence
 * says what is still missing. Unstyled: style it through `data-*` attributes and `data-part` names.
 */
export function QuorumGauge({
  result,
  lines,
  kind = 'quorum',
  label,
  live = false,
  ...rest
}: QuorumGaugeProps) {
  const { t, locale } = useIntl();
  const captionId = useId();
  const model = gaugeModel(lines ?? result?.explanation.lines ?? [], kind);
  if (model.lines.length === 0) return null;
  const { gap } = model;
  const sentence =
    gap.type === 'met'
      ? t('gap.met', { kind })
      : t('gap', { kind, which: gap.which, owners: gap.owners, area: gap.area });

  return (
    <figure
      data-yishi="quorum-gauge"
      data-kind={kind}
      data-met={model.met}
      lang={locale}
      aria-labelledby={captionId}
      {...rest}
    >
      <figcaption id={captionId} data-part="caption">
        {label ?? t('gauge.title', { kind })}
      </figcaption>
      {model.lines.map((line) => (
        <GaugeLine key={line.id} line={line} />
      ))}
      <p data-part="gap" data-met={model.met} aria-live={live ? 'polite' : undefined}>
        {sentence}
      </p>
      {gap.type === 'gap' && !gap.reachable ? (
        <p data-part="unreachable">{t('gap.unreachable', { kind })}</p>
      ) : null}
    </figure>
  );
}

function GaugeLine({ line }: { line: LineCheck }) {
  const { t } = useIntl();
  const nameId = useId();
  const share = shareNumber(line);
  const mark = thresholdPosition(line.threshold);
  const name = lineName(t, line);
  const threshold = thresholdText(t, line.threshold);
  const status = t('met', { met: String(line.met) });
  const percent = line.percent === '—' ? '0.00%' : line.percent;
  const fraction = `${line.threshold.num}/${line.threshold.den}`;
  const markAnchor = mark > 90 ? 'end' : mark < 10 ? 'start' : 'middle';

  return (
    // biome-ignore lint/a11y/useSemanticElements: a native <meter> renders its own bar and treats children as fallback; ours draws an SVG with the legal mark.
    <div
      role="meter"
      aria-labelledby={nameId}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={share}
      aria-valuetext={t('meter.valuetext', { name, percent, threshold, status })}
      data-part="line"
      data-line={line.id}
      data-kind={line.kind}
      data-dimension={line.dimension}
      data-met={line.met}
      data-reachable={line.reachable}
    >
      <span id={nameId} data-part="name">
        {name}
      </span>
      <svg
        data-part="bar"
        viewBox={`0 0 ${W + 2 * PAD} 40`}
        width="100%"
        aria-hidden="true"
        focusable="false"
        preserveAspectRatio="xMinYMid meet"
      >
        <rect
          data-part="track"
          x={PAD}
          y={BAR_Y}
          width={W}
          height={BAR_H}
          rx={2}
          fill="currentColor"
          fillOpacity={0.12}
        />
        <rect
          data-part="fill"
          x={PAD}
          y={BAR_Y}
          width={(share / 100) * W}
          height={BAR_H}
          rx={2}
          fill="currentColor"
          fillOpacity={line.met ? 0.85 : 0.5}
        />
        <line
          data-part="mark"
          x1={x(mark)}
          x2={x(mark)}
          y1={BAR_Y - 5}
          y2={BAR_Y + BAR_H + 5}
          stroke="currentColor"
          strokeWidth={2}
        />
        <text
          data-part="mark-label"
          x={x(mark)}
          y={BAR_Y - 7}
          textAnchor={markAnchor}
          fontSize={9}
          fill="currentColor"
        >
          {fraction}
        </text>
        <text data-part="scale" x={PAD} y={39} fontSize={8} fill="currentColor" fillOpacity={0.7}>
          0%
        </text>
        <text
          data-part="scale"
          x={PAD + W}
          y={39}
          fontSize={8}
          fill="currentColor"
          fillOpacity={0.7}
          textAnchor="end"
        >
          100%
        </text>
      </svg>
      <span data-part="value">{percent}</span>{' '}
      <span data-part="figures">
        {t('meter.figures', {
          part: figureText(t, line.dimension, line.part),
          whole: figureText(t, line.dimension, line.whole),
        })}
      </span>{' '}
      <span data-part="legal-line">{t('meter.legalLine', { threshold })}</span>{' '}
      <span data-part="status" data-met={line.met}>
        {status}
      </span>
    </div>
  );
}
