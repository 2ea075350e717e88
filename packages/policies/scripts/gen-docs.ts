import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cnNational, shanghai } from '../src/index.js';
import { parameterTable, replaceSection } from './parameterTable.js';

const path = fileURLToPath(new URL('../../../docs/policies.md', import.meta.url));
writeFileSync(path, replaceSection(readFileSync(path, 'utf8'), parameterTable([cnNational, shanghai])));
console.log(`updated ${path}`);
