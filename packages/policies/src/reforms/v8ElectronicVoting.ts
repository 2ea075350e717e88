import { defineReform, setParameter } from '@yishi/core';

/** V8: no electronic ballots count (a strict reading of Shanghai's silence). */
export const v8aNoElectronicVoting = defineReform(
  {
    id: 'v8a-no-electronic-voting',
    variant: 'V8',
    title: { 'zh-CN': '不采用电子投票', en: 'No electronic voting' },
    description: {
      'zh-CN': '线上表决票不计入，相关业主视为未参与表决。',
      en: 'Online ballots are not counted; those owners are treated as not voting.',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.electronicVoting', 'none', {
      reference: '上海规定未规定电子投票（RULES.md A12、V8，模拟）',
      basis: 'unverified',
    });
  },
);

/** V8: only the government's official platform counts (Beijing 条例 第35条). */
export const v8bOfficialPlatformOnly = defineReform(
  {
    id: 'v8b-official-platform-only',
    variant: 'V8',
    title: { 'zh-CN': '仅认可官方电子投票平台', en: 'Official e-voting platform only' },
    description: {
      'zh-CN': '电子投票只能通过政府官方平台进行（北京市物业管理条例 第35条）。',
      en: 'Electronic ballots count only through the official government system (Beijing regulation art. 35).',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.electronicVoting', 'officialPlatformOnly', {
      reference: '北京市物业管理条例（2024）第35条（模拟）',
    });
  },
);
