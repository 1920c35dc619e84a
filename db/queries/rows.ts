/**
 * `allRows(query)`: the rows of a flat select, as the query builder's `.all()` returns them, for
 * the queries that return one row per customer or per item (50,000 to 1,000,000 rows in the
 * day's run). drizzle maps every row field by field, testing each field's kind again for every
 * row (`mapResultRow`: about 1.5 µs a row, 0.9 s of the week-later dunning run at 1M items);
 * here each field's decoder is found once per query and the rows are built from the driver's
 * arrays. A nested selection (a table as an object) is built the same way when its table cannot
 * be missing from a row (the FROM table, an inner join); one from an outer join, which drizzle
 * turns into null when the row has none, goes through drizzle's own mapping.
 */
import type { Statement } from 'better-sqlite3';
import { Column, getTableName, is, SQL } from 'drizzle-orm';
import type { Ledger } from '../open.ts';

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** What a prepared better-sqlite3 select carries: its fields in order, and its raw rows. */
interface PreparedSelect {
  fields?: { path: string[]; field: unknown }[];
  /** Per joined table: false when an outer join can leave it missing. */
  joinsNotNullableMap?: Record<string, boolean>;
  values(): unknown[][];
  all(): unknown[];
}

/** The part of a select query builder this needs (every `db.select(…).from(…)…` has it). */
interface SelectQuery<T> {
  prepare(): unknown;
  all(): T[];
}

function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  // `decoder` is internal to drizzle's SQL (set by .mapWith()), not in its public type.
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
  // A subquery's field: its SQL's decoder.
  const sub = field as { _?: { sql?: { decoder?: Decoder } } };
  return sub._?.sql?.decoder ?? { mapFromDriverValue: (v) => v };
}

export function allRows<T>(query: SelectQuery<T>): T[] {
  const prepared = query.prepare() as PreparedSelect;
  const fields = prepared.fields;
  if (!fields || fields.some((f) => !plainField(f, prepared.joinsNotNullableMap))) return query.all();
  return rowsOf<T>(fields, prepared.values());
}

/**
 * allRows for a query asked again and again with other values (the worklist's pages): per SQL
 * text the statement is compiled and the fields read once and kept (compiling the page's
 * statement was ~0.4 ms of a ~4.5 ms request). A selection that needs drizzle's own mapping
 * goes through allRows.
 */
export async function allRowsCached<T>(db: Ledger, query: CachableQuery<T>): Promise<T[]> {
  const { sql: text, params } = query.toSQL();
  let byText = statements.get(db);
  if (!byText) {
    byText = new Map();
    statements.set(db, byText);
  }
  let known = byText.get(text);
  if (!known) {
    const prepared = query.prepare() as PreparedSelect;
    const fields = prepared.fields;
    const plain = fields?.every((f) => plainField(f, prepared.joinsNotNullableMap)) ?? false;
    known = { fields: plain ? fields : undefined, statement: db.$client.prepare(text).raw(true) };
    if (byText.size >= STATEMENTS_KEPT) byText.clear();
    byText.set(text, known);
  }
  if (!known.fields) return query.all();
  return rowsOf<T>(known.fields, known.statement.all(...params) as unknown[][]);
}

/** A select query builder, with what allRowsCached reads of it. */
interface CachableQuery<T> extends SelectQuery<T> {
  toSQL(): { sql: string; params: unknown[] };
}

const statements = new WeakMap<
  Ledger,
  Map<string, { fields: { path: string[]; field: unknown }[] | undefined; statement: Statement }>
>();
const STATEMENTS_KEPT = 200;

/** A top-level field, or a nested one from a table every row has (not outer-joined). */
function plainField(f: { path: string[]; field: unknown }, notNullable?: Record<string, boolean>): boolean {
  if (f.path.length === 1) return true;
  if (f.path.length !== 2 || !is(f.field, Column)) return false;
  return notNullable?.[getTableName(f.field.table)] !== false;
}

/** Builds the rows from the driver's arrays, each field decoded as drizzle would (nested paths too). */
function rowsOf<T>(fields: { path: string[]; field: unknown }[], values: unknown[][]): T[] {
  const paths = fields.map((f) => f.path);
  const decoders = fields.map((f) => decoderOf(f.field));
  // SQL expressions without a .mapWith() decode as they come: skip the call for those.
  const identity = decoders.map((d) => !(d instanceof Column) && isIdentity(d));
  const out: T[] = [];
  for (const raw of values) {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < paths.length; i++) {
      const v = raw[i];
      const value =
        v === null || v === undefined || identity[i] ? v : (decoders[i] as Decoder).mapFromDriverValue(v);
      const path = paths[i] as string[];
      let node = row;
      for (let j = 0; j < path.length - 1; j++) {
        const key = path[j] as string;
        node[key] ??= {};
        node = node[key] as Record<string, unknown>;
      }
      node[path[path.length - 1] as string] = value;
    }
    out.push(row as T);
  }
  return out;
}

/**
 * The rows of a select whose FROM table must be read through a given index (SQLite's
 * `INDEXED BY`, which the query builder cannot write): for an order only that index gives and
 * the planner does not pick on its own. Nested selections must come from the FROM table or inner
 * joins (a left join's missing row would not become null here: refused). Throws if the query
 * does not name `table` after FROM exactly once, so a change of the builder's output cannot
 * silently drop or misplace the hint.
 */
export async function allRowsIndexedBy<T>(
  db: Ledger,
  query: SelectQuery<T> & { toSQL(): { sql: string; params: unknown[] } },
  table: string,
  index: string,
): Promise<T[]> {
  const prepared = query.prepare() as PreparedSelect;
  const { sql: text, params } = query.toSQL();
  const from = `from "${table}"`;
  const at = text.indexOf(from);
  // Exactly one place names the table after FROM: a subquery reading it too would make the hint ambiguous.
  if (at < 0 || text.indexOf(from, at + 1) >= 0 || !prepared.fields)
    throw new Error(`allRowsIndexedBy: the query does not read from ${table} once`);
  if (!prepared.fields.every((f) => plainField(f, prepared.joinsNotNullableMap)))
    throw new Error('allRowsIndexedBy: a nested selection from an outer join needs drizzle’s mapping');
  const hinted = `${text.slice(0, at + from.length)} INDEXED BY "${index}"${text.slice(at + from.length)}`;
  const values = db.$client
    .prepare(hinted)
    .raw()
    .all(...params) as unknown[][];
  return rowsOf<T>(prepared.fields, values);
}

/** drizzle's default decoder for plain `sql` expressions returns its input. */
function isIdentity(d: Decoder): boolean {
  try {
    return d.mapFromDriverValue(identityProbe) === identityProbe;
  } catch {
    return false;
  }
}
const identityProbe = {};
