/**
 * Pure helpers of the Reports page: the periods to choose from, their names, and the change of a
 * KPI against the previous period (with whether it is for the better).
 */

import type { DrillFigureName, KpisView } from '../../../../shared/api/contracts/reports.ts';
import {
  DIMENSIONS,
  type Dimension,
  type Period,
  type PeriodKind,
  parsePeriod,
  periodContaining,
  previousPeriod,
} from '../../../../shared/domain/kpi.ts';
import type { Language } from '../../i18n/index.ts';
import { localeOf } from '../../i18n/index.ts';

export { DIMENSIONS, type Dimension, type PeriodKind };

/** Opens the list behind a figure (the customers it counts), titled with the figure's name. */
export type OnDrill = (figure: DrillFigureName, title: string) => void;

/** The props of a panel of the period's figures whose counts open their lists. */
export interface KpiPanelProps {
  kpis: KpisView;
  onDrill: OnDrill;
}

const HOW_MANY: Record<PeriodKind, number> = { month: 24, quarter: 12, year: 6 };

/** The periods of a kind up to the one containing `anchor`, newest first. */
export function periodChoices(kind: PeriodKind, anchor: string): Period[] {
  const out: Period[] = [];
  let p = periodContaining(anchor, kind);
  for (let i = 0; i < HOW_MANY[kind]; i++) {
    out.push(p);
    p = previousPeriod(p);
  }
  return out;
}

export interface PeriodWords {
  quarter: (q: number, year: string) => string;
  year: (year: string) => string;
}

/** `novembre 2026`, `4° trimestre 2026`, `Anno 2026` (or the English ones). */
export function periodName(key: string, language: Language, words: PeriodWords): string {
  const p = parsePeriod(key);
  if (!p) return key;
  const year = p.from.slice(0, 4);
  const month = Number(p.from.slice(5, 7));
  if (p.kind === 'year') return words.year(year);
  if (p.kind === 'quarter') return words.quarter(Math.floor((month - 1) / 3) + 1, year);
  const name = new Intl.DateTimeFormat(localeOf(language).intl, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(year), month - 1, 1)),
  );
  return `${name} ${year}`;
}

/** `11/26` for chart axes. */
export const shortMonth = (key: string) => `${key.slice(5, 7)}/${key.slice(2, 4)}`;

export function isDimension(value: string | null): value is Dimension {
  return value !== null && (DIMENSIONS as readonly string[]).includes(value);
}

export function defaultPeriod(ledgerAsOf: string | null, today: string): string {
  return periodContaining(ledgerAsOf ?? today, 'month').key;
}

/** The kind of a period key. */
export function kindOf(key: string): PeriodKind {
  return parsePeriod(key)?.kind ?? 'month';
}

/** Moves a period to another kind, keeping the date it ends at (or the anchor). */
export function switchKind(key: string, kind: PeriodKind, anchor: string): string {
  const p = parsePeriod(key);
  const date = p ? (p.to < anchor ? p.to : anchor) : anchor;
  return periodContaining(date, kind).key;
}

export type Direction = 'lower' | 'higher' | 'neutral';

/** Which way is better for each card's KPI. */
export const BETTER: Record<string, Direction> = {
  dso: 'lower',
  add: 'lower',
  overdue: 'lower',
  overdueRatio: 'lower',
  inCollection: 'lower',
  avgDaysLate: 'lower',
  avgDaysToPay: 'lower',
  avgRecoveryDays: 'lower',
  cei: 'higher',
  recoveryRate: 'higher',
  payments: 'higher',
  promises: 'higher',
  receivables: 'neutral',
};

export interface Change {
  delta: number;
  sign: 'up' | 'down' | 'same';
  /** true: for the better, false: for the worse, null: neither (or not comparable). */
  good: boolean | null;
}

export function changeOf(current: number | null, previous: number | null, better: Direction): Change | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  const sign = Math.abs(delta) < 1e-9 ? 'same' : delta > 0 ? 'up' : 'down';
  const good = sign === 'same' || better === 'neutral' ? null : (sign === 'down') === (better === 'lower');
  return { delta: Math.abs(delta), sign, good };
}
