/**
 * Canonical bytes of a logged record: keys sorted, dates as ISO strings, no whitespace — the same record always
 * encodes to the same bytes, whoever recomputes it (the server now, the verifier later, a third party from an export).
 * Prefixed with a domain tag and the kind so a leaf of one kind can never be passed off as another.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      // Functions and symbols: whatever JSON.stringify makes of them, as this function always did.
      return JSON.stringify(value) as string;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // Written as loops, not entries/map/join: the verifier runs this once per logged record. Output is unchanged,
  // down to a sparse array's holes (joined as nothing).
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the same order as `a < b`.
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

const LEAF_TAG = 'zhifa-ledger-leaf/v1';

export function leafData(kind: string, record: unknown): Uint8Array {
  return new TextEncoder().encode(`${LEAF_TAG}\n${kind}\n${canonicalJson(record)}`);
}

/**
 * What the leaf hash is taken over, as one string: 0x00 (RFC 6962 leaf prefix) then leafData. Hashing it as UTF-8 in a
 * single native call equals leafHash(h, leafData(kind, record)) without the intermediate arrays.
 */
export function leafText(kind: string, canonicalRecord: string): string {
  return `\u0000${LEAF_TAG}\n${kind}\n${canonicalRecord}`;
}
