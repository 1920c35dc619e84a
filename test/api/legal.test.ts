import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { insertUser } from '../../db/queries/users.ts';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import type { DossierView } from '../../shared/api/contracts/legal.ts';
import { LEGAL_DEFAULTS } from '../../shared/domain/legal.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';

const TODAY = '2026-11-23';
let b: TestBackend;
let manager: number;
let clerk: number;
const all = <T>(sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).all(...p) as T[];
const one = <T>(sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).get(...p) as T;
function ok<T>(method: string, input: unknown, user = manager): Promise<T> {
  return callData<T>(b, method, input, user);
}
async function fails(method: string, input: unknown, user = manager) {
  const r = await b.call(method, input, user);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}
const dossier = (code = 'C1') => ok<DossierView>('legal.get', { code });

const invoice = (customerId: number, doc: string, dueDate: string, cents: number) => ({
  customerId,
  documentType: cents < 0 ? ('credit_note' as const) : ('invoice' as const),
  documentNumber: doc,
  documentDate: dueDate,
  dueDate,
  amountCents: cents,
  residualCents: cents,
});

beforeEach(async () => {
  b = await testBackend(TODAY);
  manager = (await insertUser(b.ctx.db, 'Marta', 'manager')).id;
  clerk = (await insertUser(b.ctx.db, 'Giulia', 'clerk')).id;
  // The half-year the shipped rate table does not have yet.
  await ok('rates.add', { from: '2026-07-01', ecbPercent: 2.15 }, 1);
  // One policy whose first step hands every case over to the lawyer 30 days after the due date.
  await ok('policies.save', {
    policies: [
      {
        name: 'Legale',
        default: true,
        bands: ['A', 'B', 'C', 'D', 'E'],
        minOverdueCents: 1000,
        minGapDays: 7,
        steps: [{ name: 'Affidamento al legale', offsetDays: 30, channel: 'review', escalate: 'legal' }],
      },
    ],
  });
  const [c1, c2, c3] = insertCustomers(b.ctx.db, [
    {
      code: 'C1',
      name: '=SUM(1+1) Rossi S.r.l.',
      vat: 'IT01234567890',
      taxCode: '01234567890',
      pec: 'rossi@pec.it',
    },
    { code: 'C2', name: 'Vecchi S.n.c.' },
    { code: 'C3', name: 'Nuovi S.p.A.' },
  ]) as [number, number, number];
  await insertOpenItems(b.ctx.db, [
    invoice(c1, 'FT 1', '2026-06-01', 100_000),
    invoice(c1, 'FT 2', '2026-08-01', 50_000),
    invoice(c1, 'NC 1', '2026-09-01', -10_000),
    // Ten years old: its prescription falls on 2026-12-01.
    invoice(c2, 'FT 0', '2016-12-01', 30_000),
    // Only 5 days overdue: dunning has not escalated it.
    invoice(c3, 'FT 7', '2026-11-18', 20_000),
  ]);
  await runDay(b.ctx.db, TODAY);
});
afterEach(() => b.close());

describe('legal dossier', () => {
  it('opens on a case a policy step escalated, and evaluates whether going on is worth it', async () => {
    expect(
      one<{ status: string }>("SELECT status FROM cases WHERE policy_name = 'Legale' LIMIT 1").status,
    ).toBe('legal');
    expect((await fails('legal.get', { code: 'C1' })).code).toBe('NOT_FOUND');
    // The profile asks legal.find: null for no dossier, NOT_FOUND only for an unknown customer.
    expect(await ok('legal.find', { code: 'C1' })).toBeNull();
    expect((await fails('legal.find', { code: 'NOPE' })).code).toBe('NOT_FOUND');
    expect((await fails('legal.open', { code: 'C1', to: 'lawyer', name: 'Avv. Bianchi' }, clerk)).code).toBe(
      'FORBIDDEN',
    );
    const handOver = () =>
      all<{ type: string; status: string }>('SELECT type, status FROM tasks WHERE customer_id = 1');
    expect(handOver()).toEqual([{ type: 'legal', status: 'open' }]);
    await ok('legal.open', { code: 'C1', to: 'lawyer', name: 'Avv. Bianchi', reference: 'R-12' });
    // The policy's hand-over task is done by opening the dossier.
    expect(handOver()).toEqual([{ type: 'legal', status: 'done' }]);
    expect((await fails('legal.open', { code: 'C1', to: 'lawyer', name: 'Avv. Rossi' })).code).toBe(
      'CONFLICT',
    );

    const d = await dossier();
    expect(await ok('legal.find', { code: 'C1' })).toEqual(d);
    expect(d).toMatchObject({
      handler: 'lawyer',
      handlerName: 'Avv. Bianchi',
      reference: 'R-12',
      phase: 'entrusted',
    });
    expect(d.caseStatus).toBe('legal');
    const interest = await ok<{ interestCents: number; compensationCents: number }>('interest.get', {
      customerCode: 'C1',
    });
    expect(interest.interestCents).toBeGreaterThan(0);
    const rating = await ok<{ class: 'A' | 'B' | 'C' | 'D' | 'E' }>('ratings.get', { code: 'C1' });
    const e = d.evaluation;
    // Residual net of the credit note + interest + 40 € for each of the two invoices.
    expect(e.claimCents).toBe(140_000 + interest.interestCents + 8_000);
    expect(e).toMatchObject({ residualCents: 140_000, compensationCents: 8_000, warnings: [] });
    expect(e.ratingClass).toBe(rating.class);
    expect(e.furtherCostsCents).toBe(LEGAL_DEFAULTS.furtherCostsCents.entrusted);
    expect(e.probability).toBe(LEGAL_DEFAULTS.probabilityPercent.entrusted[rating.class] / 100);
    expect(e.expectedNetCents).toBe(Math.round(e.claimCents * e.probability) - e.furtherCostsCents);
    expect(e.worthContinuing).toBe(e.expectedNetCents > 0);
    expect(e.reason.length).toBeGreaterThan(40);
    expect(d.events.map((x) => x.kind)).toEqual(['opened']);

    const audit = one<{ entity: string; after: string }>(
      "SELECT entity, after FROM audit_log WHERE action = 'legal.open'",
    );
    expect(audit.entity).toBe('legal_dossier');
    expect(JSON.parse(audit.after)).toMatchObject({ name: 'Avv. Bianchi', caseStatus: 'legal' });
  });

  it('costs, phases, own figures and recoveries change the evaluation', async () => {
    await ok('legal.open', { code: 'C1', to: 'lawyer', name: 'Avv. Bianchi', date: '2026-11-15' });
    const start = (await dossier()).evaluation;
    const cls = start.ratingClass;

    await ok('legal.cost', { code: 'C1', cents: 50_000, kind: 'lawyer', date: '2026-11-20' });
    let e = (await dossier()).evaluation;
    expect(e.costsCents).toBe(50_000);
    // Spent money does not change whether the next step pays.
    expect(e.expectedNetCents).toBe(start.expectedNetCents);

    await ok('legal.phase', { code: 'C1', phase: 'injunction_issued', date: '2026-11-21' });
    e = (await dossier()).evaluation;
    expect(e.phase).toBe('injunction_issued');
    expect(e.furtherCostsCents).toBe(LEGAL_DEFAULTS.furtherCostsCents.injunction_issued);
    expect(e.probability).toBe(LEGAL_DEFAULTS.probabilityPercent.injunction_issued[cls] / 100);
    expect(e.expectedNetCents).not.toBe(start.expectedNetCents);

    await ok('legal.update', { code: 'C1', probabilityPercent: 90, furtherCostsCents: 10_000 });
    e = (await dossier()).evaluation;
    expect(e).toMatchObject({ probability: 0.9, probabilitySource: 'dossier', furtherCostsCents: 10_000 });
    expect(e.worthContinuing).toBe(true);
    expect(e.expectedNetCents).toBe(Math.round(e.claimCents * 0.9) - 10_000);

    await ok('legal.recovery', { code: 'C1', cents: 20_000 });
    expect((await dossier()).evaluation.recoveredCents).toBe(20_000);
    expect(
      (await fails('legal.cost', { code: 'C1', cents: 100, kind: 'lawyer', date: '2027-01-01' })).code,
    ).toBe('VALIDATION');
    expect((await fails('legal.cost', { code: 'C1', cents: 100, kind: 'lunch' })).code).toBe('VALIDATION');

    await ok('legal.phase', { code: 'C1', phase: 'closed_settled' });
    const closed = await dossier();
    expect(closed).toMatchObject({ phase: 'closed_settled', closedOn: TODAY });
    expect(closed.evaluation).toMatchObject({
      reasonCode: 'closed',
      worthContinuing: false,
      furtherCostsCents: 0,
    });
    expect(closed.events.map((x) => x.kind)).toEqual(['opened', 'phase', 'phase']);
    expect(await ok<unknown[]>('legal.list', { status: 'active' })).toEqual([]);
    expect(
      await ok<{ costsCents: number; recoveredCents: number }[]>('legal.list', { status: 'closed' }),
    ).toEqual([expect.objectContaining({ customerCode: 'C1', costsCents: 50_000, recoveredCents: 20_000 })]);
  });

  it('a manager escalates a case still in dunning (to an agency); nothing overdue, nothing to hand over', async () => {
    expect(one<{ status: string }>('SELECT status FROM cases WHERE customer_id = 3').status).toBe('open');
    await ok('legal.open', { code: 'C3', to: 'agency', name: 'Recupero Crediti S.p.A.' });
    expect(one<{ status: string }>('SELECT status FROM cases WHERE customer_id = 3').status).toBe('agency');
    expect((await dossier('C3')).handler).toBe('agency');
    b.ctx.db.$client.prepare("INSERT INTO customers (code, name) VALUES ('C4', 'Puntuali S.r.l.')").run();
    expect((await fails('legal.open', { code: 'C4', to: 'lawyer', name: 'Avv. Bianchi' })).code).toBe(
      'CONFLICT',
    );
  });

  it('prescription: the run warns 90 days before, once; a delivered notice moves the date', async () => {
    const warnings = () =>
      all<{ step_name: string; type: string; assignee_id: number; priority: number }>(
        "SELECT step_name, type, assignee_id, priority FROM tasks WHERE step_name LIKE 'Prescrizione%'",
      );
    expect(warnings()).toEqual([]); // no dossier yet: no warning
    await ok('legal.open', { code: 'C2', to: 'lawyer', name: 'Avv. Bianchi' });
    expect((await dossier('C2')).prescription).toMatchObject({
      date: '2026-12-01',
      basis: 'due_date',
      warningOn: '2026-09-02',
    });
    const counts = await runDay(b.ctx.db, TODAY);
    expect(counts.byType.review).toBe(1);
    expect(warnings()).toEqual([
      {
        step_name: 'Prescrizione: atto interruttivo entro il 01/12/2026',
        type: 'review',
        assignee_id: manager,
        priority: 100,
      },
    ]);
    await runDay(b.ctx.db, '2026-11-24');
    expect(warnings()).toHaveLength(1);

    await ok(
      'legal.event',
      { code: 'C2', kind: 'notice_delivered', description: 'Diffida consegnata via PEC', date: '2026-11-20' },
      clerk,
    );
    const d = await dossier('C2');
    expect(d.prescription).toMatchObject({
      date: '2036-11-20',
      basis: 'interruptive_act',
      lastInterruptiveAct: '2026-11-20',
    });
    expect(d.evaluation.prescriptionDate).toBe('2036-11-20');
    await runDay(b.ctx.db, '2026-11-25');
    expect(warnings()).toHaveLength(1);
  });

  it('events carry documents, stored with their sha256', async () => {
    await ok('legal.open', { code: 'C1', to: 'lawyer', name: 'Avv. Bianchi' });
    const pdf = Buffer.from('%PDF-1.4 decreto ingiuntivo');
    const r = await ok<{ attachmentId: number }>('legal.event', {
      code: 'C1',
      kind: 'judicial_act',
      description: 'Decreto ingiuntivo n. 123/2026',
      fileName: 'decreto.pdf',
      dataBase64: pdf.toString('base64'),
    });
    const d = await dossier();
    expect(d.events.at(-1)).toMatchObject({
      kind: 'judicial_act',
      interruptive: true,
      fileName: 'decreto.pdf',
    });
    expect(
      one<{ sha256: string }>('SELECT sha256 FROM attachments WHERE id = ?', r.attachmentId).sha256,
    ).toBe(crypto.createHash('sha256').update(pdf).digest('hex'));
    const audit = one<{ after: string }>("SELECT after FROM audit_log WHERE action = 'legal.event'");
    expect(audit.after).not.toContain('dataBase64');
  });
});

describe('legal export', () => {
  interface CfbFile {
    name: string;
    content: Uint8Array;
  }
  const CFB: { read: (d: Buffer, o: { type: 'buffer' }) => { FileIndex: CfbFile[]; FullPaths: string[] } } =
    XLSX.CFB;

  it('a ZIP with the XLSX summary (typed, formulas neutralised, nothing internal) and the letters sent', async () => {
    await ok('legal.open', {
      code: 'C1',
      to: 'agency',
      name: 'Recupero S.p.A.',
      note: 'nota interna riservata',
    });
    const pdf = Buffer.from('%PDF-1.4 messa in mora');
    fs.mkdirSync(path.join(b.ctx.dataDir, 'letters'), { recursive: true });
    fs.writeFileSync(path.join(b.ctx.dataDir, 'letters', 'mm.pdf'), pdf);
    b.ctx.db.$client
      .prepare(
        `INSERT INTO letters (customer_id, template, language, channel, date, reference, path, sha256, size_bytes, pages,
           overdue_cents, credits_cents, interest_cents, compensation_cents, total_cents, status, sent_on)
         VALUES (1, 'formal_notice', 'it', 'pec', '2026-10-15', 'MM-2026-7', 'letters/mm.pdf', 'x', ?, 1, 150000, 10000, 0, 8000, 148000, 'sent', '2026-10-15')`,
      )
      .run(pdf.length);

    const r = await ok<{ path: string; sha256: string; entries: string[]; dataBase64: string }>(
      'legal.export',
      {
        code: 'C1',
      },
    );
    expect(r.entries).toEqual(['riepilogo.xlsx', 'lettere/2026-10-15_formal_notice_MM-2026-7.pdf']);
    const zip = fs.readFileSync(r.path);
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(crypto.createHash('sha256').update(zip).digest('hex')).toBe(r.sha256);
    expect(Buffer.from(r.dataBase64, 'base64').equals(zip)).toBe(true);

    const archive = CFB.read(zip, { type: 'buffer' });
    const entry = (name: string) => {
      const i = archive.FullPaths.findIndex((p) => p.endsWith(name));
      const f = archive.FileIndex[i];
      if (!f) throw new Error(`${name} not in the ZIP`);
      return Buffer.from(f.content);
    };
    expect(entry('lettere/2026-10-15_formal_notice_MM-2026-7.pdf').equals(pdf)).toBe(true);

    const wb = XLSX.read(entry('riepilogo.xlsx'), { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toEqual(['Riepilogo', 'Partite', 'Lettere']);
    const summary = wb.Sheets.Riepilogo as XLSX.WorkSheet;
    expect(summary.B3).toMatchObject({ t: 's', v: "'=SUM(1+1) Rossi S.r.l." });
    expect(summary.B4?.v).toBe('IT01234567890');
    expect(summary.B5?.v).toBe('01234567890');
    const items = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Partite as XLSX.WorkSheet, {
      header: 1,
      raw: true,
    });
    // Dates are date cells (read back as dates), amounts numbers in euros, days an integer.
    const june1 = new Date('2026-06-01T00:00:00Z');
    expect(items[1]).toEqual(['Fattura', 'FT 1', june1, june1, undefined, 1000, 1000, 175, 'no']);
    const ft1Due = (wb.Sheets.Partite as XLSX.WorkSheet).D2;
    expect(ft1Due).toMatchObject({ t: 'n', v: 46174, z: 'dd/mm/yyyy' });
    expect(XLSX.SSF.format('dd/mm/yyyy', ft1Due?.v as number)).toBe('01/06/2026');
    const letters = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Lettere as XLSX.WorkSheet, { header: 1 });
    expect(letters[1]).toContain('lettere/2026-10-15_formal_notice_MM-2026-7.pdf');
    // Only what the agency needs: no internal note, no rating, no evaluation.
    const text = JSON.stringify(wb.Sheets);
    for (const internal of ['nota interna', 'rating', 'probab', 'Classe'])
      expect(text).not.toContain(internal);

    const audit = one<{ entity: string; after: string }>(
      "SELECT entity, after FROM audit_log WHERE action = 'legal.export'",
    );
    expect(audit.entity).toBe('legal_dossier');
    expect(JSON.parse(audit.after)).toMatchObject({ sha256: r.sha256, entries: r.entries });
    expect(audit.after).not.toContain('dataBase64');
    expect((await dossier()).events.map((e) => e.kind)).toEqual(['opened', 'export']);
    // The formal notice sent is an interruptive act for prescription.
    expect((await dossier()).prescription.lastInterruptiveAct).toBe('2026-10-15');
  });
});
