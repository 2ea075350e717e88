import type { Meta, StoryObj } from '@storybook/react-vite';
import { scenarios } from '../fixtures/sample.js';
import { TallyExplanation } from './TallyExplanation.js';

const meta = {
  title: 'Components/TallyExplanation',
  component: TallyExplanation,
  args: { headingLevel: 1 },
} satisfies Meta<typeof TallyExplanation>;
export default meta;

type Story = StoryObj<typeof meta>;

export const Passed: Story = { args: { result: scenarios.passed(), parametersOpen: true } };
export const PassedEn: Story = { ...Passed, name: 'Passed (en)', globals: { locale: 'en' } };

export const FailedQuorum: Story = { args: { result: scenarios.noQuorum() } };
export const FailedQuorumEn: Story = {
  ...FailedQuorum,
  name: 'Failed quorum (en)',
  globals: { locale: 'en' },
};

export const FailedApproval: Story = { args: { result: scenarios.rejected() } };
export const FailedApprovalEn: Story = {
  ...FailedApproval,
  name: 'Failed approval (en)',
  globals: { locale: 'en' },
};
