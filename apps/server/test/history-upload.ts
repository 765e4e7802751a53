import ExcelJS from 'exceljs';
import { drainJobs, type Session } from './factories.js';
import type { TestApp } from './harness.js';
import { multipartFile } from './multipart.js';

/** An .xlsx of one history kind: its template's Chinese headers, then the rows. */
export async function historyWorkbook(headers: string[], rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('history');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads history of one kind through `importHistory`, as the console does (in the reader's language). */
export async function uploadHistory(
  t: TestApp,
  s: Session,
  kind: string,
  headers: string[],
  rows: string[][],
  lang: 'zh-CN' | 'en-US' = 'zh-CN',
) {
  const body = multipartFile('file', `${kind}.xlsx`, await historyWorkbook(headers, rows));
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/imports/history?kind=${kind}`,
    headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-anju-lang': lang },
    payload: body.payload,
  });
  if (started.statusCode !== 202 && started.statusCode !== 200) return started;
  // History imports always queue (they refresh KPI months): run the job as the worker would, then read it.
  await drainJobs(t);
  return t.app.inject({ url: `/api/imports/${started.json().id}`, headers: { cookie: s.cookie } });
}
