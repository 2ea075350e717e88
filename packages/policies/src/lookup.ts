import { YishiError, type YishiErrorCode } from '@yishi/core';

/** Look an id up in a table of packs or reforms; an unknown id is an error listing the known ones. */
export function lookup<T>(table: Readonly<Record<string, T>>, id: string, what: 'policy' | 'reform'): T {
  const found = table[id];
  if (found !== undefined) return found;
  const known = Object.keys(table);
  const code: YishiErrorCode = what === 'policy' ? 'UNKNOWN_POLICY' : 'UNKNOWN_REFORM';
  throw new YishiError(code, `unknown ${what} "${id}"; expected one of: ${known.join(', ')}`, [
    { field: what, message: `unknown ${what}`, expected: known.join(' | '), received: id },
  ]);
}
