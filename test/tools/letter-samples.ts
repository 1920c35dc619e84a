/**
 * Renders the first page of each shipped template (Italian) for a sample customer into
 * docs/letters/<template>.png — the pictures the README shows. Run again after changing the
 * layout or the texts, and look at them:
 *
 *   npx tsx test/tools/letter-samples.ts [OUT_DIR] [--pdf]
 *
 * --pdf also copies the PDFs there, to look at the following pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LetterFile } from '../../shared/api/contracts/letters.ts';
import { TEMPLATE_NAMES } from '../../shared/domain/letters/model.ts';
import { testBackend } from '../helpers/backend.ts';
import { addCustomer, addItem, setLetterhead } from '../helpers/letters.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const keepPdf = args.includes('--pdf');
const out = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(ROOT, 'docs', 'letters'));
fs.mkdirSync(out, { recursive: true });

const b = await testBackend('2026-11-23');
try {
  await setLetterhead(b.ctx.db);
  // 2026-H2 is not in the shipped table: the samples use the rate of 1 July 2026 (ECB 2,15 %).
  const added = await b.call('rates.add', { from: '2026-07-01', ecbPercent: 2.15, source: 'sample' });
  if (!added.ok) throw new Error(added.error.message);
  const id = addCustomer(b.ctx.db, {
    code: 'C00042',
    name: 'Officina Meccanica di Precisione Fratelli Colombo & Figli di Giuseppe Colombo S.n.c.',
    address: 'Via Giuseppe Garibaldi 123, 20121 Milano (MI)',
    vat: 'IT09876543210',
    pec: 'colombo.officina@pec.example.it',
  });
  addItem(b.ctx.db, id, { number: 'FT 2026/101', date: '2026-03-02', due: '2026-04-30', amount: 254_489 });
  addItem(b.ctx.db, id, {
    number: 'FT 2026/188',
    date: '2026-05-10',
    due: '2026-06-30',
    amount: 1_220_000,
    residual: 800_000,
  });
  addItem(b.ctx.db, id, { number: 'FT 2026/240', date: '2026-08-01', due: '2026-09-30', amount: 98_000 });
  addItem(b.ctx.db, id, {
    type: 'credit_note',
    number: 'NC 2026/12',
    date: '2026-07-15',
    due: '2026-07-15',
    amount: -12_000,
  });
  addItem(b.ctx.db, id, { number: 'FT 2026/301', date: '2026-11-02', due: '2026-12-31', amount: 50_000 });
  // The reminders already sent (per-invoice levels): the two oldest invoices had both, FT 2026/240
  // only the second, so a formal notice lists it at its second reminder.
  const remind = b.ctx.db.$client.prepare(
    'INSERT INTO item_reminders (item_id, step_index, template, sent_on) SELECT id, ?, ?, ? FROM open_items WHERE document_number = ?',
  );
  for (const doc of ['FT 2026/101', 'FT 2026/188']) remind.run(0, 'reminder1', '2026-07-15', doc);
  for (const doc of ['FT 2026/101', 'FT 2026/188', 'FT 2026/240'])
    remind.run(1, 'reminder2', '2026-10-20', doc);
  for (const template of TEMPLATE_NAMES) {
    const r = await b.call('letters.create', {
      customerCode: 'C00042',
      template,
      channel: template === 'formal_notice' ? 'pec' : 'letter',
    });
    if (!r.ok) throw new Error(r.error.message);
    const letter = r.data as LetterFile;
    const prefix = path.join(out, template);
    execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', letter.path, prefix]);
    if (keepPdf) fs.copyFileSync(letter.path, `${prefix}.pdf`);
    console.log(`${prefix}.png (${letter.pages} page(s), to pay ${letter.amounts.toPayCents} cents)`);
  }
} finally {
  b.close();
}
