/**
 * What the tally dispatcher hands the loaders (the options bag) and what it does with what they
 * hand back (warnings on stderr). The loaders are spied on; their own behaviour is tested in load.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { YishiIssue } from '@yishi/core';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as load from '../../load.js';
import { tallyIn } from './tally.testkit.js';

const warnings: { units: YishiIssue[]; ballots: YishiIssue[]; record: YishiIssue[] } = {
  units: [],
  ballots: [],
  record: [],
};

vi.mock('../../load.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../load.js')>();
  const withWarnings =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>, key: keyof typeof warnings) =>
    async (...a: A) => {
      const loaded = await f(...a);
      return warnings[key].length > 0 ? { ...loaded, warnings: warnings[key] } : loaded;
    };
  return {
    ...real,
    loadUnitRegistry: vi.fn(withWarnings(real.loadUnitRegistry, 'units')),
    loadBallots: vi.fn(withWarnings(real.loadBallots, 'ballots')),
    loadJson: vi.fn(withWarnings(real.loadJson, 'record')),
    loadResidentRegistry: vi.fn(real.loadResidentRegistry),
    loadMemberRegistry: vi.fn(real.loadMemberRegistry),
  };
});

const dir = mkdtempSync(join(tmpdir(), 'yishi-tally-loaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'units.csv'),
  'id,building,area,owner\nA-1,A,100.00,alice\nA-2,A,80.00,bob\nA-3,A,90.00,carol\n',
);
writeFileSync(join(dir, 'ballots.csv'), 'owner,choice\nalice,agree\nbob,agree\ncarol,agree\n');
writeFileSync(join(dir, 'residents.csv'), 'id,household,adult\nr1,h1,是\nr2,h2,是\n');
writeFileSync(join(dir, 'members.csv'), 'id\nm1\nm2\nm3\n');
writeFileSync(
  join(dir, 'members.json'),
  JSON.stringify({ body: 'ownersCommittee', members: [{ id: 'm1' }] }),
);
writeFileSync(
  join(dir, 'meeting.json'),
  JSON.stringify({ date: '2025-05-20', present: ['r1', 'r2'], votes: [{ voter: 'r1', choice: 'agree' }] }),
);
writeFileSync(
  join(dir, 'hearing.json'),
  JSON.stringify({ date: '2025-05-20', present: ['a', 'b'], votes: [], opinions: [] }),
);

const tally = tallyIn(dir);

const owners = ['--registry', 'units.csv', '--ballots', 'ballots.csv', '--matter', 'hireManager'];

beforeEach(() => {
  vi.clearAllMocks();
  warnings.units = [];
  warnings.ballots = [];
  warnings.record = [];
});

describe('the options bag the loaders receive', () => {
  it('nothing but what was given', async () => {
    expect((await tally(...owners)).code).toBe(0);
    expect(load.loadUnitRegistry).toHaveBeenCalledWith('units.csv', dir, {});
    expect(load.loadBallots).toHaveBeenCalledWith('ballots.csv', dir, {});
  });

  it('--developer, --encoding (lower-cased), --sheet and --key-collisions', async () => {
    const r = await tally(
      ...owners,
      '--developer',
      '鸿泰置业',
      '--encoding',
      'GB18030',
      '--sheet',
      '业主清单',
      '--key-collisions',
      'refuse',
    );
    expect(r.code).toBe(0);
    expect(load.loadUnitRegistry).toHaveBeenCalledWith('units.csv', dir, {
      developer: '鸿泰置业',
      encoding: 'gb18030',
      sheet: '业主清单',
      keyCollisions: 'refuse',
    });
    expect(load.loadBallots).toHaveBeenCalledWith('ballots.csv', dir, {
      encoding: 'gb18030',
      sheet: '业主清单',
      keyCollisions: 'refuse',
    });
  });

  it('JSON documents get --encoding and --key-collisions', async () => {
    const r = await tally('--body', 'hearing', '--record', 'hearing.json', '--encoding', 'UTF-8');
    expect(r.code).toBe(0);
    expect(load.loadJson).toHaveBeenCalledWith('hearing.json', dir, expect.anything(), 'meeting record', {
      encoding: 'utf-8',
    });
  });
});

describe('people registers', () => {
  it('a resident register gets --encoding, --sheet and --key-collisions', async () => {
    const r = await tally(
      '--body',
      'residentsMeeting',
      '--registry',
      'residents.csv',
      '--record',
      'meeting.json',
      '--encoding',
      'utf-8',
      '--sheet',
      '名册',
      '--key-collisions',
      'refuse',
    );
    expect([r.code, r.err]).toEqual([0, '']);
    expect(load.loadResidentRegistry).toHaveBeenCalledWith('residents.csv', dir, {
      encoding: 'utf-8',
      sheet: '名册',
      keyCollisions: 'refuse',
    });
    // the record is JSON: no sheet
    expect(load.loadJson).toHaveBeenCalledWith('meeting.json', dir, expect.anything(), 'meeting record', {
      encoding: 'utf-8',
      keyCollisions: 'refuse',
    });
  });

  it('a member register in a table gets the body --body implies; a JSON one names its own', async () => {
    const m = ['--record', 'meeting.json', '--policy', 'shanghai'];
    await tally('--body', 'ownersCommitteeMeeting', '--members', 'members.csv', ...m);
    expect(load.loadMemberRegistry).toHaveBeenLastCalledWith('members.csv', dir, { body: 'ownersCommittee' });
    await tally('--body', 'villagerRepresentativesMeeting', '--members', 'members.csv', ...m);
    expect(load.loadMemberRegistry).toHaveBeenLastCalledWith('members.csv', dir, {
      body: 'villagerRepresentatives',
    });
    await tally('--body', 'ownersCommitteeMeeting', '--members', 'members.json', ...m);
    expect(load.loadMemberRegistry).toHaveBeenLastCalledWith('members.json', dir, {});
  });
});

describe('loader warnings', () => {
  it('are printed on stderr, one line each, and the tally still runs', async () => {
    warnings.units = [
      {
        file: 'units.csv',
        row: 3,
        field: 'owner',
        message: 'owner keys "Bob" (line 3) and "bob" (line 4) differ only by case',
      },
    ];
    warnings.ballots = [{ file: 'ballots.csv', message: 'decoded as GB18030' }];
    const r = await tally(...owners, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ body: 'ownersAssembly', passed: true });
    expect(r.err).toBe(
      'yishi tally: 警告 warning: units.csv:3: field "owner": owner keys "Bob" (line 3) and "bob" (line 4) differ only by case\n' +
        'yishi tally: 警告 warning: ballots.csv: decoded as GB18030\n',
    );
  });

  it('from a meeting record too; none, nothing printed', async () => {
    warnings.record = [{ file: 'hearing.json', path: 'present[1]', message: 'key normalised to NFC' }];
    const r = await tally('--body', 'hearing', '--record', 'hearing.json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('yishi tally: 警告 warning: hearing.json: present[1]: key normalised to NFC\n');
    warnings.record = [];
    expect((await tally('--body', 'hearing', '--record', 'hearing.json')).err).toBe('');
  });
});
