/**
 * The daily KPI snapshot, stored at the end of every dunning run (a run follows every import and
 * undo): the ledger's position at its as-of date per customer, so trends and past periods stay
 * known after items are closed. Runs inside the run's transaction.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  livePositions,
  replaceSnapshot,
  type SnapshotTotals,
  thinSnapshotLines,
} from '../../../../db/queries/kpi.ts';
import { ledgerAsOf } from '../../../../db/queries/summary.ts';
import { AGING_BUCKETS, emptyAging } from '../../../../shared/domain/aging.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';
import { overdueOf } from '../../../../shared/domain/kpi.ts';

/** Daily per-customer lines are kept this long; older ones only for each month's last snapshot. */
export const SNAPSHOT_LINES_KEEP_DAYS = 40;

export async function storeKpiSnapshot(db: Ledger, today: IsoDate): Promise<SnapshotTotals> {
  const date = (await ledgerAsOf(db)) ?? today;
  const lines = await livePositions(db, date);
  const aging = emptyAging();
  let openCases = 0;
  let inCollectionCents = 0;
  for (const l of lines) {
    for (const b of AGING_BUCKETS) aging[b] += l.aging[b];
    openCases += l.openCases;
    inCollectionCents += l.inCollectionCents;
  }
  const totals: SnapshotTotals = {
    customers: lines.filter((l) => l.items > 0).length,
    items: lines.reduce((a, l) => a + l.items, 0),
    receivablesCents: AGING_BUCKETS.reduce((a, b) => a + aging[b], 0),
    creditsCents: lines.reduce((a, l) => a + l.creditsCents, 0),
    overdueCents: overdueOf(aging),
    aging,
    openCases,
    inCollectionCents,
  };
  await replaceSnapshot(db, date, today, totals, lines);
  await thinSnapshotLines(db, addDays(date, -SNAPSHOT_LINES_KEEP_DAYS));
  return totals;
}
