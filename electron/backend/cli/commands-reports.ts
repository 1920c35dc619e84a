/**
 * CLI commands of the KPIs and the periodic report (shapes: ../shared/CLI.md, README "Reports and KPIs"):
 *   kpi --period P [--by DIM] [--json]
 *   report --period P --format xlsx|pdf --out FILE [--by DIM] [--language it|en]
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KpiResult } from '../../../shared/api/contracts/reports.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { type Command, command } from './command.ts';

const need = (value: string | undefined, what: string): string => {
  if (!value)
    throw new AppError('VALIDATION', `Missing ${what}.`, { issues: [{ path: what, message: 'required' }] });
  return value;
};

const days = (d: number | null) => (d === null ? '—' : `${d} days`);
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

/** The documented shape of `kpi --json`: the KPIs first, then where the position came from. */
function kpiShape(r: KpiResult) {
  const { previous: _previous, ...rest } = r;
  return rest;
}

const kpiHuman = (r: ReturnType<typeof kpiShape>): string => {
  const lines = [
    `KPIs ${r.period} (${r.from} – ${r.to}), position ${r.asOf ? `as of ${r.asOf}` : 'unknown'}`,
    `  DSO ${days(r.dso)}, best possible ${days(r.bestPossibleDso)}, ADD ${days(r.add)}, CEI ${pct(r.cei)}`,
    `  Receivables ${r.receivablesCents === null ? '—' : formatCents(r.receivablesCents)}, overdue ${r.overdueCents === null ? '—' : formatCents(r.overdueCents)} (${pct(r.overdueRatio)})`,
    `  Recovery rate ${pct(r.recoveryRate)}, avg recovery ${days(r.avgRecoveryDays)}; avg days late ${days(r.avgDaysLate)}, avg days to pay ${days(r.avgDaysToPay)}`,
    `  Payments ${r.payments.count} for ${formatCents(r.payments.amountCents)}; promises kept ${r.promises.kept}, broken ${r.promises.broken}; contacts ${r.contacts.total}; letters ${r.letters.total}`,
  ];
  for (const [kpi, reason] of Object.entries(r.reasons)) lines.push(`  ${kpi}: ${reason.message}`);
  for (const b of r.breakdown ?? []) {
    lines.push(
      `  ${(b.label || '(none)').padEnd(28)} receivables ${b.kpis.receivablesCents === null ? '—' : formatCents(b.kpis.receivablesCents)}, DSO ${days(b.kpis.dso)}, overdue ${pct(b.kpis.overdueRatio)}`,
    );
  }
  return lines.join('\n');
};

export const REPORT_COMMANDS: Record<string, Command> = {
  kpi: command({
    summary:
      'KPIs of a period: `kpi --period 2026-11|2026-Q4|2026 [--by area|salesperson|collector|band|class|customer]`',
    run: async ({ call, values }) =>
      kpiShape(
        await call('kpi.get', {
          period: need(values.period, '--period'),
          ...(values.by ? { by: values.by } : {}),
        }),
      ),
    human: kpiHuman,
  }),
  report: command({
    summary:
      'periodic report: `report --period P --format xlsx|pdf --out FILE [--by DIM] [--language it|en]`',
    run: async ({ call, values }) => {
      const out = path.resolve(need(values.out, '--out FILE'));
      const r = await call('reports.export', {
        period: need(values.period, '--period'),
        format: need(values.format, '--format xlsx|pdf'),
        ...(values.by ? { by: values.by } : {}),
        ...(values.language ? { language: values.language } : {}),
      });
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(r.path, out);
      const { dataBase64: _data, ...file } = r;
      return { ...file, file: out };
    },
    human: (r) => {
      const detail = r.format === 'pdf' ? `${r.pages} pages` : `sheets: ${r.sheets.join(', ')}`;
      return `Report ${r.period} (${r.format}, ${detail}, ${r.sizeBytes} bytes) -> ${r.file}`;
    },
  }),
};
