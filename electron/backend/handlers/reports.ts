/** Handlers of the KPIs and the periodic report (shared/api/contracts/reports.ts). */
import { AppError } from '../../../shared/api/errors.ts';
import { type Period, parsePeriod, previousPeriod } from '../../../shared/domain/kpi.ts';
import type { BackendContext } from '../context.ts';
import { criticalCases } from '../services/reports/critical.ts';
import { exportReport } from '../services/reports/export.ts';
import {
  breakdown,
  drillCustomers,
  gatherPeriod,
  kpiTrend,
  onlyGroup,
  totalKpis,
} from '../services/reports/kpi.ts';
import type { AreaHandlers } from './types.ts';

// The CLI has no UI thread to keep free: it renders in-process (like imports and letters).
const inWorker = (app: BackendContext) => app.mode !== 'cli';

function period(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new AppError('VALIDATION', `Invalid period "${text}": use YYYY-MM, YYYY-Qn or YYYY.`);
  return p;
}

export const kpiHandlers: AreaHandlers<'kpi'> = {
  'kpi.get': async (input, { app }) => {
    const p = period(input.period);
    const group = input.by && input.key !== undefined ? { by: input.by, key: input.key } : undefined;
    const data = await gatherPeriod(app.db, p, app.today());
    const previous = input.compare
      ? totalKpis(onlyGroup(await gatherPeriod(app.db, previousPeriod(p), app.today()), group))
      : null;
    return {
      ...totalKpis(onlyGroup(data, group)),
      ledgerAsOf: data.ledgerAsOf,
      sources: { end: data.end, start: data.start },
      previous,
      by: input.by ?? null,
      key: group ? group.key : null,
      ...(input.by ? { breakdown: breakdown(data, input.by) } : {}),
    };
  },
  'kpi.trend': async (input, { app }) => {
    const p = period(input.period);
    const group = input.by && input.key !== undefined ? { by: input.by, key: input.key } : undefined;
    return { points: await kpiTrend(app.db, app.today(), p.to, input.months, group) };
  },
  'kpi.customers': async (input, { app }) => {
    const data = await gatherPeriod(app.db, period(input.period), app.today());
    const group = input.by && input.key !== undefined ? { by: input.by, key: input.key } : undefined;
    const rows = drillCustomers(data, input.figure, group);
    return {
      period: data.period.key,
      figure: input.figure,
      total: rows.length,
      rows: rows.slice(0, input.limit).map((r) => ({
        code: r.code,
        name: r.name,
        area: r.area,
        salesperson: r.salesperson,
        collector: r.collector,
        band: r.band,
        class: r.class,
        valueCents: r.valueCents,
        count: r.count,
      })),
    };
  },
};

export const reportsHandlers: AreaHandlers<'reports'> = {
  'reports.critical': async (input, { app }) =>
    await criticalCases(app.db, period(input.period), app.today(), input.limit),
  'reports.export': (input, call) => exportReport(call, input, { worker: inWorker(call.app) }),
};
