/**
 * After the build: write dist-bin/yishi.cache, the V8 code cache bin/yishi.mjs compiles the bundle
 * with. The bundle is first run here on a small register and ballots (JSON and CSV, table and
 * --json output), so the cache also holds the code a tally compiles lazily, not only the top level.
 * Writes only the cache and a temp dir it removes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE, compileBundle, runBundle } from '../bin/bundle.mjs';

const dir = mkdtempSync(join(tmpdir(), 'yishi-code-cache-'));
try {
  const units = Array.from({ length: 60 }, (_, i) => ({
    id: `${(i % 3) + 1}-${101 + i}`,
    building: String((i % 3) + 1),
    area: `${80 + i}.${String(i % 100).padStart(2, '0')}`,
    owner: i % 10 === 9 ? 'developer' : `o${i}`,
    status: i % 10 === 9 ? 'unsold' : 'delivered',
  }));
  const ballots = units
    .filter((u) => u.status === 'delivered')
    .map((u, i) => ({ owner: u.owner, choice: ['agree', 'oppose', 'abstain'][i % 3], channel: 'paper' }));
  writeFileSync(join(dir, 'units.json'), JSON.stringify({ developer: 'developer', units }));
  writeFileSync(join(dir, 'ballots.json'), JSON.stringify(ballots));
  const csv = (rows) =>
    `${[Object.keys(rows[0]), ...rows.map(Object.values)].map((r) => r.join(',')).join('\r\n')}\r\n`;
  writeFileSync(join(dir, 'units.csv'), csv(units));
  writeFileSync(join(dir, 'ballots.csv'), csv(ballots));

  // The bundle runs `yishi` as it loads, and ends the process when done: give it a harmless
  // command, keep its output quiet, and keep it from ending this process.
  const argv = process.argv;
  process.argv = [argv[0], argv[1], '--version'];
  const write = process.stdout.write;
  process.stdout.write = () => true;
  const exit = process.exit;
  process.exit = () => {};
  const script = compileBundle(false);
  const { main } = runBundle(script);
  const io = { stdout: () => {}, stderr: () => {}, cwd: dir, today: () => '2025-06-01', isTTY: false };
  for (const ext of ['json', 'csv']) {
    for (const json of [['--json'], []]) {
      const code = await main(
        [
          'tally',
          '--registry',
          `units.${ext}`,
          '--ballots',
          `ballots.${ext}`,
          '--matter',
          'hireManager',
          ...json,
        ],
        io,
      );
      if (code !== 0) throw new Error(`warm-up tally (${ext}) exited ${code}`);
    }
  }
  process.stdout.write = write;
  process.exit = exit;
  process.argv = argv;
  process.exitCode = 0;
  writeFileSync(CACHE, script.createCachedData());
  console.log(`code cache: ${CACHE}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
