/**
 * A PostgreSQL position: the inserting transaction's id and the row's bigserial, as "tx:pos".
 * readAll orders by (tx, position), so the string carries both; callers treat it as opaque.
 */
import { YishiError } from '@yishi/core';

export interface PgPosition {
  tx: string;
  position: string;
}

export const formatPosition = (p: PgPosition): string => `${p.tx}:${p.position}`;

const POSITION = /^(\d{1,20}):(\d{1,19})$/;

export function parsePosition(s: string): PgPosition {
  const m = typeof s === 'string' ? POSITION.exec(s) : null;
  if (!m) throw new YishiError('INVALID_INPUT', `readAll: not a position of this store: ${String(s)}`);
  return { tx: m[1]!, position: m[2]! };
}
