/** Entry fields for the package's own tests. */
import type { StreamEntryFields } from '@yishi/core/store';

export const fields = (i: number, extra: Record<string, unknown> = {}): StreamEntryFields => ({
  at: Date.UTC(2026, 0, 5) + i * 1000,
  process: 'wc-1',
  kind: 'writtenConsultation',
  actor: { id: `owner-${i}`, role: 'owner' },
  channel: 'web',
  event: { type: 'CAST_BALLOT', ballotId: `b-${i}`, ...extra },
});
