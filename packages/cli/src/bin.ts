/** The `yishi` binary's entry (bundled into dist-bin/ with its dependencies; see tsup.config.ts). */
import { main } from './index.js';

process.exitCode = await main(process.argv.slice(2));
