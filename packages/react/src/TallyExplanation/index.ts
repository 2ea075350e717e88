export type { HeadingLevel, TallyExplanationProps } from './TallyExplanation.js';
export { TallyExplanation } from './TallyExplanation.js';
