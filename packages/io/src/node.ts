/**
 * `@yishi/io/node`: the same loaders, reading a path (relative to `cwd`) with `node:fs`.
 * Messages name the file as the user gave it.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Ballot, MemberRegistry, ResidentRegistry, UnitRegistry, VillagerRegistry } from '@yishi/core';
import { inputError } from './issues.js';
import type { Schema } from './locate.js';
import { type Loaded, type LoadOptions, parseBallots, parseDocument, parseUnitRegistry } from './parse.js';
import { parseMemberRegistry, parseResidentRegistry, parseVillagerRegistry } from './people.js';

/** The bytes of `file`; an `INVALID_INPUT` error naming it when it cannot be read. */
export async function readBytes(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return await readFile(resolve(cwd, file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message =
      code === 'ENOENT'
        ? 'file not found (文件不存在)'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read: ${(e as Error).message}`;
    throw inputError([{ file, code: 'FILE_UNREADABLE', message }]);
  }
}

export async function loadUnitRegistry(
  file: string,
  cwd: string,
  options: LoadOptions = {},
): Promise<Loaded<UnitRegistry>> {
  return parseUnitRegistry(await readBytes(file, cwd), file, options);
}

export async function loadBallots(
  file: string,
  cwd: string,
  options: LoadOptions = {},
): Promise<Loaded<Ballot[]>> {
  return parseBallots(await readBytes(file, cwd), file, options);
}

export async function loadJson<T>(
  file: string,
  cwd: string,
  schema: Schema<T>,
  what: string,
  options: LoadOptions = {},
): Promise<Loaded<T>> {
  return parseDocument(await readBytes(file, cwd), file, schema, what, options);
}

export async function loadResidentRegistry(
  file: string,
  cwd: string,
  options: LoadOptions = {},
): Promise<Loaded<ResidentRegistry>> {
  return parseResidentRegistry(await readBytes(file, cwd), file, options);
}

export async function loadVillagerRegistry(
  file: string,
  cwd: string,
  options: LoadOptions = {},
): Promise<Loaded<VillagerRegistry>> {
  return parseVillagerRegistry(await readBytes(file, cwd), file, options);
}

/** A member register; a CSV or .xlsx one needs `options.body`. */
export async function loadMemberRegistry(
  file: string,
  cwd: string,
  options: LoadOptions = {},
): Promise<Loaded<MemberRegistry>> {
  return parseMemberRegistry(await readBytes(file, cwd), file, options);
}
