/**
 * How bin/yishi.mjs runs the bundle dist-bin/yishi.cjs: compiled with the V8 code cache
 * dist-bin/yishi.cache that the build made (scripts/code-cache.mjs), so a start skips parsing and
 * compiling most of yishi's code (Node 20 has no module compile cache of its own). V8 checks the
 * cache against the source and its own version and flags; when it does not fit (another Node, no
 * cache file), the bundle is compiled as usual, only slower.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE = join(dirname(fileURLToPath(import.meta.url)), '../dist-bin/yishi.cjs');
export const CACHE = BUNDLE.replace(/\.cjs$/, '.cache');

/** The bundle as a script (with the cache when there is one); running it runs `yishi`. */
export function compileBundle(useCache = true) {
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(CACHE);
    } catch {
      // no cache: compile as usual
    }
  }
  // CommonJS's own wrapper, so the bundle sees exports, require, module, __filename, __dirname
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(BUNDLE, 'utf8')}\n});`;
  const script = new Script(source, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  return script;
}

/** Run the compiled bundle as CommonJS would; returns its exports. */
export function runBundle(script) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return module.exports;
}
