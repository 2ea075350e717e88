/**
 * The `yishi` binary's entry (bundled into dist-bin/yishi.cjs with its dependencies and run by
 * bin/yishi.mjs; see tsup.config.ts). `main` is exported for the build's code-cache warm-up.
 */
import { main } from './index.js';

export { main };

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
