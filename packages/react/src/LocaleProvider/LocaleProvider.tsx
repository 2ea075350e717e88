import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { formatMessage, type MessageValues } from '../intl/format.js';
import { defaultMessages, type MessageKey, type Messages, type YishiLocale } from './messages.js';

export interface YishiIntl {
  locale: YishiLocale;
  /** Formats the string `key` of the current locale with ICU-like `{placeholders}`. */
  t: (key: MessageKey, values?: MessageValues) => string;
}

export interface LocaleProviderProps {
  /** Defaults to `zh-CN`. */
  locale?: YishiLocale;
  /** Override some strings, e.g. a portal's own wording for outcomes. Missing keys fall back to the defaults. */
  messages?: Partial<Messages>;
  children?: ReactNode;
}

function createIntl(locale: YishiLocale, overrides?: Partial<Messages>): YishiIntl {
  const base = defaultMessages[locale];
  const messages: Messages = overrides ? { ...base, ...overrides } : base;
  return { locale, t: (key, values) => formatMessage(messages[key], values, locale) };
}

const IntlContext = createContext<YishiIntl>(createIntl('zh-CN'));

/**
 * Chooses the language of every yishi component below it. Without a provider components speak zh-CN.
 * It renders no element; each component sets `lang` on its own root.
 */
export function LocaleProvider({ locale = 'zh-CN', messages, children }: LocaleProviderProps) {
  const value = useMemo(() => createIntl(locale, messages), [locale, messages]);
  return <IntlContext.Provider value={value}>{children}</IntlContext.Provider>;
}

/** The current locale and its string formatter. */
export function useIntl(): YishiIntl {
  return useContext(IntlContext);
}
