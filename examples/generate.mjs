#!/usr/bin/env node
// Writes the example input files in this directory. Deterministic: a fixed-seed generator, so
// running it again gives byte-identical files. Run from the repository root:
//
//   node examples/generate.mjs
//
// All people, names and addresses are invented.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** mulberry32: a tiny seeded PRNG (no randomness without a fixed seed). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
];
const GIVEN = [
  '建国',
  '秀英',
  '伟',
  '芳',
  '敏',
  '静',
  '丽华',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
];

/** n distinct invented names, in a fixed order. */
function names(n, offset = 0) {
  const out = [];
  const seen = new Set();
  for (let i = offset; out.length < n; i++) {
    const name =
      SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7 + Math.floor(i / SURNAMES.length)) % GIVEN.length];
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

function write(rel, text) {
  const file = join(here, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
const json = (rel, value) => write(rel, `${JSON.stringify(value, null, 2)}\n`);
const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rel, rows) => write(rel, `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`);

// ── estate: 梅园小区, 3 buildings × 10 floors × 2 units ─────────────────────────────────────
{
  const rnd = prng(20250601);
  const area = (base) => (base + Math.floor(rnd() * 300 - 150) / 100).toFixed(2);
  const units = [];
  for (const b of [1, 2, 3]) {
    for (let floor = 1; floor <= 10; floor++) {
      for (const [n, base] of [
        [1, 121.37],
        [2, 89.52],
      ]) {
        units.push({
          id: `${b}-${floor}0${n}`,
          building: `${b}号楼`,
          area: area(base),
          owner: '',
          status: 'delivered',
        });
      }
    }
  }
  // The developer still holds 3号楼 floors 9–10 unsold; 3-801 and 3-802 are sold but not delivered
  // (司法解释 第9条: all of these vote as the developer, as one person).
  for (const u of units) {
    if (u.building === '3号楼' && /^3-(9|10)0\d$/.test(u.id)) {
      u.owner = 'developer';
      u.status = 'unsold';
    }
  }
  const people = names(51);
  const buyers = [people[49], people[50]];
  units.find((u) => u.id === '3-801').status = 'undelivered';
  units.find((u) => u.id === '3-802').status = 'undelivered';
  units.find((u) => u.id === '3-801').owner = buyers[0];
  units.find((u) => u.id === '3-802').owner = buyers[1];
  // Owners: one key per buyer. 王建国 owns three units; three others own two each.
  const delivered = units.filter((u) => u.status === 'delivered');
  const multi = new Map([
    ['1-101', 0],
    ['1-102', 0],
    ['2-501', 0],
    ['1-601', 1],
    ['3-601', 1],
    ['2-301', 2],
    ['2-302', 2],
    ['3-102', 3],
    ['3-202', 3],
  ]);
  let next = 4;
  for (const u of delivered) {
    const k = multi.get(u.id);
    u.owner = people[k ?? next++];
  }
  const owners = [...new Set(delivered.map((u) => u.owner))];
  if (owners.length !== 49) throw new Error(`expected 49 owners, got ${owners.length}`);

  json('estate/units.json', { estate: '梅园小区', units });
  csv('estate/units.csv', [
    ['房号', '楼栋', '面积', '业主', '状态'],
    ...units.map((u) => [
      u.id,
      u.building,
      u.area,
      u.owner,
      { delivered: '已交付', unsold: '未售', undelivered: '未交付' }[u.status],
    ]),
  ]);

  // Ballots on one matter: 40 of 50 persons vote (49 owners + the developer).
  const CHOICES = [
    ...Array(28).fill('agree'),
    ...Array(5).fill('oppose'),
    ...Array(4).fill('abstain'),
    ...Array(2).fill('invalid'),
  ];
  const CHANNELS = ['paper', 'paper', 'paper', 'online', 'online', 'proxy', 'inPerson'];
  const voters = owners.filter((_, i) => i % 5 !== 3); // 39 owners vote, 10 do not
  const ballots = voters.map((owner, i) => ({ owner, choice: CHOICES[i], channel: CHANNELS[(i * 3) % 7] }));
  ballots.push({ owner: 'developer', choice: 'oppose', channel: 'paper' });
  json('estate/ballots.json', ballots);
  const ZH = {
    agree: '同意',
    oppose: '反对',
    abstain: '弃权',
    invalid: '无效',
    paper: '纸质',
    online: '线上',
    proxy: '委托',
    inPerson: '现场',
  };
  csv('estate/ballots.csv', [
    ['业主', '表决意见', '渠道'],
    ...ballots.map((b) => [b.owner, ZH[b.choice], ZH[b.channel]]),
  ]);

  // A vote of 1号楼's owners alone on its shared parts (上海规定 第69条), e.g. repairing its lifts.
  const b1 = [...new Set(units.filter((u) => u.building === '1号楼').map((u) => u.owner))];
  const b1Choices = [
    'agree',
    'agree',
    'oppose',
    'agree',
    'agree',
    'abstain',
    'agree',
    'agree',
    'agree',
    'oppose',
  ];
  const b1Ballots = b1
    .filter((_, i) => i % 6 !== 5)
    .map((owner, i) => ({ owner, choice: b1Choices[i % b1Choices.length], channel: 'paper' }));
  json('estate/ballots-building1.json', b1Ballots);
}

// ── residents: 梅园居民区 ─────────────────────────────────────────────────────────────────
{
  const rnd = prng(20250315);
  const people = names(40, 100);
  const residents = [];
  let p = 0;
  for (let h = 1; h <= 14; h++) {
    const size = 2 + Math.floor(rnd() * 3); // 2–4 people
    const group = `第${['一', '二', '三'][(h - 1) % 3]}居民小组`;
    for (let k = 0; k < size && p < people.length; k++) {
      const child = k === size - 1 && size >= 3;
      const year = child ? 2009 + Math.floor(rnd() * 12) : 1945 + Math.floor(rnd() * 55);
      const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
      const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
      residents.push({
        id: `r${String(residents.length + 1).padStart(3, '0')}`,
        household: `h${String(h).padStart(2, '0')}`,
        residentsGroup: group,
        buildingGroup: `${Math.ceil(h / 5)}号楼组`,
        birthDate: `${year}-${month}-${day}`,
        ...(k === 0 && h <= 9 ? { roles: ['residentsGroupRepresentative'] } : {}),
        ...(k === 0 && h % 4 === 1 ? { partyMember: true } : {}),
      });
      p++;
    }
  }
  json('residents/residents.json', { community: '梅园居民区', residents });
  const date = '2025-03-15';
  const adults = residents.filter(
    (r) => `${Number(r.birthDate.slice(0, 4)) + 18}${r.birthDate.slice(4)}` <= date,
  );
  const present = adults.filter((_, i) => i % 3 !== 2).map((r) => r.id);
  const pattern = ['agree', 'agree', 'oppose', 'agree', 'abstain', 'agree', 'agree', 'oppose'];
  json('residents/meeting.json', {
    date,
    present,
    votes: present.map((voter, i) => ({ voter, choice: pattern[i % pattern.length] })),
  });
  // The same question at a meeting of household representatives (one per household).
  const reps = [];
  const seenHh = new Set();
  for (const r of adults) {
    if (!seenHh.has(r.household)) {
      seenHh.add(r.household);
      reps.push(r.id);
    }
  }
  const hhPresent = reps.filter((_, i) => i % 4 !== 3);
  json('residents/meeting-households.json', {
    date,
    present: hhPresent,
    votes: hhPresent.map((voter, i) => ({ voter, choice: pattern[(i + 2) % pattern.length] })),
  });
  // A hearing (听证会) before a micro-renewal project: opinions recorded, no binding vote.
  json('residents/hearing.json', {
    date: '2025-02-20',
    present: present.slice(0, 9),
    votes: [],
    opinions: [
      { by: present[0], text: '支持在3号楼北侧增设非机动车充电棚，建议远离住户窗口。' },
      { by: present[3], text: '担心施工噪音，希望工期避开中考。' },
      { text: '物业提出充电棚由共建单位出资，日常维护费从公共收益列支。' },
    ],
  });
}

// ── village: 东滩村 ─────────────────────────────────────────────────────────────────────
{
  const rnd = prng(20250410);
  const villagers = [];
  for (let h = 1; h <= 15; h++) {
    const group = ['一组', '二组', '三组'][(h - 1) % 3];
    const size = 2 + Math.floor(rnd() * 3);
    for (let k = 0; k < size; k++) {
      const child = k === size - 1 && size === 4;
      villagers.push({
        id: `v${String(villagers.length + 1).padStart(3, '0')}`,
        household: `dt-${String(h).padStart(2, '0')}`,
        villagersGroup: group,
        adult: !child,
        ...(k === 0 && h % 3 === 0 ? { roles: ['villagerRepresentative'] } : {}),
      });
    }
  }
  json('village/villagers.json', { community: '东滩村', villagers });
  // Village meeting: one person from each of 11 of 15 households comes (2/3 of households are
  // represented) though fewer than half of all adults do: the either-or quorum is met.
  const firstOfHousehold = [];
  const seen = new Set();
  for (const v of villagers) {
    if (v.adult && !seen.has(v.household)) {
      seen.add(v.household);
      firstOfHousehold.push(v.id);
    }
  }
  const present = firstOfHousehold.filter((_, i) => i % 4 !== 1).slice(0, 11);
  const pattern = ['agree', 'agree', 'agree', 'oppose', 'agree', 'abstain'];
  json('village/meeting.json', {
    date: '2025-04-10',
    present,
    votes: present.map((voter, i) => ({ voter, choice: pattern[i % pattern.length] })),
  });
  // 一组's own meeting: most of its adults attend.
  const group1 = villagers.filter((v) => v.villagersGroup === '一组' && v.adult).map((v) => v.id);
  const g1Present = group1.filter((_, i) => i % 5 !== 4);
  json('village/group-meeting.json', {
    date: '2025-04-12',
    present: g1Present,
    votes: g1Present.map((voter, i) => ({ voter, choice: i % 4 === 3 ? 'oppose' : 'agree' })),
  });
}

// ── committee: 梅园小区业主委员会 (7 members) ────────────────────────────────────────────────
{
  const people = names(7, 200);
  const members = people.map((name, i) => ({
    id: `m${i + 1}`,
    name,
    role: i === 0 ? '主任' : i === 1 ? '副主任' : '委员',
    termStart: '2023-06-01',
    termEnd: '2028-05-31',
  }));
  json('committee/members.json', { body: 'ownersCommittee', name: '梅园小区业主委员会', members });
  json('committee/meeting.json', {
    date: '2025-04-10',
    present: ['m1', 'm2', 'm3', 'm5', 'm6'],
    votes: [
      { voter: 'm1', choice: 'agree' },
      { voter: 'm2', choice: 'agree' },
      { voter: 'm3', choice: 'agree' },
      { voter: 'm5', choice: 'oppose' },
      { voter: 'm6', choice: 'agree' },
    ],
  });
}
