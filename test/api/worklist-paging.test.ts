/**
 * The worklist read page by page with the keyset cursor (worklist.list's `after`), as the page
 * scrolls: every open task due comes exactly once, in the order asked — under each sort, both
 * ways, each filter and grouping, a collector's and everyone's — with many ties on every sort
 * key (the same priority, due date, amount, name in another case). The order is checked against
 * the rule written out here, not against the backend's own SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, WorklistTask } from '../../shared/api/contract.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

const TODAY = '2026-11-23';
type ListInput = MethodInput<'worklist.list'>;
type Sort = NonNullable<ListInput['sort']>;
type Dim = 'area' | 'collector' | 'salesperson';

let b: TestBackend;
let clerk: number;
/** Open tasks due today or before: what the list holds (the rest are not due yet, or closed). */
let dueCount = 0;

beforeAll(async () => {
  b = await testBackend(TODAY);
  const db = b.ctx.db.$client;
  const user = db.prepare("INSERT INTO users (name, role, areas) VALUES (?, 'clerk', '[]') RETURNING id");
  clerk = Number((user.get('Giulia') as { id: number }).id);
  const other = Number((user.get('marco') as { id: number }).id);
  // Names that tie once case is folded, areas and salespeople some without, amounts that repeat.
  const names = [
    'Alfa S.r.l.',
    'alfa s.r.l.',
    'ALFA S.R.L.',
    'Beta',
    'beta',
    'Gamma',
    'Delta',
    'delta',
    'Zeta',
  ];
  const areas = ['Nord', 'nord', 'Sud', null];
  const sales = ['Anna', null, 'bruno'];
  const customer = db.prepare(
    "INSERT INTO customers (code, name, band, area, salesperson) VALUES (?, ?, 'C', ?, ?) RETURNING id",
  );
  const kase = db.prepare(
    "INSERT INTO cases (customer_id, policy_name, status, opened_on, opened_overdue_cents, overdue_cents) VALUES (?, 'Standard', 'open', '2026-10-01', ?, ?) RETURNING id",
  );
  const task = db.prepare(
    'INSERT INTO tasks (case_id, customer_id, step_index, step_name, type, due_date, created_on, assignee_id, priority, priority_factors, status) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const types = ['phone', 'email', 'letter', 'review'];
  const dues = ['2026-11-20', '2026-11-23', '2026-11-10', '2026-11-30'];
  let n = 0;
  for (let c = 0; c < 27; c++) {
    const cid = Number(
      (
        customer.get(
          `K${c % 10}${c}`,
          names[c % names.length],
          areas[c % areas.length],
          sales[c % sales.length],
        ) as {
          id: number;
        }
      ).id,
    );
    const overdue = [50_000, 120_000, 50_000, 9_900][c % 4] ?? 0;
    const caseId = Number((kase.get(cid, overdue, overdue) as { id: number }).id);
    for (let k = 0; k < 9; k++, n++) {
      const due = dues[Math.floor(n / 2) % dues.length] ?? TODAY;
      const status = n % 17 === 0 ? 'done' : 'open';
      const factors =
        n % 13 === 0
          ? [{ name: 'returnedBill', value: 1, points: 90 }]
          : [
              { name: 'overdueAmount', value: overdue, points: 20 },
              { name: 'daysOverdue', value: 30 + ((n * 7) % 4) * 10, points: 6 },
            ];
      task.run(
        caseId,
        cid,
        'Passo',
        types[n % types.length],
        due,
        ['2026-11-01', '2026-11-05'][n % 2],
        n % 5 === 0 ? null : n % 2 === 0 ? clerk : other,
        [70, 40, 40, 10][(n * 5 + c) % 4],
        JSON.stringify(factors),
        status,
      );
      if (status === 'open' && due <= TODAY) dueCount++;
    }
  }
});

afterAll(() => b?.close());

const lower = (s: string | null) => (s === null ? null : s.toLowerCase());

function dimension(t: WorklistTask, by: Dim): string | null {
  return by === 'area' ? t.area : by === 'salesperson' ? t.salesperson : t.assignee;
}

/** The list's order, written out: group (none last, case folded), the key, then the ties. */
function compare(input: ListInput): (a: WorklistTask, b: WorklistTask) => number {
  const sort: Sort = input.sort ?? 'priority';
  const desc = input.desc ?? true;
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const days = (t: WorklistTask) =>
    t.priorityFactors.some((f) => f.name === 'daysOverdue') ? t.daysOverdue : Number.NEGATIVE_INFINITY;
  const key = (t: WorklistTask): string | number =>
    sort === 'customer'
      ? t.customerName.toLowerCase()
      : sort === 'overdue'
        ? t.overdueCents
        : sort === 'daysOverdue'
          ? days(t)
          : sort === 'late'
            ? t.lateDays
            : t.priority;
  return (a, c) => {
    if (input.groupBy) {
      const ga = lower(dimension(a, input.groupBy));
      const gc = lower(dimension(c, input.groupBy));
      const byGroup = ga === null ? (gc === null ? 0 : 1) : gc === null ? -1 : cmp(ga, gc);
      if (byGroup !== 0) return byGroup;
    }
    return (
      (desc ? -1 : 1) * cmp(key(a), key(c)) ||
      c.priority - a.priority ||
      cmp(a.dueDate, c.dueDate) ||
      a.id - c.id
    );
  };
}

function matches(t: WorklistTask, input: ListInput): boolean {
  if (input.type && t.type !== input.type) return false;
  const term = input.search?.trim().toLowerCase();
  if (term && !t.customerName.toLowerCase().includes(term) && !t.customerCode.toLowerCase().includes(term))
    return false;
  if (input.drill && dimension(t, input.drill.by) !== input.drill.key) return false;
  return true;
}

async function list(input: ListInput, userId = 1) {
  const res = await b.call('worklist.list', input, userId);
  if (!res.ok) throw new Error(res.error.message);
  return res.data as { rows: WorklistTask[]; next: (string | number)[] | null };
}

/** Every page, 7 rows at a time, each after the cursor of the one before. */
async function scroll(input: ListInput, userId = 1): Promise<WorklistTask[]> {
  const out: WorklistTask[] = [];
  let after: (string | number)[] | undefined;
  for (let i = 0; i < 200; i++) {
    const page = await list({ ...input, limit: 7, ...(after ? { after } : {}) }, userId);
    expect(page.rows.length).toBeLessThanOrEqual(7);
    out.push(...page.rows);
    if (!page.next) return out;
    expect(page.rows).toHaveLength(7);
    after = page.next;
  }
  throw new Error('the cursor never reached the end');
}

const SORTS: Sort[] = ['priority', 'customer', 'overdue', 'daysOverdue', 'late'];
const VIEWS: { name: string; input: ListInput }[] = [
  { name: 'no filter', input: {} },
  { name: 'phone calls', input: { type: 'phone' } },
  { name: "search 'alfa'", input: { search: 'alfa' } },
  { name: 'drill: area Nord', input: { drill: { by: 'area', key: 'Nord' } } },
  { name: 'drill: no area', input: { drill: { by: 'area', key: null } } },
  { name: 'drill: unassigned', input: { drill: { by: 'collector', key: null } } },
  { name: 'grouped by area', input: { groupBy: 'area' } },
  { name: 'grouped by collector', input: { groupBy: 'collector' } },
  { name: 'grouped by salesperson, e-mails', input: { groupBy: 'salesperson', type: 'email' } },
];

describe('worklist paging with the keyset cursor', { timeout: 120_000 }, () => {
  it("everyone's list: every task once, in order, under each sort both ways and each filter", async () => {
    const all = (await list({ all: true, limit: 10_000 })).rows;
    expect(all).toHaveLength(dueCount);
    expect(new Set(all.map((t) => t.id)).size).toBe(dueCount);
    for (const view of VIEWS)
      for (const sort of SORTS)
        for (const desc of [true, false]) {
          const input: ListInput = { ...view.input, all: true, sort, desc };
          const want = all.filter((t) => matches(t, input)).sort(compare(input));
          const got = await scroll(input);
          expect(
            got.map((t) => t.id),
            `${view.name}, by ${sort} ${desc ? 'desc' : 'asc'}`,
          ).toEqual(want.map((t) => t.id));
        }
  });

  it("a collector's own list pages the same way, and holds only their tasks", async () => {
    const all = (await list({ all: true, limit: 10_000 })).rows;
    const mine = all.filter((t) => t.assigneeId === clerk);
    expect(mine.length).toBeGreaterThan(20);
    for (const sort of SORTS)
      for (const desc of [true, false]) {
        const input: ListInput = { sort, desc, groupBy: sort === 'late' ? 'area' : undefined };
        const got = await scroll(input, clerk);
        expect(
          got.map((t) => t.id),
          `by ${sort} ${desc ? 'desc' : 'asc'}`,
        ).toEqual([...mine].sort(compare(input)).map((t) => t.id));
      }
  });

  it('the counts: totals, late, per type, matching the filters, and per group with each case once', async () => {
    const all = (await list({ all: true, limit: 10_000 })).rows;
    const res = await b.call('worklist.counts', { all: true, groupBy: 'area', type: 'phone' });
    if (!res.ok) throw new Error(res.error.message);
    const counts = res.data as {
      total: number;
      late: number;
      byType: { type: string; count: number }[];
      matching: number;
      groups: { key: string | null; count: number; overdueCents: number }[];
    };
    expect(counts.total).toBe(all.length);
    expect(counts.late).toBe(all.filter((t) => t.lateDays > 0).length);
    expect(Object.fromEntries(counts.byType.map((r) => [r.type, r.count]))).toEqual(
      Object.fromEntries(
        ['phone', 'email', 'letter', 'review']
          .map((type) => [type, all.filter((t) => t.type === type).length])
          .filter(([, count]) => count !== 0),
      ),
    );
    const phones = all.filter((t) => t.type === 'phone');
    expect(counts.matching).toBe(phones.length);
    // Groups in the list's order; a case's overdue once per group however many of its tasks.
    const keys = [...new Set(phones.map((t) => t.area))];
    const want = keys
      .map((key) => {
        const tasks = phones.filter((t) => t.area === key);
        const cases = new Map(tasks.map((t) => [t.caseId, t.overdueCents]));
        return { key, count: tasks.length, overdueCents: [...cases.values()].reduce((s, c) => s + c, 0) };
      })
      .sort((x, y) =>
        x.key === null ? 1 : y.key === null ? -1 : x.key.toLowerCase() < y.key.toLowerCase() ? -1 : 1,
      );
    expect(counts.groups.map((g) => g.key?.toLowerCase() ?? null)).toEqual(
      want.map((g) => g.key?.toLowerCase() ?? null),
    );
    expect(counts.groups.reduce((s, g) => s + g.count, 0)).toBe(phones.length);
  });

  it('a search means the text as typed: % and _ are letters, case is folded, a broad search pages like a narrow one', async () => {
    // Two customers renamed for this test (put back after): names with LIKE's wildcards in them.
    const rename = b.ctx.db.$client.prepare('UPDATE customers SET name = ? WHERE id = ?');
    const ids = b.ctx.db.$client.prepare('SELECT id, name FROM customers ORDER BY id LIMIT 2').all() as {
      id: number;
      name: string;
    }[];
    const [one, two] = ids as [{ id: number; name: string }, { id: number; name: string }];
    rename.run('Sconti 50% S.r.l.', one.id);
    rename.run('Alfa_Beta', two.id);
    try {
      const all = (await list({ all: true, limit: 10_000 })).rows;
      for (const search of ['%', '50%', '_', 'a_b', 'ALFA', 'alfa s', 's.r.l', 'a']) {
        const input: ListInput = { all: true, search };
        const want = all.filter((t) => matches(t, input)).sort(compare(input));
        const got = await scroll(input);
        expect(
          got.map((t) => t.id),
          `search '${search}'`,
        ).toEqual(want.map((t) => t.id));
        const counts = await b.call('worklist.counts', input, 1);
        expect(counts.ok && (counts.data as { matching: number }).matching, `counts '${search}'`).toBe(
          want.length,
        );
      }
      // The wildcards are letters: '%' finds only the renamed customer's tasks, '_' only the other's.
      const names = async (search: string) =>
        new Set((await scroll({ all: true, search })).map((t) => t.customerName));
      expect(await names('%')).toEqual(new Set(['Sconti 50% S.r.l.']));
      expect(await names('_')).toEqual(new Set(['Alfa_Beta']));
    } finally {
      rename.run(one.name, one.id);
      rename.run(two.name, two.id);
    }
  });

  it("a cursor from another order is refused, not read as this one's", async () => {
    const first = await list({ all: true, sort: 'customer', limit: 5 });
    expect(first.next).not.toBeNull();
    const res = await b.call('worklist.list', {
      all: true,
      sort: 'customer',
      groupBy: 'area',
      limit: 5,
      after: first.next,
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('VALIDATION');
  });
});
