/** Open-data encodings of published decisions: CSV (RFC 4180, UTF-8 with BOM for spreadsheet programs) and Atom (RFC 4287). */

import { DECISION_CATEGORY_LABELS, type DecisionCategory } from '@zhifa/domain';

type Row = Record<string, unknown>;
/** The decision kind in words (处罚/许可/检查) next to its stable code. */
const kindZh = (r: Row) => DECISION_CATEGORY_LABELS[r.category as DecisionCategory]?.zh ?? String(r.category ?? '');

const CSV_COLUMNS: [string, string][] = [
  ['id', '标识'],
  ['decisionNo', '决定书文号'],
  ['title', '标题'],
  ['agencyName', '执法机关'],
  ['regionName', '地区'],
  ['category', '类别'],
  ['categoryName', '类别名称'],
  ['partyName', '当事人'],
  ['partyCode', '统一社会信用代码'],
  ['itemName', '违法行为（执法事项）'],
  ['facts', '主要违法事实'],
  ['legalBasis', '处罚依据'],
  ['result', '处罚结果'],
  ['fineAmount', '罚款金额（元）'],
  ['decidedOn', '决定日期'],
  ['publishedOn', '公示日期'],
  ['contentHash', '内容哈希'],
];

function csvCell(v: unknown): string {
  const s = v == null ? '' : String(v);
  // A leading = + - @ would be run as a formula by spreadsheet programs (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function decisionsCsv(rows: Row[]): string {
  const lines = [CSV_COLUMNS.map(([, zh]) => csvCell(zh)).join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map(([k]) => csvCell(k === 'categoryName' ? kindZh(r) : r[k])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const xml = (s: unknown) =>
  String(s ?? '')
    // XML 1.0 forbids most control characters even when escaped: drop them.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function decisionsAtom(rows: (Row & { id: unknown; title: unknown; publishedAt: Date })[], base: string): string {
  const updated = rows[0]?.publishedAt.toISOString() ?? new Date(0).toISOString();
  const entries = rows
    .map(
      (r) => `  <entry>
    <id>urn:uuid:${xml(r.id)}</id>
    <title>${xml(r.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(`${base}/decisions/${r.id}`)}"/>
    <updated>${r.publishedAt.toISOString()}</updated>
    <author><name>${xml(r.agencyName)}</name></author>
    <category term="${xml(r.category)}" label="${xml(kindZh(r))}"/>
    <summary>${xml(`${r.partyName}：${r.itemName}。${r.result}（${r.decidedOn}）`)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(`${base}/api/v1/public/decisions/feed.atom`)}</id>
  <title>行政执法决定公示</title>
  <link rel="self" href="${xml(`${base}/api/v1/public/decisions/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/decisions`)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}
