/** A hand-made ledger for the letters tests: customers, items, letter tasks and a letterhead. */
import type { Ledger } from '../../db/open.ts';
import { updateSettings } from '../../electron/backend/services/settings/store.ts';

export const COMPANY = {
  'company.name': 'Fornitore Esempio S.r.l.',
  'company.address': "Via dell'Industria 12\n40138 Bologna (BO)",
  'company.vat': 'IT01234567890',
  'company.phone': '051 123456',
  'company.email': 'crediti@fornitore-esempio.it',
  'company.iban': 'IT60 X054 2811 1010 0000 0123 456',
  'company.bic': 'BPMOIT22XXX',
  'company.contact': 'Giulia Ferri, Ufficio Crediti',
  'company.signer': 'Marco Bianchi, Amministratore',
  'company.place': 'Bologna',
};

export async function setLetterhead(db: Ledger): Promise<void> {
  await updateSettings(db, COMPANY);
}

export interface CustomerSeed {
  code: string;
  name: string;
  address?: string;
  vat?: string;
  email?: string;
  pec?: string;
  language?: 'it' | 'en';
  band?: string;
}

export function addCustomer(db: Ledger, c: CustomerSeed): number {
  return Number(
    db.$client
      .prepare(
        'INSERT INTO customers (code, name, address, vat, email, pec, language, band) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
      )
      .pluck()
      .get(
        c.code,
        c.name,
        c.address ?? null,
        c.vat ?? null,
        c.email ?? null,
        c.pec ?? null,
        c.language ?? 'it',
        c.band ?? 'C',
      ),
  );
}

export interface ItemSeed {
  type?: 'invoice' | 'credit_note';
  number: string;
  date: string;
  due: string;
  amount: number;
  residual?: number;
  status?: 'open' | 'closed';
}

export function addItem(db: Ledger, customerId: number, i: ItemSeed): void {
  db.$client
    .prepare(
      `INSERT INTO open_items (customer_id, document_type, document_number, document_date, due_date, installment, amount_cents, residual_cents, status)
       VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)`,
    )
    .run(
      customerId,
      i.type ?? 'invoice',
      i.number,
      i.date,
      i.due,
      i.amount,
      i.residual ?? i.amount,
      i.status ?? 'open',
    );
}

/**
 * Customer K1, Cliente Uno S.r.l. of Via Roma 1, Milano, reached by e-mail at
 * amministrazione@clienteuno.it (other contacts, band: `extra`), owing FT 1: 1,000.00 of
 * 1 February 2026, due 1 March.
 */
export function addClienteUnoFt1(db: Ledger, extra: Omit<CustomerSeed, 'code' | 'name'> = {}): number {
  const k1 = addCustomer(db, {
    code: 'K1',
    name: 'Cliente Uno S.r.l.',
    address: 'Via Roma 1\n20121 Milano (MI)',
    email: 'amministrazione@clienteuno.it',
    ...extra,
  });
  addItem(db, k1, { number: 'FT 1', date: '2026-02-01', due: '2026-03-01', amount: 100_000 });
  return k1;
}

/**
 * Customer K1, Cliente Uno S.r.l. (with the contacts given), owing two invoices: FT A/1 (1,000.00,
 * due 15 December 2025) and FT A/2 (3,000.00 due 20 June 2025, 2,554.89 of it left).
 */
export function addClienteUno(db: Ledger, contacts: Omit<CustomerSeed, 'code' | 'name'>): number {
  const k1 = addCustomer(db, { code: 'K1', name: 'Cliente Uno S.r.l.', ...contacts });
  addItem(db, k1, { number: 'FT A/1', date: '2025-11-15', due: '2025-12-15', amount: 100_000 });
  addItem(db, k1, {
    number: 'FT A/2',
    date: '2025-05-20',
    due: '2025-06-20',
    amount: 300_000,
    residual: 255_489,
  });
  return k1;
}

/** An open letter/e-mail/PEC task (with its case) due on `due`. */
export function addLetterTask(
  db: Ledger,
  customerId: number,
  type: 'letter' | 'email' | 'pec',
  template: string,
  due: string,
): number {
  const c = db.$client;
  let caseId = c
    .prepare("SELECT id FROM cases WHERE customer_id = ? AND status <> 'closed'")
    .pluck()
    .get(customerId) as number | undefined;
  if (caseId === undefined) {
    caseId = Number(
      c
        .prepare(
          "INSERT INTO cases (customer_id, policy_name, status, opened_on, opened_overdue_cents, overdue_cents) VALUES (?, 'Standard', 'open', ?, 100000, 100000) RETURNING id",
        )
        .pluck()
        .get(customerId, due),
    );
  }
  return Number(
    c
      .prepare(
        `INSERT INTO tasks (case_id, customer_id, step_index, step_name, type, template, due_date, created_on, assignee_id, priority, priority_factors)
         VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 1, 50, '[]') RETURNING id`,
      )
      .pluck()
      .get(caseId, customerId, `${template} (${type})`, type, template, due, due),
  );
}

export function taskRow(
  db: Ledger,
  id: number,
): { status: string; outcome: string | null; note: string | null } {
  return db.$client.prepare('SELECT status, outcome, note FROM tasks WHERE id = ?').get(id) as {
    status: string;
    outcome: string | null;
    note: string | null;
  };
}

export const count = (db: Ledger, table: string, where = '1=1'): number =>
  Number(db.$client.prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`).pluck().get());
