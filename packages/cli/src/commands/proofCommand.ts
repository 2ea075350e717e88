/**
 * The frame of the proof commands (verify-receipt, migrate, anchor, receipt): arguments through
 * the shared parser (so every argument error is yishi's own), --help, and errors turned into exit
 * codes — Refusal and INVALID_INPUT exit 2, other coded errors (a tampered log, an invalid receipt
 * or anchor) exit 1 with their code.
 */
import { isYishiError } from '@yishi/core';
import {
  ArgsError,
  type OptionTable,
  type PositionalSpec,
  parseCommandArgs,
  reportArgsError,
} from '../args.js';
import type { Command, Io } from '../io.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../io.js';
import { Refusal } from './proofFiles.js';

export function proofCommand<T extends OptionTable>(
  name: string,
  usage: string,
  options: T,
  positionals: PositionalSpec,
  run: (args: { values: Record<string, unknown>; positionals: string[] }, io: Io) => Promise<number>,
): Command {
  return async (argv, io) => {
    let parsed: { values: Record<string, unknown>; positionals: string[] };
    try {
      parsed = parseCommandArgs(argv, {
        command: name,
        options: { ...options, help: { type: 'boolean', short: 'h' } },
        positionals,
      });
    } catch (e) {
      if (e instanceof ArgsError) {
        if (
          e.issues.every((i) => i.code === 'MISSING_ARGUMENT') &&
          argv.some((a) => a === '--help' || a === '-h')
        ) {
          io.stdout(usage);
          return EXIT_OK;
        }
        return reportArgsError(io, name, e, usage);
      }
      throw e;
    }
    if (parsed.values.help) {
      io.stdout(usage);
      return EXIT_OK;
    }
    try {
      return await run(parsed, io);
    } catch (e) {
      if (e instanceof Refusal) {
        io.stderr(`yishi ${name}: ${e.message}\n${e.exit === EXIT_BAD_INPUT ? `\n${usage}` : ''}`);
        return e.exit;
      }
      if (isYishiError(e)) {
        if (e.code === 'INVALID_INPUT') {
          io.stderr(`yishi ${name}: ${e.message}\n`);
          return EXIT_BAD_INPUT;
        }
        io.stdout(`✗ ${e.code}: ${e.message}\n`);
        return EXIT_FAILURE;
      }
      throw e;
    }
  };
}
