import { getTableColumns, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { canonicalJson } from './canonical.ts';
import type { RawRow } from './raw-source.ts';

/**
 * canonicalJson(row) straight from a row's text form, for the verifier's bulk path: the same bytes the append path
 * hashed from the Drizzle row, without building the row. Each column's text is turned into the value Drizzle would
 * have produced (the driver's parse, then the column's mapFromDriverValue) and written in sorted-key order.
 *
 * It only has to be right when it says "equal": the verifier re-reads every row whose hash differs through Drizzle and
 * decides there, so an encoding this code gets wrong costs time, never a false finding or a missed one.
 */
export interface RecordCodec {
  /** The table's columns as a select list, in the order encode() reads them. */
  select: string;
  width: number;
  /** canonicalJson of the record whose columns start at `offset`, or null when a value needs the exact path. */
  encode(row: RawRow, offset: number): string | null;
}

type Encode = (text: string) => string;

const UTC_TEXT = /^([1-9]\d{3}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00(?:00)?$/;
/**
 * new Date(text).toISOString() for PostgreSQL's text of a UTC timestamp, without the date parser (the slowest step of
 * encoding a row). Fractions are cut to milliseconds as V8 does. Anything else — another offset, a year before 1000
 * (which V8 reads differently), BC — returns null and goes through Date.
 */
function utcIso(t: string): string | null {
  const m = UTC_TEXT.exec(t);
  if (!m) return null;
  const ms = m[3] === undefined ? '000' : m[3].length >= 3 ? m[3].slice(0, 3) : m[3].padEnd(3, '0');
  return `${m[1]}T${m[2]}.${ms}Z`;
}

const asString: Encode = (t) => JSON.stringify(t);
const asNumber: Encode = (t) => JSON.stringify(Number(t));
const asBigInt: Encode = (t) => BigInt(t).toString();
const asBoolean: Encode = (t) => (t === 't' ? 'true' : 'false');

function encoderOf(column: Column): Encode | null {
  switch (column.columnType) {
    case 'PgText':
    case 'PgVarchar':
    case 'PgChar':
    case 'PgUUID':
    case 'PgDateString':
    case 'PgTimestampString':
    case 'PgNumeric':
    case 'PgEnumColumn':
    case 'PgEnumObjectColumn':
      return asString;
    case 'PgInteger':
    case 'PgSerial':
    case 'PgSmallInt':
    case 'PgSmallSerial':
    case 'PgBigInt53':
    case 'PgBigSerial53':
    case 'PgReal':
    case 'PgDoublePrecision':
    case 'PgNumericNumber':
      return asNumber;
    case 'PgBigInt64':
    case 'PgBigSerial64':
    case 'PgNumericBigInt':
      return asBigInt;
    case 'PgBoolean':
      return asBoolean;
    case 'PgTimestamp': {
      // Drizzle: new Date(text), with +0000 appended for timestamps without time zone.
      const suffix = (column as unknown as { withTimezone: boolean }).withTimezone ? '' : '+0000';
      return (t) => `"${utcIso(t + suffix) ?? new Date(t + suffix).toISOString()}"`;
    }
    case 'PgDate':
      return (t) => JSON.stringify(new Date(t).toISOString());
    case 'PgJson':
    case 'PgJsonb':
      // The driver parses json, then Drizzle's mapFromDriverValue runs on the result (and parses a string again).
      return (t) => canonicalJson(column.mapFromDriverValue(JSON.parse(t)));
    default:
      return null;
  }
}

/** A codec for the table, or null when a column type has no bulk encoding (the verifier then reads through Drizzle). */
export function recordCodecOf(table: PgTable, alias: string): RecordCodec | null {
  const columns = Object.entries(getTableColumns(table)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const encoders: Encode[] = [];
  for (const [, column] of columns) {
    const e = encoderOf(column);
    if (!e) return null;
    encoders.push(e);
  }
  const prefixes = columns.map(([key], i) => `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`);
  const width = columns.length;
  return {
    select: columns.map(([, c]) => `${alias}."${c.name.replace(/"/g, '""')}"`).join(', '),
    width,
    encode(row, offset) {
      let out = '';
      try {
        for (let i = 0; i < width; i++) {
          const text = row[offset + i];
          out += prefixes[i]! + (text === null || text === undefined ? 'null' : encoders[i]!(text));
        }
      } catch {
        return null; // an invalid date, malformed JSON…: let the exact path decide
      }
      return width === 0 ? '{}' : `${out}}`;
    },
  };
}
