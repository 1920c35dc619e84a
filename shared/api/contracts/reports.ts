/**
 * Reports and KPIs (issue 8): the KPIs of a period with their breakdown by a dimension, the
 * 12-month trend from the daily snapshots, the customers behind a figure (drill-down), the
 * critical cases, and the periodic report exported to XLSX or PDF (a job: progress, cancel).
 * Formulas: shared/domain/kpi.ts and README "Reports and KPIs". Spread into the contract in contract.ts.
 */
import { z } from 'zod';
import {
  DIMENSIONS,
  DRILL_FIGURES,
  KPI_NAMES,
  PERIOD_RE,
  parsePeriod,
  REASON_CODES,
} from '../../domain/kpi.ts';
import { LANGUAGES } from '../../domain/vocabulary.ts';
import { agingSchema, cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

/** `2026-11`, `2026-Q4` or `2026`. */
export const periodSchema = z
  .string()
  .trim()
  .regex(PERIOD_RE, { message: 'expected a period as YYYY-MM, YYYY-Qn or YYYY' })
  .refine((p) => parsePeriod(p) !== null, { message: 'expected a period as YYYY-MM, YYYY-Qn or YYYY' });
export const dimensionSchema = z.enum(DIMENSIONS);

const count = z.number().int();
const nullableNumber = z.number().nullable();

const reasonSchema = z.object({ code: z.enum(REASON_CODES), message: z.string() });

// Key order is the order `kpi --json` prints (CLI.md).
export const kpisSchema = z.object({
  period: z.string(),
  dso: nullableNumber,
  bestPossibleDso: nullableNumber,
  add: nullableNumber,
  cei: nullableNumber,
  recoveryRate: nullableNumber,
  avgRecoveryDays: nullableNumber,
  avgDaysLate: nullableNumber,
  avgDaysToPay: nullableNumber,
  overdueRatio: nullableNumber,
  aging: agingSchema.nullable(),
  promises: z.object({ kept: count, broken: count }),
  contacts: z.object({ total: count, byChannel: z.record(z.string(), count) }),
  payments: z.object({ count, amountCents: cents, reversalsCents: cents }),
  letters: z.object({ total: count, byTemplate: z.record(z.string(), count) }),
  from: isoDate,
  to: isoDate,
  asOf: isoDate.nullable(),
  days: count,
  receivablesCents: cents.nullable(),
  overdueCents: cents.nullable(),
  creditsCents: cents.nullable(),
  openCases: count.nullable(),
  inCollectionCents: cents.nullable(),
  creditSalesCents: cents,
  enteredCollectionCents: cents,
  collectedCents: cents,
  casesOpened: count,
  casesRecovered: count,
  /** Why a KPI is null. */
  reasons: z.partialRecord(z.enum(KPI_NAMES), reasonSchema),
});
export type KpisView = z.infer<typeof kpisSchema>;

export const breakdownRowSchema = z.object({
  /** The group's value ('' for customers without one); for `customer`, the customer code. */
  key: z.string(),
  label: z.string(),
  customers: count,
  kpis: kpisSchema,
});
export type BreakdownRowView = z.infer<typeof breakdownRowSchema>;

const positionSourceSchema = z.object({ kind: z.enum(['ledger', 'snapshot']), date: isoDate }).nullable();

export const kpiResultSchema = kpisSchema.extend({
  ledgerAsOf: isoDate,
  /** Where the position at the end (and at the start, for CEI) comes from. */
  sources: z.object({ end: positionSourceSchema, start: positionSourceSchema }),
  /** The same KPIs for the previous period (when asked). */
  previous: kpisSchema.nullable(),
  by: dimensionSchema.nullable(),
  /** The group the totals are restricted to (null: every customer). */
  key: z.string().nullable(),
  breakdown: z.array(breakdownRowSchema).optional(),
});
export type KpiResult = z.infer<typeof kpiResultSchema>;

export const trendPointSchema = z.object({
  month: z.string(),
  asOf: isoDate.nullable(),
  source: z.enum(['ledger', 'snapshot']).nullable(),
  receivablesCents: cents.nullable(),
  overdueCents: cents.nullable(),
  overdueRatio: nullableNumber,
  dso: nullableNumber,
  creditSalesCents: cents,
  enteredCollectionCents: cents,
  collectedCents: cents,
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const drillFigureSchema = z.enum(DRILL_FIGURES);
export type DrillFigureName = z.infer<typeof drillFigureSchema>;

export const drillRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  area: z.string().nullable(),
  salesperson: z.string().nullable(),
  collector: z.string().nullable(),
  band: z.string().nullable(),
  class: z.string().nullable(),
  /** The customer's share of the figure in cents (for `late`: amount-weighted days late). */
  valueCents: z.number().nullable(),
  count: count.nullable(),
});
export type DrillRow = z.infer<typeof drillRowSchema>;

export const criticalSchema = z.object({
  asOf: isoDate,
  customers: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      overdueCents: cents,
      /** Amount-weighted days past due of the overdue items. */
      avgDaysOverdue: z.number(),
      class: z.string().nullable(),
      score: z.number(),
      openCase: z.boolean(),
    }),
  ),
  brokenPromises: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      date: isoDate,
      amountCents: cents,
      resolvedOn: isoDate.nullable(),
    }),
  ),
  disputes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      openedOn: isoDate,
      days: count,
      reason: z.string(),
      documentNumber: z.string(),
      residualCents: cents,
    }),
  ),
  /** Legal dossiers whose convenience evaluation says continuing is not worth it. */
  legal: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      phase: z.string(),
      claimCents: cents,
      expectedNetCents: cents,
      reason: z.string(),
    }),
  ),
});
export type Critical = z.infer<typeof criticalSchema>;

export const reportFormatSchema = z.enum(['xlsx', 'pdf']);

export const reportFileSchema = z.object({
  period: z.string(),
  format: reportFormatSchema,
  fileName: z.string(),
  /** Absolute path of the report in the data folder (reports/). */
  path: z.string(),
  mime: z.string(),
  sizeBytes: count,
  sha256: z.string(),
  /** PDF pages; null for XLSX. */
  pages: count.nullable(),
  /** XLSX sheet names; empty for PDF. */
  sheets: z.array(z.string()),
  dataBase64: z.string(),
});
export type ReportFile = z.infer<typeof reportFileSchema>;

const READERS = ['manager', 'accountant'] as const;

export const reportsContract = {
  'kpi.get': method({
    input: z.object({
      period: periodSchema,
      by: dimensionSchema.optional(),
      /** With `by`: the totals (and the previous period) of this group only; the breakdown lists all groups. */
      key: z.string().max(200).optional(),
      /** Also compute the previous period (the page's "change against the previous period"). */
      compare: z.boolean().default(false),
    }),
    output: kpiResultSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  'kpi.trend': method({
    input: z.object({
      /** The trend ends with the last month of this period. */
      period: periodSchema,
      months: z.number().int().min(1).max(36).default(12),
      by: dimensionSchema.optional(),
      key: z.string().max(200).optional(),
    }),
    output: z.object({ points: z.array(trendPointSchema) }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'kpi.customers': method({
    input: z.object({
      period: periodSchema,
      figure: drillFigureSchema,
      by: dimensionSchema.optional(),
      key: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: z.object({
      period: z.string(),
      figure: drillFigureSchema,
      total: count,
      rows: z.array(drillRowSchema),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'reports.critical': method({
    input: z.object({ period: periodSchema, limit: z.number().int().min(1).max(100).default(10) }),
    output: criticalSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  'reports.export': method({
    input: z.object({
      period: periodSchema,
      format: reportFormatSchema,
      /** One breakdown; all dimensions but `customer` when omitted. */
      by: dimensionSchema.optional(),
      language: z.enum(LANGUAGES).optional(),
    }),
    output: reportFileSchema,
    roles: [...READERS],
    mutation: false,
    job: true,
  }),
};
