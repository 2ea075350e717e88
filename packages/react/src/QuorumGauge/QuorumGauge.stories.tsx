import type { Meta, StoryObj } from '@storybook/react-vite';
import { scenarios } from '../fixtures/sample.js';
import { QuorumGauge } from './QuorumGauge.js';

const meta = {
  title: 'Components/QuorumGauge',
  component: QuorumGauge,
} satisfies Meta<typeof QuorumGauge>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Quorum met by area and by headcount (passed vote). */
export const Passed: Story = { args: { result: scenarios.passed() } };
export const PassedEn: Story = { ...Passed, name: 'Passed (en)', globals: { locale: 'en' } };

/** Too few owners took part: both gaps are named. */
export const FailedQuorum: Story = { args: { result: scenarios.noQuorum(), live: true } };
export const FailedQuorumEn: Story = {
  ...FailedQuorum,
  name: 'Failed quorum (en)',
  globals: { locale: 'en' },
};

/** The approval lines of a special-majority matter (3/4 以上) that failed. */
export const FailedApproval: Story = { args: { result: scenarios.rejected(), kind: 'approval' } };
export const FailedApprovalEn: Story = {
  ...FailedApproval,
  name: 'Failed approval (en)',
  globals: { locale: 'en' },
};
