/**
 * Bank statements end to end through the dispatcher: statements built to the ISO 20022 and CBI
 * specifications (two banks' camt.053 variants, a camt.054 with a returned direct debit, a CBI RH
 * file with 63 records and a returned RiBa, a CBI XML daily statement) against a small ledger.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import {
  auditLog,
  bankEntries,
  customerIbans,
  importBatches,
  itemEvents,
  openItems,
  tasks,
} from '../../db/schema.ts';
import { runBankImport } from '../../electron/backend/services/bank/job.ts';
import type { BankEntryView, BankImportResult } from '../../shared/api/contracts/bank.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { BANK_A_STATEMENT } from '../helpers/bank.ts';

const dir = path.join(import.meta.dirname, '../fixtures/bank');
const fixture = (name: string) => fs.readFileSync(path.join(dir, name));

let b: TestBackend;
let ids: Record<string, number>;

async function seed() {
  const codes = ['C001', 'C002', 'C003', 'C004', 'C005', 'C006', 'C007', 'C008', 'C009'];
  const names = [
    'Rossi Costruzioni S.r.l.',
    'Bianchi Forniture S.p.A.',
    'Neri Trasporti S.r.l.',
    'Verdi & Figli S.n.c.',
    'Marroni S.p.A.',
    'Azzurri S.r.l.',
    'Gialli S.r.l.',
    'Blu S.r.l.',
    'Viola Arredamenti S.r.l.',
  ];
  const cids = insertCustomers(
    b.ctx.db,
    codes.map((code, i) => ({ code, name: names[i] as string })),
  );
  ids = Object.fromEntries(codes.map((c, i) => [c, cids[i] as number]));
  const item = (code: string, number: string, due: string, cents: number, residual = cents) => ({
    customerId: ids[code] as number,
    documentType: 'invoice' as const,
    documentNumber: number,
    documentDate: '2026-09-01',
    dueDate: due,
    installment: '',
    amountCents: cents,
    residualCents: residual,
    status: residual === 0 ? ('closed' as const) : ('open' as const),
    closedOn: residual === 0 ? '2026-11-10' : null,
  });
  await insertOpenItems(b.ctx.db, [
    item('C001', '101/2026', '2026-10-31', 122_000),
    item('C002', '55/2026', '2026-09-30', 100_000),
    item('C002', '56/2026', '2026-10-15', 70_000),
    item('C003', '301/2026', '2026-11-10', 80_000, 0),
    item('C004', '201/2026', '2026-10-31', 120_000),
    item('C004', '202/2026', '2026-11-15', 80_000),
    item('C005', '501/2026', '2026-11-20', 30_000, 0),
    // The same invoice number at another customer: the credit must not go to the first one found.
    item('C006', '201/2026', '2026-08-31', 120_000),
    item('C007', '401/2026', '2026-10-31', 40_000),
    item('C007', '402/2026', '2026-11-30', 21_000),
    item('C008', '601/2026', '2026-10-31', 90_000),
    item('C009', '701/2026', '2026-11-05', 50_000),
  ]);
}

function ok<T>(method: string, input: unknown, userId?: number): Promise<T> {
  return callData<T>(b, method, input, userId);
}

const importFixture = (name: string, dryRun = false) =>
  ok<BankImportResult>('bank.import', {
    fileName: name,
    dataBase64: fixture(name).toString('base64'),
    dryRun,
  });

function item(code: string, number: string) {
  const row = b.ctx.db
    .select()
    .from(openItems)
    .where(and(eq(openItems.customerId, ids[code] as number), eq(openItems.documentNumber, number)))
    .get();
  if (!row) throw new Error(`no item ${code} ${number}`);
  return row;
}

const eventsOf = (itemId: number) =>
  b.ctx.db.select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).all();

beforeEach(async () => {
  b = await testBackend('2026-11-27');
  await seed();
});
afterEach(() => b.close());

describe('bank.import', () => {
  it('camt.053.001.02: an invoice number and our RF reference match at once, payments dated on the booking date', async () => {
    const r = await importFixture('camt053-v02-bankA.xml');
    expect(r).toMatchObject({
      ...BANK_A_STATEMENT,
      matched: 2,
      matchedCents: 272_000,
      suggested: 0,
      unmatched: 0,
    });
    const rossi = item('C001', '101/2026');
    expect(rossi).toMatchObject({ residualCents: 0, status: 'closed', closedOn: '2026-11-20' });
    expect(eventsOf(rossi.id)).toMatchObject([{ kind: 'payment', date: '2026-11-20', amountCents: 122_000 }]);
    // RF27C002: Bianchi's reference pays its items oldest first (the second one partly).
    expect(item('C002', '55/2026')).toMatchObject({ residualCents: 0, status: 'closed' });
    expect(item('C002', '56/2026')).toMatchObject({ residualCents: 20_000, status: 'open' });
    expect(eventsOf(item('C002', '56/2026').id)).toMatchObject([
      { kind: 'partial_payment', amountCents: 50_000 },
    ]);
    // The value date stays on the entry; the IBAN is learned.
    const entry = b.ctx.db
      .select()
      .from(bankEntries)
      .where(eq(bankEntries.customerId, ids.C001 as number))
      .get();
    expect(entry).toMatchObject({ status: 'matched', bookingDate: '2026-11-20', valueDate: '2026-11-19' });
    expect(b.ctx.db.select().from(customerIbans).all()).toMatchObject([
      { customerId: ids.C001, iban: 'IT02A0306909606100000012345' },
    ]);
    // One audit row for the import; the debit touched nothing.
    expect(b.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'bank.import')).all()).toHaveLength(1);
    const debits = await ok<BankEntryView[]>('bank.list', { status: 'debit' });
    expect(debits).toMatchObject([{ amountCents: 2_000, direction: 'debit', allocations: [] }]);
  });

  it('KPIs measure with the bank’s booking date: days late from the due dates to 20 November', async () => {
    await importFixture('camt053-v02-bankA.xml');
    const k = await ok<{ avgDaysLate: number; payments: { count: number; amountCents: number } }>('kpi.get', {
      period: '2026-11',
    });
    expect(k.payments).toMatchObject({ count: 3, amountCents: 272_000 });
    // (1220 × 20 + 1000 × 51 + 500 × 36) / 2720 = 34.3 days, weighted by amount; with the
    // import's date (27 November) it would be 41.3.
    expect(k.avgDaysLate).toBe(34.3);
  });

  it('the customer’s timeline shows the bank payment on its booking date with the payer', async () => {
    await importFixture('camt053-v02-bankA.xml');
    const profile = await ok<{
      timeline: { date: string; kind: string; title: string; detail: string | null }[];
    }>('customers.get', { code: 'C001' });
    expect(profile.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          date: '2026-11-20',
          kind: 'payment',
          title: 'payment 101/2026',
          detail: expect.stringContaining('ROSSI COSTRUZIONI SRL'),
        }),
      ]),
    );
  });

  it('the same statement twice changes nothing', async () => {
    await importFixture('camt053-v02-bankA.xml');
    const events = b.ctx.db.select().from(itemEvents).all().length;
    const again = await importFixture('camt053-v02-bankA.xml');
    expect(again).toMatchObject({ alreadyImported: true, statement: null, matched: 2 });
    expect(b.ctx.db.select().from(itemEvents).all()).toHaveLength(events);
    expect(b.ctx.db.select().from(bankEntries).all()).toHaveLength(3);
  });

  it('a dry run reports the same figures and writes nothing', async () => {
    const dry = await importFixture('camt053-v02-bankA.xml', true);
    expect(dry).toMatchObject({ dryRun: true, matched: 2, statement: null });
    expect(b.ctx.db.select().from(bankEntries).all()).toHaveLength(0);
    expect(item('C001', '101/2026').residualCents).toBe(122_000);
    const real = await importFixture('camt053-v02-bankA.xml');
    expect(real.alreadyImported).toBe(false);
  });

  it('camt.053.001.08: a credit split over two invoices goes to the customer the debtor name points to, not the first with that number', async () => {
    const r = await importFixture('camt053-v08-bankB.xml');
    expect(r).toMatchObject({ matched: 1, matchedCents: 200_000, debits: 1 });
    expect(item('C004', '201/2026')).toMatchObject({
      residualCents: 0,
      status: 'closed',
      closedOn: '2026-11-23',
    });
    expect(item('C004', '202/2026')).toMatchObject({ residualCents: 0 });
    expect(item('C006', '201/2026').residualCents).toBe(120_000);
  });

  it('camt.054: a returned direct debit reopens the item with the bank date and charges and gives the collector a task', async () => {
    const r = await importFixture('camt054-return.xml');
    expect(r).toMatchObject({ returned: 1, unmatched: 1, debits: 1, credits: 1 });
    const neri = item('C003', '301/2026');
    expect(neri).toMatchObject({ residualCents: 80_000, status: 'open', closedOn: null });
    expect(eventsOf(neri.id)).toMatchObject([{ kind: 'reversal', date: '2026-11-25', amountCents: 80_000 }]);
    const [ret] = await ok<BankEntryView[]>('bank.list', { status: 'returned' });
    expect(ret).toMatchObject({
      chargesCents: 750,
      customerCode: 'C003',
      allocations: [{ documentNumber: '301/2026' }],
    });
    expect(ret?.reason).toMatch(/charges/);
    const task = b.ctx.db
      .select()
      .from(tasks)
      .where(eq(tasks.customerId, ids.C003 as number))
      .get();
    expect(task).toMatchObject({
      type: 'phone',
      stepName: 'Insoluto 301/2026',
      dueDate: '2026-11-27',
      status: 'open',
    });
    const [unknown] = await ok<BankEntryView[]>('bank.list', { status: 'unmatched' });
    expect(unknown).toMatchObject({ amountCents: 45_000, counterpartyName: 'Cliente Sconosciuto' });
  });

  it('CBI RH: 63 remittance lines split a credit, a returned RiBa reopens its bill, an overpayment is kept as a credit', async () => {
    const r = await importFixture('cbi-rh-2026-11-26.txt');
    expect(r).toMatchObject({
      format: 'cbi-rh',
      entries: 3,
      matched: 2,
      matchedCents: 161_000,
      returned: 1,
      creditsKeptCents: 10_000,
    });
    expect(item('C007', '401/2026').residualCents).toBe(0);
    expect(item('C007', '402/2026').residualCents).toBe(0);
    expect(item('C008', '601/2026').residualCents).toBe(0);
    expect(item('C005', '501/2026')).toMatchObject({ residualCents: 30_000, status: 'open' });
    const [blu] = (await ok<BankEntryView[]>('bank.list', { status: 'matched' })).filter(
      (e) => e.customerCode === 'C008',
    );
    expect(blu).toMatchObject({
      creditCents: 10_000,
      allocations: [{ documentNumber: '601/2026', amountCents: 90_000 }],
    });
  });

  it('CBI XML daily statement: matched by invoice number in the additional information', async () => {
    const r = await importFixture('cbi-xml-dlystmt.xml');
    expect(r).toMatchObject({ format: 'cbi-xml', matched: 1, matchedCents: 50_000 });
    expect(item('C009', '701/2026')).toMatchObject({ residualCents: 0, closedOn: '2026-11-27' });
  });

  it('a camt.054 then the day’s camt.053 with the same movement: the second changes nothing for it', async () => {
    const ntf = fixture('camt054-return.xml').toString('utf8');
    await ok('bank.import', { fileName: 'n.xml', dataBase64: Buffer.from(ntf).toString('base64') });
    // The same credit reported again in a statement (another file, same bank reference).
    const stmt = ntf
      .replaceAll('BkToCstmrDbtCdtNtfctn', 'BkToCstmrStmt')
      .replaceAll('Ntfctn>', 'Stmt>')
      .replace('camt.054.001.04', 'camt.053.001.04');
    const r = await ok<BankImportResult>('bank.import', {
      fileName: 's.xml',
      dataBase64: Buffer.from(stmt).toString('base64'),
    });
    expect(r).toMatchObject({ entries: 2, duplicates: 2, matched: 0, returned: 0, unmatched: 0 });
    expect(item('C003', '301/2026').residualCents).toBe(80_000);
  });

  it('refuses a statement whose balances do not add up: VALIDATION naming the file, nothing written', async () => {
    const bad = fixture('camt053-v02-bankA.xml').toString('utf8').replace('12700.00', '12000.00');
    const res = await b.call('bank.import', {
      fileName: 'bad.xml',
      dataBase64: Buffer.from(bad).toString('base64'),
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('VALIDATION');
      expect(res.error.details?.issues?.[0]).toMatchObject({ column: 'closing balance' });
      expect(res.error.message).toMatch(/bad\.xml/);
    }
    expect(b.ctx.db.select().from(bankEntries).all()).toHaveLength(0);
  });
});

describe('bank.day', () => {
  it('gives the latest booking day’s totals by outcome from the ledger, or those of the day asked', async () => {
    expect(await ok('bank.day', {})).toMatchObject({ date: null, credits: 0, matched: 0 });
    await importFixture('camt053-v02-bankA.xml');
    const day = await ok('bank.day', {});
    expect(day).toEqual({
      date: '2026-11-20',
      credits: 2,
      creditsCents: 272_000,
      matched: 2,
      matchedCents: 272_000,
      suggested: 0,
      suggestedCents: 0,
      unmatched: 0,
      unmatchedCents: 0,
      returned: 0,
      returnedCents: 0,
      debits: 1,
      debitsCents: 2_000,
    });
    // Undoing a match moves the credit to the unmatched queue: the day's figures follow.
    const [rossi] = (await ok<BankEntryView[]>('bank.list', { status: 'matched' })).filter(
      (e) => e.customerCode === 'C001',
    );
    await ok('bank.undo', { entryId: rossi?.id });
    expect(await ok('bank.day', {})).toMatchObject({
      matched: 1,
      matchedCents: 150_000,
      unmatched: 1,
      unmatchedCents: 122_000,
    });
    expect(await ok('bank.day', { date: '2026-11-19' })).toMatchObject({ date: '2026-11-19', credits: 0 });
  });
});

describe('bank.unreflected', () => {
  it('reports a bank payment that a later export still shows unpaid, until that import is undone', async () => {
    await importFixture('camt053-v02-bankA.xml');
    const rossi = item('C001', '101/2026');
    // What the snapshot import does when a closed item reappears with a residual (plan.ts reopen):
    // a batch, a reversal event, the item open again.
    const batch = b.ctx.db
      .insert(importBatches)
      .values({
        fileName: 'scadenzario.xlsx',
        sha256: 'x',
        format: 'xlsx',
        asOf: '2026-11-25',
        mode: 'snapshot',
        counts: '{}',
        createdAt: '2026-11-25T10:00:00.000Z',
      })
      .returning({ id: importBatches.id })
      .get().id;
    b.ctx.db
      .insert(itemEvents)
      .values({
        itemId: rossi.id,
        batchId: batch,
        date: '2026-11-25',
        kind: 'reversal',
        amountCents: 122_000,
        residualBeforeCents: 0,
        residualAfterCents: 122_000,
      })
      .run();
    b.ctx.db
      .update(openItems)
      .set({ residualCents: 122_000, status: 'open', closedOn: null })
      .where(eq(openItems.id, rossi.id))
      .run();
    const rows = await ok<
      { customerCode: string; documentNumber: string; batch: number; reopenedOn: string }[]
    >('bank.unreflected', {});
    expect(rows).toMatchObject([
      {
        customerCode: 'C001',
        documentNumber: '101/2026',
        batch,
        reopenedOn: '2026-11-25',
        bookingDate: '2026-11-20',
      },
    ]);
    b.ctx.db
      .update(importBatches)
      .set({ undoneAt: '2026-11-26T08:00:00.000Z' })
      .where(eq(importBatches.id, batch))
      .run();
    expect(await ok('bank.unreflected', {})).toEqual([]);
  });
});

describe('bank.match and bank.undo', () => {
  it('undo takes a match back exactly; the clerk re-assigns it by document number', async () => {
    await importFixture('cbi-rh-2026-11-26.txt');
    const [blu] = (await ok<BankEntryView[]>('bank.list', { status: 'matched' })).filter(
      (e) => e.customerCode === 'C008',
    );
    const undone = await ok<BankEntryView>('bank.undo', { entryId: blu?.id });
    expect(undone).toMatchObject({ status: 'unmatched', allocations: [], creditCents: 0 });
    expect(item('C008', '601/2026')).toMatchObject({ residualCents: 90_000, status: 'open', closedOn: null });
    expect(eventsOf(item('C008', '601/2026').id)).toHaveLength(0);

    const clerk = await ok<{ id: number }>('users.add', {
      name: 'Carla',
      role: 'clerk',
      password: 'carla-secret-1',
    });
    const again = await ok<BankEntryView>('bank.match', { entryId: blu?.id, items: ['601/2026'] }, clerk.id);
    expect(again).toMatchObject({ status: 'matched', customerCode: 'C008', creditCents: 10_000 });
    expect(item('C008', '601/2026').residualCents).toBe(0);
    // A clerk confirms, but does not import or undo.
    const refused = await b.call('bank.undo', { entryId: blu?.id }, clerk.id);
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });

  it('undo of a returned bill closes the item again; the IBAN learned from an undone credit is forgotten', async () => {
    await importFixture('camt054-return.xml');
    const [ret] = await ok<BankEntryView[]>('bank.list', { status: 'returned' });
    await ok('bank.undo', { entryId: ret?.id });
    expect(item('C003', '301/2026')).toMatchObject({
      residualCents: 0,
      status: 'closed',
      closedOn: '2026-11-10',
    });

    await importFixture('camt053-v02-bankA.xml');
    const rossi = (await ok<BankEntryView[]>('bank.list', { status: 'matched' })).find(
      (e) => e.customerCode === 'C001',
    );
    await ok('bank.undo', { entryId: rossi?.id });
    expect(b.ctx.db.select().from(customerIbans).all()).toHaveLength(0);
  });

  it('a suggested credit (customer known by name, amount fitting no set of items) waits for a clerk, who confirms it', async () => {
    const xml = fixture('camt053-v08-bankB.xml')
      .toString('utf8')
      .replace('Pagamento fatture FT 201/2026 e FT 202/2026', 'acconto')
      .replace('IT40S0542811101000000654321', 'IT13Z0542811101000000777777')
      .replace(/2000\.00/g, '1500.00')
      .replace('14450.00', '13950.00');
    const r = await ok<BankImportResult>('bank.import', {
      fileName: 'sugg.xml',
      dataBase64: Buffer.from(xml).toString('base64'),
    });
    expect(r).toMatchObject({ matched: 0, suggested: 1 });
    const [s] = await ok<BankEntryView[]>('bank.list', { status: 'suggested' });
    expect(s).toMatchObject({
      customerCode: 'C004',
      allocations: [
        { documentNumber: '201/2026', amountCents: 120_000 },
        { documentNumber: '202/2026', amountCents: 30_000 },
      ],
    });
    // Nothing paid until a human says so.
    expect(item('C004', '201/2026').residualCents).toBe(120_000);
    const done = await ok<BankEntryView>('bank.match', { entryId: s?.id });
    expect(done.status).toBe('matched');
    expect(item('C004', '202/2026').residualCents).toBe(50_000);
  });
});

describe('the import job', () => {
  const input = (name: string) => ({
    fileName: name,
    data: fixture(name),
    user: null,
    at: '2026-11-27T10:00:00.000Z',
    today: '2026-11-27',
  });

  it('runs in a worker thread with its own connection, reporting progress', async () => {
    const progress: number[] = [];
    const call = {
      app: b.ctx,
      signal: new AbortController().signal,
      progress: (_phase: string, done: number) => progress.push(done),
    };
    const r = await runBankImport(call, input('camt053-v02-bankA.xml'), { worker: true });
    expect(r).toMatchObject({ matched: 2, statement: expect.any(Number) });
    expect(progress[0]).toBe(0);
    // Written by the worker's connection, seen by the app's.
    expect(item('C001', '101/2026').residualCents).toBe(0);
  });

  it('a cancel rolls everything back', async () => {
    const controller = new AbortController();
    controller.abort();
    const call = { app: b.ctx, signal: controller.signal, progress: () => {} };
    await expect(runBankImport(call, input('camt053-v02-bankA.xml'), { worker: true })).rejects.toMatchObject(
      {
        code: 'CANCELLED',
      },
    );
    expect(b.ctx.db.select().from(bankEntries).all()).toHaveLength(0);
    expect(item('C001', '101/2026').residualCents).toBe(122_000);
  });
});
