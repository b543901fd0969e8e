/**
 * Canonical bytes of a logged record: keys sorted, dates as ISO strings, no whitespace — the same record always
 * encodes to the same bytes, whoever recomputes it (the server now, the verifier later, a third party from an export).
 * Prefixed with a domain tag and the kind so a leaf of one kind can never be passed off as another.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

export function leafData(kind: string, record: unknown): Uint8Array {
  return new TextEncoder().encode(`zhifa-ledger-leaf/v1\n${kind}\n${canonicalJson(record)}`);
}
