/**
 * The forger's tool: a log re-hashed after its entries were edited, so that every hash and `prev`
 * is consistent again. What the chain alone cannot catch, the engine's replay checks must.
 */
import { appendEntry, type LogEntry, type LogHead } from '../../log/logEntry.js';

export function rechain(entries: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let head: LogHead | null = null;
  for (const e of entries) {
    const next = appendEntry(head, {
      at: e.at,
      process: e.process,
      kind: e.kind,
      actor: e.actor,
      channel: e.channel,
      event: e.event,
    });
    out.push(next);
    head = { seq: next.seq, hash: next.hash };
  }
  return out;
}
