/**
 * Letters benchmark: 1,000 formal notices (each with three overdue invoices, a credit note,
 * interest over two half-years and the payment QR code) rendered into one merged PDF and as
 * 1,000 separate files, then the manager's whole batch job (both, archived). Prints the time
 * per letter against the target (merged < 30 s on the 2-core machine); never fails on it.
 *
 *   npx tsx test/bench/run.ts letters   (once the lead adds `letters: benchLetters` there)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeLedger } from '../../db/open.ts';
import { customersByIds } from '../../db/queries/letters.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { composeMany, letterContext } from '../../electron/backend/services/letters/load.ts';
import { prepareLetter, renderLetters } from '../../electron/backend/services/letters/pdf.ts';
import type { BatchResult } from '../../shared/api/contracts/letters.ts';
import type { LetterModel } from '../../shared/domain/letters/model.ts';
import { addCustomer, addItem, addLetterTask, setLetterhead } from '../helpers/letters.ts';

const LETTERS = 1000;
const TODAY = '2026-11-23';
const TARGET_MERGED_S = 30;

const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** CPU seconds of the whole process (worker threads included) since `c0`: the figure that does not depend on other load. */
const cpuSeconds = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const perLetter = (s: number, n: number) => `${((s * 1000) / n).toFixed(1)} ms/letter`;

export async function benchLetters(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-bench-letters-'));
  // Browser mode, as the app: the batch job renders in worker threads.
  const ctx = createBackend({ dbPath: path.join(dir, 'bench.db'), mode: 'browser', today: TODAY });
  try {
    setLetterhead(ctx.db);
    const rate = await dispatch(ctx, {
      method: 'rates.add',
      input: { from: '2026-07-01', ecbPercent: 2.15 },
      userId: 1,
    });
    if (!rate.ok) throw new Error(rate.error.message);
    const ids: number[] = [];
    ctx.db.transaction(() => {
      for (let i = 1; i <= LETTERS; i++) {
        const id = addCustomer(ctx.db, {
          code: `C${String(i).padStart(5, '0')}`,
          name:
            i % 10 === 0
              ? `Officina Meccanica di Precisione Fratelli ${i} & Figli S.n.c. in liquidazione`
              : `Cliente ${i} S.r.l.`,
          address: `Via Giuseppe Garibaldi ${i}, 20121 Milano (MI)`,
          vat: `IT${String(10_000_000_000 + i).slice(1)}`,
        });
        addItem(ctx.db, id, {
          number: `FT ${i}/2026`,
          date: '2026-03-02',
          due: '2026-04-30',
          amount: 254_489 + i,
        });
        addItem(ctx.db, id, {
          number: `FT ${i + 5000}/2026`,
          date: '2026-05-10',
          due: '2026-06-30',
          amount: 1_220_000,
          residual: 800_000,
        });
        addItem(ctx.db, id, {
          number: `FT ${i + 9000}/2026`,
          date: '2026-08-01',
          due: '2026-09-30',
          amount: 98_000,
        });
        addItem(ctx.db, id, {
          type: 'credit_note',
          number: `NC ${i}/2026`,
          date: '2026-07-15',
          due: '2026-07-15',
          amount: -12_000,
        });
        addLetterTask(ctx.db, id, 'letter', 'formal_notice', TODAY);
        ids.push(id);
      }
    });

    let t0 = performance.now();
    const lctx = letterContext(ctx.db, ctx.dataDir, TODAY);
    const composed = composeMany(
      ctx.db,
      lctx,
      customersByIds(ctx.db, ids).map((customer) => ({
        customer,
        template: 'formal_notice' as const,
        channel: 'letter' as const,
      })),
    );
    const models = composed.flatMap((c): LetterModel[] => (c.model ? [c.model] : []));
    if (models.length !== LETTERS) throw new Error(`composed ${models.length} of ${LETTERS}`);
    console.log(
      `letters: machine load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores`,
    );
    console.log(
      `letters: composed ${LETTERS} formal notices (items, interest, EPC payload) in ${seconds(t0).toFixed(2)} s`,
    );

    // Warm-up, as a long-running app would be (JIT, the shared parsed fonts).
    await renderLetters(models.slice(0, 20).map(prepareLetter), lctx.images);

    t0 = performance.now();
    let c0 = process.cpuUsage();
    const docs = models.map(prepareLetter);
    const merged = await renderLetters(docs, lctx.images);
    const mergedS = seconds(t0);
    const mergedCpu = cpuSeconds(c0);
    const pages = merged.pages.reduce((a, b) => a + b, 0);
    console.log(
      `letters: merged PDF of ${LETTERS} letters (${pages} pages, ${(merged.pdf.length / 1e6).toFixed(1)} MB) in ${mergedS.toFixed(1)} s = ${perLetter(mergedS, LETTERS)} (CPU ${mergedCpu.toFixed(1)} s) — target < ${TARGET_MERGED_S} s: ${mergedS < TARGET_MERGED_S ? 'met' : 'MISSED'}`,
    );

    t0 = performance.now();
    c0 = process.cpuUsage();
    const out = path.join(dir, 'separate');
    fs.mkdirSync(out);
    for (const [i, doc] of docs.entries()) {
      const one = await renderLetters([doc], lctx.images);
      fs.writeFileSync(path.join(out, `${i}.pdf`), one.pdf);
    }
    const separateS = seconds(t0);
    console.log(
      `letters: ${LETTERS} separate PDFs in ${separateS.toFixed(1)} s = ${perLetter(separateS, LETTERS)} (CPU ${cpuSeconds(c0).toFixed(1)} s)`,
    );

    t0 = performance.now();
    c0 = process.cpuUsage();
    const batch = await dispatch(ctx, { method: 'letters.batch', input: {}, userId: 1, job: 'bench' });
    if (!batch.ok) throw new Error(batch.error.message);
    const b = batch.data as BatchResult;
    const batchS = seconds(t0);
    console.log(
      `letters: the batch job as the app runs it (compose; files and merged PDF in two worker threads; archive) in ${batchS.toFixed(1)} s = ${perLetter(batchS, b.letters)} (CPU ${cpuSeconds(c0).toFixed(1)} s)`,
    );
  } finally {
    closeLedger(ctx.db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await benchLetters();
}
