/** `yishi tally` run in-process for tests: argv in, exit code and everything written out. */
import type { Io } from '../../io.js';
import { command } from '../tally.js';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** A `tally(...argv)` that runs in `cwd`, with today fixed (tests never read the clock). */
export function tallyIn(cwd: string, today = '2025-06-01'): (...argv: string[]) => Promise<Run> {
  return async (...argv) => {
    let out = '';
    let err = '';
    const io: Io = {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
      cwd,
      today: () => today,
      isTTY: false,
    };
    const code = await command(argv, io);
    return { code, out, err };
  };
}
