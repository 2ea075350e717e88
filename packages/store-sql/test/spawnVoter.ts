/** Starts test/voter.ts in its own OS process and collects the sends it acknowledges. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface VoteAck {
  i: number;
  version: number;
  hash: string;
  duplicate: boolean;
}

export interface Voter {
  child: ChildProcess;
  acks: VoteAck[];
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

const script = fileURLToPath(new URL('./voter.ts', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));

export function startVoter(kind: 'sqlite' | 'postgres', target: string, options: object): Voter {
  const child = spawn(process.execPath, ['--import', 'tsx', script, kind, target, JSON.stringify(options)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: VoteAck[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line) acks.push(JSON.parse(line) as VoteAck);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, acks, done };
}
