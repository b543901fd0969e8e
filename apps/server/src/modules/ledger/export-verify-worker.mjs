// Worker thread of verifyExportFile (export.ts): checks a byte range of an export file, line by line, on its own core.
// Plain JavaScript so that it starts under node, tsx and vitest alike, and imports nothing of ours.
//
// For a leaf line exactly as exportLedger writes it — {"i":N,"kind":"K","ref":"R","leafHash":"H","record":<text>} — it
// hashes 0x00 || "zhifa-ledger-leaf/v1\n" || K || "\n" || <text> straight from the file's bytes (the record text is
// the canonical text the leaf was taken over, canonical.ts) and compares with H. A line that matches is done: only its
// index and leaf hash go back. Any other line (header, checkpoint, a record that does not hash to its leaf, a line in
// another layout) goes back as text, and the main thread reads it as JSON and decides. So this file can only ever make
// verification faster: it never reports a finding, and it accepts nothing the main thread would not.
import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { file, alg } = workerData;
const fd = fs.openSync(file, 'r');
const TAG = Buffer.from('\u0000zhifa-ledger-leaf/v1\n', 'utf8');
const I = Buffer.from('{"i":');
const KIND = Buffer.from(',"kind":"');
const REF = Buffer.from(',"ref":"');
const LEAF = Buffer.from(',"leafHash":"');
const RECORD = Buffer.from('","record":');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
let scratch = Buffer.alloc(1 << 16);

/** Whether `pattern` occurs in buf at pos (a plain loop: cheaper than a native call for a dozen bytes). */
function at(buf, pos, pattern) {
  if (pos + pattern.length > buf.length) return false;
  for (let k = 0; k < pattern.length; k++) if (buf[pos + k] !== pattern[k]) return false;
  return true;
}
const hexValue = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1);
const isBlank = (buf, a, b) => {
  for (let k = a; k < b; k++) {
    const c = buf[k];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0b && c !== 0x0c) return false;
  }
  return true;
};

/** End (exclusive) of a JSON string's content starting at pos, or -1 if it has escapes or no end before `end`. */
function plainStringEnd(buf, pos, end) {
  for (let k = pos; k < end; k++) {
    const c = buf[k];
    if (c === QUOTE) return k;
    if (c === BACKSLASH) return -1;
  }
  return -1;
}

/**
 * Checks one line [a, b). Returns the leaf index and writes the leaf hash at leaves[off..off+32) when the line is a leaf
 * line whose record hashes to its leaf; returns -1 otherwise.
 */
function fastLeaf(buf, a, b, leaves, off) {
  if (b - a < 90 || buf[b - 1] !== 0x7d /* } */ || !at(buf, a, I)) return -1;
  let p = a + I.length;
  let i = 0;
  const digits = p;
  while (p < b && buf[p] >= 48 && buf[p] <= 57) i = i * 10 + (buf[p++] - 48);
  if (p === digits || p - digits > 15 || (buf[digits] === 48 && p - digits > 1)) return -1;
  if (!at(buf, p, KIND)) return -1;
  const kindStart = p + KIND.length;
  const kindEnd = plainStringEnd(buf, kindStart, b); // the closing quote
  if (kindEnd <= kindStart || !at(buf, kindEnd + 1, REF)) return -1;
  const refEnd = plainStringEnd(buf, kindEnd + 1 + REF.length, b);
  if (refEnd < 0 || !at(buf, refEnd + 1, LEAF)) return -1;
  const hexStart = refEnd + 1 + LEAF.length;
  if (!at(buf, hexStart + 64, RECORD)) return -1;
  for (let k = 0; k < 32; k++) {
    const hi = hexValue(buf[hexStart + 2 * k]);
    const lo = hexValue(buf[hexStart + 2 * k + 1]);
    if (hi < 0 || lo < 0) return -1;
    leaves[off + k] = (hi << 4) | lo;
  }
  const recordStart = hexStart + 64 + RECORD.length;
  const c = buf[recordStart];
  if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) return -1;
  const kindLength = kindEnd - kindStart;
  const recordLength = b - 1 - recordStart;
  const length = TAG.length + kindLength + 1 + recordLength;
  if (scratch.length < length) scratch = Buffer.alloc(2 * length);
  TAG.copy(scratch, 0);
  buf.copy(scratch, TAG.length, kindStart, kindEnd);
  scratch[TAG.length + kindLength] = 0x0a;
  buf.copy(scratch, TAG.length + kindLength + 1, recordStart, b - 1);
  const digest = hash(alg, scratch.subarray(0, length), 'buffer');
  return digest.compare(leaves, off, off + 32) === 0 ? i : -1;
}

parentPort.on('message', ({ id, start, end }) => {
  const buf = Buffer.alloc(end - start);
  for (let read = 0; read < buf.length; ) {
    const n = fs.readSync(fd, buf, read, buf.length - read, start + read);
    if (n === 0) break;
    read += n;
  }
  let lines = 0;
  for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, nl + 1)) lines++;
  if (buf.length && buf[buf.length - 1] !== 10) lines++; // the file's last line, without a newline
  // Per line: 0 blank, 1 leaf checked here, 2 for the main thread (text in `slow`).
  const status = new Uint8Array(lines);
  const index = new Float64Array(lines);
  const leaves = new Uint8Array(lines * 32);
  const slow = [];
  let fast = 0;
  let a = 0;
  for (let j = 0; j < lines; j++) {
    let b = buf.indexOf(10, a);
    if (b < 0) b = buf.length;
    const i = fastLeaf(buf, a, b, leaves, fast * 32);
    if (i >= 0) {
      status[j] = 1;
      index[fast++] = i;
    } else if (isBlank(buf, a, b)) status[j] = 0;
    else {
      status[j] = 2;
      slow.push(buf.toString('utf8', a, b));
    }
    a = b + 1;
  }
  parentPort.postMessage({ id, status, index, leaves, slow, fast }, [status.buffer, index.buffer, leaves.buffer]);
});
