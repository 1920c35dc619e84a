/**
 * Builds the team edition's PostgreSQL tables (pg-core) from the SQLite ledger's (sqlite-core), so
 * the ledger's tables are defined once, in db/schema/*.ts, and db/pg/schema.ts only says how the two
 * engines differ. Read from each SQLite table (getTableConfig): columns with their SQL names,
 * nullability, defaults and primary keys, unique columns and constraints, indexes (unique, partial,
 * on expressions), foreign keys with their actions, check constraints.
 *
 * The mechanical mapping, column by column:
 * - INTEGER stays `integer`, except the columns `bigint` picks (mode 'number', read back as a JS
 *   number like SQLite's integers);
 * - INTEGER PRIMARY KEY AUTOINCREMENT becomes an identity column `BY DEFAULT` (explicit ids are
 *   accepted, so a ledger moved from SQLite keeps them); any other primary key stays a primary key;
 * - INTEGER in boolean mode (0/1) becomes `boolean`;
 * - TEXT stays `text` (dates and timestamps are ISO text on both engines), REAL becomes
 *   `double precision`; any other SQLite type stops the derivation rather than guess;
 * - a literal default is the same literal; an SQL default must be named in `sqlDefaults`;
 * - in an index, an expression that is only `<column> DESC` (or ASC) is that column in that order,
 *   as PostgreSQL spells it; any other expression or condition is copied as it is (columns named by
 *   their SQL name), unless `indexExpressions` gives its PostgreSQL twin.
 * An override names the SQLite text it translates: when that text changes, the derivation stops and
 * asks for the override to be reviewed, instead of shipping a PostgreSQL index that no longer matches.
 */
import { type ChangeColumnTableName, getTableColumns, is, SQL, StringChunk } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  type ExtraConfigColumn,
  foreignKey,
  index,
  integer,
  type PgColumn,
  type PgColumnBuilder,
  type PgTable,
  type PgTableExtraConfigValue,
  type PgTableWithColumns,
  pgTable,
  getTableConfig as pgTableConfig,
  primaryKey,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  getTableConfig,
  type Index,
  SQLiteBaseInteger,
  SQLiteColumn,
  SQLiteSyncDialect,
  SQLiteTable,
} from 'drizzle-orm/sqlite-core';

/**
 * The PostgreSQL twin of a SQLite table, typed like it: same column keys and row types. One
 * looseness: a SQLite INTEGER PRIMARY KEY without AUTOINCREMENT (customer_privacy.customer_id) is
 * optional on insert in the type, as on SQLite (the rowid fills it), though PostgreSQL requires it.
 */
export type PgTwin<T extends SQLiteTable> = PgTableWithColumns<{
  name: T['_']['name'];
  schema: undefined;
  dialect: 'pg';
  columns: {
    [K in keyof T['_']['columns']]: ChangeColumnTableName<T['_']['columns'][K], T['_']['name'], 'pg'>;
  };
}>;

/** Every SQLite table of a schema module, under the same export names, as its PostgreSQL twin. */
export type PgTwins<S> = {
  [K in keyof S as S[K] extends SQLiteTable ? K : never]: S[K] extends SQLiteTable ? PgTwin<S[K]> : never;
};

/** A table's columns inside its extra config, by SQL name: unknown names throw. */
export type ColumnByName = (name: string) => ExtraConfigColumn;

/** Where PostgreSQL is deliberately not the mechanical copy of SQLite (see the module comment). */
export interface Divergences {
  /** The INTEGER columns that are `bigint` on PostgreSQL. */
  bigint: (table: string, column: string) => boolean;
  /** SQL defaults by their SQLite text, e.g. a strftime() timestamp: the PostgreSQL expression. */
  sqlDefaults: Record<string, SQL>;
  /** Index expressions with no PostgreSQL spelling, by index name: the SQLite text and its twin. */
  indexExpressions: Record<string, { sqlite: string; pg: (column: ColumnByName) => SQL }>;
}

const sqliteDialect = new SQLiteSyncDialect();
const sqliteText = (expression: SQL) => sqliteDialect.sqlToQuery(expression).sql;

/** A pg-core builder of any type, for the constraints every type shares (drizzle's types are invariant). */
const anyType = (builder: object) => builder as PgColumnBuilder;

/** The PostgreSQL type of one SQLite column, before its constraints. */
function pgType(table: string, column: SQLiteColumn, divergences: Divergences): PgColumnBuilder {
  switch (column.columnType) {
    case 'SQLiteInteger': {
      const number = divergences.bigint(table, column.name)
        ? bigint(column.name, { mode: 'number' })
        : integer(column.name);
      const autoIncrement = is(column, SQLiteBaseInteger) && column.primary && column.autoIncrement;
      return anyType(autoIncrement ? number.generatedByDefaultAsIdentity() : number);
    }
    case 'SQLiteBoolean':
      return anyType(boolean(column.name));
    case 'SQLiteText':
      return anyType(
        column.enumValues?.length
          ? text(column.name, { enum: column.enumValues as [string, ...string[]] })
          : text(column.name),
      );
    case 'SQLiteReal':
      return anyType(doublePrecision(column.name));
    default:
      throw new Error(
        `${table}.${column.name}: no PostgreSQL type is known for ${column.columnType} (db/pg/derive.ts)`,
      );
  }
}

/** The PostgreSQL column builder of one SQLite column. */
function columnBuilder(table: string, column: SQLiteColumn, divergences: Divergences): PgColumnBuilder {
  const builder = pgType(table, column, divergences);
  if (column.primary) builder.primaryKey();
  if (column.notNull && !column.primary) builder.notNull();
  if (column.isUnique) builder.unique(column.uniqueName);
  if (is(column.default, SQL)) {
    const sqlite = sqliteText(column.default);
    const pg = divergences.sqlDefaults[sqlite];
    if (!pg)
      throw new Error(
        `${table}.${column.name}: no PostgreSQL twin for the SQL default ${sqlite} (db/pg/schema.ts)`,
      );
    builder.default(pg);
  } else if (column.default !== undefined) {
    builder.default(column.default as never);
  }
  if (column.defaultFn) builder.$defaultFn(column.defaultFn as () => never);
  if (column.onUpdateFn) builder.$onUpdateFn(column.onUpdateFn as () => never);
  return builder;
}

/**
 * A SQLite condition or expression for PostgreSQL: its text as it is, its columns by SQL name.
 * Parameters (literal values) are refused: the SQLite schema writes its conditions as text.
 */
function copySql(expression: SQL, column: ColumnByName, where: string): SQL {
  return new SQL(
    expression.queryChunks.map((chunk) => {
      if (is(chunk, StringChunk)) return chunk;
      if (is(chunk, SQLiteColumn)) return column(chunk.name);
      if (is(chunk, SQL)) return copySql(chunk, column, where);
      throw new Error(`${where}: cannot copy ${sqliteText(expression)} to PostgreSQL (db/pg/derive.ts)`);
    }),
  );
}

const ORDERED_COLUMN = /^\s*"?(\w+)"?\s+(ASC|DESC)\s*$/i;

/** The columns and expressions of a SQLite index, for PostgreSQL. */
function indexParts(
  i: Index['config'],
  column: ColumnByName,
  divergences: Divergences,
): [ExtraConfigColumn | SQL, ...(ExtraConfigColumn | SQL)[]] {
  const override = divergences.indexExpressions[i.name];
  let overridden = false;
  const parts = i.columns.map((part) => {
    if (is(part, SQLiteColumn)) return column(part.name);
    const expression = part as SQL;
    const sqlite = sqliteText(expression);
    const ordered = ORDERED_COLUMN.exec(sqlite);
    if (ordered) {
      const c = column(ordered[1] as string);
      return (ordered[2]?.toUpperCase() === 'DESC' ? c.desc() : c) as ExtraConfigColumn;
    }
    if (override && override.sqlite === sqlite) {
      overridden = true;
      return override.pg(column);
    }
    return copySql(expression, column, `index ${i.name}`);
  });
  if (override && !overridden) {
    throw new Error(
      `index ${i.name}: no expression ${override.sqlite} on SQLite any more: review its PostgreSQL twin in db/pg/schema.ts`,
    );
  }
  return parts as [ExtraConfigColumn | SQL, ...(ExtraConfigColumn | SQL)[]];
}

/** The extra config (indexes, keys, constraints) of the PostgreSQL twin of a SQLite table. */
function extraConfig(
  config: ReturnType<typeof getTableConfig>,
  twins: Map<SQLiteTable, PgTable>,
  divergences: Divergences,
  columns: Record<string, ExtraConfigColumn>,
): PgTableExtraConfigValue[] {
  const byName = new Map(Object.values(columns).map((c) => [c.name, c]));
  const column: ColumnByName = (name) => {
    const c = byName.get(name);
    if (!c) throw new Error(`${config.name}: no column ${name}`);
    return c;
  };
  const columnList = (list: SQLiteColumn[]) =>
    list.map((c) => column(c.name)) as unknown as [PgColumn, ...PgColumn[]];
  const twinColumn = (c: SQLiteColumn): PgColumn => {
    const twin = twins.get(c.table);
    const found = twin && Object.values(getTableColumns(twin)).find((p) => p.name === c.name);
    if (!found) throw new Error(`${config.name}: ${c.name} references a table with no PostgreSQL twin`);
    return found;
  };
  const out: PgTableExtraConfigValue[] = [];
  for (const { config: i } of config.indexes) {
    const builder = (i.unique ? uniqueIndex : index)(i.name).on(...indexParts(i, column, divergences));
    out.push(i.where ? builder.where(copySql(i.where, column, `index ${i.name}`)) : builder);
  }
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const builder = foreignKey({
      ...(ref.name ? { name: ref.name } : {}),
      columns: columnList(ref.columns),
      foreignColumns: ref.foreignColumns.map(twinColumn) as [PgColumn, ...PgColumn[]],
    });
    if (fk.onDelete) builder.onDelete(fk.onDelete);
    if (fk.onUpdate) builder.onUpdate(fk.onUpdate);
    out.push(builder);
  }
  for (const u of config.uniqueConstraints) {
    out.push(unique(u.getName()).on(...columnList(u.columns)));
  }
  for (const c of config.checks) out.push(check(c.name, copySql(c.value, column, `check ${c.name}`)));
  for (const pk of config.primaryKeys) {
    out.push(
      primaryKey({
        ...(pk.name ? { name: pk.name } : {}),
        columns: columnList(pk.columns),
      }),
    );
  }
  return out;
}

/** The PostgreSQL twins of every SQLite table a schema module exports, under the same names. */
export function derivePgSchema<S extends Record<string, unknown>>(
  sqlite: S,
  divergences: Divergences,
): PgTwins<S> {
  const twins = new Map<SQLiteTable, PgTable>();
  const out: Record<string, PgTable> = {};
  for (const [key, table] of Object.entries(sqlite)) {
    if (!is(table, SQLiteTable)) continue;
    const config = getTableConfig(table);
    const columns = Object.fromEntries(
      Object.entries(getTableColumns(table)).map(([k, c]) => [k, columnBuilder(config.name, c, divergences)]),
    );
    const twin = pgTable(config.name, columns, (t) =>
      extraConfig(config, twins, divergences, t as unknown as Record<string, ExtraConfigColumn>),
    );
    twins.set(table, twin);
    out[key] = twin;
  }
  // Built once now that every twin exists (foreign keys point across tables): an expression or a
  // default with no PostgreSQL twin fails when the schema is imported, not in the middle of a move.
  for (const twin of twins.values()) pgTableConfig(twin);
  return out as PgTwins<S>;
}
