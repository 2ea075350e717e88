import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../src/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y'],
  // The machines are offline: no telemetry, no "what's new" fetch, no version check.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  // Prop tables are in docs/components.md; skipping react-docgen keeps the build at a few seconds.
  typescript: { reactDocgen: false },
  // Storybook's own manager/preview chunks are large by nature; the budget that matters is
  // size-limit on dist/index.js.
  viteFinal: (config) => ({ ...config, build: { ...config.build, chunkSizeWarningLimit: 4096 } }),
};

export default config;
