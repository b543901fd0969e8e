import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from '../../db/client.ts';

/** A row as the database prints it: each column in its text output form, null for SQL NULL. */
export type RawRow = (string | null)[];

/**
 * The verifier's read path: whole batches of rows in PostgreSQL's text form, with no per-value parsing or mapping by
 * the driver (measured: that, not hashing, dominated verification). PGlite answers `COPY … TO '/dev/blob'` (one Blob
 * per batch, parsed here); node-postgres answers array rows with every type parser switched off, on one connection in
 * a REPEATABLE READ READ ONLY transaction, so every batch sees the same snapshot of the log.
 */
export interface RawSource {
  rows(query: string): Promise<RawRow[]>;
  close(): Promise<void>;
}

const RAW_TYPES = { getTypeParser: () => (value: string) => value };

export async function openRawSource(db: Db): Promise<RawSource> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    return {
      async rows(query) {
        const blob = (await client.query(`COPY (${query}) TO '/dev/blob'`)).blob;
        return blob ? parseCopyText(Buffer.from(await blob.arrayBuffer()).toString('utf8')) : [];
      },
      async close() {},
    };
  }
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    const conn = client instanceof pg.Pool ? await client.connect() : client;
    await conn.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // One query at a time on the connection (node-postgres will refuse overlapping ones); a query asked for early is
    // sent the moment the previous answer is in, so the server works on it while that answer is being checked.
    let queue: Promise<unknown> = Promise.resolve();
    return {
      rows(query) {
        const next = queue.then(async () => (await conn.query<RawRow>({ text: query, rowMode: 'array', types: RAW_TYPES })).rows);
        queue = next.catch(() => undefined);
        return next;
      },
      async close() {
        try {
          await queue;
          await conn.query('COMMIT');
        } finally {
          if (conn !== client) (conn as pg.PoolClient).release();
        }
      },
    };
  }
  throw new Error('verifier: expected a PGlite or node-postgres database');
}

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Undo COPY's text-format escapes (backslash, control characters; octal/hex byte escapes for completeness). */
function unescapeCopy(field: string): string {
  return field.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|([\s\S]))/g, (_, oct: string | undefined, hex: string | undefined, ch: string) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return COPY_ESCAPES[ch] ?? ch;
  });
}

/**
 * COPY's text format: one line per row, columns separated by tabs, `\N` for NULL. Tabs, newlines and backslashes
 * inside values are escaped, so splitting on the raw characters is exact.
 */
export function parseCopyText(text: string): RawRow[] {
  const rows: RawRow[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const fields: RawRow = text.slice(start, end).split('\t');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.charCodeAt(0) === 92 /* \ */) fields[i] = f === '\\N' ? null : unescapeCopy(f);
      else if (f.includes('\\')) fields[i] = unescapeCopy(f);
    }
    rows.push(fields);
    start = end + 1;
  }
  return rows;
}

/** A value written into a query's text (COPY takes no bind parameters): integers as such, anything else quoted. */
export function literal(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}
