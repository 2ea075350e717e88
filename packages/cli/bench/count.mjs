/**
 * The plain script yishi is measured against: what a portal developer would write in an
 * afternoon. Reads the unit register and the ballots (JSON or CSV), sums exact areas as integer
 * hundredths of m², counts each owner once (unsold and undelivered units all belong to the
 * developer, 司法解释 第9条), and prints the totals as JSON. No validation beyond what the count needs.
 *
 *   node count.mjs units.json ballots.json
 */
import { readFileSync } from 'node:fs';

const [unitsFile, ballotsFile] = process.argv.slice(2);

function centi(s) {
  const [i, f = ''] = s.split('.');
  return Number(i) * 100 + Number(f.padEnd(2, '0'));
}

function csvRows(text) {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    const o = {};
    header.forEach((h, i) => {
      o[h] = f[i];
    });
    return o;
  });
}

const unitsText = readFileSync(unitsFile, 'utf8');
const ballotsText = readFileSync(ballotsFile, 'utf8');
const units = unitsFile.endsWith('.csv') ? csvRows(unitsText) : JSON.parse(unitsText).units;
const ballots = ballotsFile.endsWith('.csv') ? csvRows(ballotsText) : JSON.parse(ballotsText);
const developer = 'developer';

const area = new Map();
for (const u of units) {
  const owner = u.status === 'unsold' || u.status === 'undelivered' ? developer : u.owner;
  area.set(owner, (area.get(owner) ?? 0) + centi(u.area));
}
const sums = { agree: [0, 0], oppose: [0, 0], abstain: [0, 0], invalid: [0, 0] };
for (const b of ballots) {
  const s = sums[b.choice];
  s[0] += area.get(b.owner);
  s[1] += 1;
}
let total = 0;
for (const a of area.values()) total += a;
const fmt = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const out = { total: { area: fmt(total), owners: area.size } };
for (const [k, [a, n]] of Object.entries(sums)) out[k] = { area: fmt(a), owners: n };
process.stdout.write(`${JSON.stringify(out)}\n`);
