export type { LocaleProviderProps, YishiIntl } from './LocaleProvider.js';
export { LocaleProvider, useIntl } from './LocaleProvider.js';
export type { MessageKey, Messages, YishiLocale } from './messages.js';
export { defaultMessages } from './messages.js';
