import ExcelJS from 'exceljs';

/** One column of a registry template. `header` is what the sheet shows; `key` is the field it fills. */
export interface Column {
  key: string;
  header: string;
  en: string;
  required?: boolean;
  /** Accepted values (code → Chinese label); cells may hold either. */
  options?: Record<string, string>;
  example?: string;
  note?: string;
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: Column[];
}

/** Normalise whatever exceljs hands us (rich text, hyperlinks, formulas, dates, numbers) to a trimmed string. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v).trim();
}

/** Header cells look like "事项编码" or "事项编码*"; match by Chinese header, English name or key. */
function headerKey(cols: Column[], text: string): string | null {
  const t = text.replace(/[*＊\s]/g, '').toLowerCase();
  for (const c of cols) {
    if (c.header.replace(/[*＊\s]/g, '').toLowerCase() === t || c.en.toLowerCase() === t || c.key.toLowerCase() === t) return c.key;
  }
  return null;
}

export interface ReadSheet {
  /** Rows as key → text, with their 1-based Excel row numbers. Entirely empty rows are skipped. */
  rows: { row: number; values: Record<string, string> }[];
  missingColumns: Column[];
  unknownHeaders: string[];
}

export function readSheet(ws: ExcelJS.Worksheet, spec: SheetSpec): ReadSheet {
  const header = ws.getRow(1);
  const byCol = new Map<number, string>();
  const unknownHeaders: string[] = [];
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell.value);
    if (!text) return;
    const key = headerKey(spec.columns, text);
    if (key) byCol.set(col, key);
    else unknownHeaders.push(text);
  });
  const present = new Set(byCol.values());
  const missingColumns = spec.columns.filter((c) => c.required && !present.has(c.key));
  const rows: ReadSheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const [col, key] of byCol) {
      const t = cellText(row.getCell(col).value);
      values[key] = t;
      if (t) any = true;
    }
    if (any) rows.push({ row: n, values });
  });
  return { rows, missingColumns, unknownHeaders };
}

/** A workbook with one sheet per spec (header row styled, widths set, options as data validation) plus instructions. */
export async function buildWorkbook(specs: { spec: SheetSpec; rows: Record<string, string | number | null>[] }[], instructions: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhifa';
  for (const { spec, rows } of specs) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length * 2 + 4) }));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
    spec.columns.forEach((c, i) => {
      const note = [c.en, c.note, c.options ? `可选值: ${Object.values(c.options).join(' / ')}` : null, c.example ? `示例: ${c.example}` : null].filter(Boolean).join('\n');
      head.getCell(i + 1).note = note;
    });
    for (const r of rows) ws.addRow(r);
    // Drop-down lists for single-choice columns with few options (Excel's list validation is limited to 255 chars).
    spec.columns.forEach((c, i) => {
      if (!c.options) return;
      const list = Object.values(c.options).join(',');
      if (list.length > 250 || c.key.endsWith('s')) return;
      const letter = ws.getColumn(i + 1).letter;
      (ws as unknown as { dataValidations: { add(range: string, v: unknown): void } }).dataValidations.add(`${letter}2:${letter}100000`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${list}"`],
      });
    });
  }
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 120;
  for (const line of instructions) help.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}
