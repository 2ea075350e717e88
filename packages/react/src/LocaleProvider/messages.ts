import en from '../../intl/en.json';
import zhCN from '../../intl/zh-CN.json';

/** The locales yishi ships strings for. zh-CN is the default: the statutes and most readers are Chinese. */
export type YishiLocale = 'zh-CN' | 'en';

/** Every UI string, keyed by id. The zh-CN file is the source of truth for the key set. */
export type Messages = Readonly<Record<keyof typeof zhCN, string>>;
export type MessageKey = keyof Messages;

/** The strings shipped in `intl/<locale>.json`. `en` is checked against the zh-CN key set. */
export const defaultMessages: Readonly<Record<YishiLocale, Messages>> = {
  'zh-CN': zhCN,
  en: en satisfies Messages,
};
