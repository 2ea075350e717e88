import { defineReform, setParameter } from '@yishi/core';

/** V6: each of the developer's unsold or undelivered units counts as one person. */
export const v6aDeveloperPerUnit = defineReform(
  {
    id: 'v6a-developer-per-unit',
    variant: 'V6',
    title: { 'zh-CN': '建设单位按套计人数', en: 'Developer counted per unit' },
    description: {
      'zh-CN': '建设单位未售出和已售未交付的每一套专有部分各按一人计算（而非合计一人）。',
      en: 'Each unsold or undelivered unit of the developer counts as one person, instead of all together as one.',
    },
  },
  (d) => {
    setParameter(d, 'ownersAssembly.developerCounting', 'perUnit', {
      reference: '司法解释 第9条的反事实（模拟，RULES.md V6）',
      basis: 'unverified',
    });
  },
);
