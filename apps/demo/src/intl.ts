import { formatMessage, type MessageValues, useIntl, type YishiLocale } from '@yishi/react';
import en from './intl/en.json';
import zhCN from './intl/zh-CN.json';

export type DemoKey = keyof typeof zhCN;
const messages: Record<YishiLocale, Record<DemoKey, string>> = {
  'zh-CN': zhCN,
  en: en satisfies typeof zhCN,
};

/** The demo's own strings (intl/<locale>.json), in the locale chosen by @yishi/react's LocaleProvider. */
export function useText(): (key: DemoKey, values?: MessageValues) => string {
  const { locale } = useIntl();
  return (key, values) => formatMessage(messages[locale][key], values, locale);
}
