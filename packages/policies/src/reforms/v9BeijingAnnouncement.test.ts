import { param, resolvePolicy } from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { shanghai } from '../packs/shanghai.js';
import { v9BeijingAnnouncement } from './v9BeijingAnnouncement.js';

describe('V9: agenda lock and announcement deadline', () => {
  it('sets a 3-day announcement and locks the agenda', () => {
    const base = resolvePolicy(shanghai, '2026-11-27');
    const r = resolvePolicy(shanghai, '2026-11-27', { reforms: [v9BeijingAnnouncement] });
    expect(param(base, 'ownersAssembly.resultPostingDays').value).toBeNull();
    expect(param(r, 'ownersAssembly.resultPostingDays').value).toBe(3);
    expect(param(base, 'ownersAssembly.agendaLock').value).toBe(false);
    expect(param(r, 'ownersAssembly.agendaLock').value).toBe(true);
  });
});
