import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { insertUser } from '../../db/queries/users.ts';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import type { Profile } from '../../shared/api/contracts/customers.ts';
import { daysBetween } from '../../shared/domain/dates.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
let clerkId: number;
const q = <T>(sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).all(...p) as T[];
const one = <T>(sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).get(...p) as T;
function ok<T>(method: string, input: unknown, user = 1): Promise<T> {
  return callData<T>(b, method, input, user);
}
const profile = () => ok<Profile>('customers.get', { code: 'C1' });
/** What an import would record for a payment on an item. */
function pay(itemId: number, date: string, cents: number) {
  b.ctx.db.$client
    .prepare(
      "INSERT INTO import_batches (file_name, sha256, format, as_of, mode, counts) VALUES ('s.xlsx', ?, 'xlsx', ?, 'snapshot', '{}')",
    )
    .run(`${itemId}${date}`, date);
  const batch = one<{ id: number }>('SELECT MAX(id) AS id FROM import_batches').id;
  const item = one<{ residual_cents: number }>('SELECT residual_cents FROM open_items WHERE id = ?', itemId);
  const after = item.residual_cents - cents;
  b.ctx.db.$client
    .prepare(
      'INSERT INTO item_events (item_id, batch_id, date, kind, amount_cents, residual_before_cents, residual_after_cents) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(itemId, batch, date, after === 0 ? 'payment' : 'partial_payment', cents, item.residual_cents, after);
  b.ctx.db.$client
    .prepare(
      "UPDATE open_items SET residual_cents = ?, status = CASE WHEN ? = 0 THEN 'closed' ELSE status END WHERE id = ?",
    )
    .run(after, after, itemId);
}

beforeEach(async () => {
  b = await testBackend('2026-11-23');
  clerkId = (await insertUser(b.ctx.db, 'Giulia', 'clerk', ['Nord'])).id;
  const [c1] = insertCustomers(b.ctx.db, [{ code: 'C1', name: 'Rossi S.r.l.', area: 'Nord', band: 'C' }]) as [
    number,
  ];
  await insertOpenItems(b.ctx.db, [
    {
      customerId: c1,
      documentType: 'invoice',
      documentNumber: 'FT 1',
      documentDate: '2026-08-01',
      dueDate: '2026-09-01',
      amountCents: 100_000,
      residualCents: 100_000,
    },
    {
      customerId: c1,
      documentType: 'invoice',
      documentNumber: 'FT 2',
      documentDate: '2026-09-01',
      dueDate: '2026-10-01',
      amountCents: 60_000,
      residualCents: 60_000,
    },
    {
      customerId: c1,
      documentType: 'credit_note',
      documentNumber: 'NC 1',
      documentDate: '2026-10-01',
      dueDate: '2026-10-01',
      amountCents: -10_000,
      residualCents: -10_000,
    },
    {
      customerId: c1,
      documentType: 'invoice',
      documentNumber: 'FT 3',
      documentDate: '2026-11-01',
      dueDate: '2026-12-31',
      amountCents: 30_000,
      residualCents: 30_000,
    },
  ]);
});
afterEach(() => b.close());

describe('customer profile', () => {
  it('shows items, credits apart, figures and the open case', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const p = await profile();
    expect(p.items.map((i) => i.documentNumber)).toEqual(['FT 1', 'FT 2', 'NC 1', 'FT 3']);
    expect(p.figures).toMatchObject({
      overdueCents: 160_000,
      exposureCents: 190_000,
      creditsCents: -10_000,
      residualCents: 180_000,
    });
    expect(p.openCase).toMatchObject({
      status: 'open',
      policy: 'Standard',
      step: 'Sollecito cortese via e-mail',
    });
    expect(p.items[0]?.daysLate).toBe(83);
  });

  it("counts days overdue to the ledger's as-of date, as the Customers list does", async () => {
    // The latest export is of 15/11: both pages measure to it, whatever today is.
    b.ctx.db.$client
      .prepare(
        "INSERT INTO import_batches (file_name, sha256, format, as_of, mode, counts) VALUES ('s.xlsx', 'x', 'xlsx', '2026-11-15', 'snapshot', '{}')",
      )
      .run();
    const list = await ok<{
      asOf: string;
      rows: { code: string; oldestDueDate: string | null; overdueCents: number }[];
    }>('customers.list', {});
    const p = await profile();
    expect(list.asOf).toBe('2026-11-15');
    const row = list.rows.find((r) => r.code === 'C1');
    expect(p.items[0]?.daysLate).toBe(75); // 01/09 → 15/11
    // The list shows the oldest due date's days to its as-of date: the same 75 days.
    expect(row?.oldestDueDate).toBe('2026-09-01');
    expect(daysBetween(row?.oldestDueDate ?? '', list.asOf)).toBe(p.items[0]?.daysLate);
    expect(row?.overdueCents).toBe(p.figures.overdueCents);
  });

  it('local fields are editable with validation; band override needs a manager and a reason', async () => {
    await ok(
      'customers.update',
      { code: 'C1', dunningContactName: 'Anna Verdi', dunningContactEmail: 'anna@rossi.it' },
      clerkId,
    );
    const bad = await b.call(
      'customers.update',
      { code: 'C1', dunningContactEmail: 'not-an-email' },
      clerkId,
    );
    expect(!bad.ok && bad.error.details?.issues?.[0]?.path).toBe('dunningContactEmail');
    const clerkBand = await b.call(
      'customers.update',
      { code: 'C1', band: 'A', bandReason: 'cliente storico' },
      clerkId,
    );
    expect(!clerkBand.ok && clerkBand.error.code).toBe('FORBIDDEN');
    const noReason = await b.call('customers.update', { code: 'C1', band: 'A' });
    expect(!noReason.ok && noReason.error.details?.issues?.[0]?.path).toBe('bandReason');
    await ok('customers.update', { code: 'C1', band: 'A', bandReason: 'cliente storico' });
    const p = await profile();
    expect(p.customer).toMatchObject({ dunningContactName: 'Anna Verdi', band: 'A' });
    const audit = one<{ after: string }>(
      "SELECT after FROM audit_log WHERE action = 'customers.update' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(audit.after).bandReason).toBe('cliente storico');
  });
});

describe("collector's tools", () => {
  it('a call with a promise completes its task and pauses the case; a later payment keeps the promise', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const task = one<{ id: number }>("SELECT id FROM tasks WHERE status = 'open'");
    b.ctx.db.$client.prepare("UPDATE tasks SET type = 'phone' WHERE id = ?").run(task.id);
    const r = await ok<{ promiseIds: number[] }>(
      'contacts.add',
      {
        code: 'C1',
        channel: 'phone',
        outcome: 'promise',
        person: 'Sig. Rossi',
        note: 'paga a fine mese',
        taskId: task.id,
        promise: [{ date: '2026-11-30', cents: 100_000 }],
      },
      clerkId,
    );
    expect(r.promiseIds).toHaveLength(1);
    expect(
      one<{ status: string; outcome: string }>('SELECT status, outcome FROM tasks WHERE id = ?', task.id),
    ).toEqual({ status: 'done', outcome: 'promise' });
    expect((await profile()).openCase?.status).toBe('paused');
    pay(1, '2026-11-28', 100_000);
    await runDay(b.ctx.db, '2026-11-29');
    expect((await profile()).promises[0]?.status).toBe('kept');
    const p = await profile();
    expect(p.timeline.some((t) => t.kind === 'contact' && t.detail?.includes('paga a fine mese'))).toBe(true);
    expect(p.timeline.some((t) => t.kind === 'payment' && t.amountCents === 100_000)).toBe(true);
  });

  it('a disputed item is excluded from the next run and listed as disputed', async () => {
    const ids = await ok<{ ids: number[] }>(
      'disputes.add',
      { code: 'C1', itemIds: [1], reason: 'quality', note: 'merce difettosa' },
      clerkId,
    );
    expect(ids.ids).toHaveLength(1);
    await runDay(b.ctx.db, '2026-11-23');
    expect(
      one<{ opened_overdue_cents: number }>('SELECT opened_overdue_cents FROM cases').opened_overdue_cents,
    ).toBe(60_000);
    const p = await profile();
    expect(p.items.find((i) => i.documentNumber === 'FT 1')?.disputed).toBe(true);
    expect(p.disputes[0]).toMatchObject({ documents: ['FT 1'], reason: 'quality', status: 'open' });
    await ok('disputes.resolve', { id: ids.ids[0], outcome: 'rejected' }, clerkId);
    expect((await profile()).items.find((i) => i.documentNumber === 'FT 1')?.disputed).toBe(false);
  });

  it('a plan pauses the case; a missed installment makes a call; two misses break it and the case resumes', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const sched = await ok<{ totalCents: number; installments: { date: string; amountCents: number }[] }>(
      'plans.schedule',
      { code: 'C1', itemIds: [1, 2], installments: 3, first: '2026-12-01', every: 'month' },
      clerkId,
    );
    expect(sched.totalCents).toBe(160_000);
    expect(sched.installments.map((i) => i.amountCents)).toEqual([53_333, 53_333, 53_334]);
    await ok(
      'plans.add',
      { code: 'C1', itemIds: [1, 2], every: 'month', installments: sched.installments },
      clerkId,
    );
    expect((await profile()).openCase?.pausedReason).toBe('plan');
    pay(1, '2026-11-30', 53_333);
    await runDay(b.ctx.db, '2026-12-05');
    expect((await profile()).plans[0]?.installments[0]).toMatchObject({ status: 'paid', paidCents: 53_333 });
    await runDay(b.ctx.db, '2027-01-20'); // second installment (15/01) missed: call
    expect(
      q<{ step_name: string }>("SELECT step_name FROM tasks WHERE status='open' AND step_index IS NULL").map(
        (t) => t.step_name,
      ),
    ).toContain('Rata del piano non pagata');
    expect((await profile()).openCase?.status).toBe('paused');
    await runDay(b.ctx.db, '2027-02-20'); // third missed: broken
    const p = await profile();
    expect(p.plans[0]?.status).toBe('broken');
    expect(p.openCase?.status).toBe('open');
  });

  it('the order block set by the PEC step is released when the case is paid', async () => {
    b.ctx.db.$client.prepare("UPDATE cases SET status='open'").run();
    await ok('orderBlock.set', { code: 'C1', blocked: true, reason: 'Fido superato' });
    expect(await ok<{ code: string }[]>('orderBlock.list', {})).toEqual([
      expect.objectContaining({ code: 'C1', reason: 'Fido superato' }),
    ]);
    await runDay(b.ctx.db, '2026-11-23');
    pay(1, '2026-11-25', 100_000);
    pay(2, '2026-11-25', 60_000);
    await runDay(b.ctx.db, '2026-11-26');
    expect((await profile()).customer.orderBlocked).toBe(false);
    const clerk = await b.call('orderBlock.set', { code: 'C1', blocked: true, reason: 'prova' }, clerkId);
    expect(!clerk.ok && clerk.error.code).toBe('FORBIDDEN');
  });

  it('stores attachments with their sha256 in the data folder and refuses other kinds', async () => {
    const pdf = Buffer.from('%PDF-1.4 bolla di consegna');
    const r = await ok<{ id: number; sha256: string }>(
      'attachments.add',
      { code: 'C1', fileName: 'bolla.pdf', dataBase64: pdf.toString('base64') },
      clerkId,
    );
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = q<{ path: string }>('SELECT path FROM attachments')[0]!;
    expect(fs.readFileSync(path.join(b.ctx.dataDir, stored.path)).equals(pdf)).toBe(true);
    const back = await ok<{ dataBase64: string }>('attachments.read', { id: r.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(pdf)).toBe(true);
    const exe = await b.call(
      'attachments.add',
      { code: 'C1', fileName: 'virus.exe', dataBase64: 'AAAA' },
      clerkId,
    );
    expect(!exe.ok && exe.error.code).toBe('VALIDATION');
    expect((await profile()).attachments.map((a) => a.fileName)).toEqual(['bolla.pdf']);
  });
});
