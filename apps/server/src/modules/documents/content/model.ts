/**
 * The layout-neutral content of a document: what both renderers (PDF and DOCX) draw. Builders turn `DocumentData`
 * into this; renderers never look at the data itself, so a PDF and a DOCX of the same data say the same thing.
 */
import type { DocumentKind, DocumentLayout } from '../registry.ts';

export interface Run {
  text: string;
  bold?: boolean;
  underline?: boolean;
}

export type Align = 'left' | 'center' | 'right';

export interface TableCell {
  runs: Run[];
  span?: number;
  align?: Align;
  /** A label cell (shaded in DOCX, centred). */
  label?: boolean;
  /** A signature box: its content, then a line “签名：… 年 月 日” at the bottom right. */
  sign?: { signer?: string; date?: string };
}
export interface TableRow {
  cells: TableCell[];
  /** Minimum height in body lines (room for a hand-written opinion). */
  minLines?: number;
}

export type Block =
  /** A body paragraph; `indent` = two-character first-line indent (default true). */
  | { type: 'paragraph'; runs: Run[]; indent?: boolean; align?: Align; keepWithNext?: boolean; small?: boolean }
  /** 一、… first-level heading (黑体 in GB/T 9704; bold here). */
  | { type: 'heading'; text: string }
  | { type: 'table'; widths: number[]; rows: TableRow[]; fontScale?: number }
  /** The end of a letter: signer (agency) and date on the right, with the seal over them when sealed. */
  | { type: 'closing'; signer: string; date: string; sealed: boolean }
  /** Signature lines at the end of a record or report (当事人签名：…  日期：…). */
  | { type: 'signatures'; items: { label: string; value?: string }[] }
  | { type: 'spacer'; lines: number };

export interface DocumentContent {
  kind: DocumentKind;
  layout: DocumentLayout;
  agencyName: string;
  title: string;
  number?: string;
  /** A line under the title (案号 of forms and records), printed right-aligned. */
  caseLine?: string;
  blocks: Block[];
  /** Printed at the foot of every page of a record: each page is signed by the party (SAMR templates). */
  pageFooter?: string;
  sealed: boolean;
  /** Document date (YYYY-MM-DD): the PDF CreationDate. */
  date: string;
  /** For the PDF information dictionary. */
  subject: string;
}

export const text = (t: string, extra: Omit<Run, 'text'> = {}): Run[] => [{ text: t, ...extra }];
export const para = (t: string | Run[], opts: { indent?: boolean; align?: Align; keepWithNext?: boolean; small?: boolean } = {}): Block => ({
  type: 'paragraph',
  runs: typeof t === 'string' ? text(t) : t,
  ...opts,
});
/** “标签：内容” on one line, no indent (header fields of records and decisions). */
export const field = (label: string, value: string | undefined): Block => para([{ text: `${label}：` }, { text: value ?? '' }], { indent: false });
export const cell = (t: string, opts: Omit<TableCell, 'runs'> = {}): TableCell => ({ runs: text(t), ...opts });
export const labelCell = (t: string, opts: Omit<TableCell, 'runs' | 'label'> = {}): TableCell => ({ runs: text(t), label: true, align: 'center', ...opts });
