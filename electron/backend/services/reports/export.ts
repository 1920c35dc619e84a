/**
 * `reports.export`: the periodic report as XLSX or PDF, as a long job. The figures are gathered
 * from the ledger (quick), then laid out in a worker thread (desktop and browser mode: the UI
 * thread stays free, progress streams) or in-process (the CLI). Nothing is written until the file
 * is complete: it is written under a temporary name and renamed into reports/ in the data folder,
 * so a cancel — which stops the worker — leaves no file. One audit row says who exported what.
 *
 * From source the worker is booted through tsx (as the import and letter workers are); a bundled
 * build emits render-worker.ts as its own entry and names it in createBackend's config (`workers.reports`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { inTransaction } from '../../../../db/transaction.ts';
import type { ReportFile } from '../../../../shared/api/contracts/reports.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type Dimension, parsePeriod } from '../../../../shared/domain/kpi.ts';
import type { CallContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { startWorker, watchWorker } from '../common/workers.ts';
import type { ReportLanguage } from './labels.ts';
import { type RenderedFile, type ReportFormat, renderReport } from './render.ts';
import type { ReportWorkerData, ReportWorkerMessage } from './render-protocol.ts';
import { buildReportData } from './report-data.ts';

export const REPORTS_DIR = 'reports';

const MIME: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

function startRenderWorker(built: string | null, data: ReportWorkerData): Worker {
  const worker = startWorker({ built, file: './render-worker.ts', from: import.meta.url }, data);
  if (!worker)
    throw new AppError('INTERNAL', 'The report worker is not configured for this build (workers.reports).');
  return worker;
}

const cancelled = () => new AppError('CANCELLED', 'Report cancelled: no file was written.');

function inWorker(
  built: string | null,
  data: ReportWorkerData,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<RenderedFile> {
  return watchWorker(startRenderWorker(built, data), {
    name: 'The report worker',
    read: (m: ReportWorkerMessage): { done: RenderedFile } | { error: Error } | null => {
      if (m.type === 'progress') progress(m.done, m.total);
      else if (m.type === 'done') return { done: { bytes: m.bytes, pages: m.pages, sheets: m.sheets } };
      else return { error: new AppError('INTERNAL', m.message) };
      return null;
    },
    signal,
    onAbort: (stop) => stop(cancelled()),
  }).result;
}

export interface ExportInput {
  period: string;
  format: ReportFormat;
  by?: Dimension | undefined;
  language?: ReportLanguage | undefined;
}

export async function exportReport(
  call: CallContext,
  input: ExportInput,
  opts: { worker: boolean },
): Promise<ReportFile> {
  const { app, user } = call;
  const period = parsePeriod(input.period);
  if (!period) throw new AppError('VALIDATION', `Invalid period "${input.period}".`);
  const today = app.today();
  call.progress('data', 0, 1);
  const data = await buildReportData(app.db, {
    period,
    today,
    by: input.by,
    language: input.language,
    progress: (done, total) => call.progress('data', done, total),
  });
  if (call.signal.aborted) throw cancelled();

  const progress = (done: number, total: number) => call.progress('render', done, total);
  const rendered = opts.worker
    ? await inWorker(
        app.config.workers.reports ?? null,
        { data, format: input.format, assets: app.config.letterAssets },
        call.signal,
        progress,
      )
    : await renderReport(data, input.format, (done, total) => {
        if (call.signal.aborted) throw cancelled();
        progress(done, total);
      });
  if (call.signal.aborted) throw cancelled();

  const dir = path.join(app.dataDir, REPORTS_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = crypto.randomBytes(3).toString('hex');
  const scope = input.by ? `-${input.by}` : '';
  const fileName = `report-${period.key}${scope}-${today}-${stamp}.${input.format}`;
  const target = path.join(dir, fileName);
  const partial = path.join(dir, `.${fileName}.partial`);
  const bytes = Buffer.from(rendered.bytes.buffer, rendered.bytes.byteOffset, rendered.bytes.byteLength);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  try {
    fs.writeFileSync(partial, bytes, { mode: 0o600, flag: 'wx' });
    if (call.signal.aborted) throw cancelled();
    fs.renameSync(partial, target);
    await inTransaction(app.db, async () => {
      await auditAs(app.db, user, {
        at: app.now(),
        action: 'reports.export',
        entity: 'report',
        entityId: fileName,
        after: {
          period: period.key,
          format: input.format,
          by: input.by ?? null,
          sizeBytes: bytes.length,
          sha256,
          pages: rendered.pages,
        },
      });
    });
  } catch (err) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(target, { force: true });
    throw err;
  }
  call.progress('done', 1, 1);
  return {
    period: period.key,
    format: input.format,
    fileName,
    path: target,
    mime: MIME[input.format],
    sizeBytes: bytes.length,
    sha256,
    pages: rendered.pages,
    sheets: rendered.sheets,
    dataBase64: bytes.toString('base64'),
  };
}
