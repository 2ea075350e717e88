import type { Preview } from '@storybook/react-vite';
import { createElement } from 'react';
import { LocaleProvider } from '../src/LocaleProvider/LocaleProvider.js';
import type { YishiLocale } from '../src/LocaleProvider/messages.js';
import './theme.css';

const preview: Preview = {
  parameters: {
    // Every story is checked with axe; a violation fails the story's test.
    a11y: { test: 'error' },
    layout: 'padded',
  },
  globalTypes: {
    locale: {
      description: 'Language of the yishi components',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'zh-CN', title: '简体中文' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'zh-CN' },
  decorators: [
    (Story, { globals }) => {
      const locale = (globals.locale ?? 'zh-CN') as YishiLocale;
      // The story iframe's <html lang> follows the locale too, so the page language is right.
      if (typeof document !== 'undefined') document.documentElement.lang = locale;
      return createElement(LocaleProvider, { locale }, createElement('main', null, createElement(Story)));
    },
  ],
};

export default preview;
