import { type Comparator, defineReform, type PolicyPack } from '@yishi/core';
import type { Draft } from 'immer';

/** Flip every comparator in every threshold a pack holds, at every date. */
function flipAll(d: Draft<PolicyPack>, from: Comparator, to: Comparator): void {
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.num === 'number' && typeof o.den === 'number' && o.cmp === from) o.cmp = to;
    for (const child of Object.values(o)) visit(child);
  };
  for (const p of Object.values(d.parameters)) for (const dv of Object.values(p.values)) visit(dv.value);
}

/** V7: 以上 read as exclusive — every ≥ line becomes >. */
export const v7aExclusiveBounds = defineReform(
  {
    id: 'v7a-exclusive-bounds',
    variant: 'V7',
    title: { 'zh-CN': '“以上”按不含本数理解', en: '“以上” read as exclusive' },
    description: {
      'zh-CN': '所有“以上”（≥）门槛改为“超过”（>），恰好达到分数线时不再满足。',
      en: 'Every ≥ line becomes >: a count exactly at the line no longer meets it (contrary to 民法典 第1259条).',
    },
  },
  (d) => flipAll(d, '>=', '>'),
);

/** V7: 过半数 read as inclusive — every > line becomes ≥ (exactly half suffices). */
export const v7bInclusiveMajority = defineReform(
  {
    id: 'v7b-inclusive-majority',
    variant: 'V7',
    title: { 'zh-CN': '“过半数”按含半数理解', en: '“过半数” read as inclusive' },
    description: {
      'zh-CN': '所有“过半数”（>）门槛改为“半数以上”（≥），恰好一半即满足。',
      en: 'Every > line becomes ≥: exactly half is enough.',
    },
  },
  (d) => flipAll(d, '>', '>='),
);
