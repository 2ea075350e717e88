/**
 * Starts a test script (test/appender.ts, test/voter.ts) in its own OS process and collects what
 * it acknowledges: one JSON line on stdout per acknowledged write.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Ack {
  stream: string;
  version: number;
  hash: string;
  batch: string;
  of: number;
}

export interface Child<A> {
  child: ChildProcess;
  acks: A[];
  /** Resolves when the process ends (with its exit code or signal and its stderr). */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export type Appender = Child<Ack>;

const cwd = fileURLToPath(new URL('..', import.meta.url));

export function startChild<A>(
  script: string,
  kind: 'sqlite' | 'postgres',
  target: string,
  options: object,
): Child<A> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, kind, target, JSON.stringify(options)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: A[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line) acks.push(JSON.parse(line) as A);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, acks, done };
}

export function startAppender(kind: 'sqlite' | 'postgres', target: string, options: object): Appender {
  return startChild<Ack>('./appender.ts', kind, target, options);
}
