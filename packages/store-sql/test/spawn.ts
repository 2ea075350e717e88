/** Starts test/appender.ts in its own OS process and collects the appends it acknowledges. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Ack {
  stream: string;
  version: number;
  hash: string;
  batch: string;
  of: number;
}

export interface Appender {
  child: ChildProcess;
  acks: Ack[];
  /** Resolves when the process ends (with its exit code or signal and its stderr). */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

const script = fileURLToPath(new URL('./appender.ts', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));

export function startAppender(kind: 'sqlite' | 'postgres', target: string, options: object): Appender {
  const child = spawn(process.execPath, ['--import', 'tsx', script, kind, target, JSON.stringify(options)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: Ack[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line) acks.push(JSON.parse(line) as Ack);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, acks, done };
}
