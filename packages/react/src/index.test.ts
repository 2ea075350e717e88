import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@yishi/react public API', () => {
  it('exports exactly the curated names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'LocaleProvider',
      'QuorumGauge',
      'TallyExplanation',
      'defaultMessages',
      'formatMessage',
      'useIntl',
      'useProcessSelector',
      'useProcessSnapshot',
    ]);
  });
});
