/**
 * @yishi/react — unstyled, accessible reference components over @yishi/core results.
 * The curated public API: everything a portal may rely on is exported here and pinned by
 * `index.test.ts`.
 */

export type { MessageValue, MessageValues } from './intl/format.js';
export { formatMessage } from './intl/format.js';
export type {
  LocaleProviderProps,
  MessageKey,
  Messages,
  YishiIntl,
  YishiLocale,
} from './LocaleProvider/index.js';
export { defaultMessages, LocaleProvider, useIntl } from './LocaleProvider/index.js';
export type { QuorumGaugeProps } from './QuorumGauge/index.js';
export { QuorumGauge } from './QuorumGauge/index.js';
export type { HeadingLevel, TallyExplanationProps } from './TallyExplanation/index.js';
export { TallyExplanation } from './TallyExplanation/index.js';
export type { ProcessSource } from './useProcess/index.js';
export { useProcessSelector, useProcessSnapshot } from './useProcess/index.js';
