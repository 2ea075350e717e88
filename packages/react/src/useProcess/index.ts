export type { ProcessSource } from './useProcess.js';
export { useProcessSelector, useProcessSnapshot } from './useProcess.js';
