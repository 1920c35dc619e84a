/**
 * The GDPR tools (docs/PRIVACY.md, REFERENCE.md section 7):
 *   - export of everything the ledger holds about one customer, for an access or portability
 *     request (art. 15, 20): a ZIP with `customer.json` and the customer's files;
 *   - retention (art. 5(1)(e)): customers whose positions are all closed and whose last closure or
 *     interruptive act is older than the retention period (default 10 years: art. 2220 and 2946
 *     c.c.) are listed for a manager to confirm, monthly, and then anonymised: names, contact
 *     details, notes and files removed, amounts kept for the statistics;
 *   - the legal hold, which keeps a customer out of the list while a claim is open (art. 17(3)(e)).
 * The audit trail itself is kept whole (accountability, art. 5(2)): it is append-only evidence.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import {
  anonymiseCustomerRows,
  customerDataset,
  customerIdByCode,
  heldCustomers,
  personalFiles,
  privacyOf,
  retentionFacts,
  setPrivacy,
} from '../../../../db/queries/gdpr.ts';
import { getSetting, setSetting } from '../../../../db/queries/settings.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { everyInOrder } from '../../../../shared/in-order.ts';
import type { BackendContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { zipFiles } from '../common/zip.ts';
import { removeOrphanBatches } from '../letters/archive.ts';
import { readSetting } from '../settings/store.ts';
import { customerAudit } from './audit-view.ts';

const LAST_REVIEW = 'gdpr.lastReviewOn';
const TRASH_PREFIX = '.gdpr-trash-';

async function requireCustomerId(db: Ledger, code: string): Promise<number> {
  const id = await customerIdByCode(db, code);
  if (id === null) throw new AppError('NOT_FOUND', `No customer with code ${code}.`);
  return id;
}

/** The same day N years later (29 February becomes 28 February). */
export function addYears(day: IsoDate, years: number): IsoDate {
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

// --- export ---------------------------------------------------------------------------------------

const README = `Incasso - esportazione dei dati personali di un cliente / personal data export of one customer

customer.json  tutti i dati che l'archivio crediti conserva sul cliente: anagrafica, partite,
               pagamenti rilevati, pratiche, attivita, contatti, promesse, piani, contestazioni,
               lettere, posta, fase legale, rating, e il registro attivita che lo riguarda.
               Everything the credit ledger holds about the customer, including its audit trail.
files/         i documenti: allegati, lettere archiviate, ricevute PEC (con sha256 in customer.json).
               The documents: attachments, archived letters, PEC receipts (sha256 in customer.json).
`;

export async function exportCustomer(app: BackendContext, code: string, by: string) {
  const id = await requireCustomerId(app.db, code);
  const data = await customerDataset(app.db, id);
  const files: { name: string; data: Uint8Array }[] = [];
  const documents: { path: string; bytes: number; sha256: string; inZip: string | null }[] = [];
  const seen = new Set<string>();
  for (const rel of await personalFiles(app.db, id)) {
    if (seen.has(rel)) continue;
    seen.add(rel);
    const abs = path.join(app.dataDir, rel);
    // Only files inside the data folder, whatever a row says.
    if (path.relative(app.dataDir, abs).startsWith('..') || !fs.existsSync(abs)) {
      documents.push({ path: rel, bytes: 0, sha256: '', inZip: null });
      continue;
    }
    const bytes = fs.readFileSync(abs);
    const name = `files/${rel.split(path.sep).join('/')}`;
    files.push({ name, data: bytes });
    documents.push({
      path: rel,
      bytes: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      inZip: name,
    });
  }
  const json = {
    format: 'incasso-gdpr-export',
    exportedAt: app.now(),
    exportedBy: by,
    controller: String(await readSetting(app.db, 'company.name')),
    customerCode: code,
    ...data,
    documents,
    auditTrail: await customerAudit(app.db, code, 100_000),
  };
  const { data: zip, names } = zipFiles(
    [
      { name: 'LEGGIMI.txt', data: Buffer.from(README, 'utf8') },
      { name: 'customer.json', data: Buffer.from(JSON.stringify(json, null, 2), 'utf8') },
      ...files,
    ],
    new Date(app.now()),
  );
  const safeCode = code.replace(/[^A-Za-z0-9_-]+/g, '_');
  return {
    fileName: `dati-personali-${safeCode}-${app.today()}.zip`,
    bytes: zip.length,
    sha256: crypto.createHash('sha256').update(zip).digest('hex'),
    files: names.length - 2,
    dataBase64: zip.toString('base64'),
  };
}

// --- retention ------------------------------------------------------------------------------------

export async function retentionYears(db: Ledger): Promise<number> {
  return Number(await readSetting(db, 'gdpr.retentionYears'));
}

export async function retentionReview(app: BackendContext) {
  const today = app.today();
  const years = await retentionYears(app.db);
  const candidates = (await retentionFacts(app.db))
    .filter((f) => !f.legalHold && f.openItems === 0 && f.openPositions === 0)
    .map((f) => ({
      code: f.code,
      name: f.name,
      lastActivity: f.lastActivity,
      dueOn: addYears(f.lastActivity, years),
      residualCents: f.residualCents,
    }))
    .filter((c) => c.dueOn <= today);
  return {
    today,
    retentionYears: years,
    lastReviewOn: await getSetting<string | null>(app.db, LAST_REVIEW, null),
    candidates,
    held: await heldCustomers(app.db),
  };
}

/**
 * Anonymises the confirmed customers that are still due (a list shown last month may be stale: a
 * customer with a new invoice or a hold is skipped, with the reason). Files are moved to a trash
 * folder inside the transaction and deleted once it has committed (see sweepTrash).
 */
export async function anonymiseCustomers(
  app: BackendContext,
  codes: readonly string[],
  actor: { id: number; name: string },
) {
  // Letters of killed batches are nowhere in the ledger: they go too (services/letters/archive.ts).
  removeOrphanBatches(app.dataDir, Date.now());
  const due = new Map((await retentionReview(app)).candidates.map((c) => [c.code, c]));
  const facts = new Map((await retentionFacts(app.db)).map((f) => [f.code, f]));
  const anonymised: { code: string; newCode: string }[] = [];
  const skipped: { code: string; reason: string }[] = [];
  const plan: { id: number; code: string; lastActivity: string; dueOn: string; files: string[] }[] = [];
  for (const code of [...new Set(codes)]) {
    const f = facts.get(code);
    const c = due.get(code);
    if (!f) {
      const known = (await customerIdByCode(app.db, code)) !== null;
      skipped.push({ code, reason: known ? 'already anonymised' : 'unknown customer' });
    } else if (f.legalHold) {
      skipped.push({ code, reason: `legal hold: ${f.legalHoldReason ?? ''}`.trim() });
    } else if (f.openItems > 0 || f.openPositions > 0) {
      skipped.push({ code, reason: 'open positions (items, cases, legal, disputes, plans or promises)' });
    } else if (!c) {
      skipped.push({ code, reason: 'retention period not expired' });
    } else {
      const files = [...new Set(await personalFiles(app.db, f.id))].filter((rel) => {
        const abs = path.join(app.dataDir, rel);
        return !path.relative(app.dataDir, abs).startsWith('..') && fs.existsSync(abs);
      });
      plan.push({ id: f.id, code, lastActivity: c.lastActivity, dueOn: c.dueOn, files });
    }
  }
  // The list of moves is written before any file moves, so an interruption can always be undone.
  const moves = plan.flatMap((p) => p.files).map((from, i) => ({ from, to: String(i) }));
  if (moves.length > 0) {
    const trash = path.join(
      app.dataDir,
      `${TRASH_PREFIX}${Date.now()}-${crypto.randomBytes(3).toString('hex')}`,
    );
    fs.mkdirSync(trash, { recursive: true, mode: 0o700 });
    fs.writeFileSync(
      path.join(trash, 'moves.json'),
      JSON.stringify({ customerIds: plan.map((p) => p.id), moves }),
      {
        mode: 0o600,
      },
    );
    for (const m of moves) fs.renameSync(path.join(app.dataDir, m.from), path.join(trash, m.to));
    // After the dispatcher's transaction: deleted if it committed, put back if it rolled back.
    setImmediate(() => sweepTrash(app));
  }
  for (const p of plan) {
    const newCode = `ANON-${p.id}`;
    await anonymiseCustomerRows(app.db, p.id, newCode, app.today());
    await auditAs(app.db, actor, {
      at: app.now(),
      action: 'gdpr.anonymiseCustomer',
      entity: 'customer',
      entityId: p.id,
      before: { code: p.code, lastActivity: p.lastActivity, dueOn: p.dueOn },
      after: { code: newCode, filesRemoved: p.files.length },
    });
    anonymised.push({ code: p.code, newCode });
  }
  await setSetting(app.db, LAST_REVIEW, app.today());
  return { anonymised, skipped };
}

/**
 * Finishes interrupted anonymisations: a trash folder whose customers are anonymised in the
 * ledger is deleted; one whose transaction never committed is moved back.
 */
export async function sweepTrash(app: BackendContext): Promise<void> {
  let names: string[];
  try {
    names = fs.readdirSync(app.dataDir).filter((n) => n.startsWith(TRASH_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(app.dataDir, name);
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(dir, 'moves.json'), 'utf8')) as {
        customerIds: number[];
        moves: { from: string; to: string }[];
      };
      const committed = await everyInOrder(
        meta.customerIds,
        async (id) => (await privacyOf(app.db, id))?.anonymisedOn,
      );
      if (!committed) {
        for (const m of meta.moves) {
          const back = path.join(app.dataDir, m.from);
          fs.mkdirSync(path.dirname(back), { recursive: true, mode: 0o700 });
          if (fs.existsSync(path.join(dir, m.to))) fs.renameSync(path.join(dir, m.to), back);
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      // No list: nothing was moved yet (the list is written first), so nothing to put back.
      if (!fs.existsSync(path.join(dir, 'moves.json'))) fs.rmSync(dir, { recursive: true, force: true });
      else console.error(`GDPR trash ${dir}:`, err);
    }
  }
}

export async function setLegalHold(
  app: BackendContext,
  code: string,
  hold: boolean,
  reason: string | undefined,
) {
  const id = await requireCustomerId(app.db, code);
  const before = await privacyOf(app.db, id);
  if (before?.anonymisedOn) throw new AppError('CONFLICT', `Customer ${code} is already anonymised.`);
  await setPrivacy(app.db, id, {
    legalHold: hold,
    legalHoldReason: hold ? (reason ?? null) : null,
    legalHoldOn: hold ? app.today() : null,
  });
  return {
    before: { legalHold: before?.legalHold ?? false, reason: before?.legalHoldReason ?? null },
    after: { code, legalHold: hold, reason: hold ? (reason ?? null) : null },
  };
}
