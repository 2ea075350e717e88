/** What a command may touch: injected so commands are testable without spawning a process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Today's date in Asia/Shanghai, YYYY-MM-DD; injected so tests never read the wall clock. */
  today: () => string;
  /** Whether stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
}

export type Command = (argv: string[], io: Io) => Promise<number>;

/** Exit codes, documented in the CLI's README. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Today in Asia/Shanghai as YYYY-MM-DD, whatever the host's TZ. Only the CLI edge reads the clock. */
export function shanghaiToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}

export function nodeIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    today: () => shanghaiToday(),
    isTTY: Boolean(process.stderr.isTTY),
  };
}
