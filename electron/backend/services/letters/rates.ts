/**
 * The late-payment rate table (D.Lgs. 231/2002) in the ledger: seeded from the CSV shipped with
 * the app (rows a newer app version ships are added, rows the user entered are kept), extended
 * with `rates add`, which replaces the row of the same half-year. A half-year with no row is
 * reported as missing, never guessed.
 */
import fs from 'node:fs';
import type { Ledger } from '../../../../db/open.ts';
import {
  getRate,
  insertMissingRates,
  listRates,
  type RateRecord,
  upsertRate,
} from '../../../../db/queries/letters.ts';
import type { RateRow } from '../../../../shared/api/contracts/letters.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';
import {
  type HalfYearRate,
  halfYearLabel,
  halfYearStart,
  MORATORY_SPREAD_BP,
  percentToBp,
} from '../../../../shared/domain/interest.ts';
import { letterAssets } from './assets.ts';

const seeded = new WeakSet<Ledger>();

function halfYearEnd(from: IsoDate): IsoDate {
  return from.endsWith('-01-01') ? `${from.slice(0, 4)}-06-30` : `${from.slice(0, 4)}-12-31`;
}

/** Parses the shipped CSV, keeping each row's source (quoted, may contain commas). */
function shippedRows(now: string) {
  const text = fs.readFileSync(letterAssets().ratesCsv, 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const m = /^([^,]+),([^,]+),([^,]+),([^,]+),(.*)$/.exec(line);
      if (!m) throw new Error(`Bad line in the shipped rate table: ${line}`);
      const [, from = '', to = '', ecb = '', moratory = '', source = ''] = m;
      return {
        fromDate: from,
        toDate: to,
        ecbBp: percentToBp(ecb),
        moratoryBp: percentToBp(moratory),
        source: source.replace(/^"|"$/g, '').replace(/""/g, '"'),
        origin: 'shipped' as const,
        updatedAt: now,
      };
    });
}

/** Adds the shipped rows the ledger lacks (once per connection: it is 27 rows). */
export async function ensureRates(db: Ledger, now = new Date().toISOString()): Promise<void> {
  if (seeded.has(db)) return;
  await insertMissingRates(db, shippedRows(now));
  seeded.add(db);
}

export function toRateRow(r: RateRecord): RateRow {
  return {
    from: r.fromDate,
    to: r.toDate,
    ecbPercent: r.ecbBp / 100,
    moratoryPercent: r.moratoryBp / 100,
    source: r.source,
    origin: r.origin,
  };
}

export async function loadRates(db: Ledger): Promise<HalfYearRate[]> {
  await ensureRates(db);
  return (await listRates(db)).map((r) => ({ from: r.fromDate, ecbBp: r.ecbBp, moratoryBp: r.moratoryBp }));
}

/** Half-years from the first in the table up to the one containing `today` that have no rate. */
export function missingUpTo(rates: readonly HalfYearRate[], today: IsoDate): string[] {
  const first = rates[0]?.from;
  if (!first) return [halfYearLabel(halfYearStart(today))];
  const have = new Set(rates.map((r) => r.from));
  const missing: string[] = [];
  for (let h = first; h <= today; h = addDays(halfYearEnd(h), 1)) {
    if (!have.has(h)) missing.push(halfYearLabel(h));
  }
  return missing;
}

export async function rateTable(
  db: Ledger,
  today: IsoDate,
): Promise<{ rates: RateRow[]; missing: string[] }> {
  await ensureRates(db);
  const rows = await listRates(db);
  return {
    rates: rows.map(toRateRow),
    missing: missingUpTo(
      rows.map((r) => ({ from: r.fromDate, ecbBp: r.ecbBp, moratoryBp: r.moratoryBp })),
      today,
    ),
  };
}

/** Adds the half-year starting `from` (replacing its row): moratory = ECB + 8 points. */
export async function addRate(
  db: Ledger,
  input: { from: IsoDate; ecbPercent: number; source?: string | undefined },
  now: string,
): Promise<{ row: RateRow; replaced: RateRow | null }> {
  await ensureRates(db);
  const before = await getRate(db, input.from);
  const ecbBp = percentToBp(input.ecbPercent);
  await upsertRate(db, {
    fromDate: input.from,
    toDate: halfYearEnd(input.from),
    ecbBp,
    moratoryBp: ecbBp + MORATORY_SPREAD_BP,
    source: input.source?.trim() || 'entered by the user',
    origin: 'user',
    updatedAt: now,
  });
  const after = await getRate(db, input.from);
  if (!after) throw new Error('rate not stored');
  return { row: toRateRow(after), replaced: before ? toRateRow(before) : null };
}
