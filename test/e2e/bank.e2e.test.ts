/**
 * End to end: an accountant imports the day's bank statement (camt.053.001.02, built to the ISO
 * 20022 schema) through the Bank page's file input; the day's totals and the tabs show what was
 * matched, what waits for confirmation and what nobody could place; the suggestion is confirmed
 * with the keyboard, and the customer's timeline shows the bank payment on the booking date with
 * its reference. Screenshots in test/artifacts/bank-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { CustomerProfilePage } from './customer-pages.ts';
import { openApp, type Session, Shell, text, until } from './pages.ts';

const TODAY = '2026-11-27';

/** Three customers with open invoices, as an aged-receivables import would leave them. */
async function ledger(dbPath: string): Promise<void> {
  const ctx = await createBackend({ dbPath, mode: 'cli', today: TODAY });
  try {
    const [rossi, verdi] = insertCustomers(ctx.db, [
      { code: 'C001', name: 'Rossi Costruzioni S.r.l.' },
      { code: 'C004', name: 'Verdi & Figli S.n.c.' },
    ]) as [number, number];
    const invoice = (customerId: number, documentNumber: string, dueDate: string, cents: number) => ({
      customerId,
      documentType: 'invoice' as const,
      documentNumber,
      documentDate: '2026-09-01',
      dueDate,
      installment: '',
      amountCents: cents,
      residualCents: cents,
      status: 'open' as const,
      closedOn: null,
    });
    await insertOpenItems(ctx.db, [
      invoice(rossi, '101/2026', '2026-10-31', 122_000),
      invoice(verdi, '201/2026', '2026-10-31', 120_000),
      invoice(verdi, '202/2026', '2026-11-15', 80_000),
    ]);
  } finally {
    ctx.close();
  }
}

/** One booked credit of a camt.053.001.02 statement. */
function credit(ref: string, cents: number, payer: string, e2e: string, remittance: string): string {
  const amount = (cents / 100).toFixed(2);
  return `
      <Ntry>
        <Amt Ccy="EUR">${amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-26</Dt></BookgDt>
        <ValDt><Dt>2026-11-26</Dt></ValDt>
        <AcctSvcrRef>${ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>${e2e}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">${amount}</Amt></TxAmt></AmtDtls>
            <RltdPties><Dbtr><Nm>${payer}</Nm></Dbtr></RltdPties>
            <RmtInf><Ustrd>${remittance}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`;
}

/** Rossi pays its invoice (matched), Verdi a round sum (to confirm), an unknown payer (unmatched). */
function statement(): string {
  const opening = 1_000_000;
  const credits = [122_000, 150_000, 7_700];
  const closing = opening + credits.reduce((s, c) => s + c, 0);
  const balance = (code: string, cents: number) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${(cents / 100).toFixed(2)}</Amt>` +
    '<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-26</Dt></Dt></Bal>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>E2E-20261126</MsgId><CreDtTm>2026-11-26T19:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>E2E-STMT-1</Id>
      <CreDtTm>2026-11-26T19:00:00</CreDtTm>
      <Acct><Id><IBAN>IT60X0542811101000000123456</IBAN></Id><Ccy>EUR</Ccy></Acct>
      ${balance('OPBD', opening)}
      ${balance('CLBD', closing)}
      ${credit('E2E-0001', 122_000, 'ROSSI COSTRUZIONI SRL', 'ROSSI-101', 'SALDO FATTURA 101/2026')}
      ${credit('E2E-0002', 150_000, 'Verdi &amp; Figli Snc', 'VERDI-ACCONTO-11', 'acconto')}
      ${credit('E2E-0003', 7_700, 'Mario Bianchi', 'MB-77', 'bonifico')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

describe('Bank page', () => {
  let s: Session;
  let shell: Shell;
  let file: string;

  beforeAll(async () => {
    s = await openApp({ demo: false, today: TODAY, prepare: ledger });
    shell = new Shell(s.page);
    file = path.join(s.dir, 'estratto-20261126.xml');
    fs.writeFileSync(file, statement());
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('imports a statement through the file input and shows the day’s totals and the tabs', async () => {
    await shell.go('Banca', 'Estratti conto bancari');
    const day = s.page.getByRole('region', { name: /^I movimenti del giorno/ });
    await day.getByText(/Nessun estratto conto importato/).waitFor();
    await s.page.locator('input[type="file"]').setInputFiles(file);
    await s.page.getByText('estratto-20261126.xml importato').waitFor({ timeout: 60_000 });
    await s.page.getByRole('region', { name: 'I movimenti del giorno · 26/11/2026' }).waitFor();
    const stat = async (label: string) =>
      text(day.getByText(label, { exact: true }).locator('xpath=following-sibling::*[1]'));
    expect(await stat('Accrediti')).toBe('3 · 2.797,00 €');
    expect(await stat('Abbinati')).toBe('1 · 1.220,00 €');
    expect(await stat('Da confermare')).toBe('1 · 1.500,00 €');
    expect(await stat('Non abbinati')).toBe('1 · 77,00 €');

    const tabs = s.page.getByRole('tablist', { name: 'Movimenti bancari' });
    const suggested = s.page.getByRole('table', { name: 'Da confermare', exact: true });
    await suggested.getByText('Verdi & Figli Snc').waitFor();
    expect(await text(suggested)).toContain('201/2026 · 1.200,00 €');
    await shell.screenshot('bank-1-imported', { fullPage: true });

    await tabs.getByRole('tab', { name: 'Non abbinati', exact: true }).click();
    await s.page
      .getByRole('table', { name: 'Non abbinati', exact: true })
      .getByText('Mario Bianchi')
      .waitFor();
    await tabs.getByRole('tab', { name: 'Abbinati', exact: true }).click();
    const matched = s.page.getByRole('table', { name: 'Abbinati', exact: true });
    await matched.getByText('ROSSI COSTRUZIONI SRL').waitFor();
    expect(await text(matched)).toContain('101/2026 · 1.220,00 €');
  });

  it('confirms the suggestion with the keyboard; the customer’s timeline shows the payment, its date and reference', async () => {
    const tabs = s.page.getByRole('tablist', { name: 'Movimenti bancari' });
    await tabs.getByRole('tab', { name: 'Da confermare', exact: true }).click();
    const suggested = s.page.getByRole('table', { name: 'Da confermare', exact: true });
    const confirm = suggested.getByRole('button', { name: /^Conferma il movimento \d+$/ });
    await confirm.focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByText(/^Movimento \d+ confermato$/).waitFor();
    await s.page.getByText('Nessun movimento.').waitFor();
    const day = s.page.getByRole('region', { name: /^I movimenti del giorno/ });
    await until(
      () => text(day),
      (t) => t.includes('Abbinati2 · 2.720,00 €'),
    );
    await shell.screenshot('bank-2-confirmed', { fullPage: true });

    await s.page.goto(`${s.server.url}#/customers/C004`);
    const profile = new CustomerProfilePage(s.page);
    await profile.heading('Verdi & Figli S.n.c.').waitFor();
    await profile.tab('Cronologia');
    const row = profile.timeline.getByRole('row').filter({ hasText: 'Pagamento di 201/2026' });
    await row.waitFor();
    const line = await text(row);
    expect(line).toContain('26/11/2026');
    // The bank entry, the payer and the payer's reference (here the end-to-end id: no RF quoted).
    expect(line).toMatch(/movimento bancario n\. \d+ · Verdi & Figli Snc · VERDI-ACCONTO-11/);
    expect(line).toContain('1.200,00');
    await profile.timeline.getByRole('row').filter({ hasText: 'Pagamento parziale di 202/2026' }).waitFor();
    await shell.screenshot('bank-3-timeline', { fullPage: true });
    expect(s.pageErrors).toEqual([]);
  });
});
