/**
 * Hand-over of a dossier to an external agency or lawyer: a ZIP with an XLSX summary (identity,
 * tax codes, items, amounts, letters sent) and the archived letter PDFs — only what they need:
 * no rating, no evaluation, no internal notes, no contact log. Written in the data folder,
 * recorded as a dossier event; the dispatcher's audit row says who exported what.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import type { Ledger } from '../../../../db/open.ts';
import { insertEvent, sentLettersOf } from '../../../../db/queries/legal.ts';
import type { UserRecord } from '../../../../db/queries/users.ts';
import { daysBetween, type IsoDate } from '../../../../shared/domain/dates.ts';
import { date, euros, header, int, safeText, sheet } from '../common/spreadsheet.ts';
import { type ZipFile, zipFiles } from '../common/zip.ts';
import { dossierClaim } from './claim.ts';
import { loadLegalConfig } from './config.ts';
import { requireDossier } from './dossiers.ts';
import { customerPrescription } from './prescription.ts';

const TEMPLATE_LABEL: Record<string, string> = {
  reminder1: 'Sollecito cortese',
  reminder2: 'Secondo sollecito',
  formal_notice: 'Messa in mora',
  statement: 'Estratto conto',
};

export interface ExportResult {
  dossierId: number;
  fileName: string;
  path: string;
  sha256: string;
  sizeBytes: number;
  entries: string[];
  dataBase64: string;
}

export async function exportDossier(
  db: Ledger,
  dataDir: string,
  code: string,
  user: UserRecord,
  today: IsoDate,
  now: Date,
): Promise<ExportResult> {
  const { customer: c, dossier } = await requireDossier(db, code);
  const claim = await dossierClaim(db, c, today);
  const prescription = await customerPrescription(db, c.id, await loadLegalConfig(db));
  const letters = await sentLettersOf(db, c.id);

  const files: ZipFile[] = [];
  const letterFile = new Map<number, string>();
  for (const { l } of letters) {
    const abs = path.join(dataDir, l.path);
    if (!fs.existsSync(abs)) continue;
    const name = `lettere/${l.date}_${l.template}_${l.reference}.pdf`;
    files.push({ name, data: fs.readFileSync(abs) });
    letterFile.set(l.id, name);
  }

  const summary = sheet(
    [
      header('Pratica di recupero crediti', 'Affidamento'),
      [safeText('Codice cliente'), safeText(c.code)],
      [safeText('Ragione sociale'), safeText(c.name)],
      [safeText('Partita IVA'), safeText(c.vat)],
      [safeText('Codice fiscale'), safeText(c.taxCode)],
      [safeText('Indirizzo'), safeText(c.address)],
      [safeText('PEC'), safeText(c.pec)],
      [safeText('E-mail'), safeText(c.email)],
      [safeText('Telefono'), safeText(c.phone)],
      [],
      [safeText('Affidata a'), safeText(dossier.handlerName)],
      [safeText('Riferimento'), safeText(dossier.reference)],
      [safeText('Data affidamento'), date(dossier.openedOn)],
      [],
      [safeText('Residuo scaduto (€)'), euros(claim.residualCents)],
      [
        safeText(`Interessi di mora al ${today.split('-').reverse().join('/')} (€)`),
        euros(claim.interestCents),
      ],
      [safeText('Indennizzo forfettario art. 6 D.Lgs. 231/2002 (€)'), euros(claim.compensationCents)],
      [safeText('Spese di sollecito (€)'), euros(claim.claim.feesCents)],
      [
        safeText('Totale credito (€)'),
        euros(claim.residualCents + claim.interestCents + claim.compensationCents + claim.claim.feesCents),
      ],
      [safeText('Prescrizione: atto interruttivo entro'), date(prescription.date)],
      [safeText('Ultimo atto interruttivo'), date(prescription.lastInterruptiveAct)],
      [],
      [safeText('Esportato il'), date(today)],
    ],
    [48, 40],
  );
  const items = sheet(
    [
      header(
        'Tipo',
        'Numero',
        'Data documento',
        'Scadenza',
        'Rata',
        'Importo (€)',
        'Residuo (€)',
        'Giorni di ritardo',
        'Contestata',
      ),
      ...claim.items.map((i) => [
        safeText(i.documentType === 'invoice' ? 'Fattura' : 'Nota di credito'),
        safeText(i.documentNumber),
        date(i.documentDate),
        date(i.dueDate),
        safeText(i.installment),
        euros(i.amountCents),
        euros(i.residualCents),
        int(Math.max(0, daysBetween(i.dueDate, today))),
        safeText(i.disputed ? 'sì' : 'no'),
      ]),
    ],
    [16, 16, 14, 12, 8, 14, 14, 10, 10],
  );
  const lettersSheet = sheet(
    [
      header(
        'Data',
        'Tipo',
        'Canale',
        'Riferimento',
        'Importo richiesto (€)',
        'Inviata il',
        'Consegna PEC',
        'File',
      ),
      ...letters.map(({ l, deliveredAt }) => [
        date(l.date),
        safeText(TEMPLATE_LABEL[l.template] ?? l.template),
        safeText(l.channel === 'pec' ? 'PEC' : l.channel === 'email' ? 'E-mail' : 'Lettera'),
        safeText(l.reference),
        euros(l.totalCents),
        date(l.sentOn),
        date(deliveredAt?.slice(0, 10)),
        safeText(letterFile.get(l.id) ?? 'non archiviata'),
      ]),
    ],
    [12, 20, 10, 20, 16, 12, 12, 50],
  );
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, summary, 'Riepilogo');
  XLSX.utils.book_append_sheet(wb, items, 'Partite');
  XLSX.utils.book_append_sheet(wb, lettersSheet, 'Lettere');
  const xlsx = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  files.unshift({ name: 'riepilogo.xlsx', data: xlsx });

  const { data: zip, names } = zipFiles(files, now);
  const sha256 = crypto.createHash('sha256').update(zip).digest('hex');
  const fileName = `pratica-${c.code.replace(/[^\w.-]/g, '_')}-${today}.zip`;
  const abs = path.join(dataDir, 'exports', 'legal', fileName);
  fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
  fs.writeFileSync(abs, zip, { mode: 0o600 });
  await insertEvent(db, {
    dossierId: dossier.id,
    date: today,
    kind: 'export',
    phase: null,
    description: `Esportata per l'affidamento: ${fileName} (sha256 ${sha256.slice(0, 12)}…)`,
    interruptive: false,
    userId: user.id,
  });
  return {
    dossierId: dossier.id,
    fileName,
    path: abs,
    sha256,
    sizeBytes: zip.length,
    entries: names,
    dataBase64: zip.toString('base64'),
  };
}
