import { version } from '../package.json';
import type { Command, Io } from './io.js';
import { EXIT_BAD_INPUT, EXIT_OK, nodeIo } from './io.js';

export type { Command, Io } from './io.js';
export { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, shanghaiToday } from './io.js';

const USAGE = `yishi 议事 — deliberation and voting engine

用法 Usage:
  yishi tally --registry <units.json|csv|xlsx> --ballots <ballots.json|csv|xlsx> --policy <id> --matter <matter>
              [--at YYYY-MM-DD] [--reform <id> ...] [--building <id> ...] [--json] [--lang zh-CN|en]
  yishi tally --body <body> (--registry | --members) <file> --record <meeting.json> [...]
              bodies: residentsMeeting, villagersMeeting, villagersGroupMeeting, ownersCommitteeMeeting,
              villagerRepresentativesMeeting, partyMembersCouncil, buildingGroupMeeting,
              ownerRepresentativesMeeting, residentRepresentativesMeeting, hearing, coordinationMeeting,
              evaluationMeeting, jointMeeting   (yishi tally --help for all options)
  yishi calendar period-end --start YYYY-MM-DD --days N [--working-days] [--json] [--holidays <file>] [--provisional]
  yishi calendar is-working-day YYYY-MM-DD [--holidays <file>] [--provisional]
  yishi verify <log.jsonl> [--anchor <anchor.json> --key <public key>]
                                           check an audit log's hash chains (exit 1 names the first bad entry)
  yishi verify-receipt <receipt.json> <log.jsonl> --key <public key>   check a receipt against a log
  yishi migrate <v1-log.jsonl> --out <file.jsonl|dir>   convert a version 1 log into streams
  yishi export --store <db> --public --out <file.jsonl>   write a store's streams for publishing
  yishi anchor <log.jsonl> --key <private key>          sign every stream's head (an anchor)
  yishi receipt <log.jsonl> --stream <id> --version N --key <private key>   issue an entry's receipt
  yishi replay <log.jsonl> [--json]        rebuild every process from a log; print stages and key figures
  yishi help [<command>]                   this text, or a command's options (= yishi <command> --help)
  yishi --version                          the version of yishi

An argument error (an unknown option, a missing or malformed value, an option given twice) exits 2
with a message that names the option.
`;

/** Subcommands load lazily, so `yishi calendar` does not parse the tally code. */
const commands: Record<string, () => Promise<Command>> = {
  // one line per command: name → module exporting `command`
  tally: () => import('./commands/tally.js').then((m) => m.command),
  calendar: () => import('./commands/calendar.js').then((m) => m.command),
  verify: () => import('./commands/verifyLog.js').then((m) => m.command),
  replay: () => import('./commands/replay.js').then((m) => m.command),
  'verify-receipt': () => import('./commands/verifyReceipt.js').then((m) => m.command),
  migrate: () => import('./commands/migrate.js').then((m) => m.command),
  export: () => import('./commands/export.js').then((m) => m.command),
  anchor: () => import('./commands/anchor.js').then((m) => m.command),
  receipt: () => import('./commands/receipt.js').then((m) => m.command),
};

/** The version of this package, as `yishi --version` prints it. */
const VERSION: string = version;

export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    if (rest.length > 0) return refuse(io, `${name}: 不接受参数 takes no argument, got "${rest[0]}"`);
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const [topic, ...more] = rest;
    if (topic === undefined || name !== 'help') {
      io.stdout(USAGE);
      return name === undefined ? EXIT_BAD_INPUT : EXIT_OK;
    }
    if (more.length > 0) return refuse(io, `help: 只接受一个命令 takes one command, got ${rest.length}`);
    const load = commands[topic];
    if (!load) return unknownCommand(io, topic);
    // Every command prints its usage for --help and exits 0.
    return (await load())(['--help'], io);
  }
  const load = commands[name];
  if (!load) return unknownCommand(io, name);
  const command = await load();
  return command(rest, io);
}

function unknownCommand(io: Io, name: string): number {
  io.stderr(
    `yishi: unknown command "${name}" (未知命令); expected one of ${Object.keys(commands).join(', ')}\n\n${USAGE}`,
  );
  return EXIT_BAD_INPUT;
}

function refuse(io: Io, message: string): number {
  io.stderr(`yishi: ${message}\n\n${USAGE}`);
  return EXIT_BAD_INPUT;
}
