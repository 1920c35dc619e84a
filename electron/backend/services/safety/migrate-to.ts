/**
 * `migrate-to --db postgres://…` (issue 17.6, "moving an office"): the SQLite ledger copied into an
 * EMPTY PostgreSQL database — schema from db/pg/migrations, every table in foreign-key order with
 * its ids, identity counters moved past them — and checked there before anything is committed:
 * per table the row count and a checksum of the rows as each engine returns them, the ledger's
 * figures (customers, open items, residual and overdue by status, open cases and tasks, audit
 * rows), and the Reports page's KPIs of the month that the position gives (monthKpis). One PostgreSQL transaction holds all of it and the audit row of the move: a difference,
 * an error or a refused target leaves the database as it was. The SQLite ledger is only read.
 *
 * The app itself does not run on PostgreSQL yet (docs/team-edition.md, step 1): this moves the
 * data ahead of that, and proves the move.
 */

import {
  appendAudit,
  beginSourceSnapshot,
  connectTarget,
  copyPlan,
  copyTable,
  createSchema,
  existingRelations,
  inTargetTransaction,
  type LedgerFigures,
  type PgTarget,
  resetIdentity,
  schemaDifferences,
  sourceFigures,
  type TableSum,
  targetFigures,
  targetPositionFigures,
  targetTableSum,
} from '../../../../db/pg/copy.ts';
import { openFile } from '../../../../db/queries/backup.ts';
import { AppError, type ErrorIssue } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { computeKpis, emptyFacts, type Kpis, periodContaining } from '../../../../shared/domain/kpi.ts';
import type { BackendContext } from '../../context.ts';
import { gatherPeriod, totalKpis } from '../reports/kpi.ts';
import { migrationLevel } from './backup.ts';

export interface MigrateOptions {
  /** postgres://USER[:PASSWORD]@HOST:PORT/DB (a password may also come from PGPASSWORD). */
  url: string;
  /** Who moves the ledger, as the audit row names them. */
  user: { id: number; name: string };
  /**
   * The verifier's seam for tests: runs on the target after the copy, inside the transaction,
   * just before the two sides are compared (a test changes a row there to see the move refused).
   */
  beforeVerify?: (target: PgTarget) => Promise<void>;
}

export interface MigrateResult {
  source: string;
  /** The URL without its password. */
  target: string;
  tables: { name: string; rows: number }[];
  figures: LedgerFigures;
  /** The row the move appended to the copied audit log. */
  audit: { id: number; action: 'ledger.migrate' };
  verified: true;
}

/** The URL as it may be printed and audited: no password. */
export function publicTarget(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

function parseTarget(url: string | undefined): string {
  if (!url)
    throw new AppError('VALIDATION', 'migrate-to needs the target: --db postgres://USER@HOST:PORT/DB');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `--db must be a postgres:// URL, got "${url}"`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new AppError('VALIDATION', `--db must be a postgres:// URL, got "${url}"`);
  if (parsed.pathname.replace(/^\//, '') === '')
    throw new AppError(
      'VALIDATION',
      `--db must name the database: postgres://USER@HOST:PORT/DB, got "${url}"`,
    );
  return url;
}

function levelProblem(level: ReturnType<typeof migrationLevel>, file: string): string | null {
  if (!level.isLedger) return `${file} is not an Incasso ledger.`;
  if (level.newer)
    return `${file} was written by a newer version of Incasso: install it to move this ledger.`;
  if (level.applied !== level.known)
    return `${file} is at migration ${level.latest ?? 'none'} (${level.applied} of ${level.known}): open it once with this version (any command, e.g. \`summary\`), then move it.`;
  return null;
}

/**
 * Before the ledger is opened — opening migrates an older one — the file must exist and be at
 * this version's migration level: the copy maps exactly this version's tables.
 */
export function checkSourceLedger(file: string, migrationsFolder: string, nativeBinding?: string): void {
  let client: ReturnType<typeof openFile>;
  try {
    client = openFile(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw new AppError('NOT_FOUND', `No ledger to move at ${file}: ${(err as Error).message}`);
  }
  try {
    const problem = levelProblem(migrationLevel(client, migrationsFolder), file);
    if (problem) throw new AppError('VALIDATION', problem);
  } finally {
    client.close();
  }
}

/** The KPIs the copy is checked on: those the position and the month's credit sales give. */
const POSITION_KPIS = [
  'receivablesCents',
  'creditsCents',
  'overdueCents',
  'openCases',
  'inCollectionCents',
  'creditSalesCents',
  'dso',
  'bestPossibleDso',
  'overdueRatio',
] as const satisfies readonly (keyof Kpis)[];

function kpiFigures(k: Kpis, ledgerAsOf: string | null): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = { ledgerAsOf, asOf: k.asOf };
  for (const name of POSITION_KPIS) out[name] = k[name];
  for (const [bucket, cents] of Object.entries(k.aging ?? {})) out[`aging.${bucket}`] = cents;
  return out;
}

/**
 * The Reports page's KPIs of the month of `today` twice: as the page computes them on the ledger, and
 * from the copied rows read on PostgreSQL (db/pg/copy.ts, targetPositionFigures) through the same
 * formulas. Null when the month's position is not the live ledger's (then it is a snapshot, whose
 * lines are among the rows the checksums compare).
 */
async function monthKpis(ctx: BackendContext, pg: PgTarget, today: IsoDate) {
  const period = periodContaining(today, 'month');
  const data = await gatherPeriod(ctx.db, period, today);
  const point = data.measurement.asOf;
  if (data.end?.kind !== 'ledger' || point === null) return null;
  const copied = await targetPositionFigures(pg, period.from, point);
  const facts = {
    ...emptyFacts(),
    receivablesCents: copied.receivablesCents,
    creditsCents: copied.creditsCents,
    aging: copied.aging,
    openCases: copied.openCases,
    inCollectionCents: copied.inCollectionCents,
    creditSalesCents: copied.creditSalesCents,
  };
  return {
    source: kpiFigures(totalKpis(data), data.ledgerAsOf),
    target: kpiFigures(computeKpis(facts, data.measurement), copied.ledgerAsOf ?? today),
  };
}

/** Every difference between the two sides, one line each naming the table or the figure. */
function compareSides(
  tables: { name: string; source: TableSum; target: TableSum }[],
  source: LedgerFigures,
  target: LedgerFigures,
): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  for (const t of tables) {
    if (t.source.rows !== t.target.rows)
      issues.push({
        path: t.name,
        message: `${t.name}: ${t.source.rows} rows in the SQLite ledger, ${t.target.rows} in PostgreSQL`,
      });
    else if (t.source.checksum !== t.target.checksum)
      issues.push({
        path: t.name,
        message: `${t.name}: the rows differ (checksum ${t.source.checksum} in the SQLite ledger, ${t.target.checksum} in PostgreSQL)`,
      });
  }
  const flat = (f: LedgerFigures): Map<string, number | string> => {
    const { residualCents, overdueCents, kpis, ...plain } = f;
    const out = new Map<string, number | string>(Object.entries(plain));
    for (const [s, n] of Object.entries(residualCents)) out.set(`residualCents.${s}`, n);
    for (const [s, n] of Object.entries(overdueCents)) out.set(`overdueCents.${s}`, n);
    for (const [k, v] of Object.entries(kpis ?? {})) out.set(`kpis.${k}`, v ?? 'none');
    return out;
  };
  const s = flat(source);
  const p = flat(target);
  for (const key of new Set([...s.keys(), ...p.keys()])) {
    if (s.get(key) !== p.get(key))
      issues.push({
        path: `figures.${key}`,
        message: `figure ${key}: ${s.get(key) ?? 'none'} in the SQLite ledger, ${p.get(key) ?? 'none'} in PostgreSQL`,
      });
  }
  return issues;
}

export async function migrateTo(ctx: BackendContext, opts: MigrateOptions): Promise<MigrateResult> {
  const url = parseTarget(opts.url);
  const target = publicTarget(url);
  const problem = levelProblem(migrationLevel(ctx.db.$client, ctx.migrationsFolder), ctx.dbPath);
  if (problem) throw new AppError('VALIDATION', problem);
  const plan = copyPlan();
  const drift = schemaDifferences(ctx.db, plan);
  if (drift.length > 0)
    throw new AppError('CONFLICT', `The ledger's tables and db/pg/schema.ts differ: ${drift.join('; ')}`, {
      issues: drift.map((message) => ({ message })),
    });
  const today = ctx.today();
  const progress = (phase: string, done: number) =>
    ctx.emit({ type: 'job', job: 'migrate-to', phase, done, total: plan.length });

  let pg: PgTarget;
  try {
    pg = await connectTarget(url);
  } catch (err) {
    throw new Error(`Cannot connect to ${target}: ${(err as Error).message}`);
  }
  const endSnapshot = beginSourceSnapshot(ctx.db);
  try {
    return await inTargetTransaction(pg, async () => {
      const existing = await existingRelations(pg);
      if (existing.length > 0)
        throw new AppError(
          'VALIDATION',
          `${target} is not empty (${existing.length} table(s) or sequence(s), e.g. ${existing.slice(0, 3).join(', ')}): migrate-to copies into an empty database only. Nothing was written.`,
        );
      await createSchema(pg);
      const sums: { name: string; source: TableSum; target: TableSum }[] = [];
      for (const [i, table] of plan.entries()) {
        progress('copy', i);
        const source = await copyTable(ctx.db, pg, table);
        sums.push({ name: table.name, source, target: { rows: 0, checksum: '' } });
      }
      for (const table of plan) await resetIdentity(pg, table);
      await opts.beforeVerify?.(pg);
      for (const [i, table] of plan.entries()) {
        progress('verify', i);
        (sums[i] as (typeof sums)[number]).target = await targetTableSum(pg, table);
      }
      const kpis = await monthKpis(ctx, pg, today);
      const figures = { ...sourceFigures(ctx.db, today), ...(kpis ? { kpis: kpis.source } : {}) };
      const copied = { ...(await targetFigures(pg, today)), ...(kpis ? { kpis: kpis.target } : {}) };
      const issues = compareSides(sums, figures, copied);
      if (issues.length > 0)
        throw new AppError(
          'INTERNAL',
          `The copy in ${target} does not match the ledger: rolled back, nothing was committed. ${issues.map((i) => i.message).join('; ')}`,
          { issues },
        );
      progress('verify', plan.length);
      const tables = sums.map((t) => ({ name: t.name, rows: t.source.rows }));
      const id = await appendAudit(pg, {
        at: ctx.now(),
        userId: opts.user.id,
        userName: opts.user.name,
        action: 'ledger.migrate',
        entity: 'ledger',
        after: {
          source: ctx.dbPath,
          target,
          rows: tables.reduce((n, t) => n + t.rows, 0),
          tables: tables.length,
          figures,
        },
      });
      return {
        source: ctx.dbPath,
        target,
        tables,
        figures,
        audit: { id, action: 'ledger.migrate' as const },
        verified: true as const,
      };
    });
  } finally {
    endSnapshot();
    await pg.end().catch(() => {});
  }
}
