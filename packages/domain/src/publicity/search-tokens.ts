/**
 * Chinese full-text search without a segmenter (stack.md §2b): every run of Han characters becomes its overlapping
 * bigrams ('行政处罚' → 行政 政处 处罚), other letters and digits become lower-case words. The document side is fed to
 * `to_tsvector('simple', …)` as space-separated tokens; a query becomes a phrase of the same bigrams
 * ('违法' <-> '法所' <-> '所得'), so a two-character word (罚款, 食品, 扬尘) is a single lexeme and uses the GIN index.
 * A one-character Han run is kept as a unigram so that it can be found on its own.
 */

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** Split text into runs: Han runs and other word runs; everything else separates. */
function runs(text: string): { han: boolean; chars: string[] }[] {
  const out: { han: boolean; chars: string[] }[] = [];
  let cur: { han: boolean; chars: string[] } | null = null;
  for (const c of text.normalize('NFKC')) {
    const han = HAN.test(c);
    if (!han && !WORD.test(c)) {
      cur = null;
      continue;
    }
    if (!cur || cur.han !== han) {
      cur = { han, chars: [] };
      out.push(cur);
    }
    cur.chars.push(han ? c : c.toLowerCase());
  }
  return out;
}

function tokensOfRun(r: { han: boolean; chars: string[] }): string[] {
  if (!r.han) return [r.chars.join('')];
  if (r.chars.length === 1) return [r.chars[0]!];
  const t: string[] = [];
  for (let i = 0; i + 1 < r.chars.length; i++) t.push(r.chars[i]! + r.chars[i + 1]!);
  return t;
}

/** Document tokens, in order (positions matter for phrase queries). */
export function searchTokens(text: string): string[] {
  return runs(text).flatMap(tokensOfRun);
}

/** The string to pass to to_tsvector('simple', $1): tokens joined by spaces (they contain no spaces or quotes). */
export function searchDocument(text: string): string {
  return searchTokens(text).join(' ');
}

const quote = (t: string) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

/**
 * A tsquery for to_tsquery('simple', $1): each whitespace-separated term is a phrase of its tokens, and all terms must
 * match (AND). Returns null when the query holds nothing searchable (then the caller lists without a text filter).
 * A one-character Han term matches as a prefix of bigrams (罚 → 罚:*), since a document stores bigrams.
 */
export function searchQuery(q: string): string | null {
  const terms: string[] = [];
  for (const part of q.split(/\s+/)) {
    const rs = runs(part);
    const phrase: string[] = [];
    for (const r of rs) {
      if (r.han && r.chars.length === 1) phrase.push(`${quote(r.chars[0]!)}:*`);
      else phrase.push(...tokensOfRun(r).map(quote));
    }
    if (phrase.length) terms.push(phrase.length === 1 ? phrase[0]! : `(${phrase.join(' <-> ')})`);
  }
  return terms.length ? terms.join(' & ') : null;
}
