/**
 * The published description of `zhifa-draw/v1` (served by the public recipe endpoint). It is the contract: the
 * independent re-implementation in `test/independent-draw.ts` was written from this text alone, and a test checks that
 * it reproduces `drawSpotCheck`. Change the algorithm → change its name (v2) and this text.
 */
export const DRAW_ALGORITHM_DESCRIPTION = `zhifa-draw/v1 — 双随机抽取算法说明 (how to reproduce a draw)

Files (UTF-8, one record per line, fields separated by TAB, every line ends with "\\n", sorted ascending by the first
field(s) comparing characters by code point):
  targets.tsv     id (unified social credit code), region (6-digit code), industry, risk (high|medium|low),
                  credit (A|B|C|D), last inspection date (YYYY-MM-DD or "-"), inspections this year (integer)
  inspectors.tsv  inspector id, agency id
  recusals.tsv    inspector id, target id, reason (declared|recent); sorted by inspector id, then target id
  params.json     JSON with keys sorted at every level, no whitespace
The commitment is SHA-256 of the 32 seed bytes (hex). Hi = hex SHA-256 of the exact bytes of each file.

1. key = HMAC-SHA-256(seed bytes, "zhifa-draw/v1\\n" + Htargets + "\\n" + Hinspectors + "\\n" + Hrecusals + "\\n" + Hparams + "\\n").
2. A stream named L: block n (n = 0, 1, 2, … written in decimal) = HMAC-SHA-256(key, L + "\\n" + n). Each 32-byte block
   gives eight 32-bit unsigned big-endian words, used in order. below(m): take the next word w; if
   w >= 2^32 − (2^32 mod m) discard it and take another; answer w mod m.
3. Shuffle of a list of length N with stream S (partial Fisher–Yates): at step i = 0, 1, …: j = i + S.below(N − i);
   swap positions i and j; the element now at position i is the i-th pick.
4. Eligibility, in file order: a target belongs to the first stratum in params.strata whose match it satisfies (every
   given, non-empty list must contain the target's industry / risk / credit; regionPrefixes: its region starts with one);
   no stratum → not drawn. Then, if exclusionDays > 0 and it was last inspected fewer than exclusionDays days before
   drawDate → skipped; then if yearlyCap > 0 and inspections this year >= yearlyCap → skipped.
5. Targets, strata in params order. A stratum with "count": its eligible targets (file order) are shuffled with stream
   "targets|" + key and the first min(count, size) picks are drawn. A stratum with "ratioBp": for risk in
   (high, medium, low), for credit in (A, B, C, D): the cell's eligible targets (file order) are shuffled with stream
   "targets|" + key + "|" + risk + "|" + credit and the first min(size, ceil(size × ratioBp × riskPct[risk] ×
   creditPct[credit] / 100000000)) picks are drawn. The draw order is this order.
6. Teams, for each drawn target in draw order, with ONE stream "team|" + target id used for everything below.
   Pools: inspectors of each agency in params.team.agencies (file order); the union pool is every inspector of those
   agencies (file order). Filling k members from a pool: shuffle the pool with the target's stream; take picks in
   order; skip a pick already in the team, one with a recusal line for this target (logged), or one already in
   maxTasksPerInspector successful teams (if > 0); stop at k accepted or when the pool is exhausted (→ failure).
   same-department: agency = the only agency, or agencies[below(number of agencies)] if several; fill team.size from
   its pool. joint: for each agency in order fill 1 from its pool (continue even after a failure), then, if all
   succeeded, fill team.size − number of agencies from the union pool.
   Any failure → the target is "unstaffed" (no team, loads unchanged); otherwise each member's load increases by one.
`;
