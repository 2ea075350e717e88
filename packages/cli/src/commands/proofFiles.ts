/**
 * What the proof commands (verify of v2 logs, verify-receipt, migrate, anchor, receipt) share:
 * reading keys given as hex or as a file, JSON files, JSONL logs as parsed values, and times.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jsonlLines } from '@yishi/core/engine';
import type { Io } from '../io.js';

/** A message for the user, with the exit code it ends in (2: unreadable input or bad arguments). */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly exit = 2,
  ) {
    super(message);
  }
}

export async function readText(io: Io, path: string, what: string): Promise<string> {
  try {
    return new TextDecoder('utf-8').decode(await readFile(resolve(io.cwd, path)));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new Refusal(`cannot read ${what} ${path}: ${why}`);
  }
}

export async function readJson(io: Io, path: string, what: string): Promise<unknown> {
  const text = await readText(io, path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Refusal(`${what} ${path} is not JSON: ${(e as Error).message}`);
  }
}

/** A key given on the command line: 64 hex digits as they are, anything else a file to read. */
export async function readKey(io: Io, value: string, what: string): Promise<string> {
  return /^[0-9a-fA-F]{64}$/.test(value.trim()) ? value.trim() : readText(io, value, what);
}

/** The entries of a JSONL log, parsed (not verified). A line that is not JSON is refused (exit 1). */
export function parseLines(text: string, file: string): unknown[] {
  return jsonlLines(text).map(({ line, text: t }) => {
    try {
      return JSON.parse(t) as unknown;
    } catch (e) {
      throw new Refusal(`${file}:${line} is not JSON: ${(e as Error).message}`, 1);
    }
  });
}

/** The format of a JSONL log: the `v` of its first entry (1 or 2), or undefined. */
export function formatOf(text: string): number | undefined {
  const first = jsonlLines(text)[0];
  if (!first) return undefined;
  try {
    const v = (JSON.parse(first.text) as { v?: unknown } | null)?.v;
    return typeof v === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** `--at`: milliseconds since 1970, or an ISO 8601 time with its zone (2026-01-01T08:00+08:00). */
export function parseAt(value: string): number {
  const v = value.trim();
  if (/^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  throw new Refusal(
    `--at must be milliseconds or an ISO 8601 time with its zone (2026-01-01T08:00+08:00), got "${value}"`,
  );
}

/** A time for people: ISO 8601 in UTC. */
export const iso = (ms: number): string => {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
};
