/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped — so the same
 * value always gives the same bytes and the same hash, whoever serialised it (RFC 8785 in spirit;
 * numbers are integers or JSON's own shortest form). Rejects what JSON cannot carry faithfully.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

/** Hash of a value's canonical JSON: how frozen registers and rule sets are fingerprinted. */
export { sha256Hex } from './sha256.js';
