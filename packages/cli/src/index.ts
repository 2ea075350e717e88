import type { Command, Io } from './io.js';
import { EXIT_BAD_INPUT, nodeIo } from './io.js';

export type { Command, Io } from './io.js';
export { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, shanghaiToday } from './io.js';

const USAGE = `yishi 议事 — deliberation and voting engine

用法 Usage:
  yishi tally --registry <units.json|csv> --ballots <ballots.json|csv> --policy <id> --matter <matter>
              [--at YYYY-MM-DD] [--reform <id> ...] [--building <id> ...] [--json] [--lang zh-CN|en]
  yishi tally --body <body> (--registry | --members) <file> --record <meeting.json> [...]
              bodies: residentsMeeting, villagersMeeting, villagersGroupMeeting, ownersCommitteeMeeting,
              villagerRepresentativesMeeting, partyMembersCouncil, buildingGroupMeeting,
              ownerRepresentativesMeeting, residentRepresentativesMeeting, hearing, coordinationMeeting,
              evaluationMeeting, jointMeeting   (yishi tally --help for all options)
  yishi calendar period-end --start YYYY-MM-DD --days N [--working-days] [--json]
  yishi calendar is-working-day YYYY-MM-DD
  yishi verify <log.jsonl>                 check an audit log's hash chain (exit 1 names the first bad entry)
  yishi replay <log.jsonl> [--json]        rebuild every process from a log; print stages and key figures
  yishi help
`;

/** Subcommands load lazily, so `yishi calendar` does not parse the tally code. */
const commands: Record<string, () => Promise<Command>> = {
  // one line per command: name → module exporting `command`
  tally: () => import('./commands/tally.js').then((m) => m.command),
  calendar: () => import('./commands/calendar.js').then((m) => m.command),
  verify: () => import('./commands/verify.js').then((m) => m.command),
  replay: () => import('./commands/replay.js').then((m) => m.command),
};

export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`yishi: unknown command "${name}" (未知命令)\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const command = await load();
  return command(rest, io);
}
