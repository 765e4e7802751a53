import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';

/** One column an importer understands: its key, its zh-CN template header, and accepted English headers. */
export type ColumnSpec = {
  key: string;
  zh: string;
  en: string;
  aliases?: string[];
  required?: boolean;
  example?: string;
};

export type SheetRow = { rowNumber: number; values: Record<string, string> };
export type ParsedSheet = { columns: ColumnSpec[]; rows: SheetRow[]; rawHeaders: string[] };

/** Full-width digits/letters and ideographic spaces to ASCII (NFKC), trimmed, inner whitespace collapsed. */
export const normaliseCell = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

const HEADER_SEARCH_ROWS = 10;

const headerKey = (s: string) =>
  normaliseCell(s)
    .toLowerCase()
    .replace(/[\s_*（）()]/g, '');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function loadWorksheet(buffer: Buffer, fileName: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (/\.csv$/i.test(fileName)) {
      // Strip a UTF-8 BOM (Excel's "CSV UTF-8") so the first header matches.
      const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
      return await workbook.csv.read(Readable.from([text]));
    }
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_FILE_INVALID', { reason: 'no worksheet' });
  return sheet;
}

/**
 * Reads the first worksheet of an .xlsx or a .csv: the header is found among the top rows (zh-CN or English
 * names, in any order; a trailing * on required columns is fine), formulas give their cached result, merged cells give the merged value to every cell,
 * empty rows are skipped. Unknown columns are ignored; a missing required column rejects the file.
 */
export async function readSheet(
  buffer: Buffer,
  fileName: string,
  columns: ColumnSpec[],
  maxRows: number,
): Promise<ParsedSheet> {
  const sheet = await loadWorksheet(buffer, fileName);
  const byHeader = new Map<string, ColumnSpec>();
  for (const c of columns) for (const h of [c.zh, c.en, ...(c.aliases ?? [])]) byHeader.set(headerKey(h), c);
  const required = columns.filter((c) => c.required);
  // The header is the first of the top rows that names every required column (a title row above is skipped).
  let headerRow = 0;
  let rawHeaders: string[] = [];
  let columnAt = new Map<number, ColumnSpec>();
  let bestMissing = required;
  for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SEARCH_ROWS) && !headerRow; r++) {
    const texts = (sheet.getRow(r).values as ExcelJS.CellValue[]).map((v) => normaliseCell(cellText(v)));
    const found = new Map<number, ColumnSpec>();
    texts.forEach((t, i) => {
      const spec = byHeader.get(headerKey(t));
      if (spec && i > 0) found.set(i, spec);
    });
    const keys = new Set([...found.values()].map((c) => c.key));
    const missing = required.filter((c) => !keys.has(c.key));
    if (found.size > 0 && missing.length === 0) {
      headerRow = r;
      rawHeaders = texts.slice(1);
      columnAt = found;
    } else if (found.size > 0 && missing.length < bestMissing.length) {
      bestMissing = missing;
    }
  }
  if (!headerRow) throw new AppError('IMPORT_FILE_INVALID', { missingColumns: bestMissing.map((c) => c.zh) });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const [index, spec] of columnAt) {
      const text = normaliseCell(cellText(row.getCell(index).value));
      values[spec.key] = text;
      if (text) any = true;
    }
    if (any) rows.push({ rowNumber, values });
  });
  if (rows.length > maxRows) throw new AppError('IMPORT_TOO_LARGE', { maxRows, rows: rows.length });
  return { columns, rows, rawHeaders };
}

/** The downloadable template: zh-CN headers, one example row, a note row explaining the rules. */
export async function templateWorkbook(columns: ColumnSpec[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(columns.map((c) => (c.required ? `${c.zh}*` : c.zh)));
  sheet.addRow(columns.map((c) => c.example ?? ''));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, c.zh.length * 2 + 4);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The error workbook: every failed row as it was read, with its row number and reasons. */
export async function errorWorkbook(
  columns: ColumnSpec[],
  failures: { row: SheetRow; reasons: string[] }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('错误行 Errors');
  sheet.addRow(['行号 Row', ...columns.map((c) => c.zh), '错误原因 Reason']);
  sheet.getRow(1).font = { bold: true };
  for (const f of failures) {
    sheet.addRow([f.row.rowNumber, ...columns.map((c) => f.row.values[c.key] ?? ''), f.reasons.join('；')]);
  }
  sheet.getColumn(columns.length + 2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
