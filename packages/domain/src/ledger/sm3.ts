/**
 * SM3 (GB/T 32905-2016), the national-standard hash a deployment may choose for its tamper-evident log
 * (`LEDGER_HASH=sm3`). The server uses Node's OpenSSL SM3; this pure implementation exists so that a visitor's browser
 * (which has no SM3 in WebCrypto) can check an SM3 log's inclusion proofs itself, with the same result — the tests
 * compare it with Node's on the standard's vectors and on random inputs.
 */
const IV = new Uint32Array([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);
// T_j rotated left by j (mod 32), precomputed (GB/T 32905 §4.2 and §5.3.3).
const TJ = new Uint32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const r = j % 32;
  TJ[j] = ((t << r) | (t >>> (32 - r))) >>> 0;
}

const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;
const p0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

function compress(v: Uint32Array, block: Uint8Array, at: number, w: Uint32Array, w1: Uint32Array): void {
  for (let i = 0; i < 16; i++) {
    const o = at + i * 4;
    w[i] = ((block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!) >>> 0;
  }
  for (let j = 16; j < 68; j++) w[j] = (p1(w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!) >>> 0;
  for (let j = 0; j < 64; j++) w1[j] = (w[j]! ^ w[j + 4]!) >>> 0;
  let a = v[0]!, b = v[1]!, c = v[2]!, d = v[3]!, e = v[4]!, f = v[5]!, g = v[6]!, h = v[7]!;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + TJ[j]!) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + w1[j]!) >>> 0;
    const tt2 = (gg + h + ss1 + w[j]!) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  v[0]! ^= a; v[1]! ^= b; v[2]! ^= c; v[3]! ^= d; v[4]! ^= e; v[5]! ^= f; v[6]! ^= g; v[7]! ^= h;
}

/** The SM3 digest (32 bytes) of `data`. */
export function sm3(data: Uint8Array): Uint8Array {
  const v = new Uint32Array(IV);
  const w = new Uint32Array(68);
  const w1 = new Uint32Array(64);
  const full = data.length - (data.length % 64);
  for (let at = 0; at < full; at += 64) compress(v, data, at, w, w1);
  // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian integer.
  const rest = data.length - full;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(full));
  tail[rest] = 0x80;
  const bits = data.length * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let at = 0; at < tail.length; at += 64) compress(v, tail, at, w, w1);
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, v[i]!);
  return out;
}
