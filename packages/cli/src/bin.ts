/**
 * The `yishi` binary's entry (bundled into dist-bin/yishi.cjs with its dependencies and run by
 * bin/yishi.mjs; see tsup.config.ts). `main` is exported for the build's code-cache warm-up.
 */
import { main } from './index.js';

export { main };

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Once the output is out, end at once: otherwise V8 tidies up the heap of a large tally (one
  // more collection) before the process ends. With output still buffered (a slow pipe), the
  // process ends by itself when it is written.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
});
