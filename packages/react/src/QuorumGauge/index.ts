export type { QuorumGaugeProps } from './QuorumGauge.js';
export { QuorumGauge } from './QuorumGauge.js';
