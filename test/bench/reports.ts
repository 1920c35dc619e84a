/**
 * Reports benchmark: on a ledger of 1,000,000 open items and 50,000 customers with a month of
 * payment events, the cost the daily snapshot adds to every dunning run, the KPIs of a month
 * (totals and a breakdown), the 12-month trend, and the report's data and XLSX. Prints figures;
 * never fails on them. `npx tsx test/bench/reports.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeLedger } from '../../db/open.ts';
import { inTransaction } from '../../db/transaction.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { breakdown, gatherPeriod, kpiTrend, totalKpis } from '../../electron/backend/services/reports/kpi.ts';
import { buildReportData } from '../../electron/backend/services/reports/report-data.ts';
import { storeKpiSnapshot } from '../../electron/backend/services/reports/snapshot.ts';
import { renderXlsx } from '../../electron/backend/services/reports/xlsx.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { parsePeriod } from '../../shared/domain/kpi.ts';

const CUSTOMERS = 50_000;
const ITEMS = 1_000_000;
const TODAY = '2026-11-23';

const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(2)} s`;

export async function benchReports(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-bench-reports-'));
  const ctx = await createBackend({ dbPath: path.join(dir, 'bench.db'), mode: 'cli', today: TODAY });
  const db = ctx.db.$client;
  try {
    let t = performance.now();
    db.transaction(() => {
      const batch = Number(
        db
          .prepare(
            "INSERT INTO import_batches (file_name, sha256, format, as_of, mode, counts) VALUES ('b.xlsx', 'x', 'xlsx', ?, 'snapshot', '{}') RETURNING id",
          )
          .pluck()
          .get(TODAY),
      );
      const c = db.prepare('INSERT INTO customers (code, name, band, area) VALUES (?, ?, ?, ?)');
      for (let i = 0; i < CUSTOMERS; i++)
        c.run(`C${i}`, `Cliente ${i} S.r.l.`, 'ABCDE'[i % 5], `Area ${i % 5}`);
      const it = db.prepare(
        "INSERT INTO open_items (customer_id, document_type, document_number, document_date, due_date, installment, amount_cents, residual_cents, first_seen_batch_id) VALUES (?, 'invoice', ?, ?, ?, '', ?, ?, ?)",
      );
      const ev = db.prepare(
        "INSERT INTO item_events (item_id, batch_id, date, kind, amount_cents, residual_before_cents, residual_after_cents) VALUES (?, ?, ?, 'partial_payment', ?, ?, ?)",
      );
      for (let i = 0; i < ITEMS; i++) {
        const due = addDays(TODAY, 60 - (i % 400));
        const amount = 10_000 + (i % 5000);
        const id = Number(
          it.run((i % CUSTOMERS) + 1, `FT ${i}`, addDays(due, -30), due, amount, amount, batch)
            .lastInsertRowid,
        );
        if (i % 20 === 0) ev.run(id, batch, addDays(TODAY, -(i % 23)), 1000, amount + 1000, amount);
      }
    })();
    console.log(`reports: ledger of ${ITEMS.toLocaleString('en')} items built in ${secs(t)}`);

    t = performance.now();
    await inTransaction(ctx.db, async () => await storeKpiSnapshot(ctx.db, TODAY));
    console.log(
      `reports: daily snapshot (${CUSTOMERS.toLocaleString('en')} lines) ${secs(t)} — added to every run`,
    );

    const period = parsePeriod('2026-11');
    if (!period) throw new Error('period');
    t = performance.now();
    const data = await gatherPeriod(ctx.db, period, TODAY);
    const totals = totalKpis(data);
    console.log(`reports: KPIs of a month ${secs(t)} (DSO ${totals.dso}, ${totals.payments.count} payments)`);
    t = performance.now();
    breakdown(data, 'area');
    breakdown(data, 'customer');
    console.log(`reports: breakdowns by area and by customer ${secs(t)}`);
    t = performance.now();
    await kpiTrend(ctx.db, TODAY, TODAY, 12);
    console.log(`reports: 12-month trend ${secs(t)}`);
    t = performance.now();
    const report = await buildReportData(ctx.db, { period, today: TODAY });
    console.log(`reports: report data ${secs(t)}`);
    t = performance.now();
    const xlsx = renderXlsx(report);
    console.log(`reports: XLSX ${secs(t)} (${(xlsx.length / 1024).toFixed(0)} KiB)`);
  } finally {
    closeLedger(ctx.db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReports();
