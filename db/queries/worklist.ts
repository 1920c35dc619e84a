/**
 * The worklist as the page reads it: one page at a time in the order the user chose, filtered
 * in SQL, with a keyset cursor (the sort values of the last row sent) instead of an offset, so
 * the 500th page costs what the first does. The counts the page shows come from one separate
 * query. The sort orders the indexes serve are listed in the schema next to tasks' indexes.
 */
import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { IsoDate } from '../../shared/domain/dates.ts';
import { filterInOrder } from '../../shared/in-order.ts';
import type { Ledger } from '../open.ts';
import { cases, customers, tasks, users } from '../schema.ts';
import { allRowsCached, allRowsIndexedBy } from './rows.ts';

type TaskType = (typeof tasks.$inferSelect)['type'];

export type WorklistSortKey = 'priority' | 'customer' | 'overdue' | 'daysOverdue' | 'late';
export type WorklistDimension = 'area' | 'collector' | 'salesperson';

export interface WorklistQuery {
  today: IsoDate;
  /** Whose tasks; omitted: everyone's. */
  assigneeId?: number;
  type?: TaskType;
  /** Part of the customer's name or code (case folded). */
  search?: string;
  /** Only one collector's, area's or salesperson's tasks; `key` null: those without one. */
  drill?: { by: WorklistDimension; key: string | null };
  /** Grouped: the rows come group by group (groups by name, the ones without a value last). */
  groupBy?: WorklistDimension;
  sort: WorklistSortKey;
  desc: boolean;
}

/** What a worklist row shows of its task, customer, collector and case (the page and the CLI). */
export const taskListColumns = {
  t: tasks,
  customerCode: customers.code,
  customerName: customers.name,
  area: customers.area,
  salesperson: customers.salesperson,
  assignee: users.name,
  overdueCents: cases.overdueCents,
  caseStatus: cases.status,
};

/**
 * What a page's row holds of its task: what the page shows (electron/backend/services/dunning/worklist.ts,
 * toTask), not the fields of a closed task, its note or items (a fifth of a page's read).
 */
const pageColumns = {
  ...taskListColumns,
  t: {
    id: tasks.id,
    caseId: tasks.caseId,
    type: tasks.type,
    stepName: tasks.stepName,
    template: tasks.template,
    dueDate: tasks.dueDate,
    createdOn: tasks.createdOn,
    assigneeId: tasks.assigneeId,
    priority: tasks.priority,
    priorityFactors: tasks.priorityFactors,
  },
};

/** What a page's row shows (a row of taskListColumns has all of it). */
export type WorklistRow = Omit<Awaited<ReturnType<typeof worklistPage>>['rows'][number], 'keys'>;

/** A page's cursor: the sort values of the last row of the page before. */
export type WorklistCursor = (string | number)[];

interface Term {
  expr: SQL;
  desc: boolean;
}

/**
 * The day the customer's oldest overdue fell due (the task's daysOverdue factor, counted back
 * from its creation): the expression of tasks_oldest_due_idx, written the same so the index
 * serves it. Tasks without the factor come after all (as if never overdue), tied among them.
 */
const OLDEST_DUE = sql`coalesce(julianday(${tasks.createdOn}) - json_extract(${tasks.priorityFactors}, '$[1].value'), 9999999)`;

function dimension(by: WorklistDimension): SQL {
  if (by === 'area') return sql`${customers.area}`;
  if (by === 'salesperson') return sql`${customers.salesperson}`;
  return sql`${users.name}`;
}

const groupCustomer = alias(customers, 'group_customer');
const groupUser = alias(users, 'group_user');

/**
 * `test` of the task's value of the dimension (null: none), for a page walking the tasks in the
 * list's order: asked of the task's own customer or collector row in a subquery of the task,
 * rather than of the joined customers or users — a condition on the joined table makes SQLite
 * build a Bloom filter over all of it for every read (a scan of the 30,000 customers, 3-4 ms of a
 * 5 ms group page) before walking the priority index. The aggregate (max over the one row, or
 * none) makes a task without one read null, as the left join of its collector does. Sorted by
 * customer, the customers are the walk itself (customers_name_nocase_idx): tested on the joined
 * row, as they come.
 */
function dimensionOfTask(q: WorklistQuery, by: WorklistDimension, test: (value: SQL) => SQL): SQL {
  if (q.sort === 'customer') return test(dimension(by));
  if (by === 'collector')
    return sql`(SELECT ${test(sql`max(${groupUser.name})`)} FROM ${users} ${groupUser} WHERE ${groupUser.id} = ${tasks.assigneeId})`;
  const col = by === 'area' ? groupCustomer.area : groupCustomer.salesperson;
  return sql`(SELECT ${test(sql`max(${col})`)} FROM ${customers} ${groupCustomer} WHERE ${groupCustomer.id} = ${tasks.customerId})`;
}

/**
 * The ORDER BY, term by term; every term is never null (the cursor compares them), the last is
 * the task's id so the order is total. Ties go to the highest priority, then the oldest due date.
 */
function terms(q: WorklistQuery): Term[] {
  const out: Term[] = [];
  if (q.groupBy) {
    const g = dimension(q.groupBy);
    out.push({ expr: sql`(${g} IS NULL)`, desc: false });
    out.push({ expr: sql`coalesce(${g}, '') COLLATE NOCASE`, desc: false });
  }
  switch (q.sort) {
    case 'priority':
      out.push({ expr: sql`${tasks.priority}`, desc: q.desc });
      break;
    case 'customer':
      out.push({ expr: sql`${customers.name} COLLATE NOCASE`, desc: q.desc });
      break;
    case 'overdue':
      out.push({ expr: sql`${cases.overdueCents}`, desc: q.desc });
      break;
    case 'daysOverdue':
      // Days overdue = today − the oldest due date: more days, an earlier date.
      out.push({ expr: OLDEST_DUE, desc: !q.desc });
      break;
    case 'late':
      // Days late = today − the task's due date.
      out.push({ expr: sql`${tasks.dueDate}`, desc: !q.desc });
      break;
  }
  if (q.sort !== 'priority') out.push({ expr: sql`${tasks.priority}`, desc: true });
  if (q.sort !== 'late') out.push({ expr: sql`${tasks.dueDate}`, desc: false });
  out.push({ expr: sql`${tasks.id}`, desc: false });
  return out;
}

/** Rows after the cursor: (a, b, …) past (va, vb, …) with each term in its own direction. */
function after(ts: Term[], cursor: WorklistCursor): SQL {
  const past = (i: number): SQL => {
    const t = ts[i] as Term;
    const v = cursor[i];
    const beyond = t.desc ? sql`${t.expr} < ${v}` : sql`${t.expr} > ${v}`;
    if (i === ts.length - 1) return beyond;
    return sql`(${beyond} OR (${t.expr} = ${v} AND ${past(i + 1)}))`;
  };
  const first = ts[0] as Term;
  // The first term as a plain range too, so an index on it starts at the cursor.
  const from = first.desc ? sql`${first.expr} <= ${cursor[0]}` : sql`${first.expr} >= ${cursor[0]}`;
  return sql`${from} AND ${past(0)}`;
}

/**
 * The conditions on a task of the query's filters. `read`: how the tasks are read — 'walk', a
 * page walking an index in the list's order with the customers, cases and users joined, tests
 * each task it meets; 'task', the same on the task alone (nothing joined); 'all', the counts,
 * reads every matching task, so a drilled-into area or salesperson is its customers first, then
 * their tasks (tasks_customer_idx; tested per task, an area's counts were 150 ms at 100,000
 * tasks, against 35), while a page walking the priority index would then sort the whole area's.
 */
type Read = 'walk' | 'task' | 'all';
async function filters(db: Ledger, q: WorklistQuery, read: Read = 'walk'): Promise<SQL[]> {
  const conds: SQL[] = [sql`${tasks.status} = 'open'`, lte(tasks.dueDate, q.today)];
  if (q.assigneeId !== undefined) conds.push(eq(tasks.assigneeId, q.assigneeId));
  if (q.type) conds.push(sql`${tasks.type} = ${q.type}`);
  const term = q.search?.trim().toLowerCase();
  if (term) conds.push(await searchedFor(db, term, read));
  if (q.drill) conds.push(drilled(q, q.drill.by, q.drill.key, read));
  return conds;
}

/** The tasks whose customer's area or salesperson, or whose collector, is `key` (null: none). */
function drilled(q: WorklistQuery, by: WorklistDimension, key: string | null, read: Read): SQL {
  if (by === 'collector') {
    // None: a task without a collector or whose user is gone (a collector's name is never null).
    if (key === null)
      return sql`(${tasks.assigneeId} IS NULL OR ${tasks.assigneeId} NOT IN (SELECT ${users.id} FROM ${users}))`;
    // On a page, the joined user's name: SQLite then starts from that user and walks their tasks
    // in the list's order (tasks_worklist_idx); otherwise through the assignee indexes.
    if (read === 'walk') return sql`${users.name} = ${key}`;
    return sql`${tasks.assigneeId} IN (SELECT ${users.id} FROM ${users} WHERE ${users.name} = ${key})`;
  }
  if (read !== 'all')
    return dimensionOfTask(q, by, (d) => (key === null ? sql`${d} IS NULL` : sql`${d} = ${key}`));
  const d = dimension(by);
  return sql`${tasks.customerId} IN (SELECT ${customers.id} FROM ${customers} WHERE ${key === null ? sql`${d} IS NULL` : sql`${d} = ${key}`})`;
}

/**
 * The tasks of the customers whose name or code holds `term` (case folded as SQLite's lower()
 * does). The customers are found once per search while the ledger's version is the same, not on
 * every page of it nor for each reader (reading the 30,000 customers' names is ~9 ms; a page of
 * their tasks, 3), and passed as a JSON array of ids: their tasks are found through them
 * (tasks_customer_idx) and sorted. A search most customers match (more than BROAD_SEARCH of
 * them) would sort most tasks that way on every page: a page walking the list's order tests
 * each task's customer instead, and soon has its rows.
 */
async function searchedFor(db: Ledger, term: string, read: Read): Promise<SQL> {
  // LIKE folds the case of ASCII letters only, as lower() does (and leaves the rest as it is), so
  // '%term%' keeps what instr(lower(name), term) kept, without lowering 30,000 names (9 against 15 ms).
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const holds = (c: { name: SQLiteColumn; code: SQLiteColumn }) =>
    sql`${c.name} LIKE ${like} ESCAPE ${'\\'} OR ${c.code} LIKE ${like} ESCAPE ${'\\'}`;
  const found = await searchKept(db, term, () => {
    const ids = db
      .select({ id: customers.id })
      .from(customers)
      .where(holds(customers))
      .orderBy(customers.id)
      .all()
      .map((r) => r.id);
    const all = db.select({ n: sql<number>`count(*)` }).from(customers).get()?.n ?? 0;
    return { ids: JSON.stringify(ids), share: all > 0 ? ids.length / all : 0 };
  });
  if (read !== 'all' && found.share > BROAD_SEARCH)
    return sql`(SELECT ${holds(groupCustomer)} FROM ${customers} ${groupCustomer} WHERE ${groupCustomer.id} = ${tasks.customerId})`;
  return sql`${tasks.customerId} IN (SELECT "value" FROM json_each(${found.ids}))`;
}

/**
 * Above this share of the customers, a search's page walks the list's order: a page of 200 then
 * meets about 200 / share tasks, against the share's tasks found and sorted (equal near 5% at
 * 100,000 tasks).
 */
const BROAD_SEARCH = 0.05;

/** Whether the cursor fits the query's order (as many values as terms, each a string or number). */
export function cursorFits(q: WorklistQuery, cursor: WorklistCursor): boolean {
  return cursor.length === terms(q).length;
}

/**
 * Whether a read walks the cases by their overdue: sorted by it (within a group when grouped),
 * and not searched (a search keeps few customers' tasks: those are found first and sorted,
 * rather than every case walked for them).
 */
function byCaseOverdue(q: WorklistQuery): boolean {
  return q.sort === 'overdue' && !q.search?.trim();
}

/** One page: up to `limit` open tasks due, after `cursor` in the query's order; `next` continues. */
export async function worklistPage(db: Ledger, q: WorklistQuery, limit: number, cursor?: WorklistCursor) {
  const rows = q.groupBy
    ? await groupedRows(db, q, q.groupBy, limit + 1, cursor)
    : await pageRows(db, q, terms(q), await filters(db, q), limit + 1, cursor);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  const next: WorklistCursor | null = more && last ? (JSON.parse(last.keys) as WorklistCursor) : null;
  return { rows: page, next };
}

/**
 * At most `n` open tasks matching `conds`, after `cursor`, in the order of `ts`; each row carries
 * `keys`, the values of `keyTerms` (all the query's terms: the next page's cursor).
 */
async function pageRows(
  db: Ledger,
  q: WorklistQuery,
  ts: Term[],
  conds: SQL[],
  n: number,
  cursor?: WorklistCursor,
  keyTerms: Term[] = ts,
) {
  const where = cursor ? [...conds, after(ts, cursor)] : conds;
  const keys = sql.join(
    keyTerms.map((t) => t.expr),
    sql`, `,
  );
  const order = sql.join(
    ts.map((t) => (t.desc ? sql`${t.expr} DESC` : sql`${t.expr} ASC`)),
    sql`, `,
  );
  const select = db.select({ ...pageColumns, keys: sql<string>`json_array(${keys})` });
  return byCaseOverdue(q)
    ? // Cases in overdue order (cases_overdue_idx), each case's tasks beside it: the page is read
      // from the index and only ties are sorted; SQLite's planner sorts every open task instead
      // (1.7 ms against 450 ms for a page at 100,000 tasks). CROSS JOIN fixes the order of the loop.
      await allRowsIndexedBy(
        db,
        select
          .from(cases)
          .crossJoin(tasks)
          .innerJoin(customers, eq(customers.id, tasks.customerId))
          .leftJoin(users, eq(users.id, tasks.assigneeId))
          .where(and(eq(tasks.caseId, cases.id), ...where))
          .orderBy(order)
          .limit(n),
        'cases',
        'cases_overdue_idx',
      )
    : await allRowsCached(
        db,
        select
          .from(tasks)
          .innerJoin(customers, eq(customers.id, tasks.customerId))
          .innerJoin(cases, eq(cases.id, tasks.caseId))
          .leftJoin(users, eq(users.id, tasks.assigneeId))
          .where(and(...where))
          .orderBy(order)
          .limit(n),
      );
}

/** A group of the grouped list, as its two sort terms read it: without a value (1) or not, and the value. */
interface GroupKey {
  none: number;
  name: string;
}

/**
 * The grouped list, read a group at a time from the cursor's group on: within a group the order
 * is the sort's, which its indexes serve, instead of one read sorting every open task by group
 * first (600 ms a page at 100,000 tasks). The groups are those of the dimension that have tasks
 * matching the filters, in the list's order (no value last, names case-folded as SQLite's NOCASE
 * does). A cursor whose group has gone (its tasks done meanwhile) is read the single-query way.
 */
async function groupedRows(
  db: Ledger,
  q: WorklistQuery,
  by: WorklistDimension,
  n: number,
  cursor?: WorklistCursor,
) {
  const all = terms(q);
  const [, , ...rest] = all;
  const groups = await groupsOf(db, q, by);
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  // Many groups (a hundred salespeople) would mean many reads per page, each a walk of the sort's
  // index for a few tasks: one read sorting by group is cheaper then.
  if (groups.length > MAX_GROUPS_READ_APART)
    return await pageRows(db, q, all, await filters(db, q), n, cursor);
  let from = 0;
  if (cursor) {
    from = groups.findIndex((k) => k.none === Number(cursor[0]) && fold(k.name) === fold(String(cursor[1])));
    if (from < 0) return await pageRows(db, q, all, await filters(db, q), n, cursor);
  }
  const out: Awaited<ReturnType<typeof pageRows>> = [];
  for (let i = from; i < groups.length && out.length < n; i++) {
    const k = groups[i] as GroupKey;
    const inGroup = [
      ...(await filters(db, q)),
      dimensionOfTask(
        q,
        by,
        (d) => sql`(${d} IS NULL) = ${k.none} AND coalesce(${d}, '') = ${k.name} COLLATE NOCASE`,
      ),
    ];
    const within = i === from && cursor ? cursor.slice(2) : undefined;
    out.push(...(await pageRows(db, q, rest, inGroup, n - out.length, within, all)));
  }
  return out;
}

/** Above this many groups, the grouped list is read in one query (groupedRows). */
const MAX_GROUPS_READ_APART = 20;

/**
 * The groups with tasks matching the query's filters, in the grouped list's order. The dimension's
 * values (the customers' areas or salespeople, case folded; the collectors, and none) are each
 * asked whether one matching task has it: an index finds that task at once, where collecting the
 * group of every matching task read all of them (100-500 ms at 100,000, more by collector). A
 * group without tasks costs a walk of its own customers (or none, for a collector: the assignee
 * index). Kept per query while the ledger's version is the same: the pages of one scroll, and the
 * clerks scrolling together, find them once.
 */
async function groupsOf(db: Ledger, q: WorklistQuery, by: WorklistDimension): Promise<GroupKey[]> {
  const { sort: _sort, desc: _desc, ...filtersOnly } = q;
  return await groupsKept(db, JSON.stringify(filtersOnly), async () => {
    // The filters as a task's own conditions (whatever the sort): the reads below join no more.
    const byTask: WorklistQuery = { ...q, sort: 'priority' };
    const has = async (member: SQL, joinCustomers: boolean) =>
      db.get<{ any: number }>(sql`SELECT EXISTS (
        SELECT 1 FROM ${tasks}${joinCustomers ? sql` JOIN ${customers} ON ${customers.id} = ${tasks.customerId}` : sql``}
        WHERE ${and(...(await filters(db, byTask, 'task')), member)}) AS "any"`)?.any === 1;
    if (by === 'collector') {
      // A collector's name is never null: none is a task without one (or whose user is gone).
      const named = await filterInOrder(
        db.all<GroupKey>(
          sql`SELECT DISTINCT 0 AS "none", ${users.name} COLLATE NOCASE AS "name" FROM ${users} ORDER BY 2`,
        ),
        async (k) =>
          await has(
            sql`${tasks.assigneeId} IN (SELECT ${users.id} FROM ${users} WHERE ${users.name} = ${k.name} COLLATE NOCASE)`,
            false,
          ),
      );
      const none =
        (await has(sql`${tasks.assigneeId} IS NULL`, false)) ||
        (await has(sql`${tasks.assigneeId} NOT IN (SELECT ${users.id} FROM ${users})`, false));
      return none ? [...named, { none: 1, name: '' }] : named;
    }
    const g = dimension(by);
    // The customers' values as they are first, then case folded: folding every customer's was 5 times slower.
    return await filterInOrder(
      db.all<GroupKey>(
        sql`SELECT DISTINCT ("v" IS NULL) AS "none", coalesce("v", '') COLLATE NOCASE AS "name"
          FROM (SELECT DISTINCT ${g} AS "v" FROM ${customers}) ORDER BY 1, 2`,
      ),
      async (k) =>
        await has(sql`(${g} IS NULL) = ${k.none} AND coalesce(${g}, '') = ${k.name} COLLATE NOCASE`, true),
    );
  });
}
const groupsKept = keptWhileUnchanged<GroupKey[]>();
const searchKept = keptWhileUnchanged<{ ids: string; share: number }>();

export interface WorklistCounts {
  /** Every open task due of the person (or the team), no filter. */
  total: number;
  /** Of those, the ones past their due date. */
  late: number;
  byType: { type: TaskType; count: number }[];
  /** With the filters (type, search, drill). */
  matching: number;
  /** With the filters, per group when grouped: tasks, and the overdue of their cases (each once). */
  groups: { key: string | null; count: number; overdueCents: number }[];
}

/**
 * The open tasks due per type, and of those the late ones, of one person or everyone: the same
 * whatever the list's filters and grouping, so kept per person and day while the ledger's version
 * is the same — the counts of each view the page shows (grouped, filtered, searched) need not each
 * read every open task again (~25-40 ms at 100,000, the sort by type).
 */
async function typeCounts(db: Ledger, today: IsoDate, assigneeId: number | undefined) {
  return await typeCountsKept(db, JSON.stringify([today, assigneeId ?? null]), () =>
    db
      .select({
        type: tasks.type,
        count: sql<number>`count(*)`,
        late: sql<number>`sum(${tasks.dueDate} < ${today})`,
      })
      .from(tasks)
      .where(
        and(
          sql`${tasks.status} = 'open'`,
          lte(tasks.dueDate, today),
          assigneeId !== undefined ? eq(tasks.assigneeId, assigneeId) : undefined,
        ),
      )
      .groupBy(tasks.type)
      .all(),
  );
}
const typeCountsKept = keptWhileUnchanged<{ type: TaskType; count: number; late: number }[]>();

/** The figures the page shows beside the list, from two aggregate reads. */
export async function worklistCounts(db: Ledger, q: WorklistQuery): Promise<WorklistCounts> {
  const byType = await typeCounts(db, q.today, q.assigneeId);
  const total = byType.reduce((s, r) => s + r.count, 0);
  // Everyone's tasks are most of the table unless a collector, a search or a drill narrows them
  // through an index (the tasks without a collector do not: most assignees are someone): read in
  // the table's own order, as a scan, rather than through an index that visits each row at random
  // (110 against 150 ms at 100,000).
  const narrowed =
    q.assigneeId !== undefined ||
    !!q.search?.trim() ||
    (q.drill !== undefined && !(q.drill.by === 'collector' && q.drill.key === null));
  const scan = narrowed ? sql`` : sql` NOT INDEXED`;
  // Counted per case and customer from the tasks alone, then joined (the inner joins the list's
  // rows have): the customers and cases are read once per case, not once per task.
  const filtered = async () =>
    db.get<{ n: number | null }>(sql`
      SELECT sum("t"."n") AS "n" FROM (
        SELECT ${tasks.caseId} AS "case_id", ${tasks.customerId} AS "customer_id", count(*) AS "n"
        FROM ${tasks}${scan} WHERE ${and(...(await filters(db, q, 'all')))} GROUP BY 1, 2) AS "t"
        JOIN ${customers} ON ${customers.id} = "t"."customer_id"
        JOIN ${cases} ON ${cases.id} = "t"."case_id"`);
  let groups: WorklistCounts['groups'] = [];
  let matching: number;
  if (q.groupBy) {
    const g = dimension(q.groupBy);
    // Per case first (a case's overdue counted once in its group), then per group. The tasks are
    // first counted per case, customer and collector on their own, so the customers, cases and
    // users are read once per case (30,000) rather than per task (100,000), and the sort that
    // groups them holds three numbers a task.
    groups = db.all<WorklistCounts['groups'][number]>(sql`
      SELECT "key", sum("n") AS "count", sum("overdue") AS "overdueCents" FROM (
        SELECT ${g} AS "key", sum("t"."n") AS "n", max(${cases.overdueCents}) AS "overdue"
        FROM (
          SELECT ${tasks.caseId} AS "case_id", ${tasks.customerId} AS "customer_id",
            ${tasks.assigneeId} AS "assignee_id", count(*) AS "n"
          FROM ${tasks}${scan} WHERE ${and(...(await filters(db, q, 'all')))} GROUP BY 1, 2, 3) AS "t"
          JOIN ${customers} ON ${customers.id} = "t"."customer_id"
          JOIN ${cases} ON ${cases.id} = "t"."case_id"
          LEFT JOIN ${users} ON ${users.id} = "t"."assignee_id"
        GROUP BY 1, "t"."case_id")
      GROUP BY 1
      ORDER BY "key" IS NULL, "key" COLLATE NOCASE`);
    matching = groups.reduce((s, r) => s + r.count, 0);
  } else if (q.search?.trim() || q.drill) {
    matching = (await filtered())?.n ?? 0;
  } else {
    // Type at most: the per-type counts have it, without a join.
    matching = q.type ? (byType.find((r) => r.type === q.type)?.count ?? 0) : total;
  }
  return {
    total,
    late: byType.reduce((s, r) => s + (r.late ?? 0), 0),
    byType: byType.map((r) => ({ type: r.type, count: r.count })),
    matching,
    groups,
  };
}

/**
 * A value that changes whenever the ledger may have: this connection's row changes so far
 * (`total_changes()`, rolled-back ones included) and SQLite's data version (moves when another
 * connection — a worker's import, the CLI — commits). Equal values: nothing was written between.
 */
export async function ledgerVersion(db: Ledger): Promise<string> {
  const client = db.$client;
  const changes = client.prepare('SELECT total_changes()').pluck().get();
  return `${String(client.pragma('data_version', { simple: true }))}:${String(changes)}`;
}

/**
 * A memo per ledger connection whose answers are kept while the ledger's version is the one they
 * were computed at (up to 64 keys; any write forgets them all): what many readers ask again with
 * nothing written in between — the worklist's counts and its groups.
 */
export function keptWhileUnchanged<T>(): (
  db: Ledger,
  key: string,
  compute: () => Promise<T> | T,
) => Promise<T> {
  const byLedger = new WeakMap<Ledger, { version: string; byKey: Map<string, T> }>();
  return async (db, key, compute) => {
    // Inside a transaction (a dry run) the answer may be rolled back, and total_changes() does not go
    // back down when it is: computed, never kept.
    if (db.$client.inTransaction) return await compute();
    const version = await ledgerVersion(db);
    let kept = byLedger.get(db);
    if (!kept || kept.version !== version) {
      kept = { version, byKey: new Map() };
      byLedger.set(db, kept);
    }
    const known = kept.byKey.get(key);
    if (known !== undefined) return known;
    const value = await compute();
    if (kept.byKey.size >= 64) kept.byKey.clear();
    kept.byKey.set(key, value);
    return value;
  };
}
